import { describe, expect, it } from 'vitest';
import {
  type Bytes,
  createDataKey,
  decrypt,
  deriveWrappingKey,
  encrypt,
  IV_BYTES,
  KDF_DEFAULTS,
  randomBytes,
  recordAad,
  rewrapDataKey,
  SALT_BYTES,
  unwrapDataKey,
  utf8,
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
    expect(envelope.v).toBe(1);
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
    ['another envelope version', (e: { iv: Bytes; ct: Bytes }) => ({ ...e, v: 2 as unknown as 1 })],
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
