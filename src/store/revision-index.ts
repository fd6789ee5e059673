// Each report's latest revision as a sealed journal in `secrets`, so a row put back from an older copy is refused when
// read (see src/vault/README.md, "The revision index"). Decides nothing else; never holds a key.
//
// Layout: a snapshot ('report-revisions/snapshot': { v: 2, seq: S, reports: { <id>: <revision> } }) and one small
// entry per change ('report-revisions/log/<seq, 16 digits>': { v: 2, changes: [[<id>, <revision> | null]] }), each
// sealed like a secret (AES-GCM under the data key; additional data 'secrets', its key, so an entry's sequence number
// is bound to it and a re-key re-encrypts them all). A report write seals ONE entry, numbered one past the last, and
// stores it in the same transaction as the row, only if the last entry is still the one it followed: O(1) per save.
// Every so often (the log longer than an eighth of the reports, at least 128 entries) a write also seals the whole map
// as the new snapshot at its own number and deletes the entries before it: O(1) amortised. The snapshot's own entry
// stays, so the log always ends in a sealed entry that a writer checks. The page keeps the map in memory, loaded and
// checked at the first use after unlock (dropped on lock) and caught up with other tabs' entries at each read.
//
// What it stops, for someone who can edit IndexedDB: an older copy of a report row put back (its entry lists a newer
// revision: 'rolled-back'); a deleted or sync-removed report put back (not listed); an entry deleted from the middle
// of the log, or the snapshot's entry (a gap: 'tampered'); an entry or snapshot moved to another number, or from
// another vault or from before a re-key (it does not open); the index deleted (each report's sealed control says one
// existed: 'revision-index-missing'); an older snapshot without the entries since (a gap). What it cannot stop: the
// log cut back to an earlier entry, or an older snapshot with its entries, TOGETHER with every report row written since
// put back to its copy of then: that is an earlier state of the whole storage, consistent in itself (as before); and
// an earlier save within one revision (the index holds revisions, not saves).
import { AppError } from '../domain/errors.ts';
import type { Bytes } from '../vault/crypto.ts';
import type { KeyedCrypto } from '../vault/vault.ts';
import { sameBytes } from '../vault/vault-header.ts';
import type { ReportRow, SafeVisitDb } from './db.ts';
import { withStorageErrors } from './errors.ts';
import {
  applyChanges,
  type IndexChange,
  type IndexedBefore,
  lastSeq,
  loadRevisionIndex,
  logFrom,
  openEntries,
  sealEntry,
  sealSnapshot,
  tampered,
  writeEntry,
} from './revision-log.ts';

export {
  type IndexChange,
  type IndexedBefore,
  LEGACY_REVISION_INDEX_KEY,
  REVISION_INDEX_KEYS,
  REVISION_SNAPSHOT_KEY,
  revisionLogKey,
} from './revision-log.ts';

/** A write also writes a snapshot once the log holds this many entries and an eighth of the reports listed. */
const COMPACT_MIN_ENTRIES = 128;
const COMPACT_SHARE = 8;

/** The index as this page holds it: each report's latest revision and where in the log it stands. */
export type RevisionIndex = {
  readonly revisions: ReadonlyMap<string, number>;
};

type State = {
  revisions: Map<string, number>;
  /** The snapshot's number: entries up to it are in the snapshot. */
  base: number;
  /** The last entry applied. */
  seq: number;
  /** That entry's IV as stored: tells it from another journal's entry of the same number (another vault). */
  iv: Bytes;
  /** A write found the log moved: the next use catches up before trusting it. */
  stale: boolean;
};

/** The index this page holds for each database, the load under way, and how many times it was dropped. */
const held = new WeakMap<SafeVisitDb, State>();
const loading = new WeakMap<SafeVisitDb, Promise<State>>();
const dropped = new WeakMap<SafeVisitDb, number>();

/** Drops this page's copy (on lock): the next use loads and checks the stored journal again. */
export const forgetRevisionIndex = (db: SafeVisitDb): void => {
  held.delete(db);
  loading.delete(db);
  dropped.set(db, (dropped.get(db) ?? 0) + 1);
};

/** This page's index: loaded (once, shared by the callers meanwhile) or caught up with the log when `check`. */
const current = async (
  db: SafeVisitDb,
  crypto: KeyedCrypto,
  indexedBefore: IndexedBefore,
  check: boolean,
): Promise<State> => {
  const state = held.get(db);
  if (state !== undefined && !check && !state.stale) return state;
  if (state !== undefined) {
    const caughtUp = await catchUp(db, crypto, state);
    if (caughtUp) return state;
  }
  let pending = loading.get(db);
  if (pending === undefined) {
    const generation = dropped.get(db) ?? 0;
    pending = loadRevisionIndex(db, crypto, indexedBefore)
      .then(async (stored) => {
        const loaded: State = { ...stored, stale: false };
        // A load that a lock overtook serves its callers, not the next unlock's.
        if ((dropped.get(db) ?? 0) === generation) held.set(db, loaded);
        // Best effort: what it leaves is recorded at the next load.
        await dropRemoved(db, crypto, loaded).catch(() => undefined);
        return loaded;
      })
      .finally(() => {
        if (loading.get(db) === pending) loading.delete(db);
      });
    loading.set(db, pending);
  }
  return pending;
};

/**
 * Applies the entries other tabs appended since `state`'s last one. False when that entry is no longer there as this
 * page saw it (another tab wrote a snapshot past it, a re-key sealed it again, another vault): load again.
 */
const catchUp = async (db: SafeVisitDb, crypto: KeyedCrypto, state: State): Promise<boolean> => {
  const from = state.seq;
  // One query, so one implicit read transaction: the entries as they stood together.
  const log = await withStorageErrors(() => logFrom(db, from));
  if (log[0]?.seq !== from || !sameBytes(log[0].envelope.iv, state.iv)) return false;
  const later = log.slice(1);
  const changes = await openEntries(crypto, later, from + 1);
  // Another caller applied some of them meanwhile: only those after it.
  later.forEach((entry, i) => {
    if (entry.seq !== state.seq + 1) return;
    applyChanges(state.revisions, changes[i] as IndexChange[]);
    state.seq = entry.seq;
    state.iv = entry.envelope.iv;
  });
  state.stale = false;
  return true;
};

/** Makes sure the index exists (building it once for a vault made before it): call before sealing a report's control. */
export const ensureRevisionIndex = async (
  db: SafeVisitDb,
  crypto: KeyedCrypto,
  indexedBefore: IndexedBefore,
): Promise<void> => {
  await current(db, crypto, indexedBefore, false);
};

/**
 * The index, caught up with every tab's writes (loaded first after an unlock; a vault with the legacy record is
 * migrated then, one with none is built). AppError('tampered') when the stored journal does not check out.
 */
export const readRevisionIndex = (
  db: SafeVisitDb,
  crypto: KeyedCrypto,
  indexedBefore: IndexedBefore,
): Promise<RevisionIndex> => current(db, crypto, indexedBefore, true);

/**
 * Why `row` must not be shown or sent, or null when it is the revision the index lists. Older (or not listed: a
 * deleted report put back) is AppError('rolled-back'); newer means the index itself was put back: 'tampered'.
 */
export const refusal = (index: RevisionIndex, row: Pick<ReportRow, 'id' | 'revision'>): AppError | null => {
  const latest = index.revisions.get(row.id);
  if (latest === row.revision) return null;
  if (latest === undefined || row.revision < latest) return new AppError('rolled-back', { id: row.id });
  return tampered('revision-index-behind');
};

/** A write's part in the index: checked and written inside the write's transaction over `secrets`. */
export type IndexWrite = {
  /** In the transaction, first: true when the log still ends where this page's index does. */
  unmoved: () => Promise<boolean>;
  /** In the transaction: stores the entry (and, now and then, the snapshot). Nothing when nothing changes. */
  write: () => Promise<void>;
  /** After the transaction committed: this page's index says what was written. */
  committed: () => void;
};

/**
 * The index's part of a write that sets each report of `changes` to its revision (null: gone). Every report write
 * takes part, even one that changes no revision: its transaction checks that no other tab moved the log meanwhile.
 */
export const plannedIndexWrite = async (
  db: SafeVisitDb,
  crypto: KeyedCrypto,
  indexedBefore: IndexedBefore,
  changes: readonly IndexChange[],
): Promise<IndexWrite> => planFor(db, crypto, await current(db, crypto, indexedBefore, false), changes);

const planFor = async (
  db: SafeVisitDb,
  crypto: KeyedCrypto,
  state: State,
  changes: readonly IndexChange[],
): Promise<IndexWrite> => {
  const { seq, revisions } = state;
  const unmoved = async () => {
    const moved = (await lastSeq(db)) !== seq;
    if (moved) state.stale = true;
    return !moved;
  };
  const changed = changes.filter(([id, revision]) => (revisions.get(id) ?? null) !== revision);
  if (changed.length === 0) return { unmoved, write: async () => {}, committed: () => {} };

  const next = seq + 1;
  const compact = next - state.base >= Math.max(COMPACT_MIN_ENTRIES, Math.ceil(revisions.size / COMPACT_SHARE));
  let after: Map<string, number> | null = null;
  if (compact) {
    after = new Map(revisions);
    applyChanges(after, changed);
    // The entries of reports no longer stored go with it: put back, they are refused.
    const stored = new Set(await withStorageErrors(() => db.reports.toCollection().primaryKeys()));
    const now = new Set(changed.map(([id]) => id));
    for (const id of after.keys()) if (!stored.has(id) && !now.has(id)) after.delete(id);
  }
  const [entry, snapshot] = await Promise.all([
    sealEntry(crypto, next, changed),
    after ? sealSnapshot(crypto, next, after) : undefined,
  ]);
  return {
    unmoved,
    write: () => writeEntry(db, next, entry, snapshot),
    committed: () => {
      // Only onto the state it was planned from, still where it was (a catch-up may have applied it already).
      if (held.get(db) !== state || state.seq !== seq) return;
      if (after) {
        state.revisions = after;
        state.base = next;
      } else applyChanges(state.revisions, changed);
      state.seq = next;
      state.iv = entry.iv;
    },
  };
};

/**
 * Records as gone the reports the index lists that are no longer stored: removed by the sync after their receipt, or
 * deleted while locked (neither can write the index). Put back, they are then refused. Best effort: when the log moved
 * meanwhile it is left for the next time (at the next load, or the next removal).
 */
const dropRemoved = async (db: SafeVisitDb, crypto: KeyedCrypto, state: State): Promise<void> => {
  const stored = new Set(await withStorageErrors(() => db.reports.toCollection().primaryKeys()));
  const gone = [...state.revisions.keys()].filter((id) => !stored.has(id));
  if (gone.length === 0) return;
  const plan = await planFor(
    db,
    crypto,
    state,
    gone.map((id): IndexChange => [id, null]),
  );
  const done = await withStorageErrors(() =>
    db.transaction('rw', db.secrets, db.reports, async () => {
      if (!(await plan.unmoved())) return false;
      if ((await db.reports.bulkGet(gone)).some((row) => row !== undefined)) return false;
      await plan.write();
      return true;
    }),
  );
  if (done) plan.committed();
};

/** dropRemoved for the report repository (after the sync removed reports). */
export const dropRemovedReports = async (
  db: SafeVisitDb,
  crypto: KeyedCrypto,
  indexedBefore: IndexedBefore,
): Promise<void> => dropRemoved(db, crypto, await current(db, crypto, indexedBefore, true));

const writers = new WeakMap<SafeVisitDb, Promise<unknown>>();

/**
 * Runs the writes that may change the index one after another in this page (reports created together would otherwise
 * each plan the same entry number and all but one retry). Another tab's write is caught by `unmoved`. Not nested.
 */
export const oneIndexWriterAtATime = <R>(db: SafeVisitDb, write: () => Promise<R>): Promise<R> => {
  const run = (writers.get(db) ?? Promise.resolve()).then(write, write);
  writers.set(
    db,
    run.catch(() => undefined),
  );
  return run;
};
