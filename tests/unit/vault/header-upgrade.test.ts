import { describe, expect, it } from 'vitest';
import {
  type Argon2idParams,
  createDataKey,
  decrypt,
  deriveWrappingKey,
  encrypt,
  FIRST_KEY_ID,
  KDF_DEFAULTS,
  type KdfParams,
  randomBytes,
  SALT_BYTES,
  unwrapDataKey,
  utf8,
} from '../../../src/vault/crypto.ts';
import { upgradedHeader } from '../../../src/vault/header-upgrade.ts';
import type { KeyRing } from '../../../src/vault/record-json.ts';
import { VAULT_HEADER_VERSION, type VaultHeader } from '../../../src/vault/vault-header.ts';
import { STRONG_PASSPHRASE } from '../../passphrases.ts';

const PBKDF2_FAST: KdfParams = { ...KDF_DEFAULTS, iterations: 1_000 };
const ARGON2ID_FAST: Argon2idParams = { name: 'Argon2id', memoryKiB: 256, passes: 1, parallelism: 1 };

/** A header as `create` (or an older release, without `keyId`) stored it, with its keys in hand. */
const vaultWith = async (kdf: KdfParams, { keyId, retiring }: { keyId?: number; retiring?: boolean } = {}) => {
  const salt = randomBytes(SALT_BYTES);
  const wrappingKey = await deriveWrappingKey(STRONG_PASSPHRASE, salt, kdf);
  const current = await createDataKey(wrappingKey);
  const old = await createDataKey(wrappingKey);
  const header: VaultHeader = {
    kdf,
    salt,
    wrap: 'AES-KW',
    wrappedKey: current.wrappedKey,
    ...(keyId === undefined ? {} : { keyId }),
    ...(retiring ? { retiring: [{ keyId: 3, wrappedKey: old.wrappedKey }] } : {}),
    failedAttempts: 0,
    lastFailedAt: null,
    schemaVersion: keyId === undefined ? 1 : VAULT_HEADER_VERSION,
    createdAt: 1,
  };
  const ring: KeyRing = { current: keyId ?? FIRST_KEY_ID, keys: new Map([[keyId ?? FIRST_KEY_ID, current.key]]) };
  return { header, wrappingKey, ring, key: current.key, oldKey: old.key };
};

/** True when `a` decrypts what `b` encrypts: the same AES key (both are non-extractable). */
const sameKey = async (a: CryptoKey, b: CryptoKey): Promise<boolean> => {
  const aad = utf8('same-key');
  const envelope = await encrypt(b, utf8('probe'), aad);
  return decrypt(a, envelope, aad).then(
    () => true,
    () => false,
  );
};

describe('upgradedHeader', () => {
  it('leaves a current header at the target as it is: same wrapping, no re-key, the ring untouched', async () => {
    const { header, wrappingKey, ring, key } = await vaultWith(PBKDF2_FAST, { keyId: 2 });
    const upgrade = await upgradedHeader(STRONG_PASSPHRASE, header, wrappingKey, ring, PBKDF2_FAST);
    expect(upgrade.rekeyed).toBeNull();
    expect(upgrade.next).toStrictEqual({ kdf: header.kdf, salt: header.salt, wrappedKey: header.wrappedKey });
    expect(ring.current).toBe(2);
    expect([...ring.keys.keys()]).toEqual([2]);
    expect(ring.keys.get(2)).toBe(key);
  });

  it('keeps the retiring keys of a re-key under way when nothing else changes', async () => {
    const { header, wrappingKey, ring } = await vaultWith(PBKDF2_FAST, { keyId: 4, retiring: true });
    const { next, rekeyed } = await upgradedHeader(STRONG_PASSPHRASE, header, wrappingKey, ring, PBKDF2_FAST);
    expect(rekeyed).toBeNull();
    expect(next.retiring).toEqual(header.retiring);
    expect(next.wrappedKey).toEqual(header.wrappedKey);
  });

  it('rewraps a header below the target under the raised KDF and a fresh salt, keeping the same data key', async () => {
    const { header, ring, wrappingKey, key } = await vaultWith(PBKDF2_FAST, { keyId: 2 });
    const { next, rekeyed } = await upgradedHeader(STRONG_PASSPHRASE, header, wrappingKey, ring, ARGON2ID_FAST);
    expect(rekeyed).toBeNull();
    expect(next.kdf).toEqual(ARGON2ID_FAST);
    expect(next.salt.byteLength).toBe(SALT_BYTES);
    expect(next.salt).not.toEqual(header.salt);
    expect('retiring' in next).toBe(false);
    // The passphrase under the new parameters opens the new wrapping, and it holds the key the vault already had.
    const newWrapping = await deriveWrappingKey(STRONG_PASSPHRASE, next.salt, ARGON2ID_FAST);
    expect(await sameKey(await unwrapDataKey(newWrapping, next.wrappedKey), key)).toBe(true);
    // The old wrapping no longer opens it.
    await expect(unwrapDataKey(wrappingKey, next.wrappedKey)).rejects.toMatchObject({ code: 'wrong-passphrase' });
  });

  it('raises only what is below: a higher stored cost is kept', async () => {
    const stored = { ...ARGON2ID_FAST, passes: 2 };
    const { header, ring, wrappingKey } = await vaultWith(stored, { keyId: 1 });
    const target = { ...ARGON2ID_FAST, memoryKiB: 512 };
    const { next } = await upgradedHeader(STRONG_PASSPHRASE, header, wrappingKey, ring, target);
    expect(next.kdf).toEqual({ ...ARGON2ID_FAST, memoryKiB: 512, passes: 2 });
  });

  it('rewraps the retiring keys too when the KDF is raised, so a re-key under way can still finish', async () => {
    const { header, ring, wrappingKey, oldKey } = await vaultWith(PBKDF2_FAST, { keyId: 4, retiring: true });
    const { next } = await upgradedHeader(STRONG_PASSPHRASE, header, wrappingKey, ring, ARGON2ID_FAST);
    const newWrapping = await deriveWrappingKey(STRONG_PASSPHRASE, next.salt, ARGON2ID_FAST);
    expect(next.retiring).toHaveLength(1);
    expect(next.retiring?.[0]?.keyId).toBe(3);
    expect(
      await sameKey(await unwrapDataKey(newWrapping, next.retiring?.[0]?.wrappedKey ?? new Uint8Array()), oldKey),
    ).toBe(true);
  });

  it('re-keys a version 1 header: a fresh current key 1, key 0 kept as retiring, the ring moved to key 1', async () => {
    const { header, ring, wrappingKey, key } = await vaultWith(PBKDF2_FAST);
    const { next, rekeyed } = await upgradedHeader(STRONG_PASSPHRASE, header, wrappingKey, ring, PBKDF2_FAST);
    expect(rekeyed).toEqual({ keyId: FIRST_KEY_ID + 1, schemaVersion: VAULT_HEADER_VERSION });
    expect(next.kdf).toEqual(PBKDF2_FAST);
    expect(next.salt).toEqual(header.salt);
    expect(next.retiring).toEqual([{ keyId: FIRST_KEY_ID, wrappedKey: header.wrappedKey }]);
    expect(next.wrappedKey).not.toEqual(header.wrappedKey);

    expect(ring.current).toBe(1);
    expect([...ring.keys.keys()].sort()).toEqual([0, 1]);
    expect(ring.keys.get(0)).toBe(key);
    const fresh = await unwrapDataKey(wrappingKey, next.wrappedKey);
    expect(await sameKey(fresh, ring.keys.get(1) as CryptoKey)).toBe(true);
    expect(await sameKey(fresh, key)).toBe(false);
  });

  it('re-keys a version 1 header below the target under the raised wrapping, key 0 rewrapped with it', async () => {
    const { header, ring, wrappingKey, key } = await vaultWith(PBKDF2_FAST);
    const { next, rekeyed } = await upgradedHeader(STRONG_PASSPHRASE, header, wrappingKey, ring, ARGON2ID_FAST);
    expect(rekeyed?.keyId).toBe(1);
    const newWrapping = await deriveWrappingKey(STRONG_PASSPHRASE, next.salt, ARGON2ID_FAST);
    expect(await sameKey(await unwrapDataKey(newWrapping, next.wrappedKey), ring.keys.get(1) as CryptoKey)).toBe(true);
    const [retired] = next.retiring ?? [];
    expect(retired?.keyId).toBe(0);
    expect(await sameKey(await unwrapDataKey(newWrapping, retired?.wrappedKey ?? new Uint8Array()), key)).toBe(true);
  });

  it('derives the raised wrapping with the Argon2id it is given (the worker in the page)', async () => {
    const { header, ring, wrappingKey } = await vaultWith(PBKDF2_FAST, { keyId: 1 });
    const asked: Argon2idParams[] = [];
    const { next } = await upgradedHeader(
      STRONG_PASSPHRASE,
      header,
      wrappingKey,
      ring,
      ARGON2ID_FAST,
      async (p, s, kdf) => {
        asked.push(kdf);
        const { argon2idBytes } = await import('../../../src/vault/crypto.ts');
        return argon2idBytes(p, s, kdf);
      },
    );
    expect(asked).toEqual([ARGON2ID_FAST]);
    expect(next.kdf).toEqual(ARGON2ID_FAST);
  });
});
