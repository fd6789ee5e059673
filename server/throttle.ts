// Throttles guessing (setup codes, officer passphrases): after a few free failures per key, each further failure
// locks that key for a doubling delay. Kept in this process's memory (per instance; bounded in size); never stores
// what was tried, only counts per key.

/** The server's clock; tests inject one to move time without waiting. */
export type Clock = () => Date;

export type ThrottleOptions = {
  /** Failures allowed before the delay starts. */
  freeFailures: number;
  /** The delay after the first failure past the free ones; it doubles with each further failure. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long starts again from zero. */
  forgetAfterMs: number;
};

/** At most this many keys are remembered; the oldest is forgotten first. */
export const THROTTLE_MAX_KEYS = 10_000;

type Entry = { failures: number; lastFailureMs: number };

export type Throttle = {
  /** Milliseconds the key must still wait (0 when it may try now). */
  waitMs: (key: string) => number;
  failed: (key: string) => void;
  succeeded: (key: string) => void;
};

export const createThrottle = (options: ThrottleOptions, clock: Clock): Throttle => {
  const entries = new Map<string, Entry>();

  const current = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && clock().getTime() - entry.lastFailureMs >= options.forgetAfterMs) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  const delayAfter = (failures: number): number => {
    const over = failures - options.freeFailures;
    if (over < 0) return 0;
    return Math.min(options.firstDelayMs * 2 ** Math.min(over, 40), options.maxDelayMs);
  };

  return {
    waitMs: (key) => {
      const entry = current(key);
      if (!entry) return 0;
      return Math.max(0, entry.lastFailureMs + delayAfter(entry.failures) - clock().getTime());
    },
    failed: (key) => {
      const failures = (current(key)?.failures ?? 0) + 1;
      // Re-inserted so the Map's order is least recently failed first.
      entries.delete(key);
      entries.set(key, { failures, lastFailureMs: clock().getTime() });
      if (entries.size > THROTTLE_MAX_KEYS) {
        const oldest = entries.keys().next().value;
        // Stryker disable next-line ConditionalExpression: past THROTTLE_MAX_KEYS the Map is never empty.
        if (oldest !== undefined) entries.delete(oldest);
      }
    },
    succeeded: (key) => {
      entries.delete(key);
    },
  };
};
