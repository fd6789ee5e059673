// Reports on the device: the body encrypted by the vault, only id/status/dates/revision in clear, and the
// outbox row written in the same transaction as a report's move to 'queued'. Never holds a key or plaintext at rest.
import type { z } from 'zod';
import { AppError, type ErrorCode } from '../domain/errors.ts';
import { isReportStatus, type ReportStatus } from '../domain/report-record.ts';
import type { KeyedCrypto, Vault } from '../vault/vault.ts';
import type { OutboxRow, ReceiptRow, ReportRow, SafeVisitDb } from './db.ts';
import { withStorageErrors } from './errors.ts';
import {
  createReportControl,
  type GuardedRows,
  guardedWrite,
  indexedBefore,
  type ReportControlGuard,
} from './report-control.ts';
import { putReportRow } from './report-put.ts';
import {
  bodyFields,
  bodyOf,
  checkRecordFields,
  metaOf,
  outboxRowFor,
  REPORTS_TABLE,
  SUMMARY_SCHEMA_VERSION,
  SUMMARY_TABLE,
} from './report-rows.ts';
import {
  dropRemovedReports,
  forgetRevisionIndex,
  oneIndexWriterAtATime,
  plannedIndexWrite,
  readRevisionIndex,
  refusal,
} from './revision-index.ts';

/** A report as the app sees it. `data` is everything the worker typed; it only ever reaches disk encrypted. */
export type ReportRecord<T> = {
  id: string;
  status: ReportStatus;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  revision: number;
  data: T;
};

/** The clear part of a stored report: readable while locked (counts, statuses), holds nothing personal. */
export type ReportMeta = Omit<ReportRecord<unknown>, 'data'> &
  Pick<ReportRow, 'schemaVersion' | 'receipt' | 'syncIssues'> & {
    /** In `list().damaged`: why it could not be shown ('rolled-back': an older copy put back; 'tampered'; 'invalid'). */
    problem?: ErrorCode;
  };

export type ReportRepoOptions<T> = {
  /** Validates `data` before it is encrypted and after it is decrypted (e.g. ReportDraftSchema). */
  schema: z.ZodType<T>;
  /** The current body schema version (e.g. REPORT_SCHEMA_VERSION); new rows are written with it. */
  schemaVersion: number;
  /** Brings a body written under an older schema version up to date, before validation. */
  upgrade?: (data: unknown, fromVersion: number) => unknown;
  now?: () => number;
  /** The control guard shared with the outbox port; made here when not given. */
  control?: ReportControlGuard;
  /**
   * Seals a record being queued, once, for the organisation (report-sealer.ts): the exact body every attempt sends,
   * kept in its outbox row; null when it cannot be sealed now (not enrolled, or fails the submit rules).
   */
  seal?: (record: ReportRecord<T>) => Promise<string | null>;
  /** What a sent report's receipt keeps of it (its incident types), encrypted on the row as `summary`. */
  summarise?: (data: T) => ReceiptSummary;
};

/** What a receipt keeps of a report's content, encrypted: enough for the worker to tell which report arrived. */
export type ReceiptSummary = { incidentTypes: string[] };

/** A sent report's receipt as the list shows it; `incidentTypes` null when it could not be read (or predates them). */
export type SentReceipt = { id: string; revision: number; receivedAt: string; incidentTypes: string[] | null };

/** One step of listChunks: the records opened in it, those of it that failed to open, and how many there are in all. */
export type ReportChunk<T> = { records: ReportRecord<T>[]; damaged: ReportMeta[]; total: number };

/** How listChunks splits the list: the newest `first` records, then `chunk` at a time. */
export type ChunkSizes = { first: number; chunk: number };

export type ReportRepo<T> = {
  /** Encrypts and saves the record; status 'queued' also writes its outbox row, 'draft' removes any (one transaction). */
  put: (record: ReportRecord<T>) => Promise<void>;
  /** The decrypted record, or undefined. AppError('locked') while locked, AppError('tampered') if its ciphertext fails. */
  get: (id: string) => Promise<ReportRecord<T> | undefined>;
  /** Every record, most recently updated first; records that fail to decrypt are listed apart instead of hiding the rest. */
  list: () => Promise<{ records: ReportRecord<T>[]; damaged: ReportMeta[] }>;
  /**
   * The same list a chunk at a time (the newest `first`, then `chunk` each), so a screen can paint the first before
   * the rest is decrypted. The order is taken once at the start; a report deleted meanwhile is skipped. Damaged
   * records are reported in their chunk, never stopping the rest.
   */
  listChunks: (sizes: ChunkSizes) => AsyncGenerator<ReportChunk<T>, void, undefined>;
  /** What stays of every sent report (ReceiptRow), newest received first, its incident types decrypted. */
  listReceipts: () => Promise<SentReceipt[]>;
  /** Clear fields of every report, most recently updated first. Works while locked. */
  listMeta: () => Promise<ReportMeta[]>;
  /**
   * True when `row` is the revision the sealed revision index lists (revision-index.ts): false for an older copy put
   * back, which is neither shown nor sent. Needs an unlocked vault.
   */
  isLatest: (row: Pick<ReportRow, 'id' | 'revision'>) => Promise<boolean>;
  /** `isLatest` for many rows against ONE read of the index (a sync batch). */
  latestCheck: () => Promise<(row: Pick<ReportRow, 'id' | 'revision'>) => boolean>;
  /** Deletes the report, its outbox row and its receipt together (and, unlocked, its entry in the revision index). */
  delete: (id: string) => Promise<void>;
  /**
   * Records in the revision index that reports it lists are gone (the sync removes sent ones after their receipt,
   * without the index): put back, they are refused. Needs an unlocked vault; the next unlock does it otherwise.
   */
  dropRemoved: () => Promise<void>;
  /** Changes the status only. 'queued' goes through `queue`; 'draft' also removes the outbox row. */
  setStatus: (id: string, status: ReportStatus) => Promise<void>;
  /** Marks the report queued and writes its outbox row in one transaction. AppError('not-found') without the report. */
  queue: (id: string) => Promise<void>;
  /** The sealed sending state of every row (shared with the outbox port). */
  control: ReportControlGuard;
};

/** Tries of a delete when the revision index moved between its read and the transaction. */
const DELETE_TRIES = 3;

export const createReportRepo = <T>(db: SafeVisitDb, vault: Vault, options: ReportRepoOptions<T>): ReportRepo<T> => {
  const now = options.now ?? Date.now;

  const revisionIndex = (crypto: KeyedCrypto = vault) => readRevisionIndex(db, crypto, indexedBefore);
  // The index is held in memory while unlocked; the next unlock loads and checks the stored one again.
  vault.subscribe((state) => {
    if (state !== 'unlocked') forgetRevisionIndex(db);
  });

  const decryptRow = async (row: ReportRow): Promise<ReportRecord<T>> => {
    // Bound to the row's revision: an older body of this report put back under its current revision is 'tampered'.
    const raw = await vault.decryptJson(REPORTS_TABLE, row.id, row.schemaVersion, bodyOf(row), row.revision);
    const upgraded =
      row.schemaVersion !== options.schemaVersion && options.upgrade ? options.upgrade(raw, row.schemaVersion) : raw;
    const parsed = options.schema.safeParse(upgraded);
    if (!parsed.success) throw new AppError('invalid', { reason: 'stored-report-shape', issues: parsed.error.issues });
    return {
      id: row.id,
      status: row.status,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      revision: row.revision,
      data: parsed.data,
    };
  };

  /** Decrypts the rows together (the vault's work runs off the main thread), in order; damaged ones apart. */
  /** Why a stored row cannot be shown: an older copy put back, a changed byte, a record that fails its checks. */
  const SHOWN_AS_DAMAGED: readonly ErrorCode[] = ['tampered', 'invalid', 'rolled-back'];

  /** Opens rows in parallel: the records, and the rows that cannot be shown with why (any other failure throws). */
  const openRows = async (rows: readonly ReportRow[], index: Awaited<ReturnType<typeof revisionIndex>>) => {
    const opened = await Promise.allSettled(
      rows.map(async (row) => {
        const refused = refusal(index, row);
        if (refused) throw refused;
        return decryptRow(row);
      }),
    );
    const records: ReportRecord<T>[] = [];
    const damaged: ReportMeta[] = [];
    opened.forEach((result, i) => {
      if (result.status === 'fulfilled') records.push(result.value);
      else if (result.reason instanceof AppError && SHOWN_AS_DAMAGED.includes(result.reason.code))
        damaged.push({ ...metaOf(rows[i] as ReportRow), problem: result.reason.code });
      else throw result.reason;
    });
    return { records, damaged };
  };

  const requireUnlocked = () => {
    if (vault.state !== 'unlocked') throw new AppError('locked');
  };

  const control = options.control ?? createReportControl(db, vault);
  /** Reports found carrying a receipt: their saves read the row first (report-put.ts). */
  const withReceipt = new Set<string>();

  /** The receipt a rewritten row may keep: only one its sealed control vouches for. */
  const trustedReceipt = async (row: ReportRow | undefined): Promise<ReportRow['receipt']> =>
    row?.receipt && (await control.checkReport(row)) ? row.receipt : undefined;

  /** The outbox row of a report queued at its revision, sealed. */
  const sealedOutboxRow = async (
    row: Pick<ReportRow, 'id' | 'revision'>,
    crypto?: KeyedCrypto,
    submission?: string,
  ): Promise<OutboxRow> => {
    const outboxRow = outboxRowFor(row, now());
    return { ...outboxRow, control: await control.sealOutbox(outboxRow, crypto, submission) };
  };

  const readSummary = async (receipt: ReceiptRow): Promise<string[] | null> => {
    if (!receipt.summary) return null;
    try {
      const value = (await vault.decryptJson(SUMMARY_TABLE, receipt.id, SUMMARY_SCHEMA_VERSION, receipt.summary)) as
        | Partial<ReceiptSummary>
        | undefined;
      const types = value?.incidentTypes;
      return Array.isArray(types) && types.every((t) => typeof t === 'string') ? types : null;
    } catch (e) {
      if (e instanceof AppError && e.code === 'tampered') return null;
      throw e;
    }
  };

  /** The user's explicit change of status: a new sealed control from the row as it is, keeping a verified receipt. */
  const restatus = (id: string, status: ReportStatus) =>
    guardedWrite(db, id, async ({ report }: GuardedRows) => {
      if (report === undefined) throw new AppError('not-found');
      const receipt = await trustedReceipt(report);
      const next: ReportRow = { ...report, status, receipt };
      if (receipt === undefined) delete next.receipt;
      next.control = await control.sealReport(next);
      const outboxRow = status === 'queued' ? await sealedOutboxRow(next) : null;
      return {
        write: async () => {
          await Promise.all([
            db.reports.put(next),
            outboxRow ? db.outbox.put(outboxRow) : undefined,
            status === 'draft' ? db.outbox.delete(id) : undefined,
          ]);
        },
      };
    });

  const queue = (id: string) => {
    requireUnlocked();
    return restatus(id, 'queued');
  };

  return {
    put: async (record) => {
      checkRecordFields(record);
      const parsed = options.schema.safeParse(record.data);
      if (!parsed.success) throw new AppError('invalid', { issues: parsed.error.issues });
      // Encrypt before the transaction: an IndexedDB transaction closes while it waits on other async work. The key
      // is taken once, now: a save under way when "Lock" is pressed still writes the words typed just before.
      const keyed = vault.keyed();
      // Body, receipt summary and (at submit) the sealed submission are independent: made together, so a save waits
      // for the slowest of them rather than their sum.
      const [envelope, summary, submission] = await Promise.all([
        keyed.encryptJson(REPORTS_TABLE, record.id, options.schemaVersion, parsed.data, record.revision),
        options.summarise
          ? keyed.encryptJson(SUMMARY_TABLE, record.id, SUMMARY_SCHEMA_VERSION, options.summarise(parsed.data))
          : undefined,
        // Sealed once, here, at submit: the outbox keeps these bytes and every retry sends them.
        record.status === 'queued' && options.seal
          ? options.seal({ ...record, data: parsed.data }).then((sealed) => sealed ?? undefined)
          : undefined,
      ]);
      const fresh: ReportRow = {
        id: record.id,
        status: record.status,
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
        revision: record.revision,
        schemaVersion: options.schemaVersion,
        ...bodyFields(envelope),
        ...(summary ? { summary } : {}),
      };
      await putReportRow(
        { db, control, keyed, sealOutbox: (row) => sealedOutboxRow(row, keyed, submission), withReceipt },
        fresh,
      );
    },

    listReceipts: async () => {
      requireUnlocked();
      const rows = await withStorageErrors(() => db.receipts.orderBy('receivedAt').reverse().toArray());
      const receipts: SentReceipt[] = [];
      for (const row of rows) {
        receipts.push({
          id: row.id,
          revision: row.revision,
          receivedAt: row.receivedAt,
          incidentTypes: await readSummary(row),
        });
      }
      return receipts;
    },

    get: async (id) => {
      requireUnlocked();
      const row = await withStorageErrors(() => db.reports.get(id));
      if (row === undefined) return undefined;
      const refused = refusal(await revisionIndex(), row);
      if (refused) throw refused;
      return decryptRow(row);
    },

    list: async () => {
      requireUnlocked();
      const rows = await withStorageErrors(() => db.reports.orderBy('updatedAt').reverse().toArray());
      return openRows(rows, await revisionIndex());
    },

    listChunks: async function* ({ first, chunk }) {
      requireUnlocked();
      const ids = await withStorageErrors(() => db.reports.orderBy('updatedAt').reverse().primaryKeys());
      const index = await revisionIndex();
      for (let start = 0; start < ids.length; ) {
        const end = start + Math.max(1, start === 0 ? first : chunk);
        const slice = ids.slice(start, end);
        start = end;
        const rows = await withStorageErrors(() => db.reports.bulkGet(slice));
        const present = rows.filter((row): row is ReportRow => row !== undefined);
        yield { ...(await openRows(present, index)), total: ids.length };
      }
    },

    isLatest: async (row) => refusal(await revisionIndex(), row) === null,

    latestCheck: async () => {
      const index = await revisionIndex();
      return (row) => refusal(index, row) === null;
    },

    listMeta: () =>
      withStorageErrors(async () => (await db.reports.orderBy('updatedAt').reverse().toArray()).map(metaOf)),

    delete: (id) =>
      oneIndexWriterAtATime(db, async () => {
        for (let attempt = 0; attempt < DELETE_TRIES; attempt++) {
          // Locked, the index keeps the entry until the next unlock finds the report gone (revision-index.ts).
          const keyed = vault.state === 'unlocked' ? vault.keyed() : null;
          const index = keyed ? await plannedIndexWrite(db, keyed, indexedBefore, [[id, null]]) : null;
          const done = await withStorageErrors(() =>
            db.transaction('rw', db.reports, db.outbox, db.receipts, db.secrets, async () => {
              if (index && !(await index.unmoved())) return false;
              await Promise.all([db.reports.delete(id), db.outbox.delete(id), db.receipts.delete(id), index?.write()]);
              return true;
            }),
          );
          if (done) {
            index?.committed();
            return;
          }
        }
        throw new AppError('conflict', { reason: 'row-kept-moving' });
      }),

    dropRemoved: () =>
      oneIndexWriterAtATime(db, async () => {
        if (vault.state === 'unlocked') await dropRemovedReports(db, vault.keyed(), indexedBefore);
      }),

    setStatus: async (id, status) => {
      if (!isReportStatus(status)) throw new AppError('invalid', { fields: ['status'] });
      requireUnlocked();
      await restatus(id, status);
    },

    queue,
    control,
  };
};
