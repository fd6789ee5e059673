// The outbox: which report revisions wait to be sent, and when to try next. Clear data (ids, counters, times) for
// counting while locked; each row's revision is sealed (report-control.ts) and checked by the port before sending.
// Rows are created by report-repo when a report is queued; the port (outbox-port.ts) completes them.
import type { OutboxRow, SafeVisitDb } from './db.ts';
import { withStorageErrors } from './errors.ts';

export type OutboxRepo = {
  /** Rows whose next attempt is due at `now`, earliest first. Works while locked. */
  due: (now: number) => Promise<OutboxRow[]>;
  /** Every row, earliest next attempt first. */
  all: () => Promise<OutboxRow[]>;
  /** How many reports wait to sync (the status region). */
  count: () => Promise<number>;
  get: (reportId: string) => Promise<OutboxRow | undefined>;
  /** Counts a failed send: attempts + 1, the next attempt time and a short, non-personal error code. */
  recordFailure: (reportId: string, failure: { nextAttemptAt: number; lastError: string }) => Promise<void>;
};

export const createOutboxRepo = (db: SafeVisitDb): OutboxRepo => ({
  due: (now) => withStorageErrors(() => db.outbox.where('nextAttemptAt').belowOrEqual(now).sortBy('nextAttemptAt')),
  all: () => withStorageErrors(() => db.outbox.orderBy('nextAttemptAt').toArray()),
  count: () => withStorageErrors(() => db.outbox.count()),
  get: (reportId) => withStorageErrors(() => db.outbox.get(reportId)),

  recordFailure: (reportId, failure) =>
    withStorageErrors(() =>
      db.transaction('rw', db.outbox, async () => {
        const row = await db.outbox.get(reportId);
        if (row === undefined) return;
        await db.outbox.put({
          ...row,
          attempts: row.attempts + 1,
          nextAttemptAt: failure.nextAttemptAt,
          lastError: failure.lastError.slice(0, 200),
        });
      }),
    ),
});
