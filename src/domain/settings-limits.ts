// The ranges a device setting may take. Free of zod on purpose: the vault and its wipe policy read them on the
// first load (unlock screen), which must stay small; src/domain/settings.ts builds the schema from them.

export const AUTOLOCK_MIN_MINUTES = 1;
export const AUTOLOCK_MAX_MINUTES = 30;

/** Lowest wipe policy allowed: fewer would wipe a device over a couple of typing slips. */
export const WIPE_AFTER_FAILURES_MIN = 3;
export const WIPE_AFTER_FAILURES_MAX = 100;

export const KEEP_SYNCED_DAYS_MAX = 365;
