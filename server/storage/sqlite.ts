// The embedded storage engine: better-sqlite3, one file (or ':memory:' in tests). Opens, migrates and narrows file
// modes; sealed reports (sqlite-sealed.ts) and the organisation side (sqlite-org.ts) hold the statements. Nothing is
// kept in memory. The folder it creates is owner-only (0700) and the database files are 0600.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ALERTS_MIGRATION, sqliteAlertStore } from './sqlite-alerts.ts';
import { GUIDANCE_MIGRATION, sqliteGuidanceStore } from './sqlite-guidance.ts';
import { LIFECYCLE_MIGRATION, sqliteLifecycleStore } from './sqlite-lifecycle.ts';
import { ORG_MIGRATION, sqliteOrgStore } from './sqlite-org.ts';
import { SEALED_MIGRATION, sqliteSealedStore } from './sqlite-sealed.ts';
import { sqliteTeamStore, TEAM_MIGRATION } from './sqlite-team.ts';
import type { Store } from './types.ts';

export const DEFAULT_DB_PATH = 'data/safevisit.sqlite';
/** How long a write waits for another connection's lock before the API answers 503. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

const SCHEMA_VERSION = 8;
/** Owner-only: the database holds officers' key material and token hashes. */
export const DATA_DIR_MODE = 0o700;
export const DB_FILE_MODE = 0o600;

/**
 * Version 4 refuses to keep the v1 reports, stored in clear: the server has no key to seal them, so it deletes
 * them (overwritten in the file, see `openSqliteStore`) and says how many at start.
 */
const DROP_PLAINTEXT_MIGRATION = 'DROP TABLE submissions;';

// Rowid tables: rowid is the arrival order, so "newest first" does not depend on clock resolution.
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
  4: DROP_PLAINTEXT_MIGRATION,
  5: ALERTS_MIGRATION,
  6: TEAM_MIGRATION,
  7: LIFECYCLE_MIGRATION,
  8: GUIDANCE_MIGRATION,
};

export type SqliteStoreOptions = { path?: string; busyTimeoutMs?: number };

/**
 * Creates the folder (0700) and the file (0600) before SQLite does, and narrows an existing file and its WAL/SHM
 * companions to 0600 (SQLite gives new WAL/SHM files the database file's mode). A folder that already exists keeps
 * its mode: the path may point into a shared folder the server must not change.
 */
const prepareFiles = (path: string): void => {
  mkdirSync(dirname(path), { recursive: true, mode: DATA_DIR_MODE });
  // Stryker disable next-line ConditionalExpression: opening an existing file to append changes nothing (the chmod below narrows it)
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
  // Deleted rows (ended sessions, erased and expired reports) are overwritten with zeros, not left in free pages.
  db.pragma('secure_delete = ON');

  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    db.close();
    throw new Error(
      `The database ${path} was made by a newer SafeVisit server (schema ${current}); update the server.`,
    );
  }
  // Versions 1 to 3 kept the v1 reports in clear in `submissions`, which migration 4 drops.
  const hadPlaintext =
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'submissions'").get() !== undefined;
  const plaintextRows = hadPlaintext
    ? (db.prepare('SELECT COUNT(*) AS n FROM submissions').get() as { n: number }).n
    : 0;
  db.transaction(() => {
    // Stryker disable next-line StringLiteral: every version up to SCHEMA_VERSION has its migration
    for (let v = current + 1; v <= SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v] ?? '');
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
  if (hadPlaintext) {
    // secure_delete zeroed the dropped pages; VACUUM rewrites the file without them and the checkpoint (nothing to do
    // in memory) copies that into the file and empties the WAL, so no plaintext report survives in either file.
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  }

  return {
    ...sqliteOrgStore(db),
    ...sqliteTeamStore(db),
    ...sqliteSealedStore(db),
    ...sqliteAlertStore(db),
    ...sqliteGuidanceStore(db),
    ...sqliteLifecycleStore(db),
    discardedPlaintextReports: plaintextRows,
    close: async () => {
      if (db.open) db.close();
    },
  };
};
