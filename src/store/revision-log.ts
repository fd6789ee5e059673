// The revision index's storage (revision-index.ts): the keys of its snapshot and log entries in `secrets`, their
// sealing and checks, the first write of a journal (from the legacy whole record, or built) and the whole load.
// Holds no state and no key; the policy (when to write a snapshot, what a write changes) is revision-index.ts's.
import { AppError, isAppError } from '../domain/errors.ts';
import type { Bytes, Envelope } from '../vault/crypto.ts';
import type { KeyedCrypto } from '../vault/vault.ts';
import { sameBytes } from '../vault/vault-header.ts';
import type { ReportRow, SafeVisitDb } from './db.ts';
import { withStorageErrors } from './errors.ts';
import { SECRETS_SCHEMA_VERSION, SECRETS_TABLE } from './settings-repo.ts';

/** The whole index as ONE sealed record ({ v: 1, reports }), as versions before the journal wrote it: migrated once. */
export const LEGACY_REVISION_INDEX_KEY = 'report-revisions';
export const REVISION_SNAPSHOT_KEY = 'report-revisions/snapshot';
const LOG_PREFIX = 'report-revisions/log/';
/** Every key of the index, for a range over `secrets` (the legacy record's key sorts first). */
export const REVISION_INDEX_KEYS = { from: LEGACY_REVISION_INDEX_KEY, to: `${LEGACY_REVISION_INDEX_KEY}/\uffff` };
/** Sequence numbers are padded so the keys sort in their order (Number.MAX_SAFE_INTEGER has 16 digits). */
const SEQ_DIGITS = 16;
/** Version of the snapshot's and the entries' layout, inside the sealed value. */
const JOURNAL_VERSION = 2;
/** Tries of the first write (the migration, or the build) when the index or the reports move meanwhile. */
const START_TRIES = 3;

export const revisionLogKey = (seq: number): string => `${LOG_PREFIX}${String(seq).padStart(SEQ_DIGITS, '0')}`;
const LOG_RANGE = [revisionLogKey(0), `${LOG_PREFIX}\uffff`] as const;

/** One change: the report's revision from then on, or null when it was deleted (or removed after its receipt). */
export type IndexChange = [id: string, revision: number | null];

/** Tells whether any report's sealed control was written after an index existed (report-control.ts). */
export type IndexedBefore = (rows: ReportRow[], crypto: KeyedCrypto) => Promise<boolean>;

export const tampered = (reason: string, cause?: unknown) =>
  new AppError('tampered', { reason }, cause === undefined ? undefined : { cause });

const seal = (crypto: KeyedCrypto, key: string, value: unknown): Promise<Envelope> =>
  crypto.encryptJson(SECRETS_TABLE, key, SECRETS_SCHEMA_VERSION, value);

/** The value sealed under `key`; AppError('tampered', reason 'revision-index') when it does not open under this vault. */
const opened = async (crypto: KeyedCrypto, key: string, envelope: Envelope): Promise<unknown> => {
  try {
    return await crypto.decryptJson(SECRETS_TABLE, key, SECRETS_SCHEMA_VERSION, envelope);
  } catch (cause) {
    // Another vault's index (another data key), one from before a re-key, changed bytes, another number.
    if (isAppError(cause, 'tampered')) throw tampered('revision-index', cause);
    throw cause;
  }
};

const isRevision = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** The map of a sealed `{ reports }` value (the snapshot's, or the legacy record's with `version` 1). */
const revisionsOf = (value: unknown, version: number): Map<string, number> => {
  const v = value as { v?: unknown; reports?: unknown } | null;
  const entries = v?.reports !== null && typeof v?.reports === 'object' ? Object.entries(v.reports) : null;
  if (v?.v !== version || entries === null || !entries.every(([, revision]) => isRevision(revision)))
    throw tampered('revision-index');
  return new Map(entries as [string, number][]);
};

const changesOf = (value: unknown): IndexChange[] => {
  const v = value as { v?: unknown; changes?: unknown } | null;
  const changes = v?.changes;
  if (
    v?.v !== JOURNAL_VERSION ||
    !Array.isArray(changes) ||
    !changes.every(
      (c) => Array.isArray(c) && c.length === 2 && typeof c[0] === 'string' && (c[1] === null || isRevision(c[1])),
    )
  )
    throw tampered('revision-index');
  return changes as IndexChange[];
};

export const applyChanges = (revisions: Map<string, number>, changes: readonly IndexChange[]): void => {
  for (const [id, revision] of changes) {
    if (revision === null) revisions.delete(id);
    else revisions.set(id, revision);
  }
};

export type LogEntry = { seq: number; envelope: Envelope };

/** The log's entries from `seq` on, in order (one query: inside the caller's transaction, or in one of its own). */
export const logFrom = async (db: SafeVisitDb, seq: number): Promise<LogEntry[]> => {
  const entries: LogEntry[] = [];
  await db.secrets
    .where(':id')
    .between(revisionLogKey(seq), LOG_RANGE[1])
    .each((envelope, cursor) => {
      entries.push({ seq: Number(String(cursor.primaryKey).slice(LOG_PREFIX.length)), envelope });
    });
  return entries;
};

/** Inside a write transaction: the number of the log's last entry (-1: none). */
export const lastSeq = async (db: SafeVisitDb): Promise<number> => {
  const key = await db.secrets.where(':id').between(LOG_RANGE[0], LOG_RANGE[1]).lastKey();
  return key === undefined ? -1 : Number(String(key).slice(LOG_PREFIX.length));
};

/** The changes of `entries`, which must be numbered `from`, `from + 1`, ... (a gap: an entry was deleted). */
export const openEntries = async (
  crypto: KeyedCrypto,
  entries: readonly LogEntry[],
  from: number,
): Promise<IndexChange[][]> => {
  if (!entries.every((entry, i) => entry.seq === from + i)) throw tampered('revision-index-gap');
  return Promise.all(
    entries.map(async ({ seq, envelope }) => changesOf(await opened(crypto, revisionLogKey(seq), envelope))),
  );
};

/** The entry numbered `seq`, sealed: these changes, in order. */
export const sealEntry = (crypto: KeyedCrypto, seq: number, changes: readonly IndexChange[]): Promise<Envelope> =>
  seal(crypto, revisionLogKey(seq), { v: JOURNAL_VERSION, changes });

/** The snapshot at entry `seq`: every report's revision once that entry is applied. */
export const sealSnapshot = (crypto: KeyedCrypto, seq: number, revisions: ReadonlyMap<string, number>) =>
  seal(crypto, REVISION_SNAPSHOT_KEY, { v: JOURNAL_VERSION, seq, reports: Object.fromEntries(revisions) });

/**
 * Inside a write transaction: stores entry `seq` and, with a snapshot at it, deletes the entries before it. The
 * requests are made together (the transaction keeps their order and makes them all or none).
 */
export const writeEntry = async (db: SafeVisitDb, seq: number, entry: Envelope, snapshot?: Envelope) => {
  await Promise.all([
    db.secrets.put(entry, revisionLogKey(seq)),
    snapshot ? db.secrets.put(snapshot, REVISION_SNAPSHOT_KEY) : undefined,
    snapshot ? db.secrets.where(':id').between(LOG_RANGE[0], revisionLogKey(seq)).delete() : undefined,
  ]);
};

/** The index as stored: each report's revision, the snapshot's entry number, the last entry's number and IV. */
export type StoredIndex = { revisions: Map<string, number>; base: number; seq: number; iv: Bytes };

/**
 * The first write of a journal: its snapshot at 0 and entry 0 (no change), from the legacy record when there is one
 * (deleted in the same transaction), else built from the rows as they are. False when something moved meanwhile.
 */
const startJournal = async (
  db: SafeVisitDb,
  crypto: KeyedCrypto,
  legacy: Envelope | undefined,
  indexedBefore: IndexedBefore,
): Promise<boolean> => {
  let revisions: Map<string, number>;
  let rows: ReportRow[] | null = null;
  if (legacy) revisions = revisionsOf(await opened(crypto, LEGACY_REVISION_INDEX_KEY, legacy), 1);
  else {
    // A vault made before the index: built once from its rows. Refused when a report's sealed control says an index
    // existed when it was written: the index was deleted, which would otherwise let an older row back in.
    rows = await withStorageErrors(() => db.reports.toArray());
    if (await indexedBefore(rows, crypto)) throw tampered('revision-index-missing');
    revisions = new Map(rows.map((row) => [row.id, row.revision]));
  }
  const [snapshot, entry] = await Promise.all([sealSnapshot(crypto, 0, revisions), sealEntry(crypto, 0, [])]);
  return withStorageErrors(() =>
    db.transaction('rw', db.secrets, db.reports, async () => {
      // Started by another tab meanwhile: theirs stands (the load reads it again).
      if ((await db.secrets.get(REVISION_SNAPSHOT_KEY)) !== undefined || (await lastSeq(db)) >= 0) return true;
      const legacyNow = await db.secrets.get(LEGACY_REVISION_INDEX_KEY);
      if (
        (legacyNow === undefined) !== (legacy === undefined) ||
        (legacy && !sameBytes(legacy.iv, legacyNow?.iv as Bytes))
      )
        return false;
      if (rows) {
        const now = await db.reports.toArray();
        if (now.length !== revisions.size || now.some((row) => revisions.get(row.id) !== row.revision)) return false;
      }
      await db.secrets.put(snapshot, REVISION_SNAPSHOT_KEY);
      await db.secrets.put(entry, revisionLogKey(0));
      await db.secrets.delete(LEGACY_REVISION_INDEX_KEY);
      return true;
    }),
  );
};

/** Reads the stored journal and checks it whole: snapshot, then every entry after it, none missing. */
export const loadRevisionIndex = async (
  db: SafeVisitDb,
  crypto: KeyedCrypto,
  indexedBefore: IndexedBefore,
): Promise<StoredIndex> => {
  for (let attempt = 0; attempt < START_TRIES; attempt++) {
    const stored = await withStorageErrors(() =>
      db.transaction('r', db.secrets, async () => ({
        snapshot: await db.secrets.get(REVISION_SNAPSHOT_KEY),
        legacy: await db.secrets.get(LEGACY_REVISION_INDEX_KEY),
        log: await logFrom(db, 0),
      })),
    );
    if (stored.snapshot === undefined) {
      // Entries without their snapshot: it was deleted.
      if (stored.log.length > 0) throw tampered('revision-index-missing');
      await startJournal(db, crypto, stored.legacy, indexedBefore);
      continue;
    }
    const value = await opened(crypto, REVISION_SNAPSHOT_KEY, stored.snapshot);
    const revisions = revisionsOf(value, JOURNAL_VERSION);
    const base = (value as { seq?: unknown }).seq;
    if (!isRevision(base)) throw tampered('revision-index');
    // Entries before the snapshot are already in it (left by a compaction that stopped short: never the case, as it
    // deletes them in its transaction); its own entry must be there, then every later one.
    const log = stored.log.filter((entry) => entry.seq >= base);
    if (log[0]?.seq !== base) throw tampered('revision-index-gap');
    const changes = await openEntries(crypto, log, base);
    for (const change of changes.slice(1)) applyChanges(revisions, change);
    const last = log[log.length - 1] as LogEntry;
    return { revisions, base, seq: last.seq, iv: last.envelope.iv };
  }
  throw new AppError('conflict', { reason: 'row-kept-moving' });
};
