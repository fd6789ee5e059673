// Record encryption of JSON under the vault's key ring (real WebCrypto): the current key writes, the retiring ones
// still read, and anything changed, relabelled, unreadable or under a key no longer held is AppError('tampered').
import { describe, expect, it } from 'vitest';
import {
  type Bytes,
  boundRecordAad,
  createDataKey,
  decrypt,
  deriveWrappingKey,
  type Envelope,
  encrypt,
  KDF_DEFAULTS,
  randomBytes,
  recordAad,
  SALT_BYTES,
} from '../../../src/vault/crypto.ts';
import { decryptJsonWith, encryptJsonWith, type KeyRing, keyedWith } from '../../../src/vault/record-json.ts';
import { expectAppError, STRONG_PASSPHRASE, TEST_KDF_ITERATIONS } from '../fixtures.ts';

const newKey = async (): Promise<CryptoKey> => {
  const kdf = { ...KDF_DEFAULTS, iterations: TEST_KDF_ITERATIONS };
  const wrappingKey = await deriveWrappingKey(STRONG_PASSPHRASE, randomBytes(SALT_BYTES), kdf);
  return (await createDataKey(wrappingKey)).key;
};

/** A ring with keys 0 (retiring) and 1 (current), as during a re-key. */
const ring = async (): Promise<KeyRing> => ({
  current: 1,
  keys: new Map([
    [0, await newKey()],
    [1, await newKey()],
  ]),
});

const context = { table: 'reports', id: 'r1', schemaVersion: 3, revision: 4 };
const bytesOf = (...values: number[]) => new Uint8Array(values) as Bytes;

describe('record JSON under the key ring', () => {
  it('writes under the current key with the version 2 additional data, and reads it back', async () => {
    const keys = await ring();
    const envelope = await encryptJsonWith(keys, context, { name: 'Sam', n: [1, 2] });
    expect(envelope).toMatchObject({ v: 2, kid: 1 });
    // The additional data is exactly the bound one: the record opens with the primitive itself.
    const raw = await decrypt(keys.keys.get(1) as CryptoKey, envelope, boundRecordAad(1, context));
    expect(JSON.parse(new TextDecoder().decode(raw))).toEqual({ name: 'Sam', n: [1, 2] });
    await expect(decryptJsonWith(keys, context, envelope)).resolves.toEqual({ name: 'Sam', n: [1, 2] });
  });

  it('reads a record under a retiring key, and a version 1 record of key 0 with the version 1 additional data', async () => {
    const keys = await ring();
    const key0 = keys.keys.get(0) as CryptoKey;
    const retiring = await encrypt(key0, new TextEncoder().encode('"old"') as Bytes, boundRecordAad(0, context), 0);
    await expect(decryptJsonWith(keys, context, retiring)).resolves.toBe('old');
    const v2 = await encrypt(key0, new TextEncoder().encode('"v1"') as Bytes, recordAad('reports', 'r1', 3));
    const legacy: Envelope = { v: 1, iv: v2.iv, ct: v2.ct };
    await expect(decryptJsonWith(keys, context, legacy)).resolves.toBe('v1');
  });

  it.each([
    ['another revision', { ...context, revision: 3 }],
    ['no revision', { table: 'reports', id: 'r1', schemaVersion: 3 }],
    ['another id', { ...context, id: 'r2' }],
    ['another table', { ...context, table: 'drafts' }],
    ['another schema version', { ...context, schemaVersion: 2 }],
  ])('refuses a record read as %s', async (_name, other) => {
    const keys = await ring();
    const envelope = await encryptJsonWith(keys, context, { a: 1 });
    await expectAppError(decryptJsonWith(keys, other, envelope), 'tampered');
  });

  it('refuses a record relabelled to another key id it was not written under', async () => {
    const keys = await ring();
    const envelope = await encryptJsonWith(keys, context, { a: 1 });
    await expectAppError(decryptJsonWith(keys, context, { ...envelope, kid: 0 }), 'tampered');
  });

  it('refuses a record under a key the ring no longer holds (a copy from before a re-key)', async () => {
    const keys = await ring();
    const envelope = await encryptJsonWith(keys, context, { a: 1 });
    keys.keys.delete(1);
    const error = await expectAppError(decryptJsonWith(keys, context, envelope), 'tampered');
    expect(error.detail).toEqual({ reason: 'key-retired' });
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['text', 'envelope'],
  ])('refuses %s in place of an envelope as tampered', async (_name, envelope) => {
    const error = await expectAppError(
      decryptJsonWith(await ring(), context, envelope as unknown as Envelope),
      'tampered',
    );
    expect(error.detail).toEqual({ reason: 'envelope' });
  });

  it.each([
    ['bytes that are not JSON', bytesOf(0x7b, 0x61)],
    ['invalid UTF-8 inside a JSON string', bytesOf(0x22, 0xff, 0x22)],
  ])('refuses %s that decrypt as tampered', async (_name, plaintext) => {
    const keys = await ring();
    const envelope = await encrypt(keys.keys.get(1) as CryptoKey, plaintext, boundRecordAad(1, context), 1);
    const error = await expectAppError(decryptJsonWith(keys, context, envelope), 'tampered');
    expect(error.detail).toEqual({ reason: 'not-json' });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it.each([
    ['undefined', undefined],
    ['a function', () => 1],
  ])('refuses to write %s, which is not JSON', async (_name, value) => {
    const keys = await ring();
    expect(() => encryptJsonWith(keys, context, value)).toThrow(
      expect.objectContaining({ code: 'invalid', detail: { reason: 'not-json' } }),
    );
  });

  it('refuses to write once the ring is emptied by a lock', async () => {
    const keys = await ring();
    keys.keys.clear();
    expect(() => encryptJsonWith(keys, context, { a: 1 })).toThrow(expect.objectContaining({ code: 'locked' }));
  });

  it('follows the ring: a handle taken before a re-key writes under the new key, and knows which records are current', async () => {
    const keys = await ring();
    const keyed = keyedWith(keys);
    const before = await keyed.encryptJson('reports', 'r1', 3, { a: 1 }, 4);
    expect(before).toMatchObject({ kid: 1 });
    expect(keyed.isCurrent(before)).toBe(true);
    expect(keyed.isCurrent({ v: 1 })).toBe(false);
    keys.keys.set(2, await newKey());
    keys.current = 2;
    const after = await keyed.encryptJson('reports', 'r1', 3, { a: 2 }, 4);
    expect(after).toMatchObject({ kid: 2 });
    expect(keyed.isCurrent(before)).toBe(false);
    expect(keyed.isCurrent(after)).toBe(true);
    await expect(keyed.decryptJson('reports', 'r1', 3, before, 4)).resolves.toEqual({ a: 1 });
    await expect(keyed.decryptJson('reports', 'r1', 3, after, 4)).resolves.toEqual({ a: 2 });
    await expectAppError(keyed.decryptJson('reports', 'r1', 3, after, 5), 'tampered');
    await expectAppError(keyed.decryptJson('reports', 'r1', 3, after), 'tampered');
    await expectAppError(keyed.decryptJson('reports', 'r9', 3, after, 4), 'tampered');
  });
});
