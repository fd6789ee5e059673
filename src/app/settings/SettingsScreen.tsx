// Settings: sync endpoint and token, organisation details, locking, retention, passphrase, wipe.
// Talks to the settings repository and the sync engine only; the token is kept encrypted by the vault.
import { useEffect, useState } from 'preact/hooks';
import { ERROR_MESSAGES, messageFor } from '../../domain/errors.ts';
import { EMPTY_ORG, ORG_FIELD_IDS, type OrgDetails as OrgDefaults } from '../../domain/organisation.ts';
import { FORM_FIELDS, labelOf } from '../../domain/report.ts';
import type { Settings } from '../../domain/settings.ts';
import { AUTOLOCK_MAX_MINUTES, AUTOLOCK_MIN_MINUTES } from '../../domain/settings-limits.ts';
import { checkEndpoint, testConnection } from '../../sync/endpoint.ts';
import { describedBy, ErrorSummary, Field, type FieldError } from '../form-bits.tsx';
import { useServices } from '../services.ts';
import { useObservable } from '../use-observable.ts';
import { newPassphraseProblems, WipeDevice } from '../vault/VaultScreens.tsx';

const KEEP_OPTIONS = [0, 1, 7, 14, 30];
const WIPE_POLICY_OPTIONS = [null, 5, 10, 20];

type Form = {
  endpointUrl: string;
  token: string;
  keepSyncedDays: number;
  autolockMinutes: number;
  wipeAfterFailures: number | null;
  org: OrgDefaults;
};

export const SettingsScreen = () => {
  const { settings } = useServices();
  const [loaded, setLoaded] = useState<{ settings: Settings; hasToken: boolean; org: OrgDefaults } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([settings.get(), settings.getSecret('accessToken'), settings.getSecret('orgDefaults')]).then(
      ([s, token, org]) => setLoaded({ settings: s, hasToken: Boolean(token), org: org ?? EMPTY_ORG }),
      (e: unknown) => setLoadError(messageFor(e)),
    );
  }, [settings]);

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {loadError && <p class="error-text">{loadError}</p>}
      {loaded && <SettingsForm initial={loaded} />}
      <SyncPanel />
      <GuidancePanel />
      <ChangePassphrase />
      <StorageInfo persistGranted={loaded?.settings.persistGranted ?? null} />
      <WipeDevice />
    </section>
  );
};

const SettingsForm = ({ initial }: { initial: { settings: Settings; hasToken: boolean; org: OrgDefaults } }) => {
  const { settings, sync, setAutolockMinutes } = useServices();
  const [form, setForm] = useState<Form>({
    endpointUrl: initial.settings.endpointUrl,
    token: '',
    keepSyncedDays: initial.settings.keepSyncedDays,
    autolockMinutes: initial.settings.autolockMinutes,
    wipeAfterFailures: initial.settings.wipeAfterFailures,
    org: initial.org,
  });
  const [hasToken, setHasToken] = useState(initial.hasToken);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState('');
  const [testing, setTesting] = useState(false);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setOrg = (key: keyof OrgDefaults, value: string) => setForm((f) => ({ ...f, org: { ...f.org, [key]: value } }));

  const validate = (): FieldError[] => {
    const problems: FieldError[] = [];
    if (form.endpointUrl.trim() && !checkEndpoint(form.endpointUrl).ok) {
      problems.push({ field: 'endpoint-url', message: ERROR_MESSAGES['insecure-endpoint'] });
    }
    const minutes = form.autolockMinutes;
    if (!Number.isInteger(minutes) || minutes < AUTOLOCK_MIN_MINUTES || minutes > AUTOLOCK_MAX_MINUTES) {
      problems.push({
        field: 'autolock-minutes',
        message: `Choose a number of minutes from ${AUTOLOCK_MIN_MINUTES} to ${AUTOLOCK_MAX_MINUTES}.`,
      });
    }
    return problems;
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    const problems = validate();
    setErrors(problems);
    if (problems.length) return;
    try {
      const checked = form.endpointUrl.trim() ? checkEndpoint(form.endpointUrl) : null;
      await settings.update({
        endpointUrl: checked?.ok ? checked.endpoint : '',
        keepSyncedDays: form.keepSyncedDays,
        autolockMinutes: form.autolockMinutes,
        wipeAfterFailures: form.wipeAfterFailures,
      });
      if (form.token.trim()) {
        await settings.setSecret('accessToken', form.token.trim());
        setHasToken(true);
        set('token', '');
      }
      await settings.setSecret('orgDefaults', form.org);
      setAutolockMinutes(form.autolockMinutes);
      setMessage('Settings saved.');
      void sync.syncNow();
    } catch (e) {
      setErrors([{ field: 'endpoint-url', message: messageFor(e) }]);
    }
  };

  const test = async () => {
    setTesting(true);
    setMessage('Testing the connection…');
    try {
      const token = form.token.trim() || (await settings.getSecret('accessToken'));
      const answer = await testConnection(form.endpointUrl, token);
      setMessage(answer.message);
    } catch (e) {
      setMessage(messageFor(e));
    } finally {
      setTesting(false);
    }
  };

  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <form onSubmit={save} noValidate aria-labelledby="sync-settings-title">
      <ErrorSummary errors={errors} />
      <h2 id="sync-settings-title">Sync</h2>
      <Field
        id="endpoint-url"
        label="Sync endpoint URL"
        hint="The address your service gave you, starting with https://"
        error={errorOf('endpoint-url')}
      >
        <input
          id="endpoint-url"
          type="url"
          inputMode="url"
          autocomplete="off"
          spellcheck={false}
          value={form.endpointUrl}
          aria-describedby={describedBy('endpoint-url', 'hint', errorOf('endpoint-url'))}
          aria-invalid={errorOf('endpoint-url') ? true : undefined}
          onInput={(e) => set('endpointUrl', e.currentTarget.value)}
        />
      </Field>
      <Field
        id="access-token"
        label="Access token"
        hint={
          hasToken
            ? 'A token is saved (encrypted). Leave this empty to keep it.'
            : 'Paste the token your administrator gave you.'
        }
      >
        <input
          id="access-token"
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={form.token}
          aria-describedby="access-token-hint"
          onInput={(e) => set('token', e.currentTarget.value)}
        />
      </Field>
      <Field
        id="keep-synced"
        label="Keep sent reports on this device"
        hint="Reports leave the device once the server confirms it has them."
      >
        <select
          id="keep-synced"
          value={String(form.keepSyncedDays)}
          aria-describedby="keep-synced-hint"
          onChange={(e) => set('keepSyncedDays', Number(e.currentTarget.value))}
        >
          {KEEP_OPTIONS.map((days) => (
            <option key={days} value={String(days)}>
              {days === 0 ? 'No: remove at once (recommended)' : `For ${days} ${days === 1 ? 'day' : 'days'}`}
            </option>
          ))}
        </select>
      </Field>

      <h2>Your organisation</h2>
      <p class="hint">Filled in on every new report; you can change them on each report.</p>
      {ORG_FIELD_IDS.map((id) => {
        const field = FORM_FIELDS.get(id);
        const inputId = `org-${id}`;
        const onInput = (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
          setOrg(id, e.currentTarget.value);
        return (
          <Field key={id} id={inputId} label={labelOf(id)}>
            {field?.kind === 'textarea' ? (
              <textarea id={inputId} value={form.org[id]} maxLength={field.maxLength} onInput={onInput} />
            ) : (
              <input id={inputId} type="text" value={form.org[id]} onInput={onInput} />
            )}
          </Field>
        );
      })}

      <h2>Locking</h2>
      <Field
        id="autolock-minutes"
        label="Lock after this many minutes without use"
        hint={`From ${AUTOLOCK_MIN_MINUTES} to ${AUTOLOCK_MAX_MINUTES}. The app also locks a minute after you leave it.`}
        error={errorOf('autolock-minutes')}
      >
        <input
          id="autolock-minutes"
          type="number"
          inputMode="numeric"
          min={AUTOLOCK_MIN_MINUTES}
          max={AUTOLOCK_MAX_MINUTES}
          value={String(form.autolockMinutes)}
          aria-describedby={describedBy('autolock-minutes', 'hint', errorOf('autolock-minutes'))}
          onInput={(e) => set('autolockMinutes', Number(e.currentTarget.value))}
        />
      </Field>
      <Field
        id="wipe-policy"
        label="Wipe this device after repeated wrong passphrases"
        hint="Only if your organisation asks for it: a wipe also deletes reports not yet sent."
      >
        <select
          id="wipe-policy"
          value={String(form.wipeAfterFailures)}
          aria-describedby="wipe-policy-hint"
          onChange={(e) =>
            set('wipeAfterFailures', e.currentTarget.value === 'null' ? null : Number(e.currentTarget.value))
          }
        >
          {WIPE_POLICY_OPTIONS.map((n) => (
            <option key={String(n)} value={String(n)}>
              {n === null ? 'Never (default)' : `After ${n} wrong passphrases`}
            </option>
          ))}
        </select>
      </Field>

      <div class="button-row">
        <button type="submit">Save settings</button>
        <button type="button" class="button--secondary" onClick={test} disabled={testing}>
          Test connection
        </button>
      </div>
      <p aria-live="polite">{message}</p>
    </form>
  );
};

const SyncPanel = () => {
  const { sync } = useServices();
  const state = useObservable(sync.state);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await sync.syncNow();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="sync-now-title">
      <h2 id="sync-now-title">Sending reports</h2>
      <p>
        {state.waiting === 0
          ? 'No reports wait to be sent.'
          : `${state.waiting} ${state.waiting === 1 ? 'report waits' : 'reports wait'} to be sent.`}
        {state.lastSuccessAt !== null && ` Last sent at ${new Date(state.lastSuccessAt).toLocaleString('en-GB')}.`}
      </p>
      {state.lastError && <p class="error-text">{ERROR_MESSAGES[state.lastError]}</p>}
      <div class="button-row">
        <button type="button" onClick={run} disabled={busy || state.running}>
          Sync now
        </button>
      </div>
    </section>
  );
};

const ChangePassphrase = () => {
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

const StorageInfo = ({ persistGranted }: { persistGranted: boolean | null }) => (
  <section class="card" aria-labelledby="storage-title">
    <h2 id="storage-title">Storage on this device</h2>
    <p>
      {persistGranted === true
        ? 'The browser has agreed to keep SafeVisit’s data even when the device runs low on space.'
        : persistGranted === false
          ? 'The browser has not promised to keep SafeVisit’s data when space runs low. Send reports promptly; installing the app usually helps.'
          : 'This browser cannot promise to keep SafeVisit’s data when space runs low. Send reports promptly.'}
    </p>
  </section>
);

type PackInfo = { version: string; publishedAt: string; fromServer: boolean; fetchedAt: number | null };

const GuidancePanel = () => {
  const { guidance, guidanceRevision, checkGuidance } = useServices();
  const revision = useObservable(guidanceRevision);
  const [info, setInfo] = useState<PackInfo | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const load = async (): Promise<PackInfo> => {
      const row = await guidance.get().catch(() => undefined);
      const pack = row?.pack as { version?: unknown; publishedAt?: unknown } | undefined;
      if (row && typeof pack?.version === 'string' && typeof pack.publishedAt === 'string') {
        return { version: pack.version, publishedAt: pack.publishedAt, fromServer: true, fetchedAt: row.fetchedAt };
      }
      const { BUNDLED_PACK } = await import('../../guidance/pack.ts');
      return {
        version: BUNDLED_PACK.version,
        publishedAt: BUNDLED_PACK.publishedAt,
        fromServer: false,
        fetchedAt: null,
      };
    };
    void load().then(setInfo);
  }, [guidance, revision]);

  const check = async () => {
    setBusy(true);
    setMessage('Checking for newer guidance…');
    try {
      setMessage((await checkGuidance()).message);
    } catch (e) {
      setMessage(messageFor(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="guidance-pack-title">
      <h2 id="guidance-pack-title">Guidance</h2>
      {info && (
        <p>
          Version {info.version}, published {new Date(info.publishedAt).toLocaleDateString('en-GB')}
          {info.fromServer
            ? info.fetchedAt !== null && `, received ${new Date(info.fetchedAt).toLocaleString('en-GB')}.`
            : ', as it came with the app.'}
        </p>
      )}
      <div class="button-row">
        <button type="button" class="button--secondary" onClick={check} disabled={busy}>
          Check for guidance updates
        </button>
      </div>
      <p aria-live="polite">{message}</p>
    </section>
  );
};
