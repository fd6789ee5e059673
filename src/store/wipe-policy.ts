// The organisation's wipe-after-failures policy, read while locked by the vault. Kept free of zod so the
// first load (vault and unlock screen) stays small; settings-repo.ts validates the same range when saving.
import type { SafeVisitDb } from './db.ts';
import { withStorageErrors } from './errors.ts';

/** Lowest wipe policy allowed: fewer would wipe a device over a couple of typing slips. */
export const WIPE_AFTER_FAILURES_MIN = 3;
export const WIPE_AFTER_FAILURES_MAX = 100;

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
