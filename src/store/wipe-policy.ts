// The organisation's wipe-after-failures policy, read while locked by the vault. Kept free of zod so the
// first load (vault and unlock screen) stays small; the settings schema (domain/settings.ts) checks the same range when saving.
import { WIPE_AFTER_FAILURES_MAX, WIPE_AFTER_FAILURES_MIN } from '../domain/settings-limits.ts';
import type { SafeVisitDb } from './db.ts';
import { withStorageErrors } from './errors.ts';

/** A stored policy, or null (off) when missing or out of range: a damaged row must never trigger a wipe. */
export const parseWipePolicy = (stored: unknown): number | null =>
  typeof stored === 'number' &&
  Number.isInteger(stored) &&
  stored >= WIPE_AFTER_FAILURES_MIN &&
  stored <= WIPE_AFTER_FAILURES_MAX
    ? stored
    : null;

/** The wipe policy alone, for the vault (works while locked). */
export const readWipeAfterFailures = (db: SafeVisitDb): Promise<number | null> =>
  withStorageErrors(async () => parseWipePolicy(await db.settings.get('wipeAfterFailures')));
