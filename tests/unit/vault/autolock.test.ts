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

// Fake timers for the whole file: the suspended-page tests drive their own manual clock, which these leave alone.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A page that is showing, whose visibility a test changes and announces. */
const visiblePage = () => Object.assign(new EventTarget(), { visibilityState: 'visible' });

describe('autolock with fake timers', () => {
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
    const target = visiblePage();
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
    [2.4, 2 * MINUTE_MS],
    [2.5, 3 * MINUTE_MS],
    [Number.POSITIVE_INFINITY, AUTOLOCK_AFTER_MS],
  ])('turns %s minutes into %i ms', (minutes, ms) => {
    expect(autolockAfterMs(minutes)).toBe(ms);
  });
});

describe('autolock edges', () => {
  /** A clock whose timers never fire (a suspended page) and that counts the timers asked of it. */
  const countingFrozenClock = () => {
    const clock = manualClock();
    const counts = { set: 0, cleared: 0 };
    return {
      counts,
      clock: {
        ...clock,
        setTimeout: () => {
          counts.set++;
          return counts.set;
        },
        clearTimeout: () => {
          counts.cleared++;
        },
      } satisfies AutolockClock & ManualClock,
    };
  };

  it('follows its own hidden limit when given one', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock, hiddenAfterMs: 10_000 });
    autolock.hidden();
    vi.advanceTimersByTime(9_999);
    expect(lock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(lock).toHaveBeenCalledTimes(1);
    autolock.dispose();
  });

  it('counts the hidden time from the first hidden event, not a repeated one', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock });
    autolock.hidden();
    vi.advanceTimersByTime(30_000);
    autolock.hidden();
    vi.advanceTimersByTime(HIDDEN_LOCK_AFTER_MS - 30_000);
    expect(lock).toHaveBeenCalledTimes(1);
    autolock.dispose();
  });

  it('locks at the inactivity limit while hidden when that comes first', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock, afterMs: MINUTE_MS, hiddenAfterMs: 10 * MINUTE_MS });
    vi.advanceTimersByTime(30_000);
    autolock.hidden();
    vi.advanceTimersByTime(30_000);
    expect(lock).toHaveBeenCalledTimes(1);
    autolock.dispose();
  });

  it('does not lock a second time on return when it already locked while hidden', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock });
    autolock.hidden();
    vi.advanceTimersByTime(HIDDEN_LOCK_AFTER_MS);
    expect(lock).toHaveBeenCalledTimes(1);
    autolock.visible();
    vi.advanceTimersByTime(AUTOLOCK_AFTER_MS * 2);
    expect(lock).toHaveBeenCalledTimes(1);
    autolock.dispose();
  });

  it('counts inactivity again from new activity after coming back, not from the hidden time', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock });
    autolock.hidden();
    vi.advanceTimersByTime(HIDDEN_LOCK_AFTER_MS - 1);
    autolock.visible();
    autolock.activity();
    vi.advanceTimersByTime(AUTOLOCK_AFTER_MS - 1);
    expect(lock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(lock).toHaveBeenCalledTimes(1);
    autolock.dispose();
  });

  it('treats a limit that is not a number as the default 5 minutes', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock, afterMs: Number.NaN });
    vi.advanceTimersByTime(AUTOLOCK_AFTER_MS - 1);
    expect(lock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(lock).toHaveBeenCalledTimes(1);
    autolock.setAfterMs(Number.POSITIVE_INFINITY);
    autolock.activity();
    vi.advanceTimersByTime(AUTOLOCK_AFTER_MS);
    expect(lock).toHaveBeenCalledTimes(2);
    autolock.dispose();
  });

  it('applies a new limit at once: a shorter one that has already passed locks now', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock, afterMs: 10 * MINUTE_MS });
    vi.advanceTimersByTime(3 * MINUTE_MS);
    autolock.setAfterMs(2 * MINUTE_MS);
    expect(lock).toHaveBeenCalledTimes(1);
    autolock.dispose();
  });

  it('ignores everything after dispose', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock });
    autolock.dispose();
    expect(vi.getTimerCount()).toBe(0);
    autolock.hidden();
    vi.advanceTimersByTime(AUTOLOCK_AFTER_MS * 2);
    autolock.visible();
    autolock.setAfterMs(MINUTE_MS);
    vi.advanceTimersByTime(AUTOLOCK_AFTER_MS * 2);
    expect(lock).not.toHaveBeenCalled();
  });

  it('restarts no timer on each keystroke: activity only moves the deadline a pending timer checks', () => {
    const { clock, counts } = countingFrozenClock();
    const autolock = createAutolock({ lock: vi.fn(), clock });
    expect(counts.set).toBe(1);
    for (let i = 0; i < 5; i++) autolock.activity();
    expect(counts.set).toBe(1);
    expect(counts.cleared).toBe(0);
    autolock.dispose();
    expect(counts.cleared).toBe(1);
  });

  it('locks on return at exactly the hidden limit, and when the inactivity limit passed with frozen timers', () => {
    const { clock } = countingFrozenClock();
    const lock = vi.fn();
    const autolock = createAutolock({ lock, clock });
    autolock.hidden();
    clock.advance(HIDDEN_LOCK_AFTER_MS);
    autolock.visible();
    expect(lock).toHaveBeenCalledTimes(1);

    const idle = createAutolock({ lock, clock });
    clock.advance(AUTOLOCK_AFTER_MS);
    idle.visible();
    expect(lock).toHaveBeenCalledTimes(2);
  });

  it('after a return that did not lock, a frozen page still locks at the next return past the limit', () => {
    const { clock } = countingFrozenClock();
    const lock = vi.fn();
    const autolock = createAutolock({ lock, clock });
    autolock.hidden();
    clock.advance(HIDDEN_LOCK_AFTER_MS - 1);
    autolock.visible();
    expect(lock).not.toHaveBeenCalled();
    autolock.hidden();
    clock.advance(HIDDEN_LOCK_AFTER_MS);
    autolock.visible();
    expect(lock).toHaveBeenCalledTimes(1);
  });

  it.each(['pointerdown', 'keydown', 'input', 'wheel', 'touchstart', 'scroll'])(
    'restarts the count on %s, listening passively',
    (type) => {
      const lock = vi.fn();
      const autolock = createAutolock({ lock });
      const added: [string, unknown][] = [];
      const target = visiblePage();
      const add = target.addEventListener.bind(target);
      target.addEventListener = (t: string, listener: EventListenerOrEventListenerObject | null, options?: unknown) => {
        added.push([t, options]);
        add(t, listener, options as AddEventListenerOptions);
      };
      const stop = watchActivity(autolock, target);
      expect(added).toContainEqual([type, { passive: true }]);
      vi.advanceTimersByTime(4 * MINUTE_MS);
      target.dispatchEvent(new Event(type));
      vi.advanceTimersByTime(4 * MINUTE_MS);
      expect(lock).not.toHaveBeenCalled();
      stop();
      target.dispatchEvent(new Event(type));
      vi.advanceTimersByTime(MINUTE_MS);
      expect(lock).toHaveBeenCalledTimes(1);
      autolock.dispose();
    },
  );

  it('counts a page that starts hidden as hidden from the start', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock });
    const target = Object.assign(new EventTarget(), { visibilityState: 'hidden' });
    const stop = watchActivity(autolock, target);
    vi.advanceTimersByTime(HIDDEN_LOCK_AFTER_MS);
    expect(lock).toHaveBeenCalledTimes(1);
    stop();
    autolock.dispose();
  });

  it('does not count a visible page as hidden when it starts watching', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock });
    const stop = watchActivity(autolock, visiblePage());
    vi.advanceTimersByTime(HIDDEN_LOCK_AFTER_MS * 2);
    expect(lock).not.toHaveBeenCalled();
    stop();
    autolock.dispose();
  });
});

describe('watchActivity and visibility', () => {
  it('locks a minute after the page is hidden, long before the inactivity limit, and not once it is shown again', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock });
    const target = visiblePage();
    const stop = watchActivity(autolock, target);
    target.visibilityState = 'hidden';
    target.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(30_000);
    target.visibilityState = 'visible';
    target.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(HIDDEN_LOCK_AFTER_MS);
    expect(lock).not.toHaveBeenCalled();

    target.visibilityState = 'hidden';
    target.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(HIDDEN_LOCK_AFTER_MS);
    expect(lock).toHaveBeenCalledTimes(1);
    stop();
    autolock.dispose();
  });

  it('stops hearing visibility changes once stopped', () => {
    const lock = vi.fn();
    const autolock = createAutolock({ lock });
    const target = visiblePage();
    watchActivity(autolock, target)();
    target.visibilityState = 'hidden';
    target.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(HIDDEN_LOCK_AFTER_MS * 2);
    expect(lock).not.toHaveBeenCalled();
    autolock.dispose();
  });
});
