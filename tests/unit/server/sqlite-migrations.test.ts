// The SQLite engine's versioned migrations on real files: a version 1 database (plaintext reports) moves to the current
// version and its plaintext reports are gone from the file and its WAL, and a newer database is refused plainly; the
// files are owner-only and a lock held past the busy timeout is "try again later". The
// behaviour both engines share (the append-only audit log among it) is in storage-contract-*.test.ts.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../server/storage/open-store.ts';
import { DEFAULT_BUSY_TIMEOUT_MS, openSqliteStore } from '../../../server/storage/sqlite.ts';
import { expectAppError } from '../fixtures.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'safevisit-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const V1_SCHEMA = `
  CREATE TABLE submissions (
    id TEXT NOT NULL, revision INTEGER NOT NULL CHECK (revision >= 1), schema_version INTEGER NOT NULL,
    created_at TEXT NOT NULL, submitted_at TEXT NOT NULL, received_at TEXT NOT NULL, body_hash TEXT NOT NULL,
    device TEXT NOT NULL, report TEXT NOT NULL, PRIMARY KEY (id, revision)
  );
  INSERT INTO submissions VALUES ('r1', 1, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z',
    '2026-01-01T00:00:01Z', 'abc', 'device:x', '{"description":"Plaintext-Heron-4471 said so"}');
  INSERT INTO submissions VALUES ('r1', 2, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z',
    '2026-01-01T00:00:02Z', 'abd', 'device:x', '{"description":"Plaintext-Heron-4471 said more"}');
`;

describe('SQLite migrations and files', () => {
  it('moves a version 1 database to the current version (5, with alerts), deleting its plaintext reports from the file and the WAL', async () => {
    const path = join(dir, 'v1.sqlite');
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    old.exec(V1_SCHEMA);
    old.pragma('user_version = 1');
    old.close();
    expect(readFileSync(path).includes('Plaintext-Heron-4471')).toBe(true);

    const store = openSqliteStore({ path });
    try {
      expect(store.discardedPlaintextReports).toBe(2);
      expect(await store.sealedCount()).toBe(0);
      expect(await store.organisation()).toBeUndefined();
      const files = [path, `${path}-wal`].filter(existsSync).map((f) => readFileSync(f));
      for (const bytes of files) expect(bytes.includes('Plaintext-Heron-4471')).toBe(false);
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'guidance_publications'").all()).toHaveLength(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'submissions'").all()).toEqual([]);
    // Version 7: the retention sweep's index on the review time.
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'reports_reviewed'").all()).toHaveLength(1);
    db.close();
    // A second open has nothing more to say.
    const again = openSqliteStore({ path });
    expect(again.discardedPlaintextReports).toBe(0);
    await again.close();
  });

  it('gives the space of the deleted plaintext reports back: the file shrinks, not zeroed pages kept', async () => {
    const path = join(dir, 'v1-large.sqlite');
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    old.exec(V1_SCHEMA);
    const insert = old.prepare(
      "INSERT INTO submissions VALUES (?, 1, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 'abc', 'device:x', ?)",
    );
    for (let i = 0; i < 400; i++) insert.run(`bulk-${i}`, JSON.stringify({ description: 'x'.repeat(2_000) }));
    old.pragma('user_version = 1');
    old.close();
    const before = statSync(path).size;
    expect(before).toBeGreaterThan(800_000);

    const store = openSqliteStore({ path });
    try {
      expect(store.discardedPlaintextReports).toBe(402);
      expect(statSync(path).size).toBeLessThan(before / 4);
    } finally {
      await store.close();
    }
  });

  it('does not rewrite a current database at start (VACUUM of a large one would hold the start up)', async () => {
    const path = join(dir, 'current.sqlite');
    await openSqliteStore({ path }).close();
    const raw = new Database(path);
    raw.exec(
      'CREATE TABLE scratch (x TEXT); INSERT INTO scratch SELECT hex(randomblob(2000)) FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3);',
    );
    raw.exec('DELETE FROM scratch');
    const freePages = () => raw.pragma('freelist_count', { simple: true }) as number;
    expect(freePages()).toBeGreaterThan(0);
    const before = freePages();
    raw.close();

    const store = openSqliteStore({ path });
    await store.close();
    const after = new Database(path, { readonly: true });
    expect(after.pragma('freelist_count', { simple: true })).toBe(before);
    after.close();
  });

  it('refuses a database made by a newer server', () => {
    const path = join(dir, 'new.sqlite');
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openSqliteStore({ path })).toThrow(/newer SafeVisit server \(schema 99\); update the server/);
  });

  it('makes a new folder owner-only and the file 0600, narrows an existing file and its WAL, keeps an existing folder', async () => {
    const path = join(dir, 'data', 'safevisit.sqlite');
    const store = openSqliteStore({ path });
    await store.sealedCount();
    await store.close();
    expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const shared = join(dir, 'shared');
    mkdirSync(shared, { mode: 0o755 });
    chmodSync(shared, 0o755);
    const other = join(shared, 'safevisit.sqlite');
    const old = new Database(other);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE t (x)');
    chmodSync(other, 0o644);
    chmodSync(`${other}-wal`, 0o644);
    chmodSync(`${other}-shm`, 0o644);
    const reopened = openSqliteStore({ path: other });
    try {
      expect(statSync(shared).mode & 0o777).toBe(0o755);
      for (const file of [other, `${other}-wal`, `${other}-shm`]) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    } finally {
      await reopened.close();
      old.close();
    }
  });

  it('answers AppError(storage-unavailable) once another connection has held the lock past its busy timeout', async () => {
    const path = join(dir, 'busy.sqlite');
    // Through openStore, which hands its busyTimeoutMs on to the SQLite engine.
    const store = await openStore({ dbPath: path, busyTimeoutMs: 100 });
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      await expectAppError(store.recordFailedSignIn(null, '2026-11-01T09:00:00.000Z'), 'storage-unavailable');
      expect(Date.now() - started).toBeLessThan(DEFAULT_BUSY_TIMEOUT_MS);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      await store.close();
    }
  });
});
