// Stand-ins for the outbox and guidance repositories that the app's first render holds before the store's chunk
// (Dexie) has loaded: each call waits for the real repository, then runs on it. Imports no store code at run time.
import type { GuidanceRepo } from './guidance-repo.ts';
import type { OutboxRepo } from './outbox-repo.ts';

/** `repo` once it has loaded; a repository that never loads (a damaged cache) rejects each call with its error. */
const settled = <T>(repo: Promise<T>): Promise<T> => {
  // Nobody may call before it fails: that is not an unhandled rejection, each later call still gets the error.
  repo.catch(() => undefined);
  return repo;
};

export const deferredOutboxRepo = (loading: Promise<OutboxRepo>): OutboxRepo => {
  const repo = settled(loading);
  return {
    due: (now) => repo.then((r) => r.due(now)),
    all: () => repo.then((r) => r.all()),
    count: () => repo.then((r) => r.count()),
    get: (reportId) => repo.then((r) => r.get(reportId)),
    recordFailure: (reportId, failure) => repo.then((r) => r.recordFailure(reportId, failure)),
  };
};

export const deferredGuidanceRepo = (loading: Promise<GuidanceRepo>): GuidanceRepo => {
  const repo = settled(loading);
  return {
    get: () => repo.then((r) => r.get()),
    put: (entry) => repo.then((r) => r.put(entry)),
    clear: () => repo.then((r) => r.clear()),
  };
};
