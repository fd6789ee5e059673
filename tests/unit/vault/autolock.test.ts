import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AUTOLOCK_AFTER_MS,
  type AutolockClock,
  autolockAfterMs,
  createAutolock,
  HIDDEN_LOCK_AFTER_MS,
  watchActivity,
} from '../../../src/vault/autolock.ts';
import { type ManualClock, manualClock } from '../fixtures.ts';

const MINUTE_MS = 60_000;

describe('autolock with fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('locks after 5 minutes of inactivity by default, not before', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock });
    vi.advanceTimersByTime(AUTOLOCK_AFTER_MS - 1);
    expect(lock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(lock).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(AUTOLOCK_AFTER_MS * 3);
    expect(lock).toHaveBeenCalledTimes(1);
    autolock.dispose();
  });

  it('restarts the count on activity', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock });
    vi.advanceTimersByTime(4 * MINUTE_MS);
    autolock.activity();
    vi.advanceTimersByTime(4 * MINUTE_MS);
    expect(lock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(MINUTE_MS);
    expect(lock).toHaveBeenCalledTimes(1);
    autolock.dispose();
  });

  it('counts again after a lock once there is new activity', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock, afterMs: MINUTE_MS });
    vi.advanceTimersByTime(MINUTE_MS);
    autolock.activity();
    vi.advanceTimersByTime(MINUTE_MS);
    expect(lock).toHaveBeenCalledTimes(2);
    autolock.dispose();
  });

  it('follows the setting, clamped to 1-30 minutes', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock, afterMs: 10_000 });
    vi.advanceTimersByTime(MINUTE_MS - 1);
    expect(lock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(lock).toHaveBeenCalledTimes(1);

    autolock.setAfterMs(2 * 60 * MINUTE_MS);
    autolock.activity();
    vi.advanceTimersByTime(30 * MINUTE_MS - 1);
    expect(lock).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(lock).toHaveBeenCalledTimes(2);
    autolock.dispose();
  });

  it('locks 60 seconds after the app is hidden, unless it comes back first', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock });
    autolock.hidden();
    vi.advanceTimersByTime(HIDDEN_LOCK_AFTER_MS - 1);
    autolock.visible();
    vi.advanceTimersByTime(10_000);
    expect(lock).not.toHaveBeenCalled();

    autolock.hidden();
    vi.advanceTimersByTime(HIDDEN_LOCK_AFTER_MS);
    expect(lock).toHaveBeenCalledTimes(1);
    autolock.dispose();
  });

  it('stops on dispose', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock });
    autolock.dispose();
    autolock.activity();
    vi.advanceTimersByTime(AUTOLOCK_AFTER_MS * 2);
    expect(lock).not.toHaveBeenCalled();
  });

  it('is fed by a document-like target: input restarts the count, visibilitychange hides and shows', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock });
    const target = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const stop = watchActivity(autolock, target);

    vi.advanceTimersByTime(4 * MINUTE_MS);
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(4 * MINUTE_MS);
    expect(lock).not.toHaveBeenCalled();

    target.visibilityState = 'hidden';
    target.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(HIDDEN_LOCK_AFTER_MS);
    expect(lock).toHaveBeenCalledTimes(1);

    stop();
    target.visibilityState = 'visible';
    target.dispatchEvent(new Event('visibilitychange'));
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(AUTOLOCK_AFTER_MS * 2);
    expect(lock).toHaveBeenCalledTimes(1);
    autolock.dispose();
  });
});

describe('autolock when timers do not run (suspended page)', () => {
  // A frozen background page: timers are accepted but never fire; only the clock moves.
  const frozenClock = (): AutolockClock & ManualClock => ({
    ...manualClock(),
    setTimeout: () => 1,
    clearTimeout: () => {},
  });

  it('locks at once on return when the page was hidden longer than 60 seconds', () => {
    const clock = frozenClock();
    const lock = vi.fn();
    const autolock = createAutolock({ lock, clock });
    autolock.hidden();
    clock.advance(HIDDEN_LOCK_AFTER_MS + 5_000);
    expect(lock).not.toHaveBeenCalled();
    autolock.visible();
    expect(lock).toHaveBeenCalledTimes(1);
  });

  it('does not lock on return after a short absence', () => {
    const clock = frozenClock();
    const lock = vi.fn();
    const autolock = createAutolock({ lock, clock });
    autolock.hidden();
    clock.advance(HIDDEN_LOCK_AFTER_MS - 1);
    autolock.visible();
    expect(lock).not.toHaveBeenCalled();
  });
});

describe('autolockAfterMs', () => {
  it.each([
    [5, 5 * MINUTE_MS],
    [1, MINUTE_MS],
    [30, 30 * MINUTE_MS],
    [0, MINUTE_MS],
    [-3, MINUTE_MS],
    [45, 30 * MINUTE_MS],
    [Number.NaN, AUTOLOCK_AFTER_MS],
  ])('turns %s minutes into %i ms', (minutes, ms) => {
    expect(autolockAfterMs(minutes)).toBe(ms);
  });
});
