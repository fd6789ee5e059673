// Control data the device can trust: each report's status, revision and receipt, and each outbox row's revision,
// sealed by the data key (an envelope per row, bound to its table, id and body) and checked before sync or the purge
// acts. Envelopes are made BEFORE each transaction (no crypto inside one). Never decides anything on clear copies.
import type { Table } from 'dexie';
import { AppError, isAppError } from '../domain/errors.ts';
import { createObservable, type Observable } from '../domain/observable.ts';
import { isReportStatus, type ReportStatus } from '../domain/report-record.ts';
import type { Envelope } from '../vault/crypto.ts';
import { encodeBase64Url } from '../vault/encoding.ts';
import type { KeyedCrypto, Vault } from '../vault/vault.ts';
import type { OutboxRow, ReportRow, SafeVisitDb } from './db.ts';
import { withStorageErrors } from './errors.ts';
import { ensureRevisionIndex, type IndexedBefore } from './revision-index.ts';

/** Version of the control layout; part of each envelope's additional data. */
export const CONTROL_SCHEMA_VERSION = 1;
export const REPORT_CONTROL_TABLE = 'reports-control';
export const OUTBOX_CONTROL_TABLE = 'outbox-control';
/** Report envelopes remembered as vouching (see checkReport); past this the memory starts again. */
const VOUCHED_MAX = 5_000;

/** Tries of a guarded write when another write moved the row between its read and its transaction. */
const GUARDED_WRITE_TRIES = 3;

type Receipt = NonNullable<ReportRow['receipt']>;

/**
 * What decides sending and deleting. `body` is the body ciphertext's IV: an old control cannot vouch for new content.
 * `indexed`: written while the revision index existed (revision-index.ts), so that index cannot be deleted unnoticed.
 */
export type ReportControl = {
  status: ReportStatus;
  revision: number;
  receipt: Receipt | null;
  body: string;
  indexed?: true;
};

const controlOf = (row: Pick<ReportRow, 'status' | 'revision' | 'receipt' | 'iv'>): ReportControl => ({
  status: row.status,
  revision: row.revision,
  receipt: row.receipt ? { revision: row.receipt.revision, receivedAt: row.receipt.receivedAt } : null,
  body: encodeBase64Url(row.iv),
});

const sameControl = (a: ReportControl, b: unknown): boolean => {
  if (b === null || typeof b !== 'object') return false;
  const c = b as Partial<ReportControl>;
  const receiptsMatch =
    a.receipt === null
      ? c.receipt === null
      : c.receipt !== null &&
        typeof c.receipt === 'object' &&
        c.receipt?.revision === a.receipt.revision &&
        c.receipt?.receivedAt === a.receipt.receivedAt;
  return (
    isReportStatus(c.status) && c.status === a.status && c.revision === a.revision && c.body === a.body && receiptsMatch
  );
};

/**
 * A report row's control for `next`, the same row with its body re-encrypted under a new data key (a re-key): sealed
 * afresh for the new body when it vouched for `row`, else its same (mismatching) value again, so a row changed while
 * locked stays changed. undefined when no key opens it (it stays as it is, as damaged as before).
 */
export const resealReportControl = async (
  row: ReportRow,
  next: ReportRow,
  crypto: KeyedCrypto,
): Promise<Envelope | undefined> => {
  if (row.control === undefined) return undefined;
  let value: unknown;
  try {
    value = await crypto.decryptJson(REPORT_CONTROL_TABLE, row.id, CONTROL_SCHEMA_VERSION, row.control);
  } catch (e) {
    if (isAppError(e, 'tampered')) return undefined;
    throw e;
  }
  const indexed = (value as Partial<ReportControl> | null)?.indexed === true ? { indexed: true } : {};
  const sealed = sameControl(controlOf(row), value) ? { ...controlOf(next), ...indexed } : value;
  return crypto.encryptJson(REPORT_CONTROL_TABLE, row.id, CONTROL_SCHEMA_VERSION, sealed);
};

/** True when a report's sealed control was written while a revision index existed (see ReportControl.indexed). */
export const indexedBefore: IndexedBefore = async (rows, crypto) => {
  for (const row of rows) {
    if (row.control === undefined) continue;
    try {
      const value = await crypto.decryptJson(REPORT_CONTROL_TABLE, row.id, CONTROL_SCHEMA_VERSION, row.control);
      if ((value as Partial<ReportControl> | null)?.indexed === true) return true;
    } catch (e) {
      if (!isAppError(e, 'tampered')) throw e;
    }
  }
  return false;
};

/** True when both are the same stored envelope (each one has a fresh random IV), or both are missing. */
const sameIv = (a: { iv: Uint8Array } | undefined, b: { iv: Uint8Array } | undefined): boolean =>
  a === undefined || b === undefined
    ? a === b
    : a.iv.byteLength === b.iv.byteLength && a.iv.every((byte, i) => byte === b.iv[i]);

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);

/** The same stored envelope: same key, IV and ciphertext. */
const sameEnvelope = (a: Envelope, b: Envelope): boolean =>
  a.v === b.v && a.kid === b.kid && sameBytes(a.iv, b.iv) && sameBytes(a.ct, b.ct);

/** What an outbox row's envelope holds: its revision and, once sealed, the exact body to send (every retry). */
export type OutboxControl = { revision: number; submission?: string };

export type ReportControlGuard = {
  /** The envelope for a row about to be written with these clear fields (`crypto`: a key taken earlier). */
  sealReport: (
    row: Pick<ReportRow, 'id' | 'status' | 'revision' | 'receipt' | 'iv'>,
    crypto?: KeyedCrypto,
  ) => Promise<Envelope>;
  /** True when the row's clear status, revision and receipt are the ones its envelope vouches for. */
  checkReport: (row: ReportRow, crypto?: KeyedCrypto) => Promise<boolean>;
  /** The outbox row's envelope; `submission` is the sealed body exactly as it will be POSTed, once it is sealed. */
  sealOutbox: (
    row: Pick<OutboxRow, 'reportId' | 'revision'>,
    crypto?: KeyedCrypto,
    submission?: string,
  ) => Promise<Envelope>;
  checkOutbox: (row: OutboxRow) => Promise<boolean>;
  /** What the outbox row's envelope vouches for, or undefined when it does not match the row (changed while locked). */
  openOutbox: (row: OutboxRow) => Promise<OutboxControl | undefined>;
  /** Ids of reports whose sending state was found changed (not sent, not deleted); the UI says so. */
  changed: Observable<ReadonlySet<string>>;
  markChanged: (id: string) => void;
  /**
   * Checks every report and outbox row (at unlock) and loads the revision index; returns how many reports were found
   * changed. AppError('tampered') when the stored revision index does not check out (after marking what it found).
   */
  scan: () => Promise<number>;
};

/** Needs an unlocked vault for every check and seal (AppError('locked') otherwise). */
export const createReportControl = (db: SafeVisitDb, vault: Vault): ReportControlGuard => {
  const changed = createObservable<ReadonlySet<string>>(new Set());
  const markChanged = (id: string) => {
    if (!changed.get().has(id)) changed.set(new Set([...changed.get(), id]));
  };
  const opened = async (
    table: string,
    id: string,
    envelope: Envelope | undefined,
    crypto: KeyedCrypto = vault,
  ): Promise<unknown> => {
    if (envelope === undefined) return undefined;
    try {
      return await crypto.decryptJson(table, id, CONTROL_SCHEMA_VERSION, envelope);
    } catch (e) {
      if (isAppError(e, 'tampered')) return undefined;
      throw e;
    }
  };
  // Envelopes this guard opened and found vouching, by report id: the same stored envelope (a fresh IV on every write,
  // compared with its ciphertext) vouches for the same clear fields again without a second decryption, e.g. a sync
  // run's receipt after its send. Only while unlocked, and only for the vault's own key.
  const vouched = new Map<string, { envelope: Envelope; control: ReportControl }>();
  vault.subscribe((state) => {
    if (state !== 'unlocked') vouched.clear();
  });
  const checkReport = async (row: ReportRow, crypto?: KeyedCrypto) => {
    const control = controlOf(row);
    const known = vouched.get(row.id);
    if (
      crypto === undefined &&
      vault.state === 'unlocked' &&
      known !== undefined &&
      row.control !== undefined &&
      sameEnvelope(known.envelope, row.control) &&
      sameControl(control, known.control)
    ) {
      return true;
    }
    const ok = sameControl(control, await opened(REPORT_CONTROL_TABLE, row.id, row.control, crypto));
    if (ok && crypto === undefined && row.control !== undefined) {
      if (vouched.size >= VOUCHED_MAX) vouched.clear();
      vouched.set(row.id, { envelope: row.control, control });
    } else vouched.delete(row.id);
    return ok;
  };
  const openOutbox = async (row: OutboxRow): Promise<OutboxControl | undefined> => {
    const value = (await opened(OUTBOX_CONTROL_TABLE, row.reportId, row.control)) as Partial<OutboxControl> | undefined;
    if (value?.revision !== row.revision) return undefined;
    return typeof value.submission === 'string'
      ? { revision: row.revision, submission: value.submission }
      : { revision: row.revision };
  };
  const checkOutbox = async (row: OutboxRow) => (await openOutbox(row)) !== undefined;
  return {
    sealReport: async (row, crypto = vault) => {
      // The index exists before any control says it does.
      await ensureRevisionIndex(db, crypto, indexedBefore);
      return crypto.encryptJson(REPORT_CONTROL_TABLE, row.id, CONTROL_SCHEMA_VERSION, {
        ...controlOf(row),
        indexed: true,
      });
    },
    checkReport,
    sealOutbox: (row, crypto = vault, submission) =>
      crypto.encryptJson(
        OUTBOX_CONTROL_TABLE,
        row.reportId,
        CONTROL_SCHEMA_VERSION,
        submission === undefined ? { revision: row.revision } : { revision: row.revision, submission },
      ),
    checkOutbox,
    openOutbox,
    changed,
    markChanged,
    scan: async () => {
      const [reports, outbox] = await withStorageErrors(() => Promise.all([db.reports.toArray(), db.outbox.toArray()]));
      const found = new Set<string>();
      for (const row of reports) {
        // A draft decides nothing (never sent, never purged): an old row without control is fine until it is queued.
        if (row.control === undefined && row.status === 'draft' && row.receipt === undefined) continue;
        if (!(await checkReport(row))) found.add(row.id);
      }
      for (const row of outbox) if (!(await checkOutbox(row))) found.add(row.reportId);
      changed.set(found);
      // Loads the revision index at unlock (a vault with the whole-record index of earlier versions moves to the log).
      await ensureRevisionIndex(db, vault, indexedBefore);
      return found.size;
    },
  };
};

/** A report row and its outbox row as read before a guarded write. */
export type GuardedRows = { report: ReportRow | undefined; outbox: OutboxRow | undefined };

/**
 * What a guarded write's `prepare` decides: a write to run in the transaction, or a value without writing. `unmoved`
 * (run in the transaction first, by guardedWrite only) checks what else the write relied on; false retries as a moved
 * row does.
 */
export type GuardedPlan<R> = { write: () => Promise<R>; unmoved?: () => Promise<boolean> } | { value: R };

/** A report and its outbox row, read together in one transaction. */
export const readRows = (db: SafeVisitDb, id: string): Promise<GuardedRows> =>
  withStorageErrors(() =>
    db.transaction('r', db.reports, db.outbox, async () => ({
      report: await db.reports.get(id),
      outbox: await db.outbox.get(id),
    })),
  );

/** Several reports' rows (`ids` distinct) in ONE read transaction, in the order of `ids`. */
export const readRowsMany = (db: SafeVisitDb, ids: string[]): Promise<GuardedRows[]> =>
  withStorageErrors(() =>
    db.transaction('r', db.reports, db.outbox, async () => {
      const [reports, outbox] = [await db.reports.bulkGet(ids), await db.outbox.bulkGet(ids)];
      return ids.map((_, i): GuardedRows => ({ report: reports[i], outbox: outbox[i] }));
    }),
  );

/** The body, the report's control and the outbox row's control: each rewrite of one gets a fresh IV. */
const unmoved = (now: GuardedRows, before: GuardedRows): boolean =>
  sameIv(now.report, before.report) &&
  sameIv(now.report?.control, before.report?.control) &&
  (now.outbox === undefined) === (before.outbox === undefined) &&
  sameIv(now.outbox?.control, before.outbox?.control);

/**
 * Reads a report and its outbox row, lets `prepare` do its async work (checks, envelopes) outside any transaction,
 * then runs the returned write in ONE transaction over both tables, only if neither row moved since the read
 * (compared by their control envelopes); reads again and retries when one did. `prepare` returns null to write nothing.
 */
export const guardedWrite = async <R>(
  db: SafeVisitDb,
  id: string,
  prepare: (rows: GuardedRows) => Promise<GuardedPlan<R>>,
  /** More tables the write touches (the revision index's `secrets`). */
  alsoWrites: readonly Table<unknown, string>[] = [],
): Promise<R> => {
  for (let attempt = 0; attempt < GUARDED_WRITE_TRIES; attempt++) {
    const before = await readRows(db, id);
    const plan = await prepare(before);
    if ('value' in plan) return plan.value;
    const done = await withStorageErrors(() =>
      // `receipts` too: a delivery writes the report's receipt in the same transaction.
      db.transaction('rw', [db.reports, db.outbox, db.receipts, ...alsoWrites], async () => {
        // Read together: one round trip rather than three.
        const [report, outbox, othersUnmoved] = await Promise.all([
          db.reports.get(id),
          db.outbox.get(id),
          plan.unmoved?.() ?? true,
        ]);
        if (!unmoved({ report, outbox }, before) || !othersUnmoved) return null;
        return { result: await plan.write() };
      }),
    );
    if (done) return done.result;
  }
  throw new AppError('conflict', { reason: 'row-kept-moving' });
};

/** One report's part of guardedWriteMany. */
export type GuardedJob<R> = { id: string; prepare: (rows: GuardedRows) => Promise<GuardedPlan<R>> };

/**
 * guardedWrite for several reports (distinct ids) in one read and one write transaction, e.g. a run's receipts: each
 * plan is written only if its own rows did not move since the read; a report whose rows moved goes through
 * guardedWrite alone afterwards (it reads again and retries). A write that throws aborts the whole transaction.
 */
export const guardedWriteMany = async <R>(db: SafeVisitDb, jobs: readonly GuardedJob<R>[]): Promise<R[]> => {
  const ids = jobs.map((job) => job.id);
  if (new Set(ids).size !== ids.length) throw new AppError('invalid', { reason: 'same-report-twice' });
  const before = await readRowsMany(db, ids);
  const plans = await Promise.all(jobs.map((job, i) => job.prepare(before[i] as GuardedRows)));
  const results = new Map<number, R>();
  const toWrite: number[] = [];
  plans.forEach((plan, i) => {
    if ('value' in plan) results.set(i, plan.value);
    else toWrite.push(i);
  });
  const moved =
    toWrite.length === 0
      ? []
      : await withStorageErrors(() =>
          db.transaction('rw', db.reports, db.outbox, db.receipts, async () => {
            const writeIds = toWrite.map((i) => ids[i] as string);
            const [reports, outbox] = [await db.reports.bulkGet(writeIds), await db.outbox.bulkGet(writeIds)];
            const movedNow: number[] = [];
            for (const [k, i] of toWrite.entries()) {
              const plan = plans[i] as { write: () => Promise<R> };
              if (unmoved({ report: reports[k], outbox: outbox[k] }, before[i] as GuardedRows))
                results.set(i, await plan.write());
              else movedNow.push(i);
            }
            return movedNow;
          }),
        );
  for (const i of moved) {
    const job = jobs[i] as GuardedJob<R>;
    results.set(i, await guardedWrite(db, job.id, job.prepare));
  }
  return jobs.map((_, i) => results.get(i) as R);
};
