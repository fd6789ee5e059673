// "Guidance": the service's own contacts (LADO, MASH, out of hours, safeguarding lead), put into the server's guidance
// pack and signed in this browser with the organisation's signing key, then published (`POST /v2/officer/guidance`).
// The server only stores and serves what was signed here; devices check the signature against their pinned key.
import { useEffect, useState } from 'preact/hooks';
import { type GuidancePack, LOCAL_CONTACT_ROLES, parseGuidancePack } from '../../domain/guidance.ts';
import { PATHS } from '../../domain/protocol.ts';
import {
  GUIDANCE_PATHS,
  PublishedGuidanceSchema,
  packWithContacts,
  SignedGuidanceSchema,
} from '../../domain/signed-guidance.ts';
import { describedBy, ErrorSummary, Field, type FieldError } from '../../ui/form-bits.tsx';
import { signGuidancePack, verifyGuidancePack } from '../../vault/guidance-signature.ts';
import { formatDateTime } from '../inbox/inbox-format.ts';
import { isOfficerError, officerSentence } from '../officer-errors.ts';
import type { SignedInScreenProps } from '../session-keeper.ts';
import {
  CONTACT_PARTS,
  type ContactPart,
  type ContactsForm,
  contactsOf,
  fieldId,
  formOf,
  PART_WORDS,
  publicationTime,
  ROLE_WORDS,
} from './guidance-form.ts';

const PackSchema = {
  safeParse: (value: unknown): { success: true; data: GuidancePack } | { success: false } => {
    const parsed = parseGuidancePack(value);
    return parsed.ok ? { success: true as const, data: parsed.pack } : { success: false as const };
  },
};

// type="text" with an input mode: the schema, not the browser, decides what is a valid number or address.
const INPUT_MODE: Record<ContactPart, 'text' | 'tel' | 'email'> = { name: 'text', phone: 'tel', email: 'email' };

type Loaded = {
  /** The server's guidance (v1, the built pack): what the contacts are published with. */
  base: GuidancePack | null;
  /** The pack published now, its signature checked here; null before the first publication. */
  published: GuidancePack | null;
  /** Set when the server's published pack does not carry this organisation's good signature. */
  publishedProblem: string;
};

const orNull = <T,>(promise: Promise<T>): Promise<T | null> =>
  promise.catch((e: unknown) => {
    if (isOfficerError(e, 'not-found')) return null;
    throw e;
  });

export const GuidanceScreen = ({ api, session, onFailure }: SignedInScreenProps) => {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState('');
  const [form, setForm] = useState<ContactsForm>(() => formOf(undefined));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const pinned = { fingerprint: session.fingerprint, signingKey: session.org.signingKey };

  const fail = (e: unknown, show: (sentence: string) => void) => {
    if (!onFailure(e)) show(officerSentence(e));
  };

  useEffect(() => {
    const load = async () => {
      const [base, signed] = await Promise.all([
        orNull(api.publicJson(PATHS.guidance, PackSchema)),
        orNull(api.publicJson(GUIDANCE_PATHS.published, SignedGuidanceSchema)),
      ]);
      let published: GuidancePack | null = null;
      let publishedProblem = '';
      if (signed) {
        const checked = await verifyGuidancePack(signed, pinned).then(
          (envelope) => parseGuidancePack(envelope.pack),
          () => null,
        );
        if (checked?.ok) published = checked.pack;
        else
          publishedProblem =
            'The guidance on the server does not carry a good signature of your organisation, so devices refuse it. Check the contacts below and publish again.';
      }
      setLoaded({ base, published, publishedProblem });
      setForm(formOf(published?.localContacts));
    };
    load().catch((e: unknown) => fail(e, setLoadError));
  }, [session.token]);

  const set = (role: keyof ContactsForm, part: ContactPart, value: string) =>
    setForm((current) => ({ ...current, [role]: { ...current[role], [part]: value } }));

  const publish = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    const keys = session.orgKeys;
    if (!keys) {
      setMessage('Another officer must confirm your account before you can publish guidance.');
      return;
    }
    const checked = contactsOf(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors([]);
    const base = loaded?.base ?? loaded?.published;
    if (!base) {
      setMessage('This server has no guidance pack to add the contacts to. Tell whoever runs the server.');
      return;
    }
    const at = publicationTime(Date.now(), loaded?.published?.publishedAt);
    const pack = packWithContacts(base, checked.contacts, at);
    if (!pack.ok) {
      setMessage('The guidance pack did not pass its checks, so nothing was published. Tell whoever runs the server.');
      return;
    }
    setBusy(true);
    try {
      const signed = await signGuidancePack(keys.signing, session.fingerprint, pack.pack);
      const info = await api.sessionJson(
        'POST',
        GUIDANCE_PATHS.publish,
        PublishedGuidanceSchema,
        session.token,
        signed,
      );
      setLoaded((current) => current && { ...current, published: pack.pack, publishedProblem: '' });
      setMessage(`Guidance version ${info.version} is published. Enrolled devices receive it at their next check.`);
    } catch (e) {
      fail(e, setMessage);
    } finally {
      setBusy(false);
    }
  };

  const errorOf = (id: string) => errors.find((e) => e.field === id)?.message;
  return (
    <section aria-labelledby="guidance-title">
      <h1 id="guidance-title">Guidance</h1>
      <p>
        Workers’ devices show these contacts wherever the guidance says to call the LADO, the MASH, the out-of-hours
        service or the safeguarding lead. Publishing signs the guidance in this browser with your organisation’s key:
        devices accept only guidance with that signature.
      </p>
      {loadError && <p class="error-text">{loadError}</p>}
      {!loaded && !loadError && <p class="muted">Loading the guidance…</p>}
      {loaded && (
        <p class="card guidance-published">
          {loaded.published
            ? `Published now: version ${loaded.published.version}, ${formatDateTime(loaded.published.publishedAt)}.`
            : 'No guidance has been published yet: devices show the guidance that came with the app, without your contacts.'}
        </p>
      )}
      {loaded?.publishedProblem && <p class="error-text">{loaded.publishedProblem}</p>}
      {!session.orgKeys && (
        <p class="error-text">Another officer must confirm your account before you can publish guidance.</p>
      )}

      <ErrorSummary errors={errors} idPrefix="" />
      <form onSubmit={publish} noValidate>
        {LOCAL_CONTACT_ROLES.map((role) => (
          <fieldset key={role} class="card">
            <legend>{ROLE_WORDS[role].legend}</legend>
            {CONTACT_PARTS.map((part) => {
              const id = fieldId(role, part);
              const error = errorOf(id);
              const hint = part === 'phone' ? 'Digits, spaces, + ( ) and - only.' : undefined;
              return (
                <Field
                  key={id}
                  id={id}
                  label={`${ROLE_WORDS[role].short} ${PART_WORDS[part]}`}
                  hint={hint}
                  error={error}
                >
                  <input
                    id={id}
                    type="text"
                    inputMode={INPUT_MODE[part]}
                    autocomplete="off"
                    spellcheck={false}
                    value={form[role][part]}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={describedBy(id, hint, error)}
                    onInput={(e) => set(role, part, e.currentTarget.value)}
                  />
                </Field>
              );
            })}
          </fieldset>
        ))}
        <p class="muted">Leave a whole group empty to publish no contact for it.</p>
        <div class="button-row">
          <button type="submit" disabled={busy || !loaded || !session.orgKeys}>
            Publish guidance
          </button>
        </div>
      </form>
      <p aria-live="polite">{message}</p>
    </section>
  );
};
