// The storage the sync engine needs (its `OutboxPort` and `SyncSettings`, declared in src/sync/outbox.ts), over
// the report repository (decrypts through the vault), the outbox repository and, for the few steps that must change
// a report and its outbox row together, one guarded transaction. Acts only on rows whose sealed control matches
// (report-control.ts); never deletes a report without the receipt of its revision. The store does not import sync:
// these types match the engine's port by shape, checked where the two meet.
import { ERROR_MESSAGES, isAppError } from '../domain/errors.ts';
import type { Receipt, Submission, WireIssue } from '../domain/protocol.ts';
import type { ReportStatus } from '../domain/report-record.ts';
import { REPORT_SCHEMA_VERSION, type ReportDraft } from '../domain/report-schema.ts';
import { validateForSubmit } from '../domain/report-validation.ts';
import type { OutboxRow, ReportRow, SafeVisitDb } from './db.ts';
import { withStorageErrors } from './errors.ts';
import type { OutboxRepo } from './outbox-repo.ts';
import { guardedWrite } from './report-control.ts';
import type { ReportRepo } from './report-repo.ts';
import type { SettingsRepo } from './settings-repo.ts';

const SENDABLE: ReadonlySet<ReportStatus> = new Set(['queued', 'sending']);

/** The revision of one report the engine works on: an outbox row as it read it. */
type Item = Pick<OutboxRow, 'reportId' | 'revision'>;

export type LoadedSubmission = { ok: true; submission: Submission } | { ok: false; issues: WireIssue[] };

/** What the sync engine's OutboxPort asks of storage; see src/sync/outbox.ts for each method's contract. */
export type StoreOutboxPort = {
  listDue: (now: number) => Promise<OutboxRow[]>;
  countWaiting: () => Promise<number>;
  nextDueAt: () => Promise<number | null>;
  loadSubmission: (item: Item) => Promise<LoadedSubmission | null>;
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
};

const iso = (ms: number) => new Date(ms).toISOString();

export const createOutboxPort = ({ db, reports, outbox }: OutboxPortDeps): StoreOutboxPort => {
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

  return {
    listDue: (now) => outbox.due(now),
    countWaiting: () => outbox.count(),
    nextDueAt: async () => (await outbox.all())[0]?.nextAttemptAt ?? null,

    loadSubmission: async (item) => {
      // The outbox row as stored, not as the caller read it: its revision must be the sealed one.
      const row = await outbox.get(item.reportId);
      if (row === undefined || row.revision !== item.revision) return null;
      if (!(await control.checkOutbox(row))) {
        control.markChanged(item.reportId);
        return null;
      }
      let record: Awaited<ReturnType<typeof reports.get>>;
      try {
        record = await reports.claimForSending(item.reportId, item.revision);
      } catch (e) {
        // Changed while locked: neither sent nor dropped; the worker is told.
        if (isAppError(e, 'control-changed')) {
          control.markChanged(item.reportId);
          return null;
        }
        // A damaged record must not hold back the others: it fails alone, with the reason shown on it.
        if (isAppError(e, 'tampered') || isAppError(e, 'invalid')) {
          return { ok: false, issues: [{ path: '', message: ERROR_MESSAGES[e.code] }] };
        }
        throw e;
      }
      if (record === undefined || !SENDABLE.has(record.status)) {
        // Deleted, or taken back to a draft elsewhere (its control checked by the claim): this outbox row is stale.
        await guardedWrite(db, item.reportId, async ({ report, outbox: current }) => {
          if (current?.revision !== item.revision) return { value: undefined };
          if (report !== undefined && (SENDABLE.has(report.status) || !(await control.checkReport(report))))
            return { value: undefined };
          return { write: () => db.outbox.delete(item.reportId) };
        });
        return null;
      }
      if (record.revision !== item.revision) {
        // Queued again at a newer revision: rewrite the row so the newest revision goes next time.
        await reports.queue(record.id);
        return null;
      }
      // The submit rules with the clock of the moment it was submitted, so every retry sends the same content.
      const checked = validateForSubmit(record.data, new Date(record.updatedAt));
      if (!checked.ok) {
        return { ok: false, issues: checked.issues.map((i) => ({ path: `report.${i.field}`, message: i.message })) };
      }
      return {
        ok: true,
        submission: {
          id: record.id,
          revision: record.revision,
          schemaVersion: REPORT_SCHEMA_VERSION,
          createdAt: iso(record.createdAt),
          submittedAt: iso(record.updatedAt),
          report: checked.report,
        },
      };
    },

    // One transaction: receipt stored, status 'synced', outbox row gone (kept if a newer revision waits) and, with
    // `removeNow`, the report removed: only with the receipt of exactly this revision.
    markAccepted: (item, receipt, removeNow) =>
      guardedWrite(db, receipt.id, async ({ report, outbox: row }) => {
        if (report === undefined) return { write: () => db.outbox.delete(receipt.id) };
        if (!(await trusted(report))) return { value: undefined };
        const delivered =
          report.revision === receipt.revision && (row === undefined || row.revision === receipt.revision);
        const next: ReportRow = {
          ...report,
          receipt: { revision: receipt.revision, receivedAt: receipt.receivedAt },
          ...(delivered ? { status: 'synced' as const } : {}),
        };
        next.control = await control.sealReport(next);
        return {
          write: async () => {
            if (delivered && removeNow && item.revision === receipt.revision) {
              await db.reports.delete(receipt.id);
            } else {
              await db.reports.put(next);
            }
            if (delivered) await db.outbox.delete(receipt.id);
          },
        };
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
      return withStorageErrors(() =>
        db.transaction('rw', db.reports, db.outbox, async () => {
          const now = await db.reports.bulkGet(vouched.map((row) => row.id));
          const ids = vouched.filter((row, i) => now[i] !== undefined && sameRow(now[i], row)).map((row) => row.id);
          await db.reports.bulkDelete(ids);
          await db.outbox.bulkDelete(ids);
          return ids.length;
        }),
      );
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
