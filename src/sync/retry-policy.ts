// When to try a report again: exponential backoff with full jitter, and the server's Retry-After.
// Pure: no timers, no clock or randomness of its own (callers pass `now` and `random`).

/** The first retry waits up to this long; each further failure doubles the window. */
export const SYNC_BACKOFF_BASE_MS = 5_000;
/** The backoff window never grows past this, so a report is tried at least every ten minutes. */
export const SYNC_BACKOFF_CAP_MS = 10 * 60 * 1000;
/** A server's Retry-After is obeyed up to this; a longer (or broken) value must not park the device for days. */
export const RETRY_AFTER_CAP_MS = 60 * 60 * 1000;

/** Returns a number in [0, 1), like Math.random. */
export type RandomSource = () => number;

/**
 * Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): a uniform draw from
 * [0, min(cap, base * 2^attempt)). `attempt` counts failures before this one, from 0.
 * Spreading retries over the whole window stops many devices that lost the server at the same
 * moment from coming back at the same moment.
 */
export const backoffDelayMs = (
  attempt: number,
  random: RandomSource = Math.random,
  { baseMs = SYNC_BACKOFF_BASE_MS, capMs = SYNC_BACKOFF_CAP_MS } = {},
): number => {
  const n = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt)) : 0;
  const window = Math.min(capMs, baseMs * 2 ** n);
  // Clamp the draw: a bad random source must not give a negative delay or one past the window.
  const draw = Math.min(Math.max(random(), 0), 1);
  return Math.min(Math.floor(draw * window), Math.max(window - 1, 0));
};

/**
 * Reads a Retry-After header value (RFC 9110 10.2.3): delay-seconds or an HTTP date.
 * Returns the wait in ms from `now` (0 for a date in the past), capped at RETRY_AFTER_CAP_MS,
 * or undefined when the header is missing or cannot be read.
 */
export const parseRetryAfterMs = (value: string | null | undefined, now: number): number | undefined => {
  if (value == null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, RETRY_AFTER_CAP_MS);
  // Only a date carries letters; this refuses "-5", "1.5" and other non-standard numbers.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return undefined;
  return Math.min(Math.max(at - now, 0), RETRY_AFTER_CAP_MS);
};

/**
 * The wait before the next attempt after a failure. The server's Retry-After, when it gave one,
 * is used as told (it knows its own load); otherwise backoff with full jitter.
 */
export const nextRetryDelayMs = (
  attempt: number,
  random: RandomSource = Math.random,
  retryAfterMs?: number,
): number => {
  // No Retry-After (undefined) or a broken one (NaN) both mean backoff.
  const told = retryAfterMs ?? Number.NaN;
  if (Number.isFinite(told)) return Math.min(Math.max(Math.round(told), 0), RETRY_AFTER_CAP_MS);
  return backoffDelayMs(attempt, random);
};
