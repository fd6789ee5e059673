// What the device's settings may hold, written once: the schema with a plain sentence for each out-of-range value,
// the defaults, and the secrets' shapes. src/store/settings-repo.ts persists them; Settings validates with them.
import { z } from 'zod';
import { EnrolmentSchema } from './enrolment.ts';
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

/**
 * A whole number from min to max; any other value (NaN, a fraction, out of range) gets the one sentence (a schema's own
 * error covers its checks too).
 */
const wholeNumber = (min: number, max: number, error: string) => z.number({ error }).int().min(min).max(max);

/**
 * Only what the device needs before unlocking. Where reports go (endpoint, token, organisation keys) is never here:
 * it lives in the encrypted `enrolment` secret (src/domain/enrolment.ts), so an edit while locked cannot redirect it.
 */
export const SettingsSchema = z.object({
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
  autolockMinutes: 5,
  keepSyncedDays: 0,
  wipeAfterFailures: null,
  persistGranted: null,
});

/** The hand-typed fallback of an enrolment link (Settings > Advanced): checked before anything is enrolled. */
export const EndpointInputSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter the sync endpoint URL.' })
  .max(ENDPOINT_URL_MAX_CHARS, { error: tooLong('The sync endpoint URL', ENDPOINT_URL_MAX_CHARS) });
export const AccessTokenInputSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter the access token.' })
  .max(ACCESS_TOKEN_MAX_CHARS, { error: tooLong('The access token', ACCESS_TOKEN_MAX_CHARS) });

/** The settings kept encrypted in the vault: they decide what is sent, where, and what a report starts with. */
export const SECRET_SCHEMAS = {
  /** The organisation this device is enrolled with: endpoint, token, pinned fingerprint and verified keys. */
  enrolment: EnrolmentSchema,
  /** Organisation details used to prefill a new report. */
  orgDefaults: OrgDetailsSchema,
} as const;

export type SecretName = keyof typeof SECRET_SCHEMAS;
export type Secrets = { [K in SecretName]: z.output<(typeof SECRET_SCHEMAS)[K]> };
