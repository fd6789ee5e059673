// The embedded storage engine: better-sqlite3, one file (or ':memory:' in tests). Idempotency is the table's
// PRIMARY KEY (id, revision) plus insert-or-select in one immediate transaction; nothing is kept in memory.
// Versioned migrations run at open; the folder it creates is owner-only (0700) and the database files are 0600.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../src/domain/errors.ts';
import { ORG_MIGRATION, sqliteOrgStore } from './sqlite-org.ts';
import { SEALED_MIGRATION, sqliteSealedStore } from './sqlite-sealed.ts';
import type { ListPage, NewSubmission, SaveOutcome, Store, StoredSubmission } from './types.ts';

export const DEFAULT_DB_PATH = 'data/safevisit.sqlite';
/** How long a write waits for another connection's lock before the API answers 503. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

const SCHEMA_VERSION = 3;
/** Owner-only: the database holds officers' key material and token hashes. */
export const DATA_DIR_MODE = 0o700;
export const DB_FILE_MODE = 0o600;

// A rowid table: rowid is the arrival order, so "newest first" does not depend on clock resolution.
const MIGRATIONS: Record<number, string> = {
  1: `
    CREATE TABLE submissions (
      id             TEXT    NOT NULL,
      revision       INTEGER NOT NULL CHECK (revision >= 1),
      schema_version INTEGER NOT NULL,
      created_at     TEXT    NOT NULL,
      submitted_at   TEXT    NOT NULL,
      received_at    TEXT    NOT NULL,
      body_hash      TEXT    NOT NULL,
      device         TEXT    NOT NULL,
      report         TEXT    NOT NULL,
      PRIMARY KEY (id, revision)
    );
  `,
  2: ORG_MIGRATION,
  3: SEALED_MIGRATION,
};

type Row = {
  seq: number;
  id: string;
  revision: number;
  schema_version: number;
  created_at: string;
  submitted_at: string;
  received_at: string;
  body_hash: string;
  device: string;
  report: string;
};

const toStored = (row: Row): StoredSubmission => ({
  id: row.id,
  revision: row.revision,
  schemaVersion: row.schema_version,
  createdAt: row.created_at,
  submittedAt: row.submitted_at,
  receivedAt: row.received_at,
  bodyHash: row.body_hash,
  device: row.device,
  report: JSON.parse(row.report),
});

/** Any engine failure (locked, full, read-only, closed, I/O) is "try again later" to the device, never a 500. */
const unavailable = <T>(work: () => T): T => {
  try {
    return work();
  } catch (error) {
    throw new AppError('storage-unavailable', undefined, { cause: error });
  }
};

export type SqliteStoreOptions = { path?: string; busyTimeoutMs?: number };

/**
 * Creates the folder (0700) and the file (0600) before SQLite does, and narrows an existing file and its WAL/SHM
 * companions to 0600 (SQLite gives new WAL/SHM files the database file's mode). A folder that already exists keeps
 * its mode: the path may point into a shared folder the server must not change.
 */
const prepareFiles = (path: string): void => {
  mkdirSync(dirname(path), { recursive: true, mode: DATA_DIR_MODE });
  if (!existsSync(path)) closeSync(openSync(path, 'a', DB_FILE_MODE));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, DB_FILE_MODE);
};

/** Opens (creating and migrating when needed) the database. Throws if the file cannot be opened at all. */
export const openSqliteStore = (options: SqliteStoreOptions = {}): Store => {
  const path = options.path ?? DEFAULT_DB_PATH;
  if (path !== ':memory:' && !path.startsWith('file:')) prepareFiles(path);
  const db = new Database(path, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  // Deleted rows (ended sessions, and later erased reports) are overwritten with zeros, not left in free pages.
  db.pragma('secure_delete = ON');

  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    db.close();
    throw new Error(
      `The database ${path} was made by a newer SafeVisit server (schema ${current}); update the server.`,
    );
  }
  db.transaction(() => {
    for (let v = current + 1; v <= SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v] ?? '');
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();

  const insert = db.prepare(
    `INSERT INTO submissions (id, revision, schema_version, created_at, submitted_at, received_at, body_hash, device, report)
     VALUES (@id, @revision, @schemaVersion, @createdAt, @submittedAt, @receivedAt, @bodyHash, @device, @report)
     ON CONFLICT (id, revision) DO NOTHING`,
  );
  const findOne = db.prepare<[string, number], Pick<Row, 'body_hash' | 'received_at'>>(
    'SELECT body_hash, received_at FROM submissions WHERE id = ? AND revision = ?',
  );
  const byId = db.prepare<[string], Row>('SELECT rowid AS seq, * FROM submissions WHERE id = ? ORDER BY revision DESC');
  const countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM submissions');
  // The newest revision of each report; ordered by when that revision arrived.
  const latestSql = `
    SELECT s.rowid AS seq, s.*, (SELECT COUNT(*) FROM submissions c WHERE c.id = s.id) AS revisions
    FROM submissions s
    WHERE s.revision = (SELECT MAX(m.revision) FROM submissions m WHERE m.id = s.id)`;
  const listFirst = db.prepare<[number], Row & { revisions: number }>(`${latestSql} ORDER BY s.rowid DESC LIMIT ?`);
  const listBefore = db.prepare<[number, number], Row & { revisions: number }>(
    `${latestSql} AND s.rowid < ? ORDER BY s.rowid DESC LIMIT ?`,
  );

  const saveTx = db.transaction((s: NewSubmission, receivedAt: string): SaveOutcome => {
    const result = insert.run({ ...s, receivedAt, report: JSON.stringify(s.report) });
    if (result.changes === 1) return { kind: 'created', receivedAt };
    const existing = findOne.get(s.id, s.revision);
    if (!existing) throw new Error('insert ignored but no row found');
    return existing.body_hash === s.bodyHash
      ? { kind: 'replayed', receivedAt: existing.received_at }
      : { kind: 'conflict' };
  });

  return {
    ...sqliteOrgStore(db),
    ...sqliteSealedStore(db),
    save: async (submission, receivedAt) => unavailable(() => saveTx.immediate(submission, receivedAt)),
    list: async ({ limit, before }) =>
      unavailable((): ListPage => {
        const cursor = before === undefined ? undefined : Number(before);
        // One more than asked tells whether an older page exists.
        const rows =
          cursor === undefined || !Number.isSafeInteger(cursor)
            ? listFirst.all(limit + 1)
            : listBefore.all(cursor, limit + 1);
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        return {
          items: page.map((row) => ({ ...toStored(row), revisions: row.revisions })),
          ...(rows.length > limit && last ? { nextCursor: String(last.seq) } : {}),
        };
      }),
    revisions: async (id) => unavailable(() => byId.all(id).map(toStored)),
    count: async () => unavailable(() => countAll.get()?.n ?? 0),
    close: async () => {
      if (db.open) db.close();
    },
  };
};
