import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DB_SCHEMA_VERSION, SafeVisitDb, TABLE_NAMES } from '../../../src/store/db.ts';
import { uniqueDbName } from '../fixtures.ts';

describe('SafeVisitDb', () => {
  it('opens version 1 with its six tables and their keys and indexes', async () => {
    const db = new SafeVisitDb(uniqueDbName('schema'));
    await db.open();
    expect(db.verno).toBe(DB_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual([...TABLE_NAMES].sort());
    const schema = Object.fromEntries(
      db.tables.map((t) => [
        t.name,
        { key: t.schema.primKey.keyPath ?? null, indexes: t.schema.indexes.map((i) => i.name) },
      ]),
    );
    expect(schema).toEqual({
      meta: { key: null, indexes: [] },
      reports: { key: 'id', indexes: ['status', 'updatedAt'] },
      outbox: { key: 'reportId', indexes: ['nextAttemptAt'] },
      guidance: { key: null, indexes: [] },
      settings: { key: null, indexes: [] },
      secrets: { key: null, indexes: [] },
    });
    db.close();
  });

  it('keeps separate databases apart by name', async () => {
    const a = new SafeVisitDb(uniqueDbName('a'));
    const b = new SafeVisitDb(uniqueDbName('b'));
    await a.settings.put('x', 'endpointUrl');
    expect(await b.settings.count()).toBe(0);
    a.close();
    b.close();
  });
});
