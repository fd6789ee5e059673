// The vault's primitives against bad input and failure (issue 20's mutation survivors): every refusal is the
// AppError its caller handles, never a TypeError or a silent derivation with other parameters. Real WebCrypto.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type Argon2idParams,
  argon2idBytes,
  type Bytes,
  boundRecordAad,
  createDataKey,
  type DeriveArgon2id,
  decrypt,
  deriveMasterKey,
  deriveWrappingKey,
  type Envelope,
  encrypt,
  envelopeKeyId,
  KDF_DEFAULTS,
  randomBytes,
  recordAad,
  rewrapDataKey,
  SALT_BYTES,
  subtle,
  unwrapDataKey,
  utf8,
} from '../../../src/vault/crypto.ts';
import { expectAppError, STRONG_PASSPHRASE, TEST_KDF_ITERATIONS } from '../fixtures.ts';

const testKdf = { ...KDF_DEFAULTS, iterations: TEST_KDF_ITERATIONS };
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const dataKey = async () => {
  const wrappingKey = await deriveWrappingKey(STRONG_PASSPHRASE, randomBytes(SALT_BYTES), testKdf);
  return { wrappingKey, ...(await createDataKey(wrappingKey)) };
};

/** AppError('invalid') thrown synchronously, with its reason. */
const invalidReason = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    expect(error).toMatchObject({ code: 'invalid' });
    return (error as { detail?: { reason?: unknown } }).detail?.reason;
  }
  throw new Error('expected AppError(invalid)');
};

describe('key derivation refuses parameters it would not derive with as named', () => {
  it.each([
    ['another hash than SHA-256', { ...testKdf, hash: 'SHA-1' }, 'kdf-unknown'],
    ['another KDF name with SHA-256', { ...testKdf, name: 'PBKDF2-SHA1' }, 'kdf-unknown'],
    ['a negative iteration count', { ...testKdf, iterations: -5 }, 'kdf-iterations'],
    ['an iteration count past the safe integers', { ...testKdf, iterations: 2 ** 53 }, 'kdf-iterations'],
    ['no iteration count', { ...testKdf, iterations: undefined }, 'kdf-iterations'],
  ])('the wrapping key refuses %s', async (_name, kdf, reason) => {
    const error = await expectAppError(
      deriveWrappingKey(STRONG_PASSPHRASE, randomBytes(SALT_BYTES), kdf as typeof testKdf),
      'invalid',
    );
    expect(error.detail).toEqual({ reason });
  });

  it('the master key refuses another hash, a bad count and a salt that is not 16 bytes', async () => {
    const salt = randomBytes(SALT_BYTES);
    const sha1 = { ...testKdf, hash: 'SHA-1' } as unknown as typeof testKdf;
    expect((await expectAppError(deriveMasterKey(STRONG_PASSPHRASE, salt, sha1), 'invalid')).detail).toEqual({
      reason: 'kdf-unknown',
    });
    const zero = { ...testKdf, iterations: 0 };
    expect((await expectAppError(deriveMasterKey(STRONG_PASSPHRASE, salt, zero), 'invalid')).detail).toEqual({
      reason: 'kdf-iterations',
    });
    for (const size of [15, 17]) {
      const error = await expectAppError(deriveMasterKey(STRONG_PASSPHRASE, randomBytes(size), testKdf), 'invalid');
      expect(error.detail).toEqual({ reason: 'kdf-salt' });
    }
  });

  it('derives a master key that HKDF splits the same way for the same passphrase and salt only', async () => {
    const salt = randomBytes(SALT_BYTES);
    const info = { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8('test/v1') };
    const bits = async (passphrase: string, s: Bytes) => {
      const master = await deriveMasterKey(passphrase, s, testKdf);
      expect(master.extractable).toBe(false);
      expect(master.algorithm.name).toBe('HKDF');
      return [...new Uint8Array(await subtle().deriveBits(info, master, 256))];
    };
    const first = await bits(STRONG_PASSPHRASE, salt);
    expect(first).toHaveLength(32);
    expect(await bits(STRONG_PASSPHRASE, salt)).toEqual(first);
    expect(await bits(`${STRONG_PASSPHRASE}!`, salt)).not.toEqual(first);
    expect(await bits(STRONG_PASSPHRASE, randomBytes(SALT_BYTES))).not.toEqual(first);
    const master = await deriveMasterKey(STRONG_PASSPHRASE, salt, testKdf);
    const aes = { name: 'AES-GCM', length: 256 };
    await expect(subtle().deriveKey(info, master, aes, false, ['encrypt'])).resolves.toBeTruthy();
  });

  it('derives one iteration (the smallest count allowed) and gives the same key for the same inputs', async () => {
    const salt = randomBytes(SALT_BYTES);
    const one = { ...testKdf, iterations: 1 };
    const { wrappedKey } = await createDataKey(await deriveWrappingKey(STRONG_PASSPHRASE, salt, one));
    const again = await deriveWrappingKey(STRONG_PASSPHRASE, salt, one);
    await expect(
      subtle().unwrapKey('raw', wrappedKey, again, 'AES-KW', 'AES-GCM', false, ['decrypt']),
    ).resolves.toBeTruthy();
  });
});

describe('Argon2id input and output', () => {
  const fast: Argon2idParams = { name: 'Argon2id', memoryKiB: 64, passes: 1, parallelism: 1 };

  it('refuses a salt under 8 bytes and parameters of another KDF before running', async () => {
    const salt7 = (await expectAppError(argon2idBytes(utf8('pw'), randomBytes(7), fast), 'invalid')).detail;
    expect(salt7).toEqual({ reason: 'kdf-salt' });
    const pbkdf2 = testKdf as unknown as Argon2idParams;
    const other = (await expectAppError(argon2idBytes(utf8('pw'), randomBytes(16), pbkdf2), 'invalid')).detail;
    expect(other).toEqual({ reason: 'kdf-parameters' });
    expect((await argon2idBytes(utf8('pw'), randomBytes(8), fast)).byteLength).toBe(32);
  });

  it('overwrites the raw Argon2id bytes once they are imported as the wrapping key', async () => {
    const seen: Bytes[] = [];
    const keeping: DeriveArgon2id = async (passphrase, salt, kdf) => {
      const bits = await argon2idBytes(passphrase, salt, kdf);
      seen.push(bits);
      return bits;
    };
    const salt = randomBytes(SALT_BYTES);
    const key = await deriveWrappingKey(STRONG_PASSPHRASE, salt, fast, keeping);
    expect(seen).toHaveLength(1);
    expect([...(seen[0] ?? [1])].every((b) => b === 0)).toBe(true);
    // The key was imported before the overwrite: it is the one the same derivation gives again.
    const { wrappedKey } = await createDataKey(key);
    await expect(
      unwrapDataKey(await deriveWrappingKey(STRONG_PASSPHRASE, salt, fast), wrappedKey),
    ).resolves.toBeTruthy();
  });

  it('refuses a vault salt that is not 16 bytes, even one Argon2id itself would take', async () => {
    for (const size of [8, 15, 17]) {
      const error = await expectAppError(deriveWrappingKey(STRONG_PASSPHRASE, randomBytes(size), fast), 'invalid');
      expect(error.detail).toEqual({ reason: 'kdf-salt' });
    }
  });

  it('refuses missing KDF parameters as invalid, not a TypeError', async () => {
    const none = undefined as unknown as typeof testKdf;
    await expectAppError(deriveWrappingKey(STRONG_PASSPHRASE, randomBytes(SALT_BYTES), none), 'invalid');
    await expectAppError(deriveMasterKey(STRONG_PASSPHRASE, randomBytes(SALT_BYTES), none), 'invalid');
  });
});

describe('rewrapping the data key', () => {
  it('refuses a wrapping key that does not open the stored key as a wrong passphrase', async () => {
    const { wrappedKey } = await dataKey();
    const other = await deriveWrappingKey(STRONG_PASSPHRASE, randomBytes(SALT_BYTES), testKdf);
    const error = await expectAppError(rewrapDataKey(other, wrappedKey, other), 'wrong-passphrase');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('keeps what WebCrypto said as the cause of a wrong passphrase and of a tampered record', async () => {
    const { wrappedKey, key } = await dataKey();
    const other = await deriveWrappingKey(STRONG_PASSPHRASE, randomBytes(SALT_BYTES), testKdf);
    const wrong = await expectAppError(unwrapDataKey(other, wrappedKey), 'wrong-passphrase');
    expect(wrong.cause).toBeInstanceOf(Error);
    const aad = recordAad('reports', 'r', 1);
    const envelope = await encrypt(key, utf8('x'), aad);
    const tampered = await expectAppError(decrypt(key, envelope, recordAad('reports', 'r', 2)), 'tampered');
    expect(tampered.cause).toBeInstanceOf(Error);
    expect(tampered.detail).toBeUndefined();
  });
});

describe('record additional data refuses labels that could imitate another record', () => {
  it.each([
    ['a table with a ":" in it', 'reports:x'],
    ['a table ending in ":"', 'reports:'],
    ['a table starting with ":"', ':reports'],
    ['a table starting with a digit', '1reports'],
    ['a table starting with "-"', '-reports'],
    ['an empty table', ''],
    ['a table in capitals', 'Reports'],
  ])('refuses %s', (_name, table) => {
    expect(invalidReason(() => recordAad(table, 'r1', 1))).toBe('aad-table');
    expect(invalidReason(() => boundRecordAad(0, { table, id: 'r1', schemaVersion: 1 }))).toBe('aad-table');
  });

  it('accepts lower-case tables with digits and dashes', () => {
    expect(text(recordAad('report-bodies2', 'r1', 0))).toBe('safevisit:v1:report-bodies2:r1:0');
    expect(text(recordAad('a', 'r1', 0))).toBe('safevisit:v1:a:r1:0');
  });

  it.each([
    ['a negative schema version', -1],
    ['a fractional schema version', 1.5],
    ['a schema version that is not a number', Number.NaN],
    ['an infinite schema version', Number.POSITIVE_INFINITY],
  ])('refuses %s', (_name, schemaVersion) => {
    expect(invalidReason(() => recordAad('reports', 'r1', schemaVersion))).toBe('aad-schema-version');
    expect(invalidReason(() => boundRecordAad(0, { table: 'reports', id: 'r1', schemaVersion }))).toBe(
      'aad-schema-version',
    );
  });

  it('refuses an empty record id', () => {
    expect(invalidReason(() => recordAad('reports', '', 1))).toBe('aad-id');
    expect(invalidReason(() => boundRecordAad(0, { table: 'reports', id: '', schemaVersion: 1 }))).toBe('aad-id');
  });

  it('refuses a bad key id or revision, and accepts zero for both', () => {
    for (const keyId of [-1, 1.5, Number.NaN]) {
      expect(invalidReason(() => boundRecordAad(keyId, { table: 'reports', id: 'r', schemaVersion: 1 }))).toBe(
        'aad-key-id',
      );
    }
    for (const revision of [-1, 1.5, Number.NaN]) {
      expect(invalidReason(() => boundRecordAad(0, { table: 'reports', id: 'r', schemaVersion: 1, revision }))).toBe(
        'aad-revision',
      );
    }
    expect(text(boundRecordAad(0, { table: 'reports', id: 'r', schemaVersion: 0, revision: 0 }))).toBe(
      'safevisit:v2:0:reports:r:0:0',
    );
  });
});

describe('decrypt refuses anything but a well-formed envelope as tampered', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'envelope'],
    ['a number', 7],
  ])('refuses %s as tampered, never a TypeError', async (_name, envelope) => {
    const { key } = await dataKey();
    const error = await expectAppError(
      decrypt(key, envelope as unknown as Envelope, recordAad('reports', 'r', 1)),
      'tampered',
    );
    expect(error.detail).toEqual({ reason: 'envelope' });
  });

  it.each([
    ['a version 2 envelope with no key id', (e: Envelope) => ({ ...e, kid: undefined })],
    ['a fractional key id', (e: Envelope) => ({ ...e, kid: 0.5 })],
    ['an IV that is not bytes', (e: Envelope) => ({ ...e, iv: [...e.iv] as unknown as Bytes })],
    ['a ciphertext that is not bytes', (e: Envelope) => ({ ...e, ct: [...e.ct] as unknown as Bytes })],
    ['a ciphertext shorter than the tag', (e: Envelope) => ({ ...e, ct: e.ct.slice(0, 15) as Bytes })],
    ['a 13-byte IV', (e: Envelope) => ({ ...e, iv: new Uint8Array(13) as Bytes })],
  ])('refuses %s before trying it', async (_name, change) => {
    const { key } = await dataKey();
    const aad = recordAad('reports', 'r', 1);
    const envelope = await encrypt(key, utf8('x'), aad);
    expect((await expectAppError(decrypt(key, change(envelope), aad), 'tampered')).detail).toEqual({
      reason: 'envelope',
    });
  });

  it('opens an empty plaintext (a 16-byte ciphertext, the tag alone) and a version 1 envelope without a key id', async () => {
    const { key } = await dataKey();
    const aad = recordAad('reports', 'r', 1);
    const empty = await encrypt(key, utf8(''), aad);
    expect(empty.ct.byteLength).toBe(16);
    expect(text(await decrypt(key, empty, aad))).toBe('');
    const legacy: Envelope = { v: 1, iv: empty.iv, ct: empty.ct };
    expect(text(await decrypt(key, legacy, aad))).toBe('');
    expect(envelopeKeyId(legacy)).toBe(0);
    expect(envelopeKeyId({ v: 2, kid: 5 })).toBe(5);
  });

  it('names the key id given in the envelope it writes', async () => {
    const { key } = await dataKey();
    const aad = boundRecordAad(3, { table: 'reports', id: 'r', schemaVersion: 1 });
    const envelope = await encrypt(key, utf8('x'), aad, 3);
    expect(envelope).toMatchObject({ v: 2, kid: 3 });
    expect(text(await decrypt(key, envelope, aad))).toBe('x');
  });
});

describe('without WebCrypto (plain http on a LAN address hides crypto.subtle)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it.each([
    ['no crypto.subtle', { getRandomValues: (a: Uint8Array) => a }],
    ['no crypto at all', undefined],
  ])('refuses loudly with %s: storage unavailable, webcrypto missing', async (_name, crypto) => {
    vi.stubGlobal('crypto', crypto);
    let thrown: unknown;
    try {
      subtle();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'storage-unavailable', detail: { reason: 'webcrypto-missing' } });
    await expectAppError(
      deriveWrappingKey(STRONG_PASSPHRASE, new Uint8Array(SALT_BYTES) as Bytes, testKdf),
      'storage-unavailable',
    );
  });
});
