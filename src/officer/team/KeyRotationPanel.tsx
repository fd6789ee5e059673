// "Organisation key" on the Officers screen: which encryption key devices seal new reports to, and "Rotate
// organisation key" (asked to confirm first) to make, sign and publish a new one in this browser.
import { useState } from 'preact/hooks';
import type { TeamMember } from '../../domain/team-protocol.ts';
import { currentEncryptionKey } from '../../vault/org.ts';
import { formatDateTime as when } from '../inbox/inbox-format.ts';
import { officerSentence } from '../officer-errors.ts';
import type { SignedInScreenProps } from '../session-keeper.ts';
import { keyHolders, rotateOrganisationKey } from './key-rotation.ts';

export const KeyRotationPanel = ({
  api,
  session,
  officers,
  onFailure,
}: SignedInScreenProps & { officers: readonly TeamMember[] | null }) => {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [current, setCurrent] = useState(() => currentEncryptionKey(session.org));
  if (!session.orgKeys) return null;
  const holders = keyHolders(officers ?? []);

  const rotate = async () => {
    setBusy(true);
    setMessage('');
    try {
      const key = await rotateOrganisationKey(api, session);
      setCurrent(key);
      setAsking(false);
      setMessage(
        `The new organisation key is in use. Devices seal new reports to it from their next sync; reports sealed to older keys still open. Other officers receive it when they next sign in.`,
      );
    } catch (e) {
      if (!onFailure(e)) setMessage(officerSentence(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="org-key-title">
      <h2 id="org-key-title">Organisation key</h2>
      <p>
        Devices seal new reports to the key made {when(current.createdAt)} (key id{' '}
        <strong class="key-code">{current.kid}</strong>). Every older key stays, so reports sealed to it still open.
      </p>
      {!asking && (
        <div class="button-row">
          <button type="button" class="button--secondary" onClick={() => setAsking(true)}>
            Rotate organisation key
          </button>
        </div>
      )}
      {asking && (
        <div class="rotate-confirm">
          <h3 id="rotate-title">Rotate the organisation key?</h3>
          <p>
            This browser makes a new key, signs it with the organisation’s signing key and seals it to{' '}
            {holders.length === 1 ? 'the one confirmed officer' : `the ${holders.length} confirmed officers`}:{' '}
            {holders.map((o) => o.name).join(', ')}. Devices use it for reports they submit after their next sync.
            Rotate after an officer leaves or when a key may have been exposed; older keys stay, so older reports still
            open.
          </p>
          <div class="button-row">
            <button type="button" onClick={rotate} disabled={busy || officers === null}>
              Rotate the key now
            </button>
            <button type="button" class="button--secondary" onClick={() => setAsking(false)} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <p aria-live="polite">{message}</p>
    </section>
  );
};
