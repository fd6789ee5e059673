import { describe, expect, it } from 'vitest';
import {
  type Argon2idParams,
  describeKdf,
  isKdfParams,
  KDF_DEFAULTS,
  type KdfParams,
  kdfBelow,
  raisedKdf,
  VAULT_KDF_DEFAULTS,
} from '../../../src/vault/kdf-params.ts';

const argon2id = (memoryKiB: number, passes: number, parallelism = 1): Argon2idParams => ({
  name: 'Argon2id',
  memoryKiB,
  passes,
  parallelism,
});
const pbkdf2 = (iterations: number): KdfParams => ({ name: 'PBKDF2-SHA256', hash: 'SHA-256', iterations });

describe('isKdfParams: what a stored header may name', () => {
  it.each([
    ['the vault default', VAULT_KDF_DEFAULTS],
    ['the officer default', KDF_DEFAULTS],
    ['PBKDF2 with one iteration', pbkdf2(1)],
    ['PBKDF2 at the largest safe integer', pbkdf2(Number.MAX_SAFE_INTEGER)],
    ["Argon2's floor, 8 KiB a lane", argon2id(8, 1, 1)],
    ['8 KiB a lane over 4 lanes', argon2id(32, 1, 4)],
    ['1 GiB', argon2id(1024 * 1024, 1)],
    ['64 passes', argon2id(64, 64)],
    ['16 lanes', argon2id(128, 1, 16)],
  ])('accepts %s', (_name, kdf) => {
    expect(isKdfParams(kdf)).toBe(true);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'Argon2id'],
    ['a number', 600_000],
    ['an empty object', {}],
    ['an unknown KDF', { name: 'scrypt', N: 16_384 }],
    ['an unknown name over Argon2id costs', { name: 'Argon2d', memoryKiB: 64, passes: 1, parallelism: 1 }],
    ['PBKDF2 over SHA-1', { name: 'PBKDF2-SHA256', hash: 'SHA-1', iterations: 600_000 }],
    ['PBKDF2 without a hash', { name: 'PBKDF2-SHA256', iterations: 600_000 }],
    ['PBKDF2 with zero iterations', pbkdf2(0)],
    ['PBKDF2 with fractional iterations', pbkdf2(1.5)],
    ['PBKDF2 with iterations as text', { name: 'PBKDF2-SHA256', hash: 'SHA-256', iterations: '600000' }],
    ['PBKDF2 past the largest safe integer', pbkdf2(Number.MAX_SAFE_INTEGER + 1)],
    ['Argon2id under 8 KiB a lane (4 lanes, 31 KiB)', argon2id(31, 1, 4)],
    ['Argon2id with 7 KiB', argon2id(7, 1)],
    ['Argon2id over 1 GiB', argon2id(1024 * 1024 + 1, 1)],
    ['Argon2id with 65 passes', argon2id(64, 65)],
    ['Argon2id with zero passes', argon2id(64, 0)],
    ['Argon2id with 17 lanes', argon2id(1024, 1, 17)],
    ['Argon2id with zero lanes', argon2id(64, 1, 0)],
    ['Argon2id with lanes as text', { name: 'Argon2id', memoryKiB: 64, passes: 1, parallelism: '1' }],
    ['Argon2id without passes', { name: 'Argon2id', memoryKiB: 64, parallelism: 1 }],
  ])('refuses %s', (_name, kdf) => {
    expect(isKdfParams(kdf)).toBe(false);
  });
});

describe('raisedKdf and kdfBelow: never cheaper than what is stored', () => {
  it('raises PBKDF2 iterations to the target and keeps higher stored ones', () => {
    expect(raisedKdf(pbkdf2(1_000), pbkdf2(2_000))).toEqual(pbkdf2(2_000));
    expect(raisedKdf(pbkdf2(3_000), pbkdf2(2_000))).toEqual(pbkdf2(3_000));
    expect(kdfBelow(pbkdf2(1_000), pbkdf2(2_000))).toBe(true);
    expect(kdfBelow(pbkdf2(3_000), pbkdf2(2_000))).toBe(false);
    expect(kdfBelow(pbkdf2(2_000), pbkdf2(2_000))).toBe(false);
  });

  it.each([
    ['memory', argon2id(1024, 2, 1), argon2id(2048, 2, 1), argon2id(2048, 2, 1)],
    ['passes', argon2id(1024, 1, 1), argon2id(1024, 3, 1), argon2id(1024, 3, 1)],
    ['lanes', argon2id(1024, 2, 1), argon2id(1024, 2, 4), argon2id(1024, 2, 4)],
    ['each cost on its own', argon2id(4096, 1, 4), argon2id(1024, 3, 1), argon2id(4096, 3, 4)],
  ])('raises Argon2id %s to the larger of stored and target', (_name, stored, target, raised) => {
    expect(raisedKdf(stored, target)).toEqual(raised);
    expect(kdfBelow(stored, target)).toBe(true);
    // And the other way round: the stored costs are never lowered to the target's.
    expect(raisedKdf(raised, stored)).toEqual(raised);
    expect(kdfBelow(raised, stored)).toBe(false);
  });

  it('moves PBKDF2 to Argon2id whatever the iterations, and never moves Argon2id back', () => {
    expect(raisedKdf(pbkdf2(10_000_000), argon2id(64, 1))).toEqual(argon2id(64, 1));
    expect(kdfBelow(pbkdf2(10_000_000), argon2id(64, 1))).toBe(true);
    expect(raisedKdf(argon2id(64, 1), pbkdf2(10_000_000))).toEqual(argon2id(64, 1));
    expect(kdfBelow(argon2id(64, 1), pbkdf2(10_000_000))).toBe(false);
  });
});

describe('describeKdf', () => {
  it.each([
    [VAULT_KDF_DEFAULTS, 'Argon2id, 64 MiB, 2 passes, 1 lane'],
    [argon2id(19 * 1024, 2, 4), 'Argon2id, 19 MiB, 2 passes, 4 lanes'],
    [argon2id(512, 3, 2), 'Argon2id, 0.5 MiB, 3 passes, 2 lanes'],
    [KDF_DEFAULTS, 'PBKDF2-SHA256, 600,000 iterations'],
    [pbkdf2(1_234_567), 'PBKDF2-SHA256, 1,234,567 iterations'],
  ])('names %o as "%s"', (kdf, words) => {
    expect(describeKdf(kdf)).toBe(words);
  });
});

describe('the defaults', () => {
  it('keeps the officer on OWASP’s PBKDF2 floor and the vault on Argon2id, both frozen', () => {
    expect(KDF_DEFAULTS).toEqual({ name: 'PBKDF2-SHA256', hash: 'SHA-256', iterations: 600_000 });
    expect(VAULT_KDF_DEFAULTS).toEqual({ name: 'Argon2id', memoryKiB: 65_536, passes: 2, parallelism: 1 });
    expect(Object.isFrozen(KDF_DEFAULTS)).toBe(true);
    expect(Object.isFrozen(VAULT_KDF_DEFAULTS)).toBe(true);
  });
});
