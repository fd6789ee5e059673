// What the Reports screens need from the app's services, in one place: the report repository (only while the
// vault is unlocked), the organisation defaults and the sync failure reasons. Holds no data of its own.
import type { WireIssue } from '../../domain/protocol.ts';
import type { ReportStatus } from '../../domain/report-record.ts';
import type { ReportDraft } from '../../domain/report-schema.ts';
import type { ChunkSizes, ReportChunk, ReportMeta, ReportRecord, ReportRepo, SentReceipt } from '../../store/index.ts';

export type DraftRecord = ReportRecord<ReportDraft>;

/** Why a report did not go through: the server's validation issues and/or the last error code of the outbox. */
export type SyncFailure = { lastError?: string | null; issues?: readonly WireIssue[] };

export type ReportsPort = {
  /** Reports with their content, those that failed to open, and the receipt of every sent report (content or not). */
  list: () => Promise<{ records: DraftRecord[]; damaged: ReportMeta[]; receipts: SentReceipt[] }>;
  /** The same reports a chunk at a time, newest first (ReportRepo.listChunks), to paint the first before the rest. */
  listChunks: (sizes: ChunkSizes) => AsyncIterable<ReportChunk<ReportDraft>>;
  /** The receipt of every sent report, newest first. */
  receipts: () => Promise<SentReceipt[]>;
  get: (id: string) => Promise<DraftRecord | undefined>;
  /** A new draft, prefilled with the organisation's details, already stored. */
  create: () => Promise<DraftRecord>;
  /** Stores the record as given (encrypted by the repository). */
  save: (record: DraftRecord) => Promise<void>;
  /** Stores the final text and queues it for sync in one write. */
  submit: (record: DraftRecord, data: ReportDraft) => Promise<DraftRecord>;
  /** A submitted report becomes revision + 1, a draft again under the same id. */
  correct: (record: DraftRecord) => Promise<DraftRecord>;
  remove: (id: string) => Promise<void>;
  /** Why a failed or conflicting report did not go through, when the sync layer recorded it. */
  failure: (id: string) => Promise<SyncFailure | undefined>;
  /** Calls `listener` when sync may have changed statuses; returns the unsubscribe. */
  onSyncChange: (listener: () => void) => () => void;
};

export type ReportsPortDeps = {
  repo: ReportRepo<ReportDraft>;
  emptyDraft: () => Promise<ReportDraft>;
  newId: () => string;
  failure?: (id: string) => Promise<SyncFailure | undefined>;
  /** Told when a report was queued, so the waiting count updates and a send is tried at once. */
  afterQueued?: () => void;
  onSyncChange?: (listener: () => void) => () => void;
  now?: () => number;
};

const withStatus = (record: DraftRecord, status: ReportStatus, now: number, data = record.data): DraftRecord => ({
  ...record,
  status,
  updatedAt: now,
  data,
});

export const createReportsPort = ({
  repo,
  emptyDraft,
  newId,
  failure,
  afterQueued,
  onSyncChange,
  now = Date.now,
}: ReportsPortDeps): ReportsPort => ({
  list: async () => {
    const [{ records, damaged }, receipts] = await Promise.all([repo.list(), repo.listReceipts()]);
    return { records, damaged, receipts };
  },
  listChunks: (sizes) => repo.listChunks(sizes),
  receipts: () => repo.listReceipts(),
  get: (id) => repo.get(id),
  create: async () => {
    const at = now();
    const record: DraftRecord = {
      id: newId(),
      status: 'draft',
      createdAt: at,
      updatedAt: at,
      revision: 1,
      data: await emptyDraft(),
    };
    await repo.put(record);
    return record;
  },
  save: (record) => repo.put(record),
  submit: async (record, data) => {
    // put() with status 'queued' writes the body, the status and the outbox row in one transaction.
    const queued = withStatus(record, 'queued', now(), data);
    await repo.put(queued);
    afterQueued?.();
    return queued;
  },
  correct: async (record) => {
    const draft = { ...withStatus(record, 'draft', now()), revision: record.revision + 1 };
    // A draft has no outbox row: put() removes it, so a queued revision that is corrected is not sent.
    await repo.put(draft);
    afterQueued?.();
    return draft;
  },
  remove: (id) => repo.delete(id),
  failure: async (id) => (failure ? failure(id) : undefined),
  onSyncChange: (listener) => (onSyncChange ? onSyncChange(listener) : () => undefined),
});
