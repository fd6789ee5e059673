// Opening an invite link: says who it is for, then the invitee sets their passphrase. Their keys are made here;
// the server gets the public half, the wrapped private key and an authentication key. Then they are signed in,
// reading nothing until another officer confirms them. A used, expired or unknown link gets its one sentence.
import { useEffect, useState } from 'preact/hooks';
import type { InviteDetails } from '../../domain/team-protocol.ts';
import { describedBy, ErrorSummary, Field, type FieldError } from '../../ui/form-bits.tsx';
import { newPassphraseProblems, PassphraseRules } from '../../ui/passphrase.tsx';
import { acceptInvite } from '../account-flows.ts';
import type { OfficerApi } from '../officer-api.ts';
import { officerSentence } from '../officer-errors.ts';
import type { OfficerSession } from '../session-keeper.ts';

const PASSPHRASE = 'invite-passphrase';
const CONFIRM = 'invite-confirm';

export const AcceptInviteScreen = ({
  api,
  token,
  onSignedIn,
}: {
  api: OfficerApi;
  token: string;
  onSignedIn: (session: OfficerSession) => void;
}) => {
  const [details, setDetails] = useState<InviteDetails | null>(null);
  const [refused, setRefused] = useState('');
  const [values, setValues] = useState({ passphrase: '', confirm: '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.inviteDetails(token).then(setDetails, (e: unknown) => setRefused(officerSentence(e)));
  }, [api, token]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!details) return;
    const problems = await newPassphraseProblems(values.passphrase, values.confirm, PASSPHRASE, CONFIRM);
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    try {
      onSignedIn(await acceptInvite(api, token, details.email, values.passphrase));
    } catch (e) {
      setErrors([{ field: PASSPHRASE, message: officerSentence(e) }]);
    } finally {
      setBusy(false);
    }
  };

  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const input = (key: 'passphrase' | 'confirm', id: string, label: string, hint?: string) => {
    const error = errorOf(id);
    return (
      <Field id={id} label={label} hint={hint} error={error}>
        <input
          id={id}
          type="password"
          autocomplete="new-password"
          value={values[key]}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          onInput={(e) => setValues((v) => ({ ...v, [key]: e.currentTarget.value }))}
        />
      </Field>
    );
  };

  if (refused) {
    return (
      <section aria-labelledby="invite-title">
        <h1 id="invite-title">Invite link</h1>
        <p class="error-text">{refused}</p>
      </section>
    );
  }
  if (!details) return <p class="muted">Checking the invite link…</p>;
  return (
    <section aria-labelledby="invite-title">
      <h1 id="invite-title">Join {details.orgName}</h1>
      <p>
        This invite is for {details.name} ({details.email}). Choose your passphrase: your keys are made in this browser
        and nobody, not even the server, can reset it. Keep it safe.
      </p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        {input(
          'passphrase',
          PASSPHRASE,
          'Passphrase',
          'At least 12 characters. Three or more unrelated words work well.',
        )}
        <PassphraseRules id="invite-passphrase-rules" passphrase={values.passphrase} />
        {input('confirm', CONFIRM, 'Confirm passphrase')}
        <div class="button-row">
          <button type="submit" disabled={busy}>
            {busy ? 'Setting up your account…' : 'Join organisation'}
          </button>
        </div>
      </form>
    </section>
  );
};
