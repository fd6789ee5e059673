// The storage the sync engine needs (its `OutboxPort` and `SyncSettings`, declared in src/sync/outbox.ts), over
// the report repository (decrypts through the vault), the outbox repository and, for the few steps that must change
// a report and its outbox row together, one guarded transaction. Acts only on rows whose sealed control matches
// (report-control.ts); never deletes a report without the receipt of its revision. The store does not import sync:
// these types match the engine's port by shape, checked where the two meet.
import { AppError, ERROR_MESSAGES, isAppError } from '../domain/errors.ts';
import type { Receipt, WireIssue } from '../domain/protocol.ts';
import type { ReportStatus } from '../domain/report-record.ts';
import type { ReportDraft } from '../domain/report-schema.ts';
import type { SealedRequest } from '../domain/sealed-protocol.ts';
import type { OutboxRow, ReceiptRow, ReportRow, SafeVisitDb } from './db.ts';
import { withStorageErrors } from './errors.ts';
import type { OutboxRepo } from './outbox-repo.ts';
import { type GuardedPlan, type GuardedRows, guardedWrite, guardedWriteMany, readRowsMany } from './report-control.ts';
import type { ReportRepo } from './report-repo.ts';
import type { ReportSealer } from './report-sealer.ts';
import type { SettingsRepo } from './settings-repo.ts';

// 'sending' is no longer written (a send writes nothing); rows an earlier version left in it are sent as queued.
const SENDABLE: ReadonlySet<ReportStatus> = new Set(['queued', 'sending']);
/** At most this many receipts in one transaction. */
const RECEIPTS_PER_WRITE = 100;

/** The revision of one report the engine works on: an outbox row as it read it. */
type Item = Pick<OutboxRow, 'reportId' | 'revision'>;

export type LoadedSubmission = { ok: true; submission: SealedRequest } | { ok: false; issues: WireIssue[] };

/** What the sync engine's OutboxPort asks of storage; see src/sync/outbox.ts for each method's contract. */
export type StoreOutboxPort = {
  listDue: (now: number) => Promise<OutboxRow[]>;
  countWaiting: () => Promise<number>;
  nextDueAt: () => Promise<number | null>;
  loadSubmissions: (items: readonly Item[]) => Promise<(LoadedSubmission | null)[]>;
  markAccepted: (item: Item, receipt: Receipt, removeNow: boolean) => Promise<void>;
  markFailed: (item: Item, issues: WireIssue[]) => Promise<void>;
  markConflict: (item: Item) => Promise<void>;
  reschedule: (item: Item, next: Pick<OutboxRow, 'attempts' | 'nextAttemptAt' | 'lastError'>) => Promise<void>;
  purgeSynced: (receivedBefore: number) => Promise<number>;
};

export type OutboxPortDeps = {
  db: SafeVisitDb;
  reports: ReportRepo<ReportDraft>;
  outbox: OutboxRepo;
  /** Seals a report queued before the device was enrolled, at its first send (every later one sends those bytes). */
  seal: ReportSealer;
};

export const createOutboxPort = ({ db, reports, outbox, seal }: OutboxPortDeps): StoreOutboxPort => {
  const { control } = reports;

  /** True when the report row's sealed control vouches for its clear fields; marks it changed otherwise. */
  const trusted = async (report: ReportRow): Promise<boolean> => {
    if (await control.checkReport(report)) return true;
    control.markChanged(report.id);
    return false;
  };

  /**
   * Ends the report's trip: status `status`, the reasons kept on the report, the outbox row gone. Acts only while
   * the report and its outbox row hold item.revision and the report's control vouches for its state.
   */
  const finish = (item: Item, status: 'failed' | 'conflict', issues: WireIssue[]) =>
    guardedWrite(db, item.reportId, async ({ report, outbox: row }) => {
      const outboxMatches = row?.revision === item.revision;
      const current = report?.revision === item.revision ? report : undefined;
      if (current && !(await trusted(current))) return { value: undefined };
      let next: ReportRow | null = null;
      if (current && SENDABLE.has(current.status)) {
        next = { ...current, status, syncIssues: issues };
        next.control = await control.sealReport(next);
      }
      if (!next && !outboxMatches) return { value: undefined };
      return {
        write: async () => {
          if (next) await db.reports.put(next);
          if (outboxMatches) await db.outbox.delete(item.reportId);
        },
      };
    });

  /**
   * A report queued before the device was enrolled (or before this version sealed at submit): sealed now, once, and
   * the body kept in its outbox row before it is sent, so a retry sends these same bytes.
   */
  const sealNow = async (item: Item): Promise<LoadedSubmission | null> => {
    let outcome: Awaited<ReturnType<ReportSealer>>;
    try {
      const record = await reports.get(item.reportId);
      if (record === undefined) return null;
      outcome = await seal(record);
    } catch (e) {
      // A damaged record must not hold back the others: it fails alone, with the reason shown on it.
      if (isAppError(e, 'tampered') || isAppError(e, 'invalid') || isAppError(e, 'rolled-back')) {
        return { ok: false, issues: [{ path: '', message: ERROR_MESSAGES[e.code] }] };
      }
      throw e;
    }
    if (outcome.kind === 'invalid') return { ok: false, issues: outcome.issues };
    // The engine sends only when enrolled: an enrolment removed meanwhile stops the run, the report kept.
    if (outcome.kind === 'not-enrolled') throw new AppError('not-enrolled');
    const body = outcome.body;
    const kept = await guardedWrite(db, item.reportId, async ({ outbox: current }) => {
      // Another tab may have sealed it meanwhile: its body is the one to send, next time.
      if (current?.revision !== item.revision || (await control.openOutbox(current))?.submission !== undefined)
        return { value: false };
      const envelope = await control.sealOutbox(current, undefined, body);
      return {
        write: async () => {
          await db.outbox.put({ ...current, control: envelope });
          return true;
        },
      };
    });
    return kept ? { ok: true, submission: { id: item.reportId, revision: item.revision, body } } : null;
  };

  /** The write that stores one delivery's receipt, as guardedWrite plans it (see markAccepted). */
  const planAccepted =
    (item: Item, receipt: Receipt, removeNow: boolean) =>
    async ({ report, outbox: row }: GuardedRows): Promise<GuardedPlan<void>> => {
      if (report === undefined) return { write: () => db.outbox.delete(receipt.id) };
      if (!(await trusted(report))) return { value: undefined };
      const delivered =
        report.revision === receipt.revision && (row === undefined || row.revision === receipt.revision);
      const next: ReportRow = {
        ...report,
        receipt: { revision: receipt.revision, receivedAt: receipt.receivedAt },
        ...(delivered ? { status: 'synced' as const } : {}),
      };
      const removed = delivered && removeNow && item.revision === receipt.revision;
      // A report removed in this write needs no new control envelope.
      if (!removed) next.control = await control.sealReport(next);
      // What stays once the content goes: when it arrived and, encrypted, its incident types.
      const kept: ReceiptRow | null = delivered
        ? {
            id: receipt.id,
            revision: receipt.revision,
            receivedAt: receipt.receivedAt,
            ...(report.summary ? { summary: report.summary } : {}),
          }
        : null;
      return {
        write: async () => {
          if (kept) await db.receipts.put(kept);
          if (removed) {
            await db.reports.delete(receipt.id);
          } else {
            await db.reports.put(next);
          }
          if (delivered) await db.outbox.delete(receipt.id);
        },
      };
    };

  /** One outbox row's submission, from its rows as read: both rows' sealed controls checked first. */
  const submissionFrom = async (
    item: Item,
    { report, outbox: row }: GuardedRows,
    isLatest: () => Promise<(row: ReportRow) => boolean>,
  ): Promise<LoadedSubmission | null> => {
    // The outbox row as stored, not as the caller read it: its revision must be the sealed one.
    if (row === undefined || row.revision !== item.revision) return null;
    const sealed = await control.openOutbox(row);
    if (sealed === undefined) {
      control.markChanged(item.reportId);
      return null;
    }
    // The report's own sealed state must say it is waiting to be sent: edited while locked, it is neither sent
    // nor dropped, and the worker is told.
    if (report !== undefined && !(await control.checkReport(report))) {
      control.markChanged(item.reportId);
      return null;
    }
    // An older copy of the whole report put back (its own control with it): neither sent nor dropped.
    if (report !== undefined && !(await isLatest())(report)) {
      control.markChanged(item.reportId);
      return null;
    }
    if (report === undefined || !SENDABLE.has(report.status)) {
      // Deleted, or taken back to a draft elsewhere: this outbox row is stale.
      await guardedWrite(db, item.reportId, async ({ report: now, outbox: current }) => {
        if (current?.revision !== item.revision) return { value: undefined };
        if (now !== undefined && (SENDABLE.has(now.status) || !(await control.checkReport(now))))
          return { value: undefined };
        return { write: () => db.outbox.delete(item.reportId) };
      });
      return null;
    }
    if (report.revision !== item.revision) {
      // Queued again at a newer revision: rewrite the row so the newest revision goes next time.
      await reports.queue(report.id);
      return null;
    }
    if (sealed.submission !== undefined) {
      return { ok: true, submission: { id: item.reportId, revision: item.revision, body: sealed.submission } };
    }
    return sealNow(item);
  };

  /**
   * The revision index records removed reports as gone, so a copy put back is refused. Best effort: the receipt is
   * stored either way, and the next unlock records what this could not (e.g. the vault locked meanwhile).
   */
  const forgetRemoved = () => reports.dropRemoved().catch(() => undefined);

  type Accepting = {
    item: Item;
    receipt: Receipt;
    removeNow: boolean;
    resolve: () => void;
    reject: (e: unknown) => void;
  };
  let accepting: Accepting[] = [];
  let writingReceipts = false;
  /** Writes the waiting receipts, a batch (one report at most once) per transaction, until none wait. */
  const writeReceipts = async () => {
    writingReceipts = true;
    try {
      while (accepting.length > 0) {
        const batch: Accepting[] = [];
        const later: Accepting[] = [];
        const ids = new Set<string>();
        for (const entry of accepting) {
          if (batch.length < RECEIPTS_PER_WRITE && !ids.has(entry.receipt.id)) {
            ids.add(entry.receipt.id);
            batch.push(entry);
          } else later.push(entry);
        }
        accepting = later;
        try {
          await guardedWriteMany(
            db,
            batch.map(({ item, receipt, removeNow }) => ({
              id: receipt.id,
              prepare: planAccepted(item, receipt, removeNow),
            })),
          );
          if (batch.some((entry) => entry.removeNow)) await forgetRemoved();
          for (const entry of batch) entry.resolve();
        } catch (e) {
          for (const entry of batch) entry.reject(e);
        }
      }
    } finally {
      writingReceipts = false;
    }
  };

  return {
    listDue: (now) => outbox.due(now),
    countWaiting: () => outbox.count(),
    nextDueAt: async () => (await outbox.all())[0]?.nextAttemptAt ?? null,

    loadSubmissions: async (items) => {
      // Sending writes nothing: the body was sealed at submit and the server is idempotent, so a send the app did
      // not live to record is simply sent again, with the same bytes, and answered with the same receipt. The rows
      // of the whole batch are read in one transaction; each is then checked on its own.
      const rows = await readRowsMany(
        db,
        items.map((item) => item.reportId),
      );
      // Every check settles before the answer (a failure is thrown once they all have): nothing of this batch
      // still runs once the engine stops.
      // The revision index is read once for the batch, and only when a row gets that far.
      let latest: Promise<(row: ReportRow) => boolean> | undefined;
      const isLatest = () => {
        latest ??= reports.latestCheck();
        return latest;
      };
      const settled = await Promise.allSettled(
        items.map((item, i) => submissionFrom(item, rows[i] as GuardedRows, isLatest)),
      );
      const failed = settled.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      return settled.map((r) => (r as PromiseFulfilledResult<LoadedSubmission | null>).value);
    },

    // Receipt stored, status 'synced', outbox row gone (kept if a newer revision waits) and, with `removeNow`, the
    // report removed, in one transaction and only with the receipt of exactly this revision. Receipts that arrive
    // while one is being written are written together next, in one transaction.
    markAccepted: (item, receipt, removeNow) =>
      new Promise<void>((resolve, reject) => {
        accepting.push({ item, receipt, removeNow, resolve, reject });
        if (!writingReceipts) void writeReceipts();
      }),

    markFailed: (item, issues) => finish(item, 'failed', issues),
    markConflict: (item) =>
      finish(item, 'conflict', [{ path: '', message: 'The server already holds a different version of this report.' }]),

    reschedule: (item, next) =>
      guardedWrite(db, item.reportId, async ({ report, outbox: row }) => {
        const outboxMatches = row?.revision === item.revision;
        let requeued: ReportRow | null = null;
        if (report?.revision === item.revision && report.status === 'sending' && (await trusted(report))) {
          requeued = { ...report, status: 'queued' };
          requeued.control = await control.sealReport(requeued);
        }
        if (!requeued && !outboxMatches) return { value: undefined };
        return {
          write: async () => {
            if (outboxMatches) {
              await db.outbox.update(item.reportId, {
                attempts: next.attempts,
                nextAttemptAt: next.nextAttemptAt,
                lastError: next.lastError,
              });
            }
            if (requeued) await db.reports.put(requeued);
          },
        };
      }),

    purgeSynced: async (receivedBefore) => {
      const synced = await withStorageErrors(() => db.reports.where('status').equals('synced').toArray());
      const expired = synced.filter((row) => {
        if (row.receipt?.revision !== row.revision) return false;
        const received = Date.parse(row.receipt.receivedAt);
        return (Number.isFinite(received) ? received : row.updatedAt) < receivedBefore;
      });
      // Checked outside the transaction (crypto), then removed only if each row is still the one checked.
      const vouched: ReportRow[] = [];
      for (const row of expired) if (await trusted(row)) vouched.push(row);
      if (vouched.length === 0) return 0;
      const purged = await withStorageErrors(() =>
        db.transaction('rw', db.reports, db.outbox, async () => {
          const now = await db.reports.bulkGet(vouched.map((row) => row.id));
          const ids = vouched.filter((row, i) => now[i] !== undefined && sameRow(now[i], row)).map((row) => row.id);
          await db.reports.bulkDelete(ids);
          await db.outbox.bulkDelete(ids);
          return ids.length;
        }),
      );
      if (purged > 0) await forgetRemoved();
      return purged;
    },
  };
};

/** The same stored write of a row: each write of a body or control gets fresh IVs. */
const sameRow = (a: ReportRow, b: ReportRow): boolean =>
  a.status === b.status &&
  a.iv.every((x, i) => x === b.iv[i]) &&
  a.control !== undefined &&
  b.control !== undefined &&
  a.control.iv.every((x, i) => x === b.control?.iv[i]);

/** The engine's `SyncSettings`: endpoint and token only from the encrypted enrolment, retention in clear. */
export type StoreSyncSettings = { endpoint: string; token: string | null; keepSyncedDays: number };

/** The engine's settings from the settings repository, read afresh on every run. */
export const syncSettingsFrom =
  (repo: Pick<SettingsRepo, 'get' | 'getSecret'>): (() => Promise<StoreSyncSettings>) =>
  async () => {
    const settings = await repo.get();
    // Throws AppError('locked') while locked: the engine stops the run and keeps everything.
    const enrolment = await repo.getSecret('enrolment');
    return {
      endpoint: enrolment?.endpoint ?? '',
      token: enrolment?.token ?? null,
      keepSyncedDays: settings.keepSyncedDays,
    };
  };
