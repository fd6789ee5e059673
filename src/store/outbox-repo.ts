// The outbox: which report revisions wait to be sent, and when to try next. Clear data only (ids, counters,
// times); the report bodies stay in `reports`. Rows are created by report-repo when a report is queued.
import type { Receipt } from '../domain/protocol.ts';
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
  /**
   * Stores the receipt on the report and, when it acknowledges the queued revision, removes the outbox row and
   * marks the report 'synced', all in one transaction. Returns false (outbox kept) when a newer revision is queued.
   */
  complete: (receipt: Receipt) => Promise<boolean>;
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

  complete: (receipt) =>
    withStorageErrors(() =>
      db.transaction('rw', db.reports, db.outbox, async () => {
        const report = await db.reports.get(receipt.id);
        if (report === undefined) {
          await db.outbox.delete(receipt.id);
          return true;
        }
        await db.reports.update(receipt.id, {
          receipt: { revision: receipt.revision, receivedAt: receipt.receivedAt },
        });
        const row = await db.outbox.get(receipt.id);
        if (row !== undefined && row.revision !== receipt.revision) return false;
        if (report.revision !== receipt.revision) return false;
        await db.outbox.delete(receipt.id);
        await db.reports.update(receipt.id, { status: 'synced' });
        return true;
      }),
    ),
});
