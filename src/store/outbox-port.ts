// The storage the sync engine needs (its `OutboxPort` and `SyncSettings`, declared in src/sync/outbox.ts), over
// the report repository (decrypts through the vault), the outbox repository and, for the few steps that must change
// a report and its outbox row together, one transaction. Never deletes a report without the receipt of its revision.
// The store does not import sync: these types match the engine's port by shape, checked where the two meet.
import { ERROR_MESSAGES, isAppError } from '../domain/errors.ts';
import type { Receipt, Submission, WireIssue } from '../domain/protocol.ts';
import type { ReportStatus } from '../domain/report-record.ts';
import { REPORT_SCHEMA_VERSION, type ReportDraft } from '../domain/report-schema.ts';
import { validateForSubmit } from '../domain/report-validation.ts';
import type { OutboxRow, ReportRow, SafeVisitDb } from './db.ts';
import { withStorageErrors } from './errors.ts';
import type { OutboxRepo } from './outbox-repo.ts';
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
  /** Inside a reports+outbox transaction: removes the report only with the proof of delivery of exactly this revision. */
  const removeIfDelivered = async (reportId: string, revision: number): Promise<void> => {
    const report = await db.reports.get(reportId);
    if (report?.status !== 'synced' || report.revision !== revision || report.receipt?.revision !== revision) return;
    await db.reports.delete(reportId);
    await db.outbox.delete(reportId);
  };

  /** Runs `change` on the report and its outbox row in one transaction, only while both still hold item.revision. */
  const whileCurrent = (
    item: Item,
    change: (report: ReportRow | undefined, outboxMatches: boolean) => Promise<void>,
  ): Promise<void> =>
    withStorageErrors(() =>
      db.transaction('rw', db.reports, db.outbox, async () => {
        const report = await db.reports.get(item.reportId);
        const row = await db.outbox.get(item.reportId);
        const current = report !== undefined && report.revision === item.revision ? report : undefined;
        await change(current, row !== undefined && row.revision === item.revision);
      }),
    );

  /** Ends the report's trip: status `status`, the reasons kept on the report, the outbox row gone. */
  const finish = (item: Item, status: 'failed' | 'conflict', issues: WireIssue[]) =>
    whileCurrent(item, async (report, outboxMatches) => {
      if (report && SENDABLE.has(report.status)) {
        await db.reports.update(item.reportId, { status, syncIssues: issues });
      }
      if (outboxMatches) await db.outbox.delete(item.reportId);
    });

  return {
    listDue: (now) => outbox.due(now),
    countWaiting: () => outbox.count(),
    nextDueAt: async () => (await outbox.all())[0]?.nextAttemptAt ?? null,

    loadSubmission: async (item) => {
      let record: Awaited<ReturnType<typeof reports.get>>;
      try {
        record = await reports.claimForSending(item.reportId, item.revision);
      } catch (e) {
        // A damaged record must not hold back the others: it fails alone, with the reason shown on it.
        if (isAppError(e, 'tampered') || isAppError(e, 'invalid')) {
          return { ok: false, issues: [{ path: '', message: ERROR_MESSAGES[e.code] }] };
        }
        throw e;
      }
      if (record === undefined || !SENDABLE.has(record.status)) {
        // Deleted, or taken back to a draft elsewhere: this outbox row is stale.
        await withStorageErrors(() =>
          db.transaction('rw', db.reports, db.outbox, async () => {
            const report = await db.reports.get(item.reportId);
            const row = await db.outbox.get(item.reportId);
            if (row?.revision === item.revision && (report === undefined || !SENDABLE.has(report.status)))
              await db.outbox.delete(item.reportId);
          }),
        );
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

    markAccepted: (item, receipt, removeNow) =>
      withStorageErrors(() =>
        db.transaction('rw', db.reports, db.outbox, async () => {
          // One transaction in the store: receipt stored, status 'synced', outbox row gone (kept if a newer revision waits).
          await outbox.complete(receipt);
          if (removeNow) await removeIfDelivered(item.reportId, item.revision);
        }),
      ),

    markFailed: (item, issues) => finish(item, 'failed', issues),
    markConflict: (item) =>
      finish(item, 'conflict', [{ path: '', message: 'The server already holds a different version of this report.' }]),

    reschedule: (item, next) =>
      whileCurrent(item, async (report, outboxMatches) => {
        if (outboxMatches) {
          await db.outbox.update(item.reportId, {
            attempts: next.attempts,
            nextAttemptAt: next.nextAttemptAt,
            lastError: next.lastError,
          });
        }
        if (report?.status === 'sending') await db.reports.update(item.reportId, { status: 'queued' });
      }),

    purgeSynced: (receivedBefore) =>
      withStorageErrors(() =>
        db.transaction('rw', db.reports, db.outbox, async () => {
          const synced = await db.reports.where('status').equals('synced').toArray();
          const expired = synced.filter((row) => {
            if (row.receipt?.revision !== row.revision) return false;
            const received = Date.parse(row.receipt.receivedAt);
            return (Number.isFinite(received) ? received : row.updatedAt) < receivedBefore;
          });
          const ids = expired.map((row) => row.id);
          await db.reports.bulkDelete(ids);
          await db.outbox.bulkDelete(ids);
          return ids.length;
        }),
      ),
  };
};

/** The engine's `SyncSettings`: endpoint and retention in clear, the token from the vault. */
export type StoreSyncSettings = { endpoint: string; token: string | null; keepSyncedDays: number };

/** The engine's settings from the settings repository, read afresh on every run. */
export const syncSettingsFrom =
  (repo: Pick<SettingsRepo, 'get' | 'getSecret'>): (() => Promise<StoreSyncSettings>) =>
  async () => {
    const settings = await repo.get();
    return {
      endpoint: settings.endpointUrl,
      keepSyncedDays: settings.keepSyncedDays,
      // Throws AppError('locked') while locked: the engine stops the run and keeps everything.
      token: await repo.getSecret('accessToken'),
    };
  };
