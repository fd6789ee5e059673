// First run: the first officer sets up the organisation with the server's one-time setup code. The keys are made
// here, in this browser; the passphrase never leaves it.
import { useState } from 'preact/hooks';
import { EmailSchema, OrgNameSchema, PersonNameSchema } from '../domain/org-protocol.ts';
import { describedBy, ErrorSummary, Field, type FieldError } from '../ui/form-bits.tsx';
import { newPassphraseProblems, PassphraseRules } from '../ui/passphrase.tsx';
import { setUpOrganisation } from './account-flows.ts';
import type { OfficerApi } from './officer-api.ts';
import { isOfficerError, officerSentence } from './officer-errors.ts';
import type { OfficerSession } from './session-keeper.ts';

const FIELDS = {
  setupCode: 'setup-code',
  orgName: 'org-name',
  name: 'your-name',
  email: 'setup-email',
  passphrase: 'setup-passphrase',
  confirm: 'setup-confirm',
} as const;

/** Where the server's validation issues (dotted paths of SetupRequest) land in this form. */
const FIELD_OF_PATH: Record<string, string> = {
  setupCode: FIELDS.setupCode,
  'organisation.name': FIELDS.orgName,
  'officer.name': FIELDS.name,
  'officer.email': FIELDS.email,
};

const schemaProblem = (
  field: string,
  schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } },
  value: string,
): FieldError[] => {
  const result = schema.safeParse(value);
  return result.success ? [] : [{ field, message: `${result.error?.issues[0]?.message ?? 'Check this'}.` }];
};

export const SetupScreen = ({
  api,
  onSignedIn,
  onAlreadySetUp,
}: {
  api: OfficerApi;
  onSignedIn: (session: OfficerSession) => void;
  onAlreadySetUp: (sentence: string) => void;
}) => {
  const [values, setValues] = useState({
    setupCode: '',
    orgName: '',
    name: '',
    email: '',
    passphrase: '',
    confirm: '',
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof values) => (e: Event) =>
    setValues((v) => ({ ...v, [key]: (e.currentTarget as HTMLInputElement).value }));

  const submit = async (event: Event) => {
    event.preventDefault();
    const problems: FieldError[] = [
      ...(values.setupCode.trim() ? [] : [{ field: FIELDS.setupCode, message: 'Enter the setup code.' }]),
      ...schemaProblem(FIELDS.orgName, OrgNameSchema, values.orgName),
      ...schemaProblem(FIELDS.name, PersonNameSchema, values.name),
      ...schemaProblem(FIELDS.email, EmailSchema, values.email),
      ...(await newPassphraseProblems(values.passphrase, values.confirm, FIELDS.passphrase, FIELDS.confirm)),
    ];
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    try {
      onSignedIn(await setUpOrganisation(api, values));
    } catch (e) {
      if (isOfficerError(e, 'already-set-up')) {
        onAlreadySetUp(officerSentence(e));
        return;
      }
      const fromServer = isOfficerError(e, 'invalid')
        ? e.issues.flatMap((issue) => {
            const field = FIELD_OF_PATH[issue.path];
            return field ? [{ field, message: issue.message }] : [];
          })
        : [];
      setErrors(fromServer.length ? fromServer : [{ field: FIELDS.setupCode, message: officerSentence(e) }]);
    } finally {
      setBusy(false);
    }
  };

  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const input = (
    key: keyof typeof values,
    label: string,
    type: 'text' | 'email' | 'password',
    autocomplete: string,
    hint?: string,
    extraDescribedBy?: string,
  ) => {
    const id = FIELDS[key];
    const error = errorOf(id);
    const common = {
      id,
      autocomplete,
      spellcheck: false,
      value: values[key],
      'aria-invalid': error ? true : undefined,
      'aria-describedby': [describedBy(id, hint, error), extraDescribedBy].filter(Boolean).join(' ') || undefined,
      onInput: set(key),
    };
    return (
      <Field id={id} label={label} hint={hint} error={error}>
        {type === 'password' ? (
          <input type="password" {...common} />
        ) : type === 'email' ? (
          <input type="email" {...common} />
        ) : (
          <input type="text" {...common} />
        )}
      </Field>
    );
  };

  return (
    <section aria-labelledby="setup-title">
      <h1 id="setup-title">Set up your organisation</h1>
      <p>
        You are the first officer. Your organisation’s keys are made in this browser; the server keeps them only sealed
        to you, so nobody can reset your passphrase. Keep it safe.
      </p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        {input('setupCode', 'Setup code', 'text', 'off', 'Printed by the server when it first started.')}
        {input('orgName', 'Organisation name', 'text', 'organization', 'Workers see this name when they enrol.')}
        {input('name', 'Your name', 'text', 'name')}
        {input('email', 'Email', 'email', 'username')}
        {input(
          'passphrase',
          'Passphrase',
          'password',
          'new-password',
          'At least 12 characters. Three or more unrelated words work well.',
          'setup-passphrase-rules',
        )}
        <PassphraseRules id="setup-passphrase-rules" passphrase={values.passphrase} />
        {input('confirm', 'Confirm passphrase', 'password', 'new-password')}
        <div class="button-row">
          <button type="submit" disabled={busy}>
            {busy ? 'Setting up…' : 'Set up organisation'}
          </button>
        </div>
      </form>
    </section>
  );
};
