// The retention sweep: reviewed reports whose last review is older than the retention period are deleted from the
// database (envelopes, routing fields and alerts), with one audit row per batch naming the ids. Runs at start and on
// a timer; never deletes a report not yet reviewed, and never reads what a report says (it cannot).
import type { RetentionStore } from './storage/types.ts';
import type { Clock } from './throttle.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** How often the sweep runs after the one at start. */
export const RETENTION_SWEEP_EVERY_MS = 60 * 60 * 1000;
/** Reports deleted per transaction (and named per audit row): short writes, and a row the audit log can hold. */
export const RETENTION_BATCH = 500;

export type RetentionOptions = {
  /** Days after its review a report is kept; counted from the last review of its newest revision. */
  days: number;
  everyMs?: number;
  /** Where a failed sweep is told (default console.warn): one plain line, no content. */
  log?: (line: string) => void;
};

/** One sweep: deletes every report due, a batch at a time; the ids deleted. */
export const sweepExpired = async (store: RetentionStore, clock: Clock, days: number): Promise<string[]> => {
  const now = clock();
  const before = new Date(now.getTime() - days * DAY_MS).toISOString();
  const deleted: string[] = [];
  for (;;) {
    const ids = await store.expireReviewed(before, now.toISOString(), RETENTION_BATCH);
    deleted.push(...ids);
    if (ids.length < RETENTION_BATCH) return deleted;
  }
};

export type RetentionWorker = { stop: () => Promise<void>; sweep: () => Promise<string[]> };

/** Sweeps now and every `everyMs` until stopped; a sweep that fails is logged and tried again at the next one. */
export const startRetention = (store: RetentionStore, clock: Clock, options: RetentionOptions): RetentionWorker => {
  const log = options.log ?? ((line: string) => console.warn(line));
  // Stryker disable next-line ArrayDeclaration: the first sweep chains on this and never reads its value.
  let running: Promise<string[]> = Promise.resolve([]);
  const sweep = () => {
    running = running.then(
      () => sweepExpired(store, clock, options.days),
      () => sweepExpired(store, clock, options.days),
    );
    return running;
  };
  const sweepQuietly = () =>
    void sweep().catch(() => log('SafeVisit could not delete reports past retention now; it will try again.'));
  sweepQuietly();
  const timer = setInterval(sweepQuietly, options.everyMs ?? RETENTION_SWEEP_EVERY_MS);
  timer.unref();
  return {
    sweep,
    stop: async () => {
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
};
