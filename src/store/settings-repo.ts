// Persists the settings (their schema and defaults are in src/domain/settings.ts): non-secret ones in clear
// (`settings`, one row per name) and secrets (access token, organisation defaults) encrypted through the vault
// (`secrets`). Never logs or exports a secret.
import { AppError } from '../domain/errors.ts';
import {
  SECRET_SCHEMAS,
  SETTINGS_DEFAULTS,
  type SecretName,
  type Secrets,
  type SettingName,
  type Settings,
  SettingsSchema,
} from '../domain/settings.ts';
import type { Vault } from '../vault/vault.ts';
import type { SafeVisitDb } from './db.ts';
import { withStorageErrors } from './errors.ts';

const SETTING_NAMES = Object.keys(SETTINGS_DEFAULTS) as SettingName[];

/** Version of the secret values' layout; part of each secret's additional data. */
export const SECRETS_SCHEMA_VERSION = 1;
export const SECRETS_TABLE = 'secrets';

/** One setting as stored, or its default when missing or no longer valid (a damaged row must not stop the app). */
const readSetting = <K extends SettingName>(name: K, stored: unknown): Settings[K] => {
  const parsed = SettingsSchema.shape[name].safeParse(stored);
  return parsed.success ? (parsed.data as Settings[K]) : SETTINGS_DEFAULTS[name];
};

export type SettingsRepo = {
  /** All clear settings, defaults filled in. Works while locked. */
  get: () => Promise<Settings>;
  /** Validates and saves the given settings in one transaction; AppError('invalid', issues) on a bad value. */
  update: (patch: Partial<Settings>) => Promise<Settings>;
  /** A decrypted secret, or null when not set. Needs an unlocked vault (AppError('locked')). */
  getSecret: <K extends SecretName>(name: K) => Promise<Secrets[K] | null>;
  /** Encrypts and saves a secret; null deletes it. Needs an unlocked vault. */
  setSecret: <K extends SecretName>(name: K, value: Secrets[K] | null) => Promise<void>;
};

export const createSettingsRepo = (db: SafeVisitDb, vault: Vault): SettingsRepo => ({
  get: () =>
    withStorageErrors(async () => {
      const stored = await db.settings.bulkGet(SETTING_NAMES);
      return Object.fromEntries(SETTING_NAMES.map((name, i) => [name, readSetting(name, stored[i])])) as Settings;
    }),

  update: async (patch) => {
    const parsed = SettingsSchema.partial().strict().safeParse(patch);
    if (!parsed.success) throw new AppError('invalid', { issues: parsed.error.issues });
    const entries = Object.entries(parsed.data).filter(([, value]) => value !== undefined);
    return withStorageErrors(() =>
      db.transaction('rw', db.settings, async () => {
        await db.settings.bulkPut(
          entries.map(([, value]) => value),
          entries.map(([name]) => name),
        );
        const stored = await db.settings.bulkGet(SETTING_NAMES);
        return Object.fromEntries(SETTING_NAMES.map((name, i) => [name, readSetting(name, stored[i])])) as Settings;
      }),
    );
  },

  getSecret: async <K extends SecretName>(name: K): Promise<Secrets[K] | null> => {
    if (vault.state !== 'unlocked') throw new AppError('locked');
    const envelope = await withStorageErrors(() => db.secrets.get(name));
    if (envelope === undefined) return null;
    const value = await vault.decryptJson(SECRETS_TABLE, name, SECRETS_SCHEMA_VERSION, envelope);
    const parsed = SECRET_SCHEMAS[name].safeParse(value);
    if (!parsed.success) throw new AppError('tampered', { reason: 'secret-shape' });
    return parsed.data as Secrets[K];
  },

  setSecret: async <K extends SecretName>(name: K, value: Secrets[K] | null): Promise<void> => {
    if (vault.state !== 'unlocked') throw new AppError('locked');
    if (value === null) {
      await withStorageErrors(() => db.secrets.delete(name));
      return;
    }
    const parsed = SECRET_SCHEMAS[name].safeParse(value);
    if (!parsed.success) throw new AppError('invalid', { issues: parsed.error.issues });
    const envelope = await vault.encryptJson(SECRETS_TABLE, name, SECRETS_SCHEMA_VERSION, parsed.data);
    await withStorageErrors(() => db.secrets.put(envelope, name));
  },
});
