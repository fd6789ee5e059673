import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDeviceStore } from '../../../src/store/device-store.ts';
import { STRONG_PASSPHRASE } from '../../passphrases.ts';
import { closeAfterTest, openTestDb, openTestVault, uniqueDbName } from '../fixtures.ts';

describe('the device store the boot opens', () => {
  it('opens the database with its outbox, its guidance and the vault over that same database', async () => {
    const name = uniqueDbName('device');
    const store = openDeviceStore(name);
    const vault = await store.vault;
    closeAfterTest(store.db, vault);
    expect(store.db.name).toBe(name);
    expect(vault.state).toBe('none');
    expect(await store.outbox.count()).toBe(0);
    expect(await store.guidance.get()).toBeUndefined();

    // A vault created in that database (here through another connection) is the one the next boot finds.
    const db = openTestDb(name);
    const created = await openTestVault(db);
    closeAfterTest(db, created);
    await created.create(STRONG_PASSPHRASE);
    const next = openDeviceStore(name);
    const found = await next.vault;
    closeAfterTest(next.db, found);
    expect(found.state).toBe('locked');
  });
});
