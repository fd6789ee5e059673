// A report's save after its body is encrypted: its row, its outbox row and its revision-index entry written in ONE
// transaction, every envelope sealed before it. Decides nothing about the content (report-repo.ts); holds no key.
//
// Measured in Chromium (bench `encryption_overhead_ratio`): the seals are about 0.1 ms of a save, its IndexedDB round
// trips the rest (a read transaction before the write, then each request awaited in turn). So a save first tries
// WITHOUT a read: the row it writes depends on the stored one only through a receipt to keep, so when the stored row
// carries none (every draft, every report never sent) the transaction checks just that, and the log's end: both reads
// made first, the writes right after without waiting, all undone when the reads say no. Anything else goes the
// guarded way (read, check, write).

import type { KeyedCrypto } from '../vault/vault.ts';
import { sameBytes } from '../vault/vault-header.ts';
import type { OutboxRow, ReportRow, SafeVisitDb } from './db.ts';
import { withStorageErrors } from './errors.ts';
import { guardedWrite, indexedBefore, type ReportControlGuard } from './report-control.ts';
import { type IndexWrite, oneIndexWriterAtATime, plannedIndexWrite } from './revision-index.ts';

/** What a save needs besides the row: the key taken for it and the sealing of its outbox row. */
export type PutContext = {
  db: SafeVisitDb;
  control: ReportControlGuard;
  keyed: KeyedCrypto;
  /** The sealed outbox row of a report queued at its revision. */
  sealOutbox: (row: ReportRow) => Promise<OutboxRow>;
  /** Reports this page found carrying a receipt: their saves go the guarded way at once. */
  withReceipt: Set<string>;
};

/** The index's part and the row, sealed; `fresh` keeps `receipt` when given. */
const sealedWrite = async ({ db, control, keyed, sealOutbox }: PutContext, fresh: ReportRow) => {
  const row: ReportRow = { ...fresh };
  // The index lists this revision from the same transaction on (a new report, or a correction): one entry.
  const [sealed, index] = await Promise.all([
    control.sealReport(row, keyed),
    plannedIndexWrite(db, keyed, indexedBefore, [[row.id, row.revision]]),
  ]);
  row.control = sealed;
  const outboxRow = row.status === 'queued' ? await sealOutbox(row) : null;
  // Issued together: IndexedDB runs a transaction's requests in the order they were made.
  const write = async () => {
    await Promise.all([
      db.reports.put(row),
      outboxRow ? db.outbox.put(outboxRow) : undefined,
      row.status === 'draft' ? db.outbox.delete(row.id) : undefined,
      index.write(),
    ]);
    return index;
  };
  return { row, index, write };
};

/** Thrown inside the unread save's transaction to undo its writes: the stored rows were not as it assumed. */
class NotAsAssumed extends Error {}

/**
 * The save without a read first: null (nothing written) when the stored row has a receipt or the log moved. Its two
 * reads and its writes are made at once, the reads first (IndexedDB runs a transaction's requests in the order they
 * were made, so the reads see the rows as they were); when the reads say no, throwing undoes the writes.
 */
const unreadWrite = async (context: PutContext, fresh: ReportRow): Promise<IndexWrite | null> => {
  const { db, withReceipt } = context;
  const { row, index, write } = await sealedWrite(context, fresh);
  return withStorageErrors(async () => {
    try {
      return await db.transaction('rw', db.reports, db.outbox, db.secrets, async () => {
        const [stored, unmoved] = await Promise.all([db.reports.get(row.id), index.unmoved(), write()]);
        if (stored?.receipt !== undefined) withReceipt.add(row.id);
        // A row with this save's own body (its IV is new) was read after the write: it says nothing of the row before.
        const readAfter = stored !== undefined && sameBytes(stored.iv, row.iv);
        if (stored?.receipt !== undefined || !unmoved || readAfter) throw new NotAsAssumed();
        return index;
      });
    } catch (error) {
      if (error instanceof NotAsAssumed) return null;
      throw error;
    }
  });
};

/** The guarded save: the stored row read first, its receipt kept only when its sealed control vouches for it. */
const guardedPut = (context: PutContext, fresh: ReportRow): Promise<IndexWrite> =>
  guardedWrite(
    context.db,
    fresh.id,
    async ({ report: previous }) => {
      // The receipt belongs to the report, not to one write of it; sync issues belong to the old content.
      const receipt =
        previous?.receipt && (await context.control.checkReport(previous, context.keyed))
          ? previous.receipt
          : undefined;
      if (receipt === undefined) context.withReceipt.delete(fresh.id);
      const { index, write } = await sealedWrite(context, receipt ? { ...fresh, receipt } : fresh);
      return { unmoved: index.unmoved, write };
    },
    [context.db.secrets],
  );

/** Saves `fresh` (a row without receipt or control) with its outbox row and index entry, in one transaction. */
export const putReportRow = (context: PutContext, fresh: ReportRow): Promise<void> =>
  oneIndexWriterAtATime(context.db, async () => {
    const unread = context.withReceipt.has(fresh.id) ? null : await unreadWrite(context, fresh);
    const index = unread ?? (await guardedPut(context, fresh));
    index.committed();
  });
