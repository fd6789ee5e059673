// The strength gate Vault.create and changePassphrase pass through, with the real rules and the real estimator
// (zxcvbn-ts and its dictionaries); only the estimator's chunk failing to load (offline before first use) is simulated.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/domain/errors.ts';
import { requireStrong } from '../../../src/vault/require-strong.ts';
import { STRONG_PASSPHRASE } from '../../passphrases.ts';

const refusal = async (passphrase: string): Promise<AppError> => {
  const error = await requireStrong(passphrase).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
};

afterEach(() => {
  vi.doUnmock('../../../src/vault/passphrase-estimate.ts');
  vi.resetModules();
});

describe('requireStrong', () => {
  it('lets a strong passphrase through', async () => {
    await expect(requireStrong(STRONG_PASSPHRASE)).resolves.toBeUndefined();
  });

  it('names every rule a weak passphrase breaks, and only those', async () => {
    const error = await refusal('password');
    expect(error.code).toBe('invalid');
    expect(error.detail).toEqual({ reason: 'weak-passphrase', rules: ['length', 'variety', 'common', 'guessing'] });
  });

  it('refuses a passphrase that meets the FAQ rules but falls to offline guessing, naming that rule alone', async () => {
    expect((await refusal('Kent Council 1')).detail).toEqual({ reason: 'weak-passphrase', rules: ['guessing'] });
  });

  it('says the checker is unavailable when its chunk cannot load, and sets nothing', async () => {
    vi.resetModules();
    vi.doMock('../../../src/vault/passphrase-estimate.ts', () => {
      throw new Error('chunk failed to load');
    });
    const { requireStrong: offline } = await import('../../../src/vault/require-strong.ts');
    const error = await offline(STRONG_PASSPHRASE).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as AppError).code).toBe('checker-unavailable');
    expect((error as AppError).cause).toBeInstanceOf(Error);
  });
});
