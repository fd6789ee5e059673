// The vault header's checks and the wrong-passphrase delays: a changed header is AppError('tampered'), never read
// as something else; a header write under another passphrase is a conflict; the waits grow and end as promised.
import { describe, expect, it } from 'vitest';
import { type Bytes, KDF_DEFAULTS, VAULT_KDF_DEFAULTS } from '../../../src/vault/crypto.ts';
import {
  checked,
  retryAfterMs,
  sameBytes,
  sameWrapping,
  UNLOCK_DELAY_BASE_MS,
  UNLOCK_DELAY_CAP_MS,
  UNLOCK_FREE_ATTEMPTS,
  unlockDelayMs,
  type VaultHeader,
} from '../../../src/vault/vault-header.ts';

const bytes = (...values: number[]) => new Uint8Array(values) as Bytes;
const salt = () => new Uint8Array(16).fill(7) as Bytes;

const header = (overrides: Record<string, unknown> = {}): VaultHeader =>
  ({
    kdf: VAULT_KDF_DEFAULTS,
    salt: salt(),
    wrap: 'AES-KW',
    wrappedKey: new Uint8Array(40).fill(3),
    keyId: 2,
    retiring: [{ keyId: 1, wrappedKey: new Uint8Array(40).fill(4) }],
    failedAttempts: 0,
    lastFailedAt: null,
    schemaVersion: 2,
    createdAt: 1,
    ...overrides,
  }) as VaultHeader;

/** The AppError a synchronous call throws (fails the test when it returns). */
const thrown = (run: () => unknown): { code?: unknown; detail?: unknown } => {
  try {
    run();
  } catch (error) {
    return error as { code?: unknown; detail?: unknown };
  }
  throw new Error('expected a throw');
};

describe('the wait after wrong passphrases', () => {
  it('lets the first three go free, then doubles from 2 s up to 5 min', () => {
    expect(UNLOCK_FREE_ATTEMPTS).toBe(3);
    expect([0, 1, 2, 3, 4, 5, 10].map(unlockDelayMs)).toEqual([0, 0, 0, 2_000, 4_000, 8_000, 256_000]);
    expect(unlockDelayMs(11)).toBe(UNLOCK_DELAY_CAP_MS);
    expect(unlockDelayMs(60)).toBe(5 * 60_000);
    expect(UNLOCK_DELAY_BASE_MS).toBe(2_000);
  });

  it('counts the wait from the last counted attempt and never answers below zero', () => {
    const failed = { failedAttempts: 4, lastFailedAt: 10_000 };
    expect(retryAfterMs(failed, 10_000)).toBe(4_000);
    expect(retryAfterMs(failed, 11_500)).toBe(2_500);
    expect(retryAfterMs(failed, 14_000)).toBe(0);
    expect(retryAfterMs(failed, 60_000)).toBe(0);
  });

  it('costs one full delay, never more, when the clock went backwards', () => {
    expect(retryAfterMs({ failedAttempts: 4, lastFailedAt: 10_000 }, 9_999)).toBe(4_000);
    expect(retryAfterMs({ failedAttempts: 4, lastFailedAt: 10_000 }, -1e12)).toBe(4_000);
  });

  it('has no wait before the delays start or without a counted time', () => {
    expect(retryAfterMs({ failedAttempts: 2, lastFailedAt: 10_000 }, 10_000)).toBe(0);
    expect(retryAfterMs({ failedAttempts: 2, lastFailedAt: 10_000 }, 5_000)).toBe(0);
    expect(retryAfterMs({ failedAttempts: 5, lastFailedAt: null }, 10_000)).toBe(0);
    // No failure time means no wait, even on a clock that reads close to 0.
    expect(retryAfterMs({ failedAttempts: 5, lastFailedAt: null }, 1_000)).toBe(0);
  });
});

describe('the stored header check', () => {
  it('accepts a whole header, a version 1 header (no key id, nothing retiring) and a PBKDF2 one', () => {
    expect(checked(header())).toEqual(header());
    const { keyId: _k, retiring: _r, ...v1 } = header();
    expect(checked(v1)).toEqual(v1);
    expect(
      checked(header({ kdf: KDF_DEFAULTS, keyId: 0, retiring: [], lastFailedAt: 5, failedAttempts: 3 })),
    ).toBeTruthy();
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'vault'],
    ['unknown KDF parameters', header({ kdf: { name: 'scrypt' } })],
    ['no KDF', header({ kdf: undefined })],
    ['a salt that is not bytes', header({ salt: [...salt()] })],
    ['a 15-byte salt', header({ salt: new Uint8Array(15) })],
    ['a 17-byte salt', header({ salt: new Uint8Array(17) })],
    ['another wrapping', header({ wrap: 'AES-GCM' })],
    ['a wrapped key that is not bytes', header({ wrappedKey: 'key' })],
    ['a negative key id', header({ keyId: -1 })],
    ['a fractional key id', header({ keyId: 1.5 })],
    ['a key id that is text', header({ keyId: '2' })],
    ['retiring keys that are not a list', header({ retiring: { keyId: 1 } })],
    ['a retiring entry that is null', header({ retiring: [null] })],
    ['a retiring key without an id', header({ retiring: [{ wrappedKey: new Uint8Array(40) }] })],
    ['a retiring key with a negative id', header({ retiring: [{ keyId: -1, wrappedKey: new Uint8Array(40) }] })],
    ['a retiring key that is not bytes', header({ retiring: [{ keyId: 1, wrappedKey: 'key' }] })],
    ['a good retiring key then a bad one', header({ retiring: [{ keyId: 1, wrappedKey: new Uint8Array(40) }, {}] })],
    ['a negative attempt count', header({ failedAttempts: -1 })],
    ['a fractional attempt count', header({ failedAttempts: 0.5 })],
    ['an attempt count that is text', header({ failedAttempts: '0' })],
    ['a last failure time that is text', header({ lastFailedAt: '10' })],
    ['a last failure time that is not finite', header({ lastFailedAt: Number.POSITIVE_INFINITY })],
    ['no last failure time', header({ lastFailedAt: undefined })],
    ['a schema version that is text', header({ schemaVersion: '2' })],
  ])('refuses %s as a tampered header', (_name, value) => {
    expect(thrown(() => checked(value))).toMatchObject({ code: 'tampered', detail: { reason: 'vault-header' } });
  });
});

describe('comparing wrappings', () => {
  it('compares bytes by length and content', () => {
    expect(sameBytes(bytes(1, 2), bytes(1, 2))).toBe(true);
    expect(sameBytes(bytes(), bytes())).toBe(true);
    expect(sameBytes(bytes(1, 2), bytes(1, 2, 3))).toBe(false);
    expect(sameBytes(bytes(1, 2, 3), bytes(1, 2))).toBe(false);
    expect(sameBytes(bytes(1, 2), bytes(1, 3))).toBe(false);
  });

  it('returns the stored header when it still holds the wrapping that was read', () => {
    const stored = header();
    expect(sameWrapping(stored, { salt: salt(), wrappedKey: new Uint8Array(40).fill(3) as Bytes })).toBe(stored);
  });

  it.each([
    ['the salt', { salt: new Uint8Array(16).fill(8) as Bytes, wrappedKey: new Uint8Array(40).fill(3) as Bytes }],
    ['the wrapped key', { salt: salt(), wrappedKey: new Uint8Array(40).fill(9) as Bytes }],
  ])('is a conflict when %s changed meanwhile (a passphrase changed in another tab)', (_name, read) => {
    expect(thrown(() => sameWrapping(header(), read))).toMatchObject({
      code: 'conflict',
      detail: { reason: 'passphrase-changed-elsewhere' },
    });
  });

  it('refuses a changed stored header before comparing', () => {
    expect(thrown(() => sameWrapping(header({ wrap: 'x' }), header()))).toMatchObject({ code: 'tampered' });
  });
});
