// Settings, Advanced: "Sync endpoint URL" and "Access token", for enrolling without an enrolment link. Closed unless
// in use: an enrolment link is the way in, and a worker never needs these. The typed pair is never kept: saving only
// asks the organisation to confirm itself before anything is sent.
import { describedBy, Field, PRIVATE_TEXT } from '../../ui/form-bits.tsx';
import { ACCESS_TOKEN_FIELD, ENDPOINT_URL_FIELD, type SettingsFormPart } from './settings-form.ts';

export const AdvancedConnection = ({ form, set, errorOf }: SettingsFormPart) => {
  const open =
    form.endpointUrl !== '' || form.token !== '' || Boolean(errorOf(ENDPOINT_URL_FIELD) || errorOf(ACCESS_TOKEN_FIELD));
  return (
    <details class="advanced" open={open}>
      <summary>Advanced: connect by hand</summary>
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
  );
};
