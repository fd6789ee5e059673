import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deferredGuidanceRepo, deferredOutboxRepo } from '../../../src/store/deferred-repos.ts';
import { createGuidanceRepo, type GuidanceRepo } from '../../../src/store/guidance-repo.ts';
import { createOutboxRepo, type OutboxRepo } from '../../../src/store/outbox-repo.ts';
import { createReportRepo } from '../../../src/store/report-repo.ts';
import { buildReport, closeAfterTest, createdVault, TestReportSchema } from '../fixtures.ts';

const entry = { version: '7', etag: '"7"', pack: { articles: [] }, fetchedAt: 1_700_000_000_000 };

/** A promise settled by hand, standing for the store's chunk still loading. */
const loading = <T>() => {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
};

describe('repositories the first render holds before the store has loaded', () => {
  it('answers calls made before the store loaded from the real repositories once it has', async () => {
    const { db, vault } = await createdVault();
    closeAfterTest(db, vault);
    await createReportRepo(db, vault, { schema: TestReportSchema, schemaVersion: 1, now: () => 100 }).put(
      buildReport({ id: 'waiting', status: 'queued' }),
    );
    const outboxLoading = loading<OutboxRepo>();
    const guidanceLoading = loading<GuidanceRepo>();
    const outbox = deferredOutboxRepo(outboxLoading.promise);
    const guidance = deferredGuidanceRepo(guidanceLoading.promise);

    const counted = outbox.count();
    const stored = guidance.put(entry);
    let answered = false;
    void counted.then(() => {
      answered = true;
    });
    await Promise.resolve();
    expect(answered).toBe(false);

    outboxLoading.resolve(createOutboxRepo(db));
    guidanceLoading.resolve(createGuidanceRepo(db));
    expect(await counted).toBe(1);
    await stored;
    expect(await guidance.get()).toEqual(entry);
    expect((await outbox.due(100)).map((r) => r.reportId)).toEqual(['waiting']);
    expect((await outbox.all()).map((r) => r.reportId)).toEqual(['waiting']);
    await outbox.recordFailure('waiting', { nextAttemptAt: 500, lastError: 'timeout' });
    expect(await outbox.get('waiting')).toMatchObject({ attempts: 1, nextAttemptAt: 500, lastError: 'timeout' });
    await guidance.clear();
    expect(await guidance.get()).toBeUndefined();
  });

  it('fails every call with the loading error when the store could not be loaded, and never unhandled', async () => {
    const damaged = new Error('chunk unreadable');
    const outbox = deferredOutboxRepo(Promise.reject(damaged));
    const guidance = deferredGuidanceRepo(Promise.reject(damaged));
    // Nothing called yet: a rejection nobody handles would fail this test run.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(outbox.count()).rejects.toBe(damaged);
    await expect(outbox.get('any')).rejects.toBe(damaged);
    await expect(guidance.get()).rejects.toBe(damaged);
    await expect(guidance.put(entry)).rejects.toBe(damaged);
  });
});
