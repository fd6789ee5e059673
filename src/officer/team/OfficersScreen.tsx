// "Officers": invite one (a one-time link shown once), confirm a waiting officer after comparing their key code out
// of band (the organisation's keys are sealed to them here, in this browser), remove one, and rotate the key.
import { useRef, useState } from 'preact/hooks';
import { EmailSchema, PersonNameSchema } from '../../domain/org-protocol.ts';
import {
  InviteResponseSchema,
  inviteLink,
  TEAM_PATHS,
  type Team,
  type TeamMember,
  TeamSchema,
} from '../../domain/team-protocol.ts';
import { describedBy, ErrorSummary, Field, type FieldError } from '../../ui/form-bits.tsx';
import { keyCodeOf, sealGrantsFor } from '../account-flows.ts';
import { formatDateTime as when } from '../inbox/inbox-format.ts';
import type { SignedInScreenProps } from '../session-keeper.ts';
import { useFocusWhenShown, useLoadedList } from '../use-loaded-list.ts';
import { KeyRotationPanel } from './KeyRotationPanel.tsx';

const NAME = 'invite-name';
const EMAIL = 'invite-email';

type Invited = { name: string; link: string };

export const OfficersScreen = ({ api, session, onFailure }: SignedInScreenProps) => {
  const [codes, setCodes] = useState<Record<string, string>>({});
  const loadTeam = async (token: string): Promise<Team> => {
    const loaded = await api.sessionJson('GET', TEAM_PATHS.officers, TeamSchema, token);
    const pending = loaded.officers.filter((o) => !o.confirmed);
    const pairs = await Promise.all(pending.map(async (o) => [o.id, await keyCodeOf(o.publicKey)] as const));
    setCodes(Object.fromEntries(pairs));
    return loaded;
  };
  const { data: team, listError, reload, fail } = useLoadedList({ session, onFailure }, loadTeam);
  const [values, setValues] = useState({ name: '', email: '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [invited, setInvited] = useState<Invited | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const linkBox = useRef<HTMLTextAreaElement>(null);
  useFocusWhenShown(linkBox, invited);

  const invite = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    const name = PersonNameSchema.safeParse(values.name);
    const email = EmailSchema.safeParse(values.email);
    const problems: FieldError[] = [
      ...(name.success ? [] : [{ field: NAME, message: 'Enter the new officer’s name.' }]),
      ...(email.success ? [] : [{ field: EMAIL, message: 'Enter an email address like name@example.org.' }]),
    ];
    setErrors(problems);
    if (!name.success || !email.success) return;
    setBusy(true);
    try {
      const { invite: made, token } = await api.sessionJson(
        'POST',
        TEAM_PATHS.invites,
        InviteResponseSchema,
        session.token,
        { name: name.data, email: email.data },
      );
      setInvited({ name: made.name, link: inviteLink(window.location.origin, token) });
      setValues({ name: '', email: '' });
      await reload();
    } catch (e) {
      fail(e, (sentence) => setErrors([{ field: EMAIL, message: sentence }]));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (officer: TeamMember) => {
    setMessage('');
    try {
      const grants = await sealGrantsFor(session, officer);
      await api.sessionSend(TEAM_PATHS.confirm(officer.id), { grants }, session.token);
      setMessage(`${officer.name} is confirmed: at their next sign-in they can read reports.`);
      await reload();
    } catch (e) {
      fail(e, setMessage);
    }
  };

  const remove = async (officer: TeamMember) => {
    setMessage('');
    try {
      await api.sessionSend(TEAM_PATHS.remove(officer.id), {}, session.token);
      setMessage(`${officer.name} has been removed and signed out everywhere.`);
      await reload();
    } catch (e) {
      fail(e, setMessage);
    }
  };

  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const input = (key: 'name' | 'email', id: string, label: string) => {
    const error = errorOf(id);
    const common = {
      id,
      autocomplete: 'off',
      spellcheck: false,
      value: values[key],
      'aria-invalid': error ? true : undefined,
      'aria-describedby': describedBy(id, undefined, error),
      onInput: (e: Event) => setValues((v) => ({ ...v, [key]: (e.currentTarget as HTMLInputElement).value })),
    };
    return (
      <Field id={id} label={label} error={error}>
        {key === 'email' ? <input type="email" {...common} /> : <input type="text" {...common} />}
      </Field>
    );
  };

  return (
    <section aria-labelledby="officers-title">
      <h1 id="officers-title">Officers</h1>
      {session.keyCode && (
        <p class="card">
          Your key code: <strong class="key-code">{session.keyCode}</strong>
          <span class="muted">An officer confirming you compares this code with the one on their screen.</span>
        </p>
      )}

      <KeyRotationPanel api={api} session={session} officers={team?.officers ?? null} onFailure={onFailure} />

      <h2>Invite an officer</h2>
      <ErrorSummary errors={errors} />
      <form onSubmit={invite} noValidate>
        {input('name', NAME, 'Name')}
        {input('email', EMAIL, 'Email address')}
        <div class="button-row">
          <button type="submit" disabled={busy}>
            Invite officer
          </button>
        </div>
      </form>

      {invited && (
        <section class="card" aria-labelledby="invite-title">
          <h2 id="invite-title">Invite for {invited.name}</h2>
          <p>
            Give this link to {invited.name} yourself. It works once, for 7 days, and is shown only now. They set their
            own passphrase; then you confirm them here.
          </p>
          <Field id="invite-link" label="Invite link">
            <textarea id="invite-link" ref={linkBox} readOnly rows={3} value={invited.link} spellcheck={false} />
          </Field>
          <div class="button-row">
            <button type="button" class="button--secondary" onClick={() => setInvited(null)}>
              Done
            </button>
          </div>
        </section>
      )}

      <p aria-live="polite">{message}</p>

      <h2>Officers of the organisation</h2>
      {listError && <p class="error-text">{listError}</p>}
      {team === null && !listError && <p class="muted">Loading officers…</p>}
      {team && (
        <ul class="list officer-list">
          {team.officers.map((officer) => (
            <li key={officer.id} class="card">
              <h3>{officer.name}</h3>
              <dl class="device-facts">
                <dt>Email</dt>
                <dd>{officer.email}</dd>
                <dt>State</dt>
                <dd>{officer.confirmed ? 'Confirmed' : 'Waiting for confirmation'}</dd>
                {!officer.confirmed && (
                  <>
                    <dt>Key code</dt>
                    <dd>
                      <strong class="key-code">{codes[officer.id]}</strong>
                    </dd>
                  </>
                )}
              </dl>
              {!officer.confirmed && (
                <p class="muted">
                  Before confirming, ask {officer.name} to read you the key code on their Officers screen, by phone or
                  in person (not by email). Confirm only if it is the same as the code here.
                </p>
              )}
              <div class="button-row">
                {!officer.confirmed && (
                  <button type="button" onClick={() => confirm(officer)}>
                    Confirm {officer.name}
                  </button>
                )}
                {officer.id !== session.officer.id && (
                  <button type="button" class="button--danger" onClick={() => remove(officer)}>
                    Remove {officer.name}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {team && team.invites.length > 0 && (
        <>
          <h2>Invites not yet accepted</h2>
          <ul class="list">
            {team.invites.map((i) => (
              <li key={i.id} class="card">
                {i.name} ({i.email}), until {when(i.expiresAt)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
};
