// The SQLite engine's versioned migrations on real files: a version 1 database (reports only) moves to version 2
// keeping its reports, a newer database is refused plainly, and the audit table refuses updates and deletes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../server/storage/sqlite.ts';

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
    '2026-01-01T00:00:01Z', 'abc', 'device:x', '{}');
`;

describe('SQLite migrations', () => {
  it('moves a version 1 database to version 3, keeping its reports', async () => {
    const path = join(dir, 'v1.sqlite');
    const old = new Database(path);
    old.exec(V1_SCHEMA);
    old.pragma('user_version = 1');
    old.close();

    const store = openSqliteStore({ path });
    try {
      expect(await store.count()).toBe(1);
      expect(await store.organisation()).toBeUndefined();
      expect(await store.listDevices()).toEqual([]);
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.close();
  });

  it('refuses a database made by a newer server', () => {
    const path = join(dir, 'new.sqlite');
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openSqliteStore({ path })).toThrow(/newer SafeVisit server \(schema 99\); update the server/);
  });

  it('keeps the audit log append-only in the database itself', async () => {
    const path = join(dir, 'audit.sqlite');
    const store = openSqliteStore({ path });
    await store.recordFailedSignIn(null, '2026-01-01T00:00:00Z');
    await store.close();
    const db = new Database(path);
    try {
      expect(() => db.exec("UPDATE audit SET action = 'sign-in'")).toThrow(/append-only/);
      expect(() => db.exec('DELETE FROM audit')).toThrow(/append-only/);
      expect(db.prepare('SELECT COUNT(*) AS n FROM audit').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});
