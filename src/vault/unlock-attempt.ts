// One counted passphrase try against the stored header: the wait check, the count, the slow derivation and the
// unwrap, and what a wrong passphrase costs (a longer wait, or the wipe policy). Holds no key and no state.
import { AppError, isAppError } from '../domain/errors.ts';
import { type DeriveArgon2id, deriveWrappingKey, unwrapDataKey } from './crypto.ts';
import type { Opened } from './passphrase-change.ts';
import { checked, retryAfterMs, type UnlockFailure, unlockDelayMs, type VaultStorage } from './vault-header.ts';

export type AttemptDeps = {
  storage: VaultStorage;
  now: () => number;
  derive: DeriveArgon2id;
  /** Runs when the wipe policy's last wrong passphrase is reached (the vault wipes itself and tells other tabs). */
  wipe: () => Promise<void>;
};

/**
 * The attempt is counted BEFORE the slow derivation, in the same transaction as the delay check, so neither closing
 * the tab mid-try nor two tabs guessing at once gets a free try. AppError('too-many-attempts') during a wait,
 * AppError('wrong-passphrase', UnlockFailure) for a wrong one.
 */
export const countedAttempt = async (deps: AttemptDeps, passphrase: string): Promise<Opened> => {
  const now = deps.now();
  let wait = 0;
  const header = await deps.storage.updateHeader((stored) => {
    const current = checked(stored);
    wait = retryAfterMs(current, now);
    if (wait > 0) {
      // A failure time ahead of now (a clock moved backwards) would keep the wait from ever ending: pull it back.
      return { ...current, lastFailedAt: Math.min(current.lastFailedAt ?? now, now) };
    }
    return { ...current, failedAttempts: current.failedAttempts + 1, lastFailedAt: now };
  });
  if (wait > 0) throw new AppError('too-many-attempts', { retryAfterMs: wait, failedAttempts: header.failedAttempts });

  try {
    const wrappingKey = await deriveWrappingKey(passphrase, header.salt, header.kdf, deps.derive);
    const key = await unwrapDataKey(wrappingKey, header.wrappedKey);
    return { header, wrappingKey, key };
  } catch (error) {
    if (!isAppError(error, 'wrong-passphrase')) throw error;
    return afterWrongPassphrase(deps, header.failedAttempts, error);
  }
};

const afterWrongPassphrase = async (deps: AttemptDeps, failedAttempts: number, cause: AppError): Promise<never> => {
  const limit = await deps.storage.readWipeAfterFailures();
  if (limit !== null && failedAttempts >= limit) {
    await deps.wipe();
    const detail: UnlockFailure = { failedAttempts, retryAfterMs: 0, attemptsBeforeWipe: 0, wiped: true };
    throw new AppError('wrong-passphrase', detail, { cause });
  }
  const detail: UnlockFailure = {
    failedAttempts,
    retryAfterMs: unlockDelayMs(failedAttempts),
    attemptsBeforeWipe: limit === null ? null : limit - failedAttempts,
    wiped: false,
  };
  throw new AppError('wrong-passphrase', detail, { cause });
};
