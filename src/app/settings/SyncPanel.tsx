// The Sync part of the Settings form: endpoint URL, access token (kept encrypted) and how long sent reports stay.
import { describedBy, Field } from '../../ui/form-bits.tsx';
import { type Choice, ChoiceField } from './ChoiceField.tsx';
import { ACCESS_TOKEN_FIELD, type SettingsFormPart } from './settings-form.ts';

const KEEP_CHOICES: Choice<number>[] = [0, 1, 7, 14, 30].map((days) => ({
  value: days,
  label: days === 0 ? 'No: remove at once (recommended)' : `For ${days} ${days === 1 ? 'day' : 'days'}`,
}));

export const SyncPanel = ({ form, set, errorOf, hasToken }: SettingsFormPart & { hasToken: boolean }) => (
  <>
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
      id={ACCESS_TOKEN_FIELD}
      label="Access token"
      hint={
        hasToken
          ? 'A token is saved (encrypted). Leave this empty to keep it.'
          : 'Paste the token your administrator gave you.'
      }
      error={errorOf(ACCESS_TOKEN_FIELD)}
    >
      <input
        id={ACCESS_TOKEN_FIELD}
        type="password"
        autocomplete="off"
        spellcheck={false}
        value={form.token}
        aria-describedby={describedBy(ACCESS_TOKEN_FIELD, 'hint', errorOf(ACCESS_TOKEN_FIELD))}
        aria-invalid={errorOf(ACCESS_TOKEN_FIELD) ? true : undefined}
        onInput={(e) => set('token', e.currentTarget.value)}
      />
    </Field>
    <ChoiceField
      id="keep-synced"
      label="Keep sent reports on this device"
      hint="Reports leave the device once the server confirms it has them."
      error={errorOf('keep-synced')}
      value={form.keepSyncedDays}
      choices={KEEP_CHOICES}
      onChoose={(days) => set('keepSyncedDays', days)}
    />
  </>
);
