// Asks the browser to keep this origin's storage under pressure (navigator.storage.persist) and records the
// answer in the clear settings. Never asks again once granted; null means the browser has no such API.
import type { SettingsRepo } from './settings-repo.ts';

export type PersistentStorageApi = {
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
};

const defaultStorageApi = (): PersistentStorageApi | undefined =>
  typeof navigator === 'undefined' ? undefined : (navigator.storage as PersistentStorageApi | undefined);

/** true = granted, false = refused (headless or not installed), null = unsupported. Stored as `persistGranted`. */
export const requestPersistentStorage = async (
  settings: Pick<SettingsRepo, 'update'>,
  storage: PersistentStorageApi | undefined = defaultStorageApi(),
): Promise<boolean | null> => {
  let granted: boolean | null = null;
  if (storage && typeof storage.persist === 'function') {
    try {
      granted = (typeof storage.persisted === 'function' && (await storage.persisted())) || (await storage.persist());
    } catch {
      granted = false;
    }
  }
  await settings.update({ persistGranted: granted });
  return granted;
};
