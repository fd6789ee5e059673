// The vault's screens: create (first run), unlock, wipe. They talk to the vault only through its
// public methods and show each expected failure as one plain sentence.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { isAppError, messageFor } from '../../domain/errors.ts';
import { describedBy, ErrorSummary, Field, type FieldError } from '../../ui/form-bits.tsx';
import { newPassphraseProblems, PassphraseRules } from '../../ui/passphrase.tsx';
import type { Vault } from '../../vault/vault.ts';
import { useCore, useSessionValue } from '../services.ts';
import { useObservable } from '../use-observable.ts';

/** Renders its children only while the vault is unlocked; otherwise the create or unlock screen. */
export const VaultGate = ({ children }: { children: ComponentChildren }) => {
  const { vaultState, session } = useCore();
  const state = useObservable(vaultState);
  const loaded = useObservable(session);
  if (state.kind === 'opening') return <p class="muted">Opening…</p>;
  if (state.kind === 'unavailable') return <p class="error-text">{state.problem}</p>;
  if (state.kind === 'none') return <CreateVault vault={state.vault} />;
  if (state.kind === 'locked') return <Unlock vault={state.vault} />;
  if (!loaded) return <p class="muted">Opening your reports…</p>;
  return <>{children}</>;
};

const CreateVault = ({ vault }: { vault: Vault }) => {
  const { afterVaultCreated } = useCore();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const problems = newPassphraseProblems(passphrase, confirm, 'new-passphrase', 'confirm-passphrase');
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    try {
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
            value={passphrase}
            aria-describedby={`${describedBy('new-passphrase', 'hint', passphraseError) ?? ''} passphrase-rules`}
            aria-invalid={passphraseError ? true : undefined}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
        </Field>
        <PassphraseRules id="passphrase-rules" passphrase={passphrase} />
        <Field id="confirm-passphrase" label="Confirm passphrase" error={confirmError}>
          <input
            id="confirm-passphrase"
            type="password"
            autocomplete="new-password"
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

const Unlock = ({ vault }: { vault: Vault }) => {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [forgot, setForgot] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!passphrase) {
      setError('Enter your passphrase.');
      return;
    }
    setBusy(true);
    try {
      await vault.unlock(passphrase);
    } catch (e) {
      const wait = isAppError(e, 'too-many-attempts') ? waitText(e.detail) : '';
      setError(`${messageFor(e)}${wait}`);
      setPassphrase('');
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="unlock-title">
      <h1 id="unlock-title">Unlock SafeVisit</h1>
      <p>Your reports are encrypted on this device. Enter your passphrase to open them.</p>
      <form onSubmit={submit} noValidate>
        <Field id="unlock-passphrase" label="Passphrase" error={error}>
          <input
            id="unlock-passphrase"
            ref={input}
            type="password"
            autocomplete="current-password"
            value={passphrase}
            aria-describedby={describedBy('unlock-passphrase', undefined, error)}
            aria-invalid={error ? true : undefined}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
        </Field>
        {error && (
          <p class="visually-hidden" role="alert">
            {error}
          </p>
        )}
        <div class="button-row">
          <button type="submit" disabled={busy}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
        </div>
      </form>
      <p class="muted">Guidance can be read without unlocking.</p>
      {forgot ? (
        <WipeDevice />
      ) : (
        <button type="button" class="button--secondary" onClick={() => setForgot(true)}>
          Forgotten your passphrase?
        </button>
      )}
    </section>
  );
};

const waitText = (detail: unknown): string => {
  const ms = (detail as { retryAfterMs?: number } | undefined)?.retryAfterMs;
  if (!ms) return '';
  const seconds = Math.ceil(ms / 1000);
  return seconds >= 90 ? ` Try again in ${Math.ceil(seconds / 60)} minutes.` : ` Try again in ${seconds} seconds.`;
};

export const WIPE_CONFIRMATION_WORD = 'WIPE';

/** Deletes the key and every record on this device after a typed confirmation. */
export const WipeDevice = () => {
  const { vaultState, outboxCount } = useCore();
  const state = useObservable(vaultState);
  const waiting = useSessionValue((s) => s.outboxCount, outboxCount);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (typed.trim().toUpperCase() !== WIPE_CONFIRMATION_WORD) {
      setError(`Type ${WIPE_CONFIRMATION_WORD} to confirm.`);
      return;
    }
    setBusy(true);
    try {
      // Shown only on screens that need the open vault (unlock, settings); before that there is nothing to wipe.
      if ('vault' in state) await state.vault.wipe();
    } catch (e) {
      setError(messageFor(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="wipe-title">
      <h2 id="wipe-title">Wipe this device</h2>
      <p>
        This deletes the encryption key and every report, draft and setting on this device. It cannot be undone.
        {waiting > 0 && (
          <strong>
            {' '}
            {waiting} {waiting === 1 ? 'report has' : 'reports have'} not reached the server yet and will be lost.
          </strong>
        )}
      </p>
      <Field id="wipe-confirm" label={`Type ${WIPE_CONFIRMATION_WORD} to confirm`} error={error}>
        <input
          id="wipe-confirm"
          type="text"
          autocomplete="off"
          value={typed}
          aria-describedby={describedBy('wipe-confirm', undefined, error)}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
      </Field>
      <div class="button-row">
        <button type="submit" class="button--danger" disabled={busy}>
          Wipe this device
        </button>
      </div>
    </form>
  );
};

/** The header's "Lock" button, shown while the vault is unlocked. */
export const LockButton = () => {
  const state = useObservable(useCore().vaultState);
  if (state.kind !== 'unlocked') return null;
  const { vault } = state;
  return (
    <button type="button" class="button--header" onClick={() => vault.lock()}>
      Lock
    </button>
  );
};
