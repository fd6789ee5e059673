// "Sending reports": how many reports wait, when the last one went, and "Sync now". Reads the sync engine's state.

import { useState } from 'preact/hooks';
import { ERROR_MESSAGES } from '../../domain/errors.ts';
import { useServices } from '../services.ts';
import { useObservable } from '../use-observable.ts';

export const SendingPanel = () => {
  const { sync, controlChanged } = useServices();
  const state = useObservable(sync.state);
  const changed = useObservable(controlChanged);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await sync.syncNow();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="sync-now-title">
      <h2 id="sync-now-title">Sending reports</h2>
      <p>
        {state.waiting === 0
          ? 'No reports wait to be sent.'
          : `${state.waiting} ${state.waiting === 1 ? 'report waits' : 'reports wait'} to be sent.`}
        {state.lastSuccessAt !== null && ` Last sent at ${new Date(state.lastSuccessAt).toLocaleString('en-GB')}.`}
      </p>
      {state.lastError && <p class="error-text">{ERROR_MESSAGES[state.lastError]}</p>}
      {changed.size > 0 && (
        <p class="error-text" role="alert">
          {ERROR_MESSAGES['control-changed']} Open the report and submit it again to send it.
        </p>
      )}
      <div class="button-row">
        <button type="button" onClick={run} disabled={busy || state.running}>
          Sync now
        </button>
      </div>
    </section>
  );
};
