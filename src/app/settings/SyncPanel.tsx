// The Sync part of the Settings form: how long sent reports stay, and (Advanced) an endpoint and token to enrol with
// when there is no enrolment link. The typed pair is never kept: it only asks the organisation to confirm itself.
import { describedBy, Field, PRIVATE_TEXT } from '../../ui/form-bits.tsx';
import { type Choice, ChoiceField } from './ChoiceField.tsx';
import { ACCESS_TOKEN_FIELD, ENDPOINT_URL_FIELD, type SettingsFormPart } from './settings-form.ts';

const KEEP_CHOICES: Choice<number>[] = [0, 1, 7, 14, 30].map((days) => ({
  value: days,
  label: days === 0 ? 'No: remove at once (recommended)' : `For ${days} ${days === 1 ? 'day' : 'days'}`,
}));

export const SyncPanel = ({ form, set, errorOf }: SettingsFormPart) => {
  const advancedOpen =
    form.endpointUrl !== '' || form.token !== '' || Boolean(errorOf(ENDPOINT_URL_FIELD) || errorOf(ACCESS_TOKEN_FIELD));
  return (
    <>
      <h2 id="sync-settings-title">Sync</h2>
      <ChoiceField
        id="keep-synced"
        label="Keep sent reports on this device"
        hint="Reports leave the device once the server confirms it has them."
        error={errorOf('keep-synced')}
        value={form.keepSyncedDays}
        choices={KEEP_CHOICES}
        onChoose={(days) => set('keepSyncedDays', days)}
      />
      <details class="advanced" open={advancedOpen}>
        <summary>Advanced: enrol without a link</summary>
        <p class="hint">
          Only if your online safety officer gave you an address and a token instead of a link. Saving asks the server
          which organisation it is, and you confirm it before anything is sent.
        </p>
        <Field
          id={ENDPOINT_URL_FIELD}
          label="Sync endpoint URL"
          hint="The address your service gave you, starting with https://"
          error={errorOf(ENDPOINT_URL_FIELD)}
        >
          <input
            id={ENDPOINT_URL_FIELD}
            type="url"
            inputMode="url"
            autocomplete="off"
            {...PRIVATE_TEXT}
            value={form.endpointUrl}
            aria-describedby={describedBy(ENDPOINT_URL_FIELD, 'hint', errorOf(ENDPOINT_URL_FIELD))}
            aria-invalid={errorOf(ENDPOINT_URL_FIELD) ? true : undefined}
            onInput={(e) => set('endpointUrl', e.currentTarget.value)}
          />
        </Field>
        <Field
          id={ACCESS_TOKEN_FIELD}
          label="Access token"
          hint="Paste the token your online safety officer gave you."
          error={errorOf(ACCESS_TOKEN_FIELD)}
        >
          <input
            id={ACCESS_TOKEN_FIELD}
            type="password"
            autocomplete="off"
            {...PRIVATE_TEXT}
            value={form.token}
            aria-describedby={describedBy(ACCESS_TOKEN_FIELD, 'hint', errorOf(ACCESS_TOKEN_FIELD))}
            aria-invalid={errorOf(ACCESS_TOKEN_FIELD) ? true : undefined}
            onInput={(e) => set('token', e.currentTarget.value)}
          />
        </Field>
      </details>
    </>
  );
};
