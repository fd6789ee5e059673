// Each report's latest revision in ONE record sealed by the data key, written with every report write that changes
// it, so a row put back from an older copy is refused when read (see src/vault/README.md). Decides nothing else.
import { AppError, isAppError } from '../domain/errors.ts';
import type { Envelope } from '../vault/crypto.ts';
import type { KeyedCrypto } from '../vault/vault.ts';
import { sameBytes } from '../vault/vault-header.ts';
import type { ReportRow, SafeVisitDb } from './db.ts';
import { withStorageErrors } from './errors.ts';
import { SECRETS_SCHEMA_VERSION, SECRETS_TABLE } from './settings-repo.ts';

/** The index's row in `secrets`; sealed like a secret (additional data: 'secrets', this name), so a re-key re-encrypts it. */
export const REVISION_INDEX_KEY = 'report-revisions';
/** Version of the index's layout, inside the sealed value. */
const REVISION_INDEX_VERSION = 1;
/** Tries of the first build when reports are written meanwhile. */
const BUILD_TRIES = 3;

export type RevisionIndex = {
  /** Report id -> the revision of its row as this app last wrote it. */
  revisions: ReadonlyMap<string, number>;
  /** The envelope as read: a write that changes the index checks, in its transaction, that it has not moved. */
  stored: Envelope;
};

/** Tells whether any report's sealed control was written after an index existed (report-control.ts). */
export type IndexedBefore = (rows: ReportRow[], crypto: KeyedCrypto) => Promise<boolean>;

const seal = (crypto: KeyedCrypto, revisions: ReadonlyMap<string, number>): Promise<Envelope> =>
  crypto.encryptJson(SECRETS_TABLE, REVISION_INDEX_KEY, SECRETS_SCHEMA_VERSION, {
    v: REVISION_INDEX_VERSION,
    reports: Object.fromEntries(revisions),
  });

/**
 * The last index each database opened in this page: read again (every get, list and send) it is decrypted only when
 * its envelope changed. Holds ids and revisions, which are in clear on the rows anyway.
 */
const lastOpened = new WeakMap<SafeVisitDb, RevisionIndex>();

const open = async (db: SafeVisitDb, crypto: KeyedCrypto, stored: Envelope): Promise<RevisionIndex> => {
  const last = lastOpened.get(db);
  // The same envelope (its random IV) was opened and checked before; a changed one is opened again.
  if (
    last !== undefined &&
    sameIv(last.stored, stored) &&
    stored.ct instanceof Uint8Array &&
    sameBytes(last.stored.ct, stored.ct)
  )
    return last;
  const index = await openEnvelope(crypto, stored);
  lastOpened.set(db, index);
  return index;
};

const openEnvelope = async (crypto: KeyedCrypto, stored: Envelope): Promise<RevisionIndex> => {
  let value: unknown;
  try {
    value = await crypto.decryptJson(SECRETS_TABLE, REVISION_INDEX_KEY, SECRETS_SCHEMA_VERSION, stored);
  } catch (cause) {
    // Another vault's index (another data key), one from before a re-key, or changed bytes.
    if (isAppError(cause, 'tampered')) throw new AppError('tampered', { reason: 'revision-index' }, { cause });
    throw cause;
  }
  const reports = (value as { v?: unknown; reports?: unknown } | null)?.reports;
  const entries = reports !== null && typeof reports === 'object' ? Object.entries(reports) : null;
  if (
    (value as { v?: unknown }).v !== REVISION_INDEX_VERSION ||
    entries === null ||
    !entries.every(([, revision]) => Number.isSafeInteger(revision) && (revision as number) >= 0)
  ) {
    throw new AppError('tampered', { reason: 'revision-index' });
  }
  return { revisions: new Map(entries as [string, number][]), stored };
};

const sameIv = (a: Envelope | undefined, b: Envelope | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.iv instanceof Uint8Array && sameBytes(a.iv, b.iv);

/**
 * Builds the index of a vault that has none yet (made before it existed) from the rows as they are, once. Refused
 * (AppError('tampered', { reason: 'revision-index-missing' })) when a report's sealed control says an index existed
 * when it was written: the index was deleted, which would otherwise let an older row back in.
 */
const build = async (db: SafeVisitDb, crypto: KeyedCrypto, indexedBefore: IndexedBefore): Promise<void> => {
  for (let attempt = 0; attempt < BUILD_TRIES; attempt++) {
    const rows = await withStorageErrors(() => db.reports.toArray());
    if (await indexedBefore(rows, crypto)) throw new AppError('tampered', { reason: 'revision-index-missing' });
    const revisions = new Map(rows.map((row) => [row.id, row.revision]));
    const envelope = await seal(crypto, revisions);
    const done = await withStorageErrors(() =>
      db.transaction('rw', db.secrets, db.reports, async () => {
        // Built by another tab meanwhile: theirs stands.
        if ((await db.secrets.get(REVISION_INDEX_KEY)) !== undefined) return true;
        const now = await db.reports.toArray();
        if (now.length !== revisions.size || now.some((row) => revisions.get(row.id) !== row.revision)) return false;
        await db.secrets.put(envelope, REVISION_INDEX_KEY);
        return true;
      }),
    );
    if (done) return;
  }
  throw new AppError('conflict', { reason: 'row-kept-moving' });
};

/** Makes sure the index exists (building it once for a vault made before it): call before sealing a report's control. */
export const ensureRevisionIndex = async (
  db: SafeVisitDb,
  crypto: KeyedCrypto,
  indexedBefore: IndexedBefore,
): Promise<void> => {
  // Once seen in this page it stays (only a wipe deletes it, and a wipe leaves no control behind).
  if (lastOpened.has(db)) return;
  if ((await withStorageErrors(() => db.secrets.get(REVISION_INDEX_KEY))) === undefined)
    await build(db, crypto, indexedBefore);
};

/** The index, opened (built first if the vault has none). AppError('tampered') when it does not open under this vault's key. */
export const readRevisionIndex = async (
  db: SafeVisitDb,
  crypto: KeyedCrypto,
  indexedBefore: IndexedBefore,
): Promise<RevisionIndex> => {
  let stored = await withStorageErrors(() => db.secrets.get(REVISION_INDEX_KEY));
  if (stored === undefined) {
    await build(db, crypto, indexedBefore);
    stored = await withStorageErrors(() => db.secrets.get(REVISION_INDEX_KEY));
    if (stored === undefined) throw new AppError('tampered', { reason: 'revision-index-missing' });
  }
  return open(db, crypto, stored);
};

/**
 * Why `row` must not be shown or sent, or null when it is the revision the index lists. Older (or not listed: a
 * deleted report put back) is AppError('rolled-back'); newer means the index itself was put back: 'tampered'.
 */
export const refusal = (index: RevisionIndex, row: Pick<ReportRow, 'id' | 'revision'>): AppError | null => {
  const latest = index.revisions.get(row.id);
  if (latest === row.revision) return null;
  if (latest === undefined || row.revision < latest) return new AppError('rolled-back', { id: row.id });
  return new AppError('tampered', { reason: 'revision-index-behind' });
};

/**
 * The index with report `id` at `revision` (null: deleted), sealed; undefined when it already says so. Entries of
 * reports no longer stored (the sync removes sent ones after their receipt) go with it: put back, they are refused.
 */
export const updatedIndex = async (
  db: SafeVisitDb,
  index: RevisionIndex,
  crypto: KeyedCrypto,
  id: string,
  revision: number | null,
): Promise<Envelope | undefined> => {
  if ((index.revisions.get(id) ?? null) === revision) return undefined;
  const stored = new Set(await withStorageErrors(() => db.reports.toCollection().primaryKeys()));
  const next = new Map([...index.revisions].filter(([listed]) => stored.has(listed)));
  if (revision === null) next.delete(id);
  else next.set(id, revision);
  return seal(crypto, next);
};

/** Inside a write transaction over `secrets`: true when the index is still the one `index` read. */
export const indexUnmoved = async (db: SafeVisitDb, index: RevisionIndex): Promise<boolean> =>
  sameIv(await db.secrets.get(REVISION_INDEX_KEY), index.stored);

const writers = new WeakMap<SafeVisitDb, Promise<unknown>>();

/**
 * Runs the writes that may change the index one after another in this page (reports created together would otherwise
 * each read the same index and all but one retry). Another tab's write is still caught by `indexUnmoved`. Not nested.
 */
export const oneIndexWriterAtATime = <R>(db: SafeVisitDb, write: () => Promise<R>): Promise<R> => {
  const run = (writers.get(db) ?? Promise.resolve()).then(write, write);
  writers.set(
    db,
    run.catch(() => undefined),
  );
  return run;
};

/** Inside a write transaction over `secrets`: stores the index `updatedIndex` sealed. */
export const writeIndex = (db: SafeVisitDb, envelope: Envelope): Promise<string> =>
  db.secrets.put(envelope, REVISION_INDEX_KEY);
