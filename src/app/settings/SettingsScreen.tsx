// Settings: loads what is saved once, then composes the panels (one file each): the form (sync, organisation,
// locking), sending, guidance, passphrase, storage and wipe. The token and organisation stay encrypted by the vault.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { messageFor } from '../../domain/errors.ts';
import { EMPTY_ORG } from '../../domain/organisation.ts';
import type { EnrolmentOffer } from '../../sync/enrolment.ts';
import { useServices } from '../services.ts';
import { WipeDevice } from '../vault/VaultScreens.tsx';
import { EnrolmentPanel } from './EnrolmentPanel.tsx';
import { GuidancePanel } from './GuidancePanel.tsx';
import { PassphrasePanel } from './PassphrasePanel.tsx';
import { SendingPanel } from './SendingPanel.tsx';
import { type SavedSettings, SettingsForm } from './SettingsForm.tsx';
import { StoragePanel } from './StoragePanel.tsx';

export const SettingsScreen = () => {
  const { settings } = useServices();
  const [loaded, setLoaded] = useState<SavedSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [offer, setOffer] = useState<EnrolmentOffer | null>(null);
  const [enrolProblem, setEnrolProblem] = useState('');
  const offerFromForm = useCallback((found: EnrolmentOffer) => {
    setEnrolProblem('');
    setOffer(found);
  }, []);

  useEffect(() => {
    Promise.all([settings.get(), settings.getSecret('orgDefaults')]).then(
      ([s, org]) => setLoaded({ settings: s, org: org ?? EMPTY_ORG }),
      (e: unknown) => setLoadError(messageFor(e)),
    );
  }, [settings]);

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {loadError && <p class="error-text">{loadError}</p>}
      <EnrolmentPanel offer={offer} setOffer={setOffer} problem={enrolProblem} setProblem={setEnrolProblem} />
      {loaded && <SettingsForm initial={loaded} onOffer={offerFromForm} />}
      <SendingPanel />
      <GuidancePanel />
      <PassphrasePanel />
      <StoragePanel persistGranted={loaded?.settings.persistGranted ?? null} />
      <WipeDevice />
    </section>
  );
};
