// The strength gate of a new passphrase: the rules and the guessing estimate, loaded as their own chunk only when a
// passphrase is set (unlocking never needs them). Keeps nothing.
import { AppError } from '../domain/errors.ts';

/** Refuses a passphrase that breaks a rule or that the guessing estimate finds too easy: AppError('invalid', { reason: 'weak-passphrase', rules }). */
export const requireStrong = async (passphrase: string): Promise<void> => {
  // The rules are their own chunk too: unlocking never needs them.
  const { checkPassphrase, isStrongEnough, loadPassphraseEstimator } = await import('./passphrase-strength.ts');
  // Not in the precache (its dictionaries alone are over twice the app): offline before first use, it cannot load.
  const estimator = await loadPassphraseEstimator().catch((cause: unknown) => {
    throw new AppError('checker-unavailable', undefined, { cause });
  });
  const estimate = estimator.estimateGuesses(passphrase);
  if (isStrongEnough(passphrase, estimate)) return;
  const rules = checkPassphrase(passphrase, estimate)
    .filter((check) => !check.ok)
    .map((check) => check.rule);
  throw new AppError('invalid', { reason: 'weak-passphrase', rules });
};
