// When to lock: after a spell of inactivity, and after the app has been hidden for a minute (Kent and Medway
// FAQ 4: never leave a device unlocked and unattended). Timing logic only: it calls `lock`, holds no key.
import { AUTOLOCK_MAX_MINUTES, AUTOLOCK_MIN_MINUTES } from '../domain/settings-limits.ts';

export const AUTOLOCK_AFTER_MS = 5 * 60_000;
export const HIDDEN_LOCK_AFTER_MS = 60_000;

/** The clock and timers, injectable for tests (defaults: Date.now, setTimeout, clearTimeout). */
export type AutolockClock = {
  now: () => number;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

export type AutolockOptions = {
  /** Called once when a limit is reached; typically `() => vault.lock()`. */
  lock: () => void;
  /** Inactivity limit; clamped to 1–30 minutes. */
  afterMs?: number;
  hiddenAfterMs?: number;
  clock?: AutolockClock;
};

export type Autolock = {
  /** The user did something: restart the inactivity count. */
  activity: () => void;
  /** The page was hidden: lock after `hiddenAfterMs` unless it comes back first. */
  hidden: () => void;
  /** The page is visible again: lock at once if a limit passed meanwhile (timers sleep in background tabs). */
  visible: () => void;
  /** Change the inactivity limit (the "auto-lock after" setting), clamped to 1–30 minutes. */
  setAfterMs: (ms: number) => void;
  dispose: () => void;
};

/** The inactivity limit for a number of minutes from settings, clamped to the allowed range. */
export const autolockAfterMs = (minutes: number): number => {
  const safe = Number.isFinite(minutes) ? Math.round(minutes) : AUTOLOCK_AFTER_MS / 60_000;
  return Math.min(AUTOLOCK_MAX_MINUTES, Math.max(AUTOLOCK_MIN_MINUTES, safe)) * 60_000;
};

const clampMs = (ms: number): number =>
  Math.min(
    AUTOLOCK_MAX_MINUTES * 60_000,
    Math.max(AUTOLOCK_MIN_MINUTES * 60_000, Number.isFinite(ms) ? ms : AUTOLOCK_AFTER_MS),
  );

const defaultClock: AutolockClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Starts counting at once. Uses deadlines checked against the clock rather than trusting timers alone,
 * because a hidden or suspended page may run its timers late or not at all.
 */
export const createAutolock = (options: AutolockOptions): Autolock => {
  const clock = options.clock ?? defaultClock;
  const hiddenAfterMs = options.hiddenAfterMs ?? HIDDEN_LOCK_AFTER_MS;
  let afterMs = clampMs(options.afterMs ?? AUTOLOCK_AFTER_MS);
  let lastActivityAt = clock.now();
  let hiddenAt: number | null = null;
  let timer: unknown = null;
  let disposed = false;
  // After locking, stay quiet until the next activity (the vault is locked; nothing more to do).
  let fired = false;

  const clear = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };

  const deadline = (): number => {
    const idle = lastActivityAt + afterMs;
    return hiddenAt === null ? idle : Math.min(idle, hiddenAt + hiddenAfterMs);
  };

  const fire = () => {
    clear();
    fired = true;
    options.lock();
  };

  const schedule = () => {
    clear();
    if (disposed || fired) return;
    const wait = deadline() - clock.now();
    if (wait <= 0) {
      fire();
      return;
    }
    timer = clock.setTimeout(schedule, wait);
  };

  schedule();

  return {
    activity: () => {
      lastActivityAt = clock.now();
      // Activity only moves the deadline later: a pending timer re-checks it when it fires, so keystrokes
      // cost no timer churn. Only after a lock is there no timer (schedule stays quiet once disposed).
      if (fired) {
        fired = false;
        schedule();
      }
    },
    hidden: () => {
      if (disposed || hiddenAt !== null) return;
      hiddenAt = clock.now();
      schedule();
    },
    visible: () => {
      if (disposed) return;
      // Check the deadline with the hidden time still counted, then stop counting it.
      if (!fired && clock.now() >= deadline()) {
        hiddenAt = null;
        fire();
        return;
      }
      hiddenAt = null;
      schedule();
    },
    setAfterMs: (ms) => {
      afterMs = clampMs(ms);
      schedule();
    },
    dispose: () => {
      disposed = true;
      clear();
    },
  };
};

/** The document-like target `watchActivity` listens to. */
export type ActivityTarget = {
  addEventListener: (type: string, listener: () => void, options?: { passive?: boolean }) => void;
  removeEventListener: (type: string, listener: () => void) => void;
  readonly visibilityState: string;
};

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart', 'scroll'] as const;

/** Feeds an autolock from a document's input and visibility events. Returns the function that stops it. */
export const watchActivity = (autolock: Autolock, target: ActivityTarget): (() => void) => {
  const onActivity = () => autolock.activity();
  const onVisibility = () => (target.visibilityState === 'hidden' ? autolock.hidden() : autolock.visible());
  for (const type of ACTIVITY_EVENTS) target.addEventListener(type, onActivity, { passive: true });
  target.addEventListener('visibilitychange', onVisibility);
  if (target.visibilityState === 'hidden') autolock.hidden();
  return () => {
    for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, onActivity);
    target.removeEventListener('visibilitychange', onVisibility);
  };
};
