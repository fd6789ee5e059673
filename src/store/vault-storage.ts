// The vault's storage port over Dexie: the header in `meta`, the wipe policy from `settings`, and the wipe
// itself. Stores what the vault gives it; never sees a passphrase or an unwrapped key.
import { AppError } from '../domain/errors.ts';
import { Vault, type VaultHeader, type VaultOptions, type VaultStorage } from '../vault/vault.ts';
import { type SafeVisitDb, VAULT_HEADER_KEY } from './db.ts';
import { withStorageErrors } from './errors.ts';
import { readWipeAfterFailures } from './wipe-policy.ts';

export const createVaultStorage = (db: SafeVisitDb): VaultStorage => ({
  readHeader: () => withStorageErrors(() => db.meta.get(VAULT_HEADER_KEY)),

  createHeader: (header) =>
    withStorageErrors(() =>
      db.transaction('rw', db.meta, async () => {
        if ((await db.meta.get(VAULT_HEADER_KEY)) !== undefined)
          throw new AppError('invalid', { reason: 'vault-exists' });
        await db.meta.add(header, VAULT_HEADER_KEY);
      }),
    ),

  updateHeader: (change) =>
    withStorageErrors(() =>
      db.transaction('rw', db.meta, async (): Promise<VaultHeader> => {
        const current = await db.meta.get(VAULT_HEADER_KEY);
        if (current === undefined) throw new AppError('no-vault');
        const next = change(current);
        await db.meta.put(next, VAULT_HEADER_KEY);
        return next;
      }),
    ),

  readWipeAfterFailures: () => readWipeAfterFailures(db),

  // Loaded when a passphrase change (or its resumption) needs it: it brings the report and settings schemas, and zod
  // with them, which the first load must not carry (first-load JS 91 KB gzip with it, 51 KB without).
  reencryptAll: async (crypto, options) => (await import('./record-rekey.ts')).reencryptRecords(db, crypto, options),

  wipeAll: () =>
    withStorageErrors(() => db.transaction('rw', db.tables, () => Promise.all(db.tables.map((t) => t.clear())))).then(
      () => undefined,
    ),
});

/** Opens the app's vault over `db` (the usual way in: `const vault = await openVault(db)`). */
export const openVault = (db: SafeVisitDb, options?: VaultOptions): Promise<Vault> =>
  Vault.open(createVaultStorage(db), options);
