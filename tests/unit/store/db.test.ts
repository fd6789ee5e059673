import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { DB_SCHEMA_VERSION, SafeVisitDb, SCHEMA_V1, TABLE_NAMES } from '../../../src/store/db.ts';
import { uniqueDbName } from '../fixtures.ts';

describe('SafeVisitDb', () => {
  it('opens the current version with its seven tables and their keys and indexes', async () => {
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
      receipts: { key: 'id', indexes: ['receivedAt'] },
    });
    db.close();
  });

  it('keeps separate databases apart by name', async () => {
    const a = new SafeVisitDb(uniqueDbName('a'));
    const b = new SafeVisitDb(uniqueDbName('b'));
    await a.settings.put(7, 'keepSyncedDays');
    expect(await b.settings.count()).toBe(0);
    a.close();
    b.close();
  });

  it('upgrades a version 1 database: drops the clear endpoint and the hand-typed token, keeps reports and settings', async () => {
    const name = uniqueDbName('v1');
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    await old.table('settings').put('https://elsewhere.example', 'endpointUrl');
    await old.table('settings').put(15, 'autolockMinutes');
    await old.table('secrets').put({ v: 1, iv: new Uint8Array(12), ct: new Uint8Array(20) }, 'accessToken');
    await old.table('reports').put({ id: 'r1', status: 'draft', createdAt: 1, updatedAt: 1, revision: 1 });
    old.close();

    const db = new SafeVisitDb(name);
    await db.open();
    expect(db.verno).toBe(DB_SCHEMA_VERSION);
    expect(await db.receipts.count()).toBe(0);
    expect(await db.settings.get('endpointUrl')).toBeUndefined();
    expect(await db.secrets.get('accessToken')).toBeUndefined();
    expect(await db.settings.get('autolockMinutes')).toBe(15);
    expect(await db.reports.get('r1')).toMatchObject({ id: 'r1', status: 'draft' });
    db.close();
  });
});
