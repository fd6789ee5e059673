// The organisation part of the Settings form: the details every new report starts with (domain/organisation.ts).
import { ORG_FIELD_IDS, ORG_FIELDS, type OrgDetails } from '../../domain/organisation.ts';
import { describedBy, Field, PRIVATE_TEXT } from '../../ui/form-bits.tsx';
import { orgFieldId, type SettingsFormPart } from './settings-form.ts';

export const OrganisationPanel = ({ form, set, errorOf }: SettingsFormPart) => {
  const setOrg = (key: keyof OrgDetails, value: string) => set('org', { ...form.org, [key]: value });
  return (
    <>
      <h2>Your organisation</h2>
      <p class="hint">Filled in on every new report; you can change them on each report.</p>
      {ORG_FIELD_IDS.map((id) => {
        const field = ORG_FIELDS[id];
        const inputId = orgFieldId(id);
        const error = errorOf(inputId);
        const onInput = (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
          setOrg(id, e.currentTarget.value);
        const common = {
          id: inputId,
          value: form.org[id],
          'aria-describedby': describedBy(inputId, undefined, error),
          'aria-invalid': error ? true : undefined,
          ...PRIVATE_TEXT,
          onInput,
        };
        return (
          <Field key={id} id={inputId} label={field.label} error={error}>
            {field.kind === 'textarea' ? (
              <textarea {...common} maxLength={field.maxLength} />
            ) : (
              <input {...common} type="text" />
            )}
          </Field>
        );
      })}
    </>
  );
};
