import { describe, expect, it } from 'vitest';
import {
  type Argon2idParams,
  argon2idBytes,
  type Bytes,
  boundRecordAad,
  createDataKey,
  decrypt,
  deriveWrappingKey,
  encrypt,
  IV_BYTES,
  isKdfParams,
  KDF_DEFAULTS,
  kdfBelow,
  raisedKdf,
  randomBytes,
  recordAad,
  rewrapDataKey,
  SALT_BYTES,
  unwrapDataKey,
  utf8,
  VAULT_KDF_DEFAULTS,
} from '../../../src/vault/crypto.ts';
import { expectAppError, STRONG_PASSPHRASE, TEST_KDF_ITERATIONS, WRONG_PASSPHRASE } from '../fixtures.ts';

const testKdf = { ...KDF_DEFAULTS, iterations: TEST_KDF_ITERATIONS };

const dataKey = async () => {
  const salt = randomBytes(SALT_BYTES);
  const wrappingKey = await deriveWrappingKey(STRONG_PASSPHRASE, salt, testKdf);
  return { salt, wrappingKey, ...(await createDataKey(wrappingKey)) };
};

const flip = (bytes: Bytes, index: number): Bytes => {
  const copy = new Uint8Array(bytes) as Bytes;
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
};

describe('crypto', () => {
  it('runs on the runtime WebCrypto (Node 20 globalThis.crypto)', () => {
    expect(typeof globalThis.crypto?.subtle?.encrypt).toBe('function');
  });

  it('round-trips bytes with the same key and additional data', async () => {
    const { key } = await dataKey();
    const aad = recordAad('reports', 'r1', 1);
    const envelope = await encrypt(key, utf8('hello'), aad);
    expect(envelope).toMatchObject({ v: 2, kid: 0 });
    expect(envelope.iv.byteLength).toBe(IV_BYTES);
    expect(new TextDecoder().decode(await decrypt(key, envelope, aad))).toBe('hello');
  });

  it('uses a fresh IV on every call, so equal plaintexts give different ciphertexts', async () => {
    const { key } = await dataKey();
    const aad = recordAad('reports', 'r1', 1);
    const a = await encrypt(key, utf8('same'), aad);
    const b = await encrypt(key, utf8('same'), aad);
    expect(a.iv).not.toEqual(b.iv);
    expect(a.ct).not.toEqual(b.ct);
  });

  it('keeps the unwrapped data key non-extractable', async () => {
    const { key, wrappingKey } = await dataKey();
    expect(key.extractable).toBe(false);
    expect(wrappingKey.extractable).toBe(false);
    await expect(globalThis.crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });

  it.each([
    ['a changed ciphertext byte', (e: { iv: Bytes; ct: Bytes }) => ({ ...e, ct: flip(e.ct, 0) })],
    ['a changed tag byte', (e: { iv: Bytes; ct: Bytes }) => ({ ...e, ct: flip(e.ct, e.ct.byteLength - 1) })],
    ['a changed IV', (e: { iv: Bytes; ct: Bytes }) => ({ ...e, iv: flip(e.iv, 3) })],
    ['a truncated ciphertext', (e: { iv: Bytes; ct: Bytes }) => ({ ...e, ct: e.ct.slice(0, 8) as Bytes })],
    ['a short IV', (e: { iv: Bytes; ct: Bytes }) => ({ ...e, iv: e.iv.slice(0, 8) as Bytes })],
    ['another envelope version', (e: { iv: Bytes; ct: Bytes }) => ({ ...e, v: 3 as unknown as 1 })],
    ['a version 2 envelope without a key id', (e: { iv: Bytes; ct: Bytes }) => ({ ...e, v: 2 as const, kid: -1 })],
  ])('refuses %s as tampered', async (_name, change) => {
    const { key } = await dataKey();
    const aad = recordAad('reports', 'r1', 1);
    const envelope = await encrypt(key, utf8('secret words'), aad);
    await expectAppError(decrypt(key, { v: 1, ...change(envelope) }, aad), 'tampered');
  });

  it.each([
    ['another record id', recordAad('reports', 'r2', 1)],
    ['another schema version', recordAad('reports', 'r1', 2)],
    ['another table', recordAad('secrets', 'r1', 1)],
  ])('refuses a ciphertext read as %s (additional data binds it)', async (_name, otherAad) => {
    const { key } = await dataKey();
    const envelope = await encrypt(key, utf8('secret words'), recordAad('reports', 'r1', 1));
    await expectAppError(decrypt(key, envelope, otherAad), 'tampered');
  });

  it.each([
    ['a lower revision', boundRecordAad(0, { table: 'reports', id: 'r1', schemaVersion: 1, revision: 2 })],
    ['no revision', boundRecordAad(0, { table: 'reports', id: 'r1', schemaVersion: 1 })],
    ['another key id', boundRecordAad(1, { table: 'reports', id: 'r1', schemaVersion: 1, revision: 3 })],
    ['the version 1 additional data', recordAad('reports', 'r1', 1)],
  ])('refuses a version 2 ciphertext read with %s', async (_name, otherAad) => {
    const { key } = await dataKey();
    const aad = boundRecordAad(0, { table: 'reports', id: 'r1', schemaVersion: 1, revision: 3 });
    const envelope = await encrypt(key, utf8('secret words'), aad);
    expect(new TextDecoder().decode(await decrypt(key, envelope, aad))).toBe('secret words');
    await expectAppError(decrypt(key, envelope, otherAad), 'tampered');
  });

  it('writes the version 2 additional data with key id and revision, "-" without one', () => {
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    expect(text(boundRecordAad(4, { table: 'reports', id: 'a:1', schemaVersion: 2, revision: 7 }))).toBe(
      'safevisit:v2:4:reports:a%3A1:2:7',
    );
    expect(text(boundRecordAad(4, { table: 'secrets', id: 'enrolment', schemaVersion: 1 }))).toBe(
      'safevisit:v2:4:secrets:enrolment:1:-',
    );
    expect(() => boundRecordAad(-1, { table: 'reports', id: 'a', schemaVersion: 1 })).toThrow();
    expect(() => boundRecordAad(0, { table: 'reports', id: 'a', schemaVersion: 1, revision: 1.5 })).toThrow();
  });

  it('refuses a ciphertext under another data key', async () => {
    const a = await dataKey();
    const b = await dataKey();
    const aad = recordAad('reports', 'r1', 1);
    await expectAppError(decrypt(b.key, await encrypt(a.key, utf8('x'), aad), aad), 'tampered');
  });

  it('encodes ids so no id can imitate another table/id/version triple', () => {
    const text = (bytes: Bytes) => new TextDecoder().decode(bytes);
    expect(text(recordAad('reports', 'a:1', 2))).toBe('safevisit:v1:reports:a%3A1:2');
    expect(text(recordAad('reports', 'a:1', 2))).not.toBe(text(recordAad('reports', 'a', 1)));
    expect(() => recordAad('Reports:x', 'a', 1)).toThrow();
    expect(() => recordAad('reports', '', 1)).toThrow();
    expect(() => recordAad('reports', 'a', 1.5)).toThrow();
  });

  it('unwraps the data key only with the right passphrase', async () => {
    const { salt, wrappedKey } = await dataKey();
    const right = await deriveWrappingKey(STRONG_PASSPHRASE, salt, testKdf);
    const wrong = await deriveWrappingKey(WRONG_PASSPHRASE, salt, testKdf);
    expect((await unwrapDataKey(right, wrappedKey)).extractable).toBe(false);
    await expectAppError(unwrapDataKey(wrong, wrappedKey), 'wrong-passphrase');
  });

  it('treats a passphrase typed in another Unicode normal form as the same passphrase', async () => {
    const salt = randomBytes(SALT_BYTES);
    const composed = 'Caf\u00e9 gravel orbit 47 lantern';
    const decomposed = 'Cafe\u0301 gravel orbit 47 lantern';
    const { wrappedKey } = await createDataKey(await deriveWrappingKey(composed, salt, testKdf));
    await expect(unwrapDataKey(await deriveWrappingKey(decomposed, salt, testKdf), wrappedKey)).resolves.toBeTruthy();
  });

  it('rewraps the data key under a new wrapping key: old ciphertexts stay readable', async () => {
    const { key, wrappingKey, wrappedKey } = await dataKey();
    const aad = recordAad('reports', 'r1', 1);
    const envelope = await encrypt(key, utf8('kept'), aad);
    const newWrappingKey = await deriveWrappingKey(STRONG_PASSPHRASE, randomBytes(SALT_BYTES), testKdf);
    const rewrapped = await rewrapDataKey(wrappingKey, wrappedKey, newWrappingKey);
    const again = await unwrapDataKey(newWrappingKey, rewrapped);
    expect(new TextDecoder().decode(await decrypt(again, envelope, aad))).toBe('kept');
  });

  it.each([
    ['an unknown KDF name', { ...testKdf, name: 'MD5' }],
    ['a non-integer iteration count', { ...testKdf, iterations: 1.5 }],
    ['zero iterations', { ...testKdf, iterations: 0 }],
  ])('refuses %s', async (_name, kdf) => {
    await expectAppError(
      deriveWrappingKey(STRONG_PASSPHRASE, randomBytes(SALT_BYTES), kdf as typeof testKdf),
      'invalid',
    );
  });

  it('refuses a salt that is not 16 bytes', async () => {
    await expectAppError(deriveWrappingKey(STRONG_PASSPHRASE, randomBytes(8), testKdf), 'invalid');
  });

  it('defaults to PBKDF2-SHA256 with at least 600,000 iterations, and derives with it', async () => {
    expect(KDF_DEFAULTS).toEqual({ name: 'PBKDF2-SHA256', hash: 'SHA-256', iterations: 600_000 });
    const salt = randomBytes(SALT_BYTES);
    const { wrappedKey } = await createDataKey(await deriveWrappingKey(STRONG_PASSPHRASE, salt, KDF_DEFAULTS));
    const again = await deriveWrappingKey(STRONG_PASSPHRASE, salt, KDF_DEFAULTS);
    await expect(unwrapDataKey(again, wrappedKey)).resolves.toBeTruthy();
  }, 30_000);
});

const hex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const argon2id = (memoryKiB: number, passes: number, parallelism = 1): Argon2idParams => ({
  name: 'Argon2id',
  memoryKiB,
  passes,
  parallelism,
});
/** Small enough to run in a few milliseconds: tests of the plumbing, not of the cost. */
const fastArgon2id = argon2id(64, 1);

describe('Argon2id (hash-wasm, the real WebAssembly build)', () => {
  // RFC 9106's Argon2id vector needs a secret and associated data; hash-wasm takes a secret but no associated data,
  // so these are the vectors of the reference implementation (phc-winner-argon2 src/test.c, version 0x13).
  it.each([
    [argon2id(256, 2, 1), '9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe'],
    [argon2id(256, 2, 2), '6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037'],
    [argon2id(65_536, 2, 1), '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7'],
  ])('matches the reference implementation for "password"/"somesalt" with %o', async (kdf, expected) => {
    expect(hex(await argon2idBytes(utf8('password'), utf8('somesalt'), kdf))).toBe(expected);
  });

  it('derives a non-extractable wrapping key that opens the data key again, and only with the same passphrase, salt and parameters', async () => {
    const salt = randomBytes(SALT_BYTES);
    const wrappingKey = await deriveWrappingKey(STRONG_PASSPHRASE, salt, fastArgon2id);
    expect(wrappingKey.extractable).toBe(false);
    expect(wrappingKey.usages.sort()).toEqual(['unwrapKey', 'wrapKey']);
    const { wrappedKey } = await createDataKey(wrappingKey);
    await expect(
      unwrapDataKey(await deriveWrappingKey(STRONG_PASSPHRASE, salt, fastArgon2id), wrappedKey),
    ).resolves.toBeTruthy();
    for (const [passphrase, otherSalt, kdf] of [
      [WRONG_PASSPHRASE, salt, fastArgon2id],
      [STRONG_PASSPHRASE, randomBytes(SALT_BYTES), fastArgon2id],
      [STRONG_PASSPHRASE, salt, argon2id(64, 2)],
    ] as const) {
      await expectAppError(
        unwrapDataKey(await deriveWrappingKey(passphrase, otherSalt, kdf), wrappedKey),
        'wrong-passphrase',
      );
    }
  });

  it.each([
    ['less memory than 8 KiB a lane', argon2id(8, 1, 2)],
    ['zero passes', argon2id(64, 0)],
    ['zero lanes', argon2id(64, 1, 0)],
    ['more memory than a phone can spare', argon2id(4 * 1024 * 1024, 1)],
    ['a fractional pass count', argon2id(64, 1.5)],
  ])('refuses %s', async (_name, kdf) => {
    expect(isKdfParams(kdf)).toBe(false);
    await expectAppError(deriveWrappingKey(STRONG_PASSPHRASE, randomBytes(SALT_BYTES), kdf), 'invalid');
  });

  it('refuses a vault salt that is not 16 bytes', async () => {
    await expectAppError(deriveWrappingKey(STRONG_PASSPHRASE, randomBytes(8), fastArgon2id), 'invalid');
  });

  it("defaults the vault to Argon2id above OWASP's minimum (19 MiB, 2 passes)", () => {
    expect(VAULT_KDF_DEFAULTS).toEqual({ name: 'Argon2id', memoryKiB: 65_536, passes: 2, parallelism: 1 });
    expect(VAULT_KDF_DEFAULTS.memoryKiB).toBeGreaterThanOrEqual(19 * 1024);
    expect(VAULT_KDF_DEFAULTS.passes).toBeGreaterThanOrEqual(2);
  });

  it('raises, never lowers: PBKDF2 gives way to Argon2id, and within a KDF each cost is the larger', () => {
    expect(raisedKdf(testKdf, VAULT_KDF_DEFAULTS)).toEqual(VAULT_KDF_DEFAULTS);
    expect(kdfBelow(testKdf, VAULT_KDF_DEFAULTS)).toBe(true);
    expect(raisedKdf(VAULT_KDF_DEFAULTS, testKdf)).toEqual(VAULT_KDF_DEFAULTS);
    expect(kdfBelow(VAULT_KDF_DEFAULTS, testKdf)).toBe(false);
    expect(raisedKdf(argon2id(1024, 4), argon2id(2048, 2))).toEqual(argon2id(2048, 4));
    expect(kdfBelow(argon2id(2048, 4), argon2id(2048, 2))).toBe(false);
    expect(raisedKdf(testKdf, KDF_DEFAULTS)).toEqual(KDF_DEFAULTS);
    expect(kdfBelow(KDF_DEFAULTS, testKdf)).toBe(false);
  });
});
