// Devices: enrol one (its link and QR code, shown once), list them with when they were last seen, revoke one.
// The device token appears only inside the enrolment link on this screen and is never kept after it closes.
import { useRef, useState } from 'preact/hooks';
import { encodeEnrolmentLink } from '../domain/enrolment-link.ts';
import { type Device, DeviceNameSchema } from '../domain/org-protocol.ts';
import { describedBy, ErrorSummary, Field, type FieldError } from '../ui/form-bits.tsx';
import { formatDateTime as when } from './inbox/inbox-format.ts';
import { QrCode } from './QrCode.tsx';
import type { SignedInScreenProps } from './session-keeper.ts';
import { useFocusWhenShown, useLoadedList } from './use-loaded-list.ts';

const NAME = 'device-name';

type Enrolled = { name: string; link: string };

export const DevicesScreen = ({ api, session, onFailure }: SignedInScreenProps) => {
  const {
    data: devices,
    listError,
    reload,
    fail,
  } = useLoadedList({ session, onFailure }, (token) => api.devices(token));
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [enrolled, setEnrolled] = useState<Enrolled | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const linkBox = useRef<HTMLTextAreaElement>(null);
  useFocusWhenShown(linkBox, enrolled);

  const enrol = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    const parsed = DeviceNameSchema.safeParse(name);
    if (!parsed.success) {
      setErrors([{ field: NAME, message: `${parsed.error.issues[0]?.message ?? 'Check the name'}.` }]);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      const { device, token } = await api.enrolDevice(session.token, parsed.data);
      const origin = window.location.origin;
      const link = encodeEnrolmentLink(origin, { v: 1, endpoint: origin, token, fingerprint: session.fingerprint });
      setEnrolled({ name: device.name, link });
      setName('');
      await reload();
    } catch (e) {
      fail(e, (sentence) => setErrors([{ field: NAME, message: sentence }]));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (device: Device) => {
    setMessage('');
    try {
      await api.revokeDevice(session.token, device.id);
      setMessage(`${device.name} can no longer send reports.`);
      if (enrolled?.name === device.name) setEnrolled(null);
      await reload();
    } catch (e) {
      fail(e, setMessage);
    }
  };

  const copy = async () => {
    if (!enrolled) return;
    try {
      await navigator.clipboard.writeText(enrolled.link);
      setMessage('Enrolment link copied.');
    } catch {
      linkBox.current?.select();
      setMessage('Copying was not allowed here: the link is selected, copy it with your keyboard.');
    }
  };

  const nameError = errors.find((e) => e.field === NAME)?.message;
  return (
    <section aria-labelledby="devices-title">
      <h1 id="devices-title">Devices</h1>
      <p class="card">
        Organisation code: <strong class="fingerprint">{session.fingerprintCode}</strong>
        <span class="muted">
          A device shows this code when it enrols. Read it to the worker: if theirs differs, do not go on.
        </span>
      </p>

      <h2>Enrol a device</h2>
      <ErrorSummary errors={errors} />
      <form onSubmit={enrol} noValidate>
        <Field id={NAME} label="Device name" hint="For example: Sam’s work phone." error={nameError}>
          <input
            id={NAME}
            type="text"
            autocomplete="off"
            value={name}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={describedBy(NAME, 'hint', nameError)}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
        <div class="button-row">
          <button type="submit" disabled={busy}>
            Enrol a device
          </button>
        </div>
      </form>

      {enrolled && (
        <section class="card enrolment" aria-labelledby="enrolment-title">
          <h2 id="enrolment-title">Enrol {enrolled.name}</h2>
          <p>
            Open this link on {enrolled.name}, or scan the code with its camera. It is shown only now, and it lets the
            device send reports: give it to that device only.
          </p>
          <Field id="enrolment-link" label="Enrolment link">
            <textarea id="enrolment-link" ref={linkBox} readOnly rows={6} value={enrolled.link} spellcheck={false} />
          </Field>
          <div class="button-row">
            <button type="button" class="button--secondary" onClick={copy}>
              Copy link
            </button>
            <button type="button" class="button--secondary" onClick={() => setEnrolled(null)}>
              Done
            </button>
          </div>
          <QrCode text={enrolled.link} label="QR code of the enrolment link" />
        </section>
      )}

      <p aria-live="polite">{message}</p>

      <h2>Enrolled devices</h2>
      {listError && <p class="error-text">{listError}</p>}
      {devices === null && !listError && <p class="muted">Loading devices…</p>}
      {devices?.length === 0 && <p class="muted">No device is enrolled yet.</p>}
      {devices && devices.length > 0 && (
        <ul class="list device-list">
          {devices.map((device) => (
            <li key={device.id} class="card">
              <h3>{device.name}</h3>
              <dl class="device-facts">
                <dt>Enrolled</dt>
                <dd>{when(device.createdAt)}</dd>
                <dt>Last seen</dt>
                <dd>{device.lastSeenAt ? when(device.lastSeenAt) : 'Not yet'}</dd>
                <dt>State</dt>
                <dd>{device.revokedAt ? `Revoked ${when(device.revokedAt)}` : 'Active'}</dd>
              </dl>
              {!device.revokedAt && (
                <button type="button" class="button--danger" onClick={() => revoke(device)}>
                  Revoke {device.name}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};
