// "Erase report" on one report's screen: a typed confirmation (ERASE), then the server deletes every revision and
// its alerts at once and records who erased it. Nothing of the report is kept in this page after.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ERASE_CONFIRMATION } from '../../domain/lifecycle-protocol.ts';
import { describedBy, Field } from '../../ui/form-bits.tsx';
import { officerSentence } from '../officer-errors.ts';
import type { InboxApi } from './inbox-api.ts';

export const EraseReport = ({
  inboxApi,
  reportId,
  onErased,
  onFailure,
}: {
  inboxApi: InboxApi;
  reportId: string;
  onErased: () => void;
  onFailure: (error: unknown) => boolean;
}) => {
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // The confirmation takes the focus, so a keyboard user lands where the next step is.
  useEffect(() => {
    if (asking) input.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <div class="button-row no-print">
        <button type="button" class="button--danger" onClick={() => setAsking(true)}>
          Erase report
        </button>
      </div>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    if (typed.trim().toUpperCase() !== ERASE_CONFIRMATION) {
      setError(`Type ${ERASE_CONFIRMATION} to confirm.`);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await inboxApi.erase(reportId);
      onErased();
    } catch (e) {
      if (!onFailure(e)) setError(officerSentence(e));
      setBusy(false);
    }
  };

  return (
    <form class="card no-print" onSubmit={submit} noValidate aria-labelledby="erase-title">
      <h2 id="erase-title">Erase this report</h2>
      <p id="erase-what">
        Erasing deletes every revision of this report from the server at once, for every officer; the audit log keeps
        that you erased it (its id, never its content). Backups taken before now still hold it until they are destroyed.
        This cannot be undone.
      </p>
      <Field id="erase-confirm" label={`Type ${ERASE_CONFIRMATION} to confirm`} error={error}>
        <input
          id="erase-confirm"
          ref={input}
          type="text"
          autocomplete="off"
          spellcheck={false}
          value={typed}
          aria-describedby={[describedBy('erase-confirm', undefined, error), 'erase-what'].filter(Boolean).join(' ')}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
      </Field>
      <div class="button-row">
        <button type="submit" class="button--danger" disabled={busy}>
          Erase this report
        </button>
        <button type="button" class="button--secondary" onClick={() => setAsking(false)} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
};
