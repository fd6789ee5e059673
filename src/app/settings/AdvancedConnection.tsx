// Settings, Advanced: "Sync endpoint URL" and "Access token", for enrolling without an enrolment link. Closed unless
// in use: an enrolment link is the way in, and a worker never needs these. The typed pair is never kept: saving only
// asks the organisation to confirm itself before anything is sent.
import { describedBy, Field, PRIVATE_TEXT } from '../../ui/form-bits.tsx';
import { ACCESS_TOKEN_FIELD, ENDPOINT_URL_FIELD, type SettingsFormPart } from './settings-form.ts';

type ConnectionFieldProps = SettingsFormPart & {
  id: typeof ENDPOINT_URL_FIELD | typeof ACCESS_TOKEN_FIELD;
  name: 'endpointUrl' | 'token';
  label: string;
  hint: string;
  type: 'url' | 'password';
};

/** One of the pair: a private text field with its hint and its error, named for the UI contract. */
const ConnectionField = ({ form, set, errorOf, id, name, label, hint, type }: ConnectionFieldProps) => (
  <Field id={id} label={label} hint={hint} error={errorOf(id)}>
    <input
      id={id}
      {...(type === 'url' ? ({ type: 'url', inputMode: 'url' } as const) : ({ type: 'password' } as const))}
      autocomplete="off"
      {...PRIVATE_TEXT}
      value={form[name]}
      aria-describedby={describedBy(id, 'hint', errorOf(id))}
      aria-invalid={errorOf(id) ? true : undefined}
      onInput={(e) => set(name, e.currentTarget.value)}
    />
  </Field>
);

export const AdvancedConnection = (part: SettingsFormPart) => {
  const { form, errorOf } = part;
  const open =
    form.endpointUrl !== '' || form.token !== '' || Boolean(errorOf(ENDPOINT_URL_FIELD) || errorOf(ACCESS_TOKEN_FIELD));
  return (
    <details class="advanced" open={open}>
      <summary>Advanced: connect by hand</summary>
      <p class="hint">
        Only if your online safety officer gave you an address and a token instead of a link. Saving asks the server
        which organisation it is, and you confirm it before anything is sent.
      </p>
      <ConnectionField
        {...part}
        id={ENDPOINT_URL_FIELD}
        name="endpointUrl"
        label="Sync endpoint URL"
        hint="The address your service gave you, starting with https://"
        type="url"
      />
      <ConnectionField
        {...part}
        id={ACCESS_TOKEN_FIELD}
        name="token"
        label="Access token"
        hint="Paste the token your online safety officer gave you."
        type="password"
      />
    </details>
  );
};
