// What the device's settings may hold, written once: the schema with a plain sentence for each out-of-range value,
// the defaults, and the secrets' shapes. src/store/settings-repo.ts persists them; Settings validates with them.
import { z } from 'zod';
import { OrgDetailsSchema } from './organisation.ts';
import {
  AUTOLOCK_MAX_MINUTES,
  AUTOLOCK_MIN_MINUTES,
  KEEP_SYNCED_DAYS_MAX,
  WIPE_AFTER_FAILURES_MAX,
  WIPE_AFTER_FAILURES_MIN,
} from './settings-limits.ts';
import { tooLong } from './text-limits.ts';

export const ENDPOINT_URL_MAX_CHARS = 2_048;
export const ACCESS_TOKEN_MAX_CHARS = 4_096;

/** A whole number from min to max; any other value (NaN, a fraction, out of range) gets the one sentence. */
const wholeNumber = (min: number, max: number, error: string) =>
  z.number({ error }).int({ error }).min(min, { error }).max(max, { error });

export const SettingsSchema = z.object({
  /** The sync endpoint; '' until configured. Its https rule is checked by the sync client. */
  endpointUrl: z
    .string()
    .trim()
    .max(ENDPOINT_URL_MAX_CHARS, { error: tooLong('The sync endpoint URL', ENDPOINT_URL_MAX_CHARS) }),
  autolockMinutes: wholeNumber(
    AUTOLOCK_MIN_MINUTES,
    AUTOLOCK_MAX_MINUTES,
    `Choose a number of minutes from ${AUTOLOCK_MIN_MINUTES} to ${AUTOLOCK_MAX_MINUTES}.`,
  ),
  /** Days a synced report stays on the device after its receipt; 0 = removed as soon as the receipt arrives. */
  keepSyncedDays: wholeNumber(
    0,
    KEEP_SYNCED_DAYS_MAX,
    `Choose how many days to keep sent reports, from 0 to ${KEEP_SYNCED_DAYS_MAX}.`,
  ),
  /** Organisation policy: wipe the device after this many wrong passphrases in a row; null = off. */
  wipeAfterFailures: wholeNumber(
    WIPE_AFTER_FAILURES_MIN,
    WIPE_AFTER_FAILURES_MAX,
    `Choose a wipe after ${WIPE_AFTER_FAILURES_MIN} to ${WIPE_AFTER_FAILURES_MAX} wrong passphrases, or never.`,
  ).nullable(),
  /** Answer of navigator.storage.persist(): true/false, null when never asked or unsupported. */
  persistGranted: z.boolean().nullable(),
});

export type Settings = z.infer<typeof SettingsSchema>;
export type SettingName = keyof Settings;

export const SETTINGS_DEFAULTS: Readonly<Settings> = Object.freeze({
  endpointUrl: '',
  autolockMinutes: 5,
  keepSyncedDays: 0,
  wipeAfterFailures: null,
  persistGranted: null,
});

/** The settings kept encrypted in the vault: they decide what is sent, where, and what a report starts with. */
export const SECRET_SCHEMAS = {
  accessToken: z
    .string()
    .min(1)
    .max(ACCESS_TOKEN_MAX_CHARS, { error: tooLong('The access token', ACCESS_TOKEN_MAX_CHARS) }),
  /** Organisation details used to prefill a new report. */
  orgDefaults: OrgDetailsSchema,
} as const;

export type SecretName = keyof typeof SECRET_SCHEMAS;
export type Secrets = { [K in SecretName]: z.output<(typeof SECRET_SCHEMAS)[K]> };
