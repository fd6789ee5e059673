// The keys of a passphrase change and the retiring keys kept while records are re-encrypted, on real WebCrypto:
// a new data key with the next id, every old key still readable under the new passphrase only, never a lower KDF.
import { describe, expect, it } from 'vitest';
import {
  type Bytes,
  createDataKey,
  decrypt,
  deriveWrappingKey,
  type Envelope,
  encrypt,
  KDF_DEFAULTS,
  randomBytes,
  recordAad,
  SALT_BYTES,
  unwrapDataKey,
  utf8,
} from '../../../src/vault/crypto.ts';
import { newKeysFor, type Opened } from '../../../src/vault/passphrase-change.ts';
import { rewrapRetiring, unwrapRetiring, withoutRetiring } from '../../../src/vault/retiring-keys.ts';
import { type RetiringKey, VAULT_HEADER_VERSION, type VaultHeader } from '../../../src/vault/vault-header.ts';
import { expectAppError, OTHER_STRONG_PASSPHRASE, STRONG_PASSPHRASE, TEST_KDF_ITERATIONS } from '../fixtures.ts';

const testKdf = { ...KDF_DEFAULTS, iterations: TEST_KDF_ITERATIONS };
const aad = recordAad('reports', 'r1', 1);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** An opened vault with its current key `keyId` (or a version 1 header) and retiring keys with the given ids. */
const openedVault = async (keyId: number | undefined, retiringIds: number[]) => {
  const salt = randomBytes(SALT_BYTES);
  const wrappingKey = await deriveWrappingKey(STRONG_PASSPHRASE, salt, testKdf);
  const current = await createDataKey(wrappingKey);
  const retiringKeys = await Promise.all(retiringIds.map(() => createDataKey(wrappingKey)));
  const retiring: RetiringKey[] = retiringIds.map((id, i) => ({
    keyId: id,
    wrappedKey: retiringKeys[i]?.wrappedKey as Bytes,
  }));
  const header: VaultHeader = {
    kdf: testKdf,
    salt,
    wrap: 'AES-KW',
    wrappedKey: current.wrappedKey,
    ...(keyId === undefined ? {} : { keyId }),
    ...(retiringIds.length > 0 ? { retiring } : {}),
    failedAttempts: 0,
    lastFailedAt: null,
    schemaVersion: keyId === undefined ? 1 : 2,
    createdAt: 1,
  };
  const opened: Opened = { header, wrappingKey, key: current.key };
  const secrets = [current, ...retiringKeys].map((k) => k.key);
  return { opened, secrets };
};

/** Each key's ciphertext of its own index, to check which key a ring entry really is. */
const sealedBy = async (keys: CryptoKey[]) => {
  const sealed = await Promise.all(keys.map((key, i) => encrypt(key, utf8(String(i)), aad)));
  return (i: number): Envelope => {
    const envelope = sealed[i];
    if (!envelope) throw new Error(`no envelope for key ${i}`);
    return envelope;
  };
};

describe('the keys of a passphrase change', () => {
  it('adds a data key with the next id and keeps the current and retiring keys readable, rewrapped to the new passphrase', async () => {
    const { opened, secrets } = await openedVault(3, [5, 1]);
    const sealed = await sealedBy(secrets);
    const next = await newKeysFor(opened, OTHER_STRONG_PASSPHRASE, testKdf);

    expect(next.keyId).toBe(6);
    expect(next.fields.keyId).toBe(6);
    expect(next.fields.schemaVersion).toBe(VAULT_HEADER_VERSION);
    expect(next.fields.kdf).toEqual(testKdf);
    expect(next.fields.salt.byteLength).toBe(SALT_BYTES);
    expect(next.fields.salt).not.toEqual(opened.header.salt);
    expect(next.fields.retiring?.map((r) => r.keyId)).toEqual([3, 5, 1]);
    expect(next.keys.map(([id]) => id)).toEqual([3, 5, 1, 6]);

    // The ring's old keys open what they wrote; so do the retiring keys unwrapped under the NEW passphrase only.
    for (const [i, [, key]] of next.keys.slice(0, 3).entries()) {
      expect(text(await decrypt(key, sealed(i), aad))).toBe(String(i));
    }
    const newWrapping = await deriveWrappingKey(OTHER_STRONG_PASSPHRASE, next.fields.salt, next.fields.kdf);
    const reopened = await unwrapRetiring(newWrapping, next.fields.retiring);
    for (const [i, [id, key]] of reopened.entries()) {
      expect(id).toBe([3, 5, 1][i]);
      expect(text(await decrypt(key, sealed(i), aad))).toBe(String(i));
    }
    await expectAppError(unwrapRetiring(opened.wrappingKey, next.fields.retiring), 'tampered');

    // The new key is not any old one, and the header's wrapped key is it.
    const [, fresh] = next.keys[3] as [number, CryptoKey];
    await expectAppError(decrypt(fresh, sealed(0), aad), 'tampered');
    const fromHeader = await unwrapDataKey(newWrapping, next.fields.wrappedKey);
    const check = await encrypt(fresh, utf8('new'), aad);
    expect(text(await decrypt(fromHeader, check, aad))).toBe('new');
  });

  it('counts from key 0 for a version 1 header (no key id, nothing retiring)', async () => {
    const { opened } = await openedVault(undefined, []);
    const next = await newKeysFor(opened, OTHER_STRONG_PASSPHRASE, testKdf);
    expect(next.keyId).toBe(1);
    expect(next.fields.retiring?.map((r) => r.keyId)).toEqual([0]);
    expect(next.keys.map(([id]) => id)).toEqual([0, 1]);
  });

  it('takes the next id after the current key when it is the highest', async () => {
    const { opened } = await openedVault(7, [2]);
    const next = await newKeysFor(opened, OTHER_STRONG_PASSPHRASE, testKdf);
    expect(next.keyId).toBe(8);
    expect(next.keys.map(([id]) => id)).toEqual([7, 2, 8]);
  });

  it('never lowers the KDF: a cheaper target keeps the stored cost, a dearer one raises it', async () => {
    const { opened } = await openedVault(1, []);
    const cheaper = await newKeysFor(opened, OTHER_STRONG_PASSPHRASE, { ...testKdf, iterations: 10 });
    expect(cheaper.fields.kdf).toEqual(testKdf);
    const dearer = await newKeysFor(opened, OTHER_STRONG_PASSPHRASE, { ...testKdf, iterations: 2_000 });
    expect(dearer.fields.kdf).toEqual({ ...testKdf, iterations: 2_000 });
    const wrapping = await deriveWrappingKey(OTHER_STRONG_PASSPHRASE, dearer.fields.salt, dearer.fields.kdf);
    await expect(unwrapDataKey(wrapping, dearer.fields.wrappedKey)).resolves.toBeTruthy();
  });
});

describe('retiring keys', () => {
  it('unwraps nothing when none are retiring', async () => {
    const { opened } = await openedVault(1, []);
    expect(await unwrapRetiring(opened.wrappingKey)).toEqual([]);
    expect(await unwrapRetiring(opened.wrappingKey, [])).toEqual([]);
  });

  it('treats a retiring key no wrapping opens as a changed header', async () => {
    const { opened } = await openedVault(2, [1]);
    const error = await expectAppError(
      unwrapRetiring(opened.wrappingKey, [{ keyId: 1, wrappedKey: randomBytes(40) }]),
      'tampered',
    );
    expect(error.detail).toEqual({ reason: 'vault-header' });
    expect(error.cause).toMatchObject({ code: 'wrong-passphrase' });
  });

  it('rewraps each retiring key, keeping its id, so only the new wrapping opens it', async () => {
    const { opened, secrets } = await openedVault(2, [1, 0]);
    const sealed = await sealedBy(secrets);
    const to = await deriveWrappingKey(OTHER_STRONG_PASSPHRASE, randomBytes(SALT_BYTES), testKdf);
    const moved = await rewrapRetiring(opened.wrappingKey, opened.header.retiring ?? [], to);
    expect(moved.map((r) => r.keyId)).toEqual([1, 0]);
    const keys = await unwrapRetiring(to, moved);
    for (const [i, [, key]] of keys.entries()) {
      expect(text(await decrypt(key, sealed(i + 1), aad))).toBe(String(i + 1));
    }
    await expectAppError(unwrapRetiring(opened.wrappingKey, moved), 'tampered');
  });

  it('drops the retiring keys from a header and keeps everything else', async () => {
    const { opened } = await openedVault(2, [1]);
    const { retiring: _, ...rest } = opened.header;
    const without = withoutRetiring(opened.header);
    expect(without).toEqual(rest);
    expect('retiring' in without).toBe(false);
  });
});
