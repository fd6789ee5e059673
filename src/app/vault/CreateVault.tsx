// The first-run screen: choose the passphrase (rules and guessing estimate shown as it is typed) and create the
// vault. Its own chunk, with the rules, so the first load of an existing install does not carry them.
import { useState } from 'preact/hooks';
import { messageFor } from '../../domain/errors.ts';
import { describedBy, ErrorSummary, Field, type FieldError, PRIVATE_TEXT } from '../../ui/form-bits.tsx';
import { newPassphraseProblems, PassphraseRules } from '../../ui/passphrase.tsx';
import type { Vault } from '../../vault/vault.ts';
import { useCore } from '../services.ts';
import { usePreloadedKeyDerivation } from './VaultScreens.tsx';

export const CreateVault = ({ vault }: { vault: Vault }) => {
  const { afterVaultCreated } = useCore();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  usePreloadedKeyDerivation();

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const problems = await newPassphraseProblems(passphrase, confirm, 'new-passphrase', 'confirm-passphrase');
      setErrors(problems);
      if (problems.length) return;
      await vault.create(passphrase);
      await afterVaultCreated();
    } catch (e) {
      setErrors([{ field: 'new-passphrase', message: messageFor(e) }]);
    } finally {
      setBusy(false);
    }
  };

  const passphraseError = errors.find((e) => e.field === 'new-passphrase')?.message;
  const confirmError = errors.find((e) => e.field === 'confirm-passphrase')?.message;
  return (
    <section aria-labelledby="create-vault-title">
      <h1 id="create-vault-title">Set up SafeVisit on this device</h1>
      <p>
        Everything you write is encrypted on this device with a key that only your passphrase opens. Nobody can reset
        it: if you forget it, the reports on this device cannot be read.
      </p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <Field
          id="new-passphrase"
          label="Passphrase"
          hint="At least 12 characters. Three or more unrelated words work well."
          error={passphraseError}
        >
          <input
            id="new-passphrase"
            type="password"
            autocomplete="new-password"
            {...PRIVATE_TEXT}
            value={passphrase}
            aria-describedby={`${describedBy('new-passphrase', 'hint', passphraseError) ?? ''} passphrase-rules`}
            aria-invalid={passphraseError ? true : undefined}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
        </Field>
        <PassphraseRules id="passphrase-rules" passphrase={passphrase} eager />
        <Field id="confirm-passphrase" label="Confirm passphrase" error={confirmError}>
          <input
            id="confirm-passphrase"
            type="password"
            autocomplete="new-password"
            {...PRIVATE_TEXT}
            value={confirm}
            aria-describedby={describedBy('confirm-passphrase', undefined, confirmError)}
            aria-invalid={confirmError ? true : undefined}
            onInput={(e) => setConfirm(e.currentTarget.value)}
          />
        </Field>
        <div class="button-row">
          <button type="submit" disabled={busy}>
            Create vault
          </button>
        </div>
      </form>
    </section>
  );
};
