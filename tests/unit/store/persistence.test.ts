import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { requestPersistentStorage } from '../../../src/store/persistence.ts';
import { createSettingsRepo } from '../../../src/store/settings-repo.ts';
import { createdVault } from '../fixtures.ts';

describe('requestPersistentStorage', () => {
  it.each<[string, Parameters<typeof requestPersistentStorage>[1], boolean | null]>([
    ['granted', { persist: async () => true, persisted: async () => false }, true],
    ['already persisted', { persist: async () => false, persisted: async () => true }, true],
    ['refused (headless Chromium)', { persist: async () => false, persisted: async () => false }, false],
    [
      'a browser that throws',
      {
        persist: async () => {
          throw new Error('nope');
        },
      },
      false,
    ],
    ['no StorageManager', undefined, null],
    ['a StorageManager without persist', {}, null],
  ])('returns and stores the answer when %s', async (_name, storage, expected) => {
    const { db, vault } = await createdVault();
    const settings = createSettingsRepo(db, vault);
    expect(await requestPersistentStorage(settings, storage)).toBe(expected);
    expect((await settings.get()).persistGranted).toBe(expected);
    vault.close();
    db.close();
  });
});
