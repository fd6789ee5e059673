// The new-passphrase kit both front ends share: the strength rules shown as the user types and the problems
// that stop a form. The rules themselves live in the vault (src/vault/passphrase-strength.ts); this only draws them.
import { checkPassphrase } from '../vault/passphrase-strength.ts';
import type { FieldError } from './form-bits.tsx';

/** Why a new passphrase (typed twice) cannot be used: each failed strength rule, then a mismatch. */
export const newPassphraseProblems = (
  passphrase: string,
  confirm: string,
  field: string,
  confirmField: string,
): FieldError[] => {
  const problems = checkPassphrase(passphrase)
    .filter((c) => !c.ok)
    .map((c) => ({ field, message: c.message }));
  if (passphrase !== confirm) problems.push({ field: confirmField, message: 'The two passphrases do not match.' });
  return problems;
};

/** The strength rules as a live list under a new-passphrase field; `id` is for the field's aria-describedby. */
export const PassphraseRules = ({ id, passphrase }: { id: string; passphrase: string }) => (
  <ul id={id} class="list rules" aria-live="polite">
    {checkPassphrase(passphrase).map((c) => (
      <li key={c.rule} class={c.ok ? 'rule rule--ok' : 'rule'}>
        <span aria-hidden="true">{c.ok ? '✓ ' : '✗ '}</span>
        <span class="visually-hidden">{c.ok ? 'Done: ' : 'Not yet: '}</span>
        {c.message}
      </li>
    ))}
  </ul>
);
