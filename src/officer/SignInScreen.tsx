// Sign in with email and passphrase. The passphrase is turned into keys here; the server sees an authentication
// key only. A session that ended (idle, expired) arrives with its sentence.
import { useEffect, useRef, useState } from 'preact/hooks';
import { EmailSchema } from '../domain/org-protocol.ts';
import { describedBy, ErrorSummary, Field, type FieldError } from '../ui/form-bits.tsx';
import { signIn } from './account-flows.ts';
import type { OfficerApi } from './officer-api.ts';
import { isOfficerError, officerSentence } from './officer-errors.ts';
import type { OfficerSession } from './session-keeper.ts';

const EMAIL = 'sign-in-email';
const PASSPHRASE = 'sign-in-passphrase';

export const SignInScreen = ({
  api,
  orgName,
  notice,
  onSignedIn,
}: {
  api: OfficerApi;
  orgName: string | null;
  notice: string | null;
  onSignedIn: (session: OfficerSession) => void;
}) => {
  const [email, setEmail] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);

  useEffect(() => emailInput.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!EmailSchema.safeParse(email).success)
      problems.push({ field: EMAIL, message: 'Enter your email address, like name@example.org.' });
    if (!passphrase) problems.push({ field: PASSPHRASE, message: 'Enter your passphrase.' });
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    try {
      onSignedIn(await signIn(api, email, passphrase));
    } catch (e) {
      setPassphrase('');
      const field = isOfficerError(e, 'invalid') ? EMAIL : PASSPHRASE;
      setErrors([{ field, message: officerSentence(e) }]);
    } finally {
      setBusy(false);
    }
  };

  const emailError = errors.find((e) => e.field === EMAIL)?.message;
  const passphraseError = errors.find((e) => e.field === PASSPHRASE)?.message;
  return (
    <section aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in{orgName ? ` to ${orgName}` : ''}</h1>
      {notice && (
        <p class="warning" role="status">
          {notice}
        </p>
      )}
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <Field id={EMAIL} label="Email" error={emailError}>
          <input
            id={EMAIL}
            ref={emailInput}
            type="email"
            autocomplete="username"
            spellcheck={false}
            value={email}
            aria-invalid={emailError ? true : undefined}
            aria-describedby={describedBy(EMAIL, undefined, emailError)}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </Field>
        <Field id={PASSPHRASE} label="Passphrase" error={passphraseError}>
          <input
            id={PASSPHRASE}
            type="password"
            autocomplete="current-password"
            value={passphrase}
            aria-invalid={passphraseError ? true : undefined}
            aria-describedby={describedBy(PASSPHRASE, undefined, passphraseError)}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
        </Field>
        <div class="button-row">
          <button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </section>
  );
};
