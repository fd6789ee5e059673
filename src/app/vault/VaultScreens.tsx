// The vault's screens: create (first run), unlock, wipe. They talk to the vault only through its
// public methods and show each expected failure as one plain sentence.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { isAppError, messageFor } from '../../domain/errors.ts';
import { describedBy, Field, PRIVATE_TEXT } from '../../ui/form-bits.tsx';
import { lazyComponent } from '../../ui/lazy.tsx';
import type { Vault } from '../../vault/vault.ts';
import { useCore, useSessionValue } from '../services.ts';
import { useObservable } from '../use-observable.ts';

// First run only: the create screen, the passphrase rules and the common-words list load as their own chunk.
const CreateVault = lazyComponent(() => import('./CreateVault.tsx').then((m) => m.CreateVault));

/**
 * Starts loading the key derivation's WebAssembly as a passphrase screen opens (it is ready by the time one is typed).
 * The vault's code has loaded with the store by then; importing it here keeps it out of the app's first render.
 */
export const usePreloadedKeyDerivation = () =>
  useEffect(() => {
    import('../../vault/vault.ts').then(({ preloadKeyDerivation }) => preloadKeyDerivation()).catch(() => undefined);
  }, []);

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

const Unlock = ({ vault }: { vault: Vault }) => {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [forgot, setForgot] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);
  usePreloadedKeyDerivation();

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
      // The text stays, selected: a typo is fixed, or the whole retyped, without typing it all again.
      input.current?.focus();
      input.current?.select();
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
            {...PRIVATE_TEXT}
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

/** " Try again in 1 second." / "... 5 seconds." / "... 3 minutes.": how long a too-many-attempts wait still runs. */
export const waitText = (detail: unknown): string => {
  const ms = (detail as { retryAfterMs?: number } | undefined)?.retryAfterMs;
  if (!ms) return '';
  const seconds = Math.ceil(ms / 1000);
  const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  return ` Try again in ${seconds >= 90 ? count(Math.ceil(seconds / 60), 'minute') : count(seconds, 'second')}.`;
};

export const WIPE_CONFIRMATION_WORD = 'WIPE';

/**
 * Deletes the key and every record on this device after a typed confirmation, once it has said what is lost:
 * the reports waiting to be sent are counted from the outbox, which is in clear, so locked or not.
 */
export const WipeDevice = () => {
  const { vaultState, outboxCount, outbox } = useCore();
  const state = useObservable(vaultState);
  const known = useSessionValue((s) => s.outboxCount, outboxCount);
  // Counted again as the form opens: the count from boot may be older than the last report queued.
  const [counted, setCounted] = useState<number | null>(null);
  useEffect(() => {
    let alive = true;
    outbox.count().then(
      (n) => alive && setCounted(n),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [outbox]);
  const waiting = counted ?? known;
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
      <div id="wipe-loses">
        <p>Wiping deletes, for good:</p>
        <ul>
          {waiting > 0 && (
            <li>
              <strong>
                {waiting} {waiting === 1 ? 'report that has' : 'reports that have'} not reached the server yet. Nobody
                else has {waiting === 1 ? 'a copy' : 'copies'}: {waiting === 1 ? 'it is' : 'they are'} lost.
              </strong>
            </li>
          )}
          <li>Every draft and every report still on this device.</li>
          <li>Your settings, and this device's link to your organisation.</li>
          <li>The encryption key: nothing saved here can be opened again.</li>
        </ul>
        <p>Reports your organisation has already received are not affected. This cannot be undone.</p>
      </div>
      <Field id="wipe-confirm" label={`Type ${WIPE_CONFIRMATION_WORD} to confirm`} error={error}>
        <input
          id="wipe-confirm"
          type="text"
          autocomplete="off"
          {...PRIVATE_TEXT}
          value={typed}
          aria-describedby={[describedBy('wipe-confirm', undefined, error), 'wipe-loses'].filter(Boolean).join(' ')}
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
