// "Change passphrase": checks the new passphrase with the vault's rules, then lets the vault re-key everything.
import { useState } from 'preact/hooks';
import { messageFor } from '../../domain/errors.ts';
import { describedBy, ErrorSummary, Field, type FieldError } from '../../ui/form-bits.tsx';
import { newPassphraseProblems } from '../../ui/passphrase.tsx';
import { useServices } from '../services.ts';

export const PassphrasePanel = () => {
  const { vault } = useServices();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setDone('');
    const problems = newPassphraseProblems(next, confirm, 'next-passphrase', 'confirm-next-passphrase');
    if (!current) problems.push({ field: 'current-passphrase', message: 'Enter your current passphrase.' });
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    try {
      await vault.changePassphrase(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone('Passphrase changed. Use the new one from now on.');
    } catch (e) {
      setErrors([{ field: 'current-passphrase', message: messageFor(e) }]);
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const input = (id: string, label: string, value: string, onValue: (v: string) => void, auto: string) => (
    <Field id={id} label={label} error={errorOf(id)}>
      <input
        id={id}
        type="password"
        autocomplete={auto}
        value={value}
        aria-invalid={errorOf(id) ? true : undefined}
        aria-describedby={describedBy(id, undefined, errorOf(id))}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </Field>
  );
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="change-passphrase-title">
      <h2 id="change-passphrase-title">Change passphrase</h2>
      <ErrorSummary errors={errors} />
      {input('current-passphrase', 'Current passphrase', current, setCurrent, 'current-password')}
      {input('next-passphrase', 'New passphrase', next, setNext, 'new-password')}
      {input('confirm-next-passphrase', 'Confirm new passphrase', confirm, setConfirm, 'new-password')}
      <div class="button-row">
        <button type="submit" disabled={busy}>
          Change passphrase
        </button>
      </div>
      <p aria-live="polite">{done}</p>
    </form>
  );
};
