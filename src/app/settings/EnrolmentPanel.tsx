// "Organisation": who this device is enrolled with ("Enrolled with <organisation>" and the fingerprint code), the
// "Enrolment link" input, and the question "Enrol this device with <organisation>?" that every way of enrolling
// ends in. The offer (with its token) lives in this screen's memory only.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EnrolmentSummary } from '../../domain/enrolment.ts';
import { ERROR_MESSAGES, messageFor } from '../../domain/errors.ts';
import type { EnrolmentOffer } from '../../sync/enrolment.ts';
import { describedBy, Field, PRIVATE_TEXT } from '../../ui/form-bits.tsx';
import { pendingEnrolmentLink } from '../enrolment-fragment.ts';
import { useServices } from '../services.ts';
import { useObservable } from '../use-observable.ts';

export type EnrolmentPanelProps = {
  offer: EnrolmentOffer | null;
  setOffer: (offer: EnrolmentOffer | null) => void;
  /** A problem found while making an offer elsewhere (the advanced fields), shown here. */
  problem: string;
  setProblem: (message: string) => void;
};

const EnrolQuestion = ({
  offer,
  onDone,
  onCancel,
}: {
  offer: EnrolmentOffer;
  onDone: (summary: EnrolmentSummary) => void;
  onCancel: () => void;
}) => {
  const { enrolment, sync } = useServices();
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  const confirm = async () => {
    setBusy(true);
    setProblem('');
    try {
      const result = await enrolment.confirm(offer, { replace });
      if (!result.ok) {
        setProblem(result.message);
        return;
      }
      onDone(result.value);
      void sync.syncNow();
    } catch (e) {
      setProblem(messageFor(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card enrol-question" aria-labelledby="enrol-question-title">
      <h3 id="enrol-question-title" tabIndex={-1} ref={title}>
        Enrol this device with {offer.org.name}?
      </h3>
      <p>
        Reports from this device will be sent to {offer.org.name}. Check that this code matches the one on your online
        safety officer’s screen: <strong class="fingerprint-code">{offer.fingerprintCode}</strong>
      </p>
      {offer.replaces && (
        <label class="checkbox">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.currentTarget.checked)} />
          Stop sending to {offer.replaces.orgName} and send to {offer.org.name} instead
        </label>
      )}
      {problem && (
        <p class="error-text" role="alert">
          {problem}
        </p>
      )}
      <div class="button-row">
        <button type="button" onClick={confirm} disabled={busy || (offer.replaces !== null && !replace)}>
          Enrol this device
        </button>
        <button type="button" class="button--secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </section>
  );
};

export const EnrolmentPanel = ({ offer, setOffer, problem, setProblem }: EnrolmentPanelProps) => {
  const { enrolment, sync } = useServices();
  const syncState = useObservable(sync.state);
  const [current, setCurrent] = useState<EnrolmentSummary | null | undefined>(undefined);
  const [link, setLink] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const opened = useObservable(pendingEnrolmentLink);

  useEffect(() => {
    enrolment.current().then(setCurrent, (e: unknown) => setProblem(messageFor(e)));
  }, [enrolment, setProblem]);

  const check = async (text: string) => {
    setBusy(true);
    setProblem('');
    setDone('');
    setOffer(null);
    try {
      const result = await enrolment.fromLink(text);
      if (result.ok) setOffer(result.value);
      else setProblem(result.message);
    } catch (e) {
      setProblem(messageFor(e));
    } finally {
      setBusy(false);
    }
  };

  // A link the app was opened with: asked about once, then forgotten.
  useEffect(() => {
    if (opened === null) return;
    pendingEnrolmentLink.set(null);
    void check(opened);
  });

  return (
    <section class="card" aria-labelledby="enrolment-title">
      <h2 id="enrolment-title">Organisation</h2>
      {current ? (
        <p>
          Enrolled with {current.orgName}. Fingerprint{' '}
          <strong class="fingerprint-code">{current.fingerprintCode}</strong>
        </p>
      ) : (
        current === null && <p>This device is not enrolled yet: nothing is sent until it is.</p>
      )}
      {syncState.revoked && <p class="error-text">{ERROR_MESSAGES.revoked}</p>}
      {offer && (
        <EnrolQuestion
          offer={offer}
          onCancel={() => setOffer(null)}
          onDone={(summary) => {
            setOffer(null);
            setCurrent(summary);
            setLink('');
            setDone('The enrolment is saved, encrypted on this device.');
          }}
        />
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void check(link);
        }}
      >
        <Field id="enrolment-link" label="Enrolment link" hint="Paste the link your online safety officer gave you.">
          <input
            id="enrolment-link"
            type="text"
            autocomplete="off"
            {...PRIVATE_TEXT}
            value={link}
            aria-describedby={describedBy('enrolment-link', 'hint')}
            onInput={(e) => setLink(e.currentTarget.value)}
          />
        </Field>
        <div class="button-row">
          <button type="submit" disabled={busy}>
            Enrol device
          </button>
        </div>
      </form>
      {problem && (
        <p class="error-text" role="alert">
          {problem}
        </p>
      )}
      <p aria-live="polite">{busy ? 'Checking the organisation…' : done}</p>
    </section>
  );
};
