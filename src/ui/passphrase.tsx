// The new-passphrase kit both front ends share: the strength rules shown as the user types, with the guessing
// estimate once its chunk has loaded, and the problems that stop a form. The rules themselves live in the vault
// (src/vault/passphrase-strength.ts); this draws them. The estimator (zxcvbn-ts) loads when typing starts.
import { useEffect, useState } from 'preact/hooks';
import { ERROR_MESSAGES } from '../domain/errors.ts';
import {
  checkPassphrase,
  type GuessEstimate,
  loadPassphraseEstimator,
  type PassphraseCheck,
} from '../vault/passphrase-strength.ts';
import type { FieldError } from './form-bits.tsx';

/** Pause in typing before the estimate runs (it can take a tenth of a second on a slow phone). */
export const ESTIMATE_DEBOUNCE_MS = 150;

type Estimator = (passphrase: string) => GuessEstimate;

/**
 * The checks for `passphrase`; the guessing rule stays pending until the estimate for this very text is in. The
 * estimator loads once typing starts, or at once with `eager` (first run, just after installing, while online).
 */
export const usePassphraseChecks = (passphrase: string, { eager = false } = {}): PassphraseCheck[] => {
  const [estimator, setEstimator] = useState<Estimator | null>(null);
  const [estimate, setEstimate] = useState<{ of: string; value: GuessEstimate } | null>(null);
  const typed = passphrase.length > 0;

  useEffect(() => {
    if (!(typed || eager) || estimator) return;
    let alive = true;
    loadPassphraseEstimator().then(
      (module) => alive && setEstimator(() => module.estimateGuesses),
      // Offline before the chunk was cached: the rule stays pending, and Vault.create says why on submit.
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [typed, eager, estimator]);

  useEffect(() => {
    if (!estimator || !typed) return;
    const timer = setTimeout(() => setEstimate({ of: passphrase, value: estimator(passphrase) }), ESTIMATE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [estimator, passphrase, typed]);

  return checkPassphrase(passphrase, estimate?.of === passphrase ? estimate.value : null);
};

/**
 * Why a new passphrase (typed twice) cannot be used: each failed rule (the estimate loaded first), then a mismatch.
 * Never throws: an estimator that cannot load (offline before first use) is a problem at the field.
 */
export const newPassphraseProblems = async (
  passphrase: string,
  confirm: string,
  field: string,
  confirmField: string,
): Promise<FieldError[]> => {
  const estimator = await loadPassphraseEstimator().catch(() => null);
  if (!estimator) return [{ field, message: ERROR_MESSAGES['checker-unavailable'] }];
  const estimate = passphrase ? estimator.estimateGuesses(passphrase) : null;
  const problems = checkPassphrase(passphrase, estimate)
    .filter((c) => !c.ok)
    .map((c) => ({ field, message: c.message }));
  if (passphrase !== confirm) problems.push({ field: confirmField, message: 'The two passphrases do not match.' });
  return problems;
};

/**
 * The strength rules as a live list under a new-passphrase field (`id` is for the field's aria-describedby):
 * nothing marked before anything is typed, ✓ when met, ✗ when not, • while the estimate is coming. `eager` loads
 * the estimator at once (first run, just after installing, while online).
 */
export const PassphraseRules = ({ id, passphrase, eager }: { id: string; passphrase: string; eager?: boolean }) => (
  <RuleList id={id} checks={usePassphraseChecks(passphrase, { eager })} />
);

const RuleList = ({ id, checks }: { id: string; checks: PassphraseCheck[] }) => (
  <ul id={id} class="list rules" aria-live="polite">
    {checks.map((c) => {
      const state = c.pending ? 'pending' : c.ok ? 'ok' : 'not-yet';
      return (
        <li key={c.rule} class={`rule rule--${state}`}>
          <span aria-hidden="true">{state === 'pending' ? '• ' : c.ok ? '✓ ' : '✗ '}</span>
          <span class="visually-hidden">{state === 'pending' ? 'Rule: ' : c.ok ? 'Done: ' : 'Not yet: '}</span>
          {c.message}
        </li>
      );
    })}
  </ul>
);
