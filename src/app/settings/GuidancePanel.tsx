// "Guidance": which pack is active (decided by guidance/active-pack.ts, as on the Guidance screens) and a check
// for a newer one. The bundled pack is loaded only when this panel needs it.
import { useEffect, useState } from 'preact/hooks';
import { messageFor } from '../../domain/errors.ts';
import { type ActiveGuidance, activeGuidancePack } from '../../guidance/active-pack.ts';
import { useServices } from '../services.ts';
import { useObservable } from '../use-observable.ts';

export const GuidancePanel = () => {
  const { guidance, guidanceRevision, checkGuidance } = useServices();
  const revision = useObservable(guidanceRevision);
  const [info, setInfo] = useState<ActiveGuidance | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const load = async (): Promise<ActiveGuidance> => {
      const [row, { BUNDLED_PACK }] = await Promise.all([
        guidance.get().catch(() => undefined),
        import('../../guidance/pack.ts'),
      ]);
      return activeGuidancePack(row, BUNDLED_PACK);
    };
    void load().then(setInfo);
  }, [guidance, revision]);

  const check = async () => {
    setBusy(true);
    setMessage('Checking for newer guidance…');
    try {
      setMessage((await checkGuidance()).message);
    } catch (e) {
      setMessage(messageFor(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="guidance-pack-title">
      <h2 id="guidance-pack-title">Guidance</h2>
      {info && (
        <p>
          Version {info.pack.version}, published {new Date(info.pack.publishedAt).toLocaleDateString('en-GB')}
          {info.fromServer
            ? info.fetchedAt !== null &&
              `, received ${new Date(info.fetchedAt).toLocaleString('en-GB')}, signed by your organisation.`
            : info.pack.localContacts
              ? ', as it came with the app, with your organisation’s signed contacts.'
              : ', as it came with the app.'}
        </p>
      )}
      <div class="button-row">
        <button type="button" class="button--secondary" onClick={check} disabled={busy}>
          Check for guidance updates
        </button>
      </div>
      <p aria-live="polite">{message}</p>
    </section>
  );
};
