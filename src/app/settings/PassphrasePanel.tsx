// "Change passphrase": checks the new passphrase with the vault's rules as it is typed, then lets the vault rewrap
// the data key under it.
import { useState } from 'preact/hooks';
import { messageFor } from '../../domain/errors.ts';
import { describedBy, ErrorSummary, Field, type FieldError, PRIVATE_TEXT } from '../../ui/form-bits.tsx';
import { newPassphraseProblems, PassphraseRules } from '../../ui/passphrase.tsx';
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
    setBusy(true);
    try {
      const problems = await newPassphraseProblems(next, confirm, 'next-passphrase', 'confirm-next-passphrase');
      if (!current) problems.push({ field: 'current-passphrase', message: 'Enter your current passphrase.' });
      setErrors(problems);
      if (problems.length) return;
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
  const input = (id: string, label: string, value: string, onValue: (v: string) => void, auto: string, rules = '') => (
    <Field id={id} label={label} error={errorOf(id)}>
      <input
        id={id}
        type="password"
        autocomplete={auto}
        {...PRIVATE_TEXT}
        value={value}
        aria-invalid={errorOf(id) ? true : undefined}
        aria-describedby={[describedBy(id, undefined, errorOf(id)), rules].filter(Boolean).join(' ') || undefined}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </Field>
  );
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="change-passphrase-title">
      <h2 id="change-passphrase-title">Change passphrase</h2>
      <ErrorSummary errors={errors} />
      {input('current-passphrase', 'Current passphrase', current, setCurrent, 'current-password')}
      {input('next-passphrase', 'New passphrase', next, setNext, 'new-password', 'next-passphrase-rules')}
      <PassphraseRules id="next-passphrase-rules" passphrase={next} />
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
