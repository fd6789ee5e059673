// The Settings form: sync, organisation, locking and (Advanced) connection panels, with "Save settings" and "Test
// connection" in a bar that stays in reach beside whichever field is being changed.
// Checks and saving live in settings-form.ts; this file holds the form's state and draws the answers. A typed
// endpoint and token become an enrolment offer for the Organisation panel to confirm, never a saved setting.
import { useState } from 'preact/hooks';
import { messageFor } from '../../domain/errors.ts';
import type { OrgDetails } from '../../domain/organisation.ts';
import type { Settings } from '../../domain/settings.ts';
import { testConnection } from '../../sync/endpoint.ts';
import type { EnrolmentOffer } from '../../sync/enrolment.ts';
import { ErrorSummary, type FieldError } from '../../ui/form-bits.tsx';
import { useServices } from '../services.ts';
import { AdvancedConnection } from './AdvancedConnection.tsx';
import { LockingPanel } from './LockingPanel.tsx';
import { OrganisationPanel } from './OrganisationPanel.tsx';
import { SyncPanel } from './SyncPanel.tsx';
import { checkSettingsForm, type SettingsFormValues, saveSettingsForm } from './settings-form.ts';

export type SavedSettings = { settings: Settings; org: OrgDetails };

export const SettingsForm = ({
  initial,
  onOffer,
}: {
  initial: SavedSettings;
  /** An organisation found with the typed endpoint and token, to confirm in the Organisation panel. */
  onOffer: (offer: EnrolmentOffer) => void;
}) => {
  const { settings, sync, enrolment, setAutolockMinutes } = useServices();
  const [form, setForm] = useState<SettingsFormValues>({
    endpointUrl: '',
    token: '',
    keepSyncedDays: initial.settings.keepSyncedDays,
    autolockMinutes: initial.settings.autolockMinutes,
    wipeAfterFailures: initial.settings.wipeAfterFailures,
    org: initial.org,
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState('');
  const [message, setMessage] = useState('');
  const [testing, setTesting] = useState(false);
  const set = <K extends keyof SettingsFormValues>(key: K, value: SettingsFormValues[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const save = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    setFailure('');
    const checked = checkSettingsForm(form);
    setErrors(checked.ok ? [] : checked.errors);
    if (!checked.ok) return;
    const saved = await saveSettingsForm(settings, checked);
    if (!saved.ok) {
      setFailure(saved.message);
      return;
    }
    setAutolockMinutes(checked.settings.autolockMinutes);
    setMessage('Settings saved.');
    if (checked.connection) {
      const found = await enrolment.fromToken(checked.connection.endpoint, checked.connection.token);
      if (!found.ok) {
        setFailure(found.message);
        return;
      }
      setForm((f) => ({ ...f, endpointUrl: '', token: '' }));
      onOffer(found.value);
      return;
    }
    void sync.syncNow();
  };

  const test = async () => {
    setTesting(true);
    setMessage('Testing the connection…');
    try {
      const enrolled = await settings.getSecret('enrolment');
      const typed = form.endpointUrl.trim() !== '';
      const answer = typed
        ? await testConnection(form.endpointUrl, form.token.trim() || null)
        : enrolled
          ? await testConnection(enrolled.endpoint, enrolled.token)
          : { message: 'This device is not enrolled yet: there is no connection to test.' };
      setMessage(answer.message);
    } catch (e) {
      setMessage(messageFor(e));
    } finally {
      setTesting(false);
    }
  };

  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const part = { form, set, errorOf };
  return (
    <form onSubmit={save} noValidate aria-labelledby="sync-settings-title">
      <ErrorSummary errors={errors} idPrefix="" />
      <SyncPanel {...part} />
      <OrganisationPanel {...part} />
      <LockingPanel {...part} />
      <AdvancedConnection {...part} />
      <div class="action-bar">
        {failure && (
          <p class="error-text" role="alert">
            {failure}
          </p>
        )}
        <p class="action-bar__message" aria-live="polite">
          {message}
        </p>
        <div class="button-row">
          <button type="submit">Save settings</button>
          <button type="button" class="button--secondary" onClick={test} disabled={testing}>
            Test connection
          </button>
        </div>
      </div>
    </form>
  );
};
