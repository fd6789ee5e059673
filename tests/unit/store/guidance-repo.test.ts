import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createGuidanceRepo } from '../../../src/store/guidance-repo.ts';
import { createdVault, failWrites, openTestDb } from '../fixtures.ts';

const entry = (version: string) => ({
  version,
  etag: `"${version}"`,
  pack: { articles: [{ slug: 'sharing-images', title: `Title ${version}` }] },
  fetchedAt: 1_700_000_000_000,
});

describe('guidance repository', () => {
  it('is empty at first, stores a pack, and replaces it whole', async () => {
    const db = openTestDb();
    const repo = createGuidanceRepo(db);
    expect(await repo.get()).toBeUndefined();
    await repo.put(entry('1'));
    await repo.put(entry('2'));
    expect(await repo.get()).toEqual(entry('2'));
    expect(await db.guidance.count()).toBe(1);
    await repo.clear();
    expect(await repo.get()).toBeUndefined();
    db.close();
  });

  it('is readable while the vault is locked (not personal data)', async () => {
    const { db, vault } = await createdVault();
    await createGuidanceRepo(db).put(entry('1'));
    vault.lock();
    expect((await createGuidanceRepo(db).get())?.version).toBe('1');
    vault.close();
    db.close();
  });

  it('keeps the previous pack when a write fails', async () => {
    const db = openTestDb();
    const control = failWrites(db, 'guidance');
    const repo = createGuidanceRepo(db);
    await repo.put(entry('1'));
    control.on = true;
    await expect(repo.put(entry('2'))).rejects.toMatchObject({ code: 'quota-exceeded' });
    control.on = false;
    expect(await repo.get()).toEqual(entry('1'));
    db.close();
  });
});
