// What the PostgreSQL engine's group commit (pg-sealed.ts) costs and where it stops: a group of distinct revisions is
// one prepared statement and no transaction, an empty group none, and a group that repeats one revision takes one
// statement per copy, up to 8, then gives up as "try again later" with nothing stored.
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openPool } from '../../../server/storage/pg-db.ts';
import { pgSealedStore } from '../../../server/storage/pg-sealed.ts';
import { expectAppError, newSealedReport, setUpStore, testDatabasesPerTest } from '../fixtures.ts';

const fresh = testDatabasesPerTest();
const RECEIVED = '2026-11-01T10:05:01.000Z';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('PostgreSQL group commit', () => {
  it('saves a group of distinct revisions with one prepared statement, and an empty group with none', async () => {
    const database = await fresh('postgres');
    const { keyId } = await setUpStore(await database.open());
    const db = openPool(database.address, { poolSize: 1 });
    try {
      const store = pgSealedStore(db);
      const statements = vi.spyOn(pg.Client.prototype, 'query');
      const outcomes = await store.saveSealedMany(
        Array.from({ length: 5 }, () => ({ report: newSealedReport(keyId), receivedAt: RECEIVED })),
      );
      expect(outcomes.map((o) => o.kind)).toEqual(['created', 'created', 'created', 'created', 'created']);
      expect(statements).toHaveBeenCalledTimes(1);
      statements.mockClear();
      expect(await store.saveSealedMany([])).toEqual([]);
      expect(statements).not.toHaveBeenCalled();
      statements.mockRestore();
      // Parsed and planned once on this connection, then only executed.
      expect(await db.rows('SELECT name FROM pg_prepared_statements')).toEqual([
        { name: 'safevisit-save-sealed-group' },
      ]);
    } finally {
      await db.pool.end();
    }
  });

  it('answers a group repeating one revision 8 times copy by copy, and gives up on 9 copies storing nothing', async () => {
    const database = await fresh('postgres');
    const store = await database.open();
    const { keyId } = await setUpStore(store);
    const eight = newSealedReport(keyId);
    const outcomes = await store.saveSealedMany(
      Array.from({ length: 8 }, () => ({ report: eight, receivedAt: RECEIVED })),
    );
    expect(outcomes).toEqual([
      { kind: 'created', receivedAt: RECEIVED },
      ...Array.from({ length: 7 }, () => ({ kind: 'replayed', receivedAt: RECEIVED })),
    ]);
    const nine = newSealedReport(keyId);
    const error = await expectAppError(
      store.saveSealedMany([
        ...Array.from({ length: 9 }, () => ({ report: nine, receivedAt: RECEIVED })),
        { report: newSealedReport(keyId), receivedAt: RECEIVED },
      ]),
      'storage-unavailable',
    );
    expect((error.cause as Error).message).toBe('a group of saves did not settle');
    expect(await store.sealedCount()).toBe(1);
  });
});
