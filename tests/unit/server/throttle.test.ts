// The guessing throttle (server/throttle.ts) on a hand-moved clock: free failures, the doubling delay and its ceiling,
// forgetting after a quiet spell, a success clearing the key, and the bounded memory forgetting the oldest key first.
import { describe, expect, it } from 'vitest';
import { createThrottle, THROTTLE_MAX_KEYS, type ThrottleOptions } from '../../../server/throttle.ts';
import { manualClock } from '../fixtures.ts';

const OPTIONS: ThrottleOptions = { freeFailures: 3, firstDelayMs: 1_000, maxDelayMs: 8_000, forgetAfterMs: 60_000 };

const throttled = (options: ThrottleOptions = OPTIONS) => {
  const clock = manualClock();
  return { clock, throttle: createThrottle(options, clock.date) };
};

const failTimes = (throttle: { failed: (key: string) => void }, key: string, times: number) => {
  for (let i = 0; i < times; i++) throttle.failed(key);
};

describe('createThrottle', () => {
  it('lets a key fail its free failures without waiting, then makes it wait the first delay', () => {
    const { throttle } = throttled();
    expect(throttle.waitMs('a')).toBe(0);
    failTimes(throttle, 'a', 2);
    expect(throttle.waitMs('a')).toBe(0);
    throttle.failed('a');
    expect(throttle.waitMs('a')).toBe(1_000);
  });

  it('doubles the delay with each further failure, up to the ceiling', () => {
    const { throttle } = throttled();
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      throttle.failed('a');
      waits.push(throttle.waitMs('a'));
    }
    expect(waits).toEqual([0, 0, 1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it('keeps the ceiling after very many failures (the doubling never overflows)', () => {
    const { throttle } = throttled({ ...OPTIONS, firstDelayMs: 0 });
    failTimes(throttle, 'a', 1_100);
    expect(throttle.waitMs('a')).toBe(0);
    const { throttle: other } = throttled();
    failTimes(other, 'a', 1_100);
    expect(other.waitMs('a')).toBe(8_000);
  });

  it('counts the wait down as time passes, and never below zero', () => {
    const { throttle, clock } = throttled();
    failTimes(throttle, 'a', 4);
    expect(throttle.waitMs('a')).toBe(2_000);
    clock.advance(1_500);
    expect(throttle.waitMs('a')).toBe(500);
    clock.advance(500);
    expect(throttle.waitMs('a')).toBe(0);
    clock.advance(10_000);
    expect(throttle.waitMs('a')).toBe(0);
  });

  it('forgets a key once it has had no failure for forgetAfterMs, and not a moment before', () => {
    const { throttle, clock } = throttled({ ...OPTIONS, maxDelayMs: 120_000, firstDelayMs: 100_000 });
    failTimes(throttle, 'a', 3);
    clock.advance(59_999);
    expect(throttle.waitMs('a')).toBe(40_001);
    clock.advance(1);
    expect(throttle.waitMs('a')).toBe(0);
    // Forgotten means counted from zero again: the next failure is a free one.
    throttle.failed('a');
    expect(throttle.waitMs('a')).toBe(0);
  });

  it('counts on from the remembered failures when the key fails again before it is forgotten', () => {
    const { throttle, clock } = throttled();
    failTimes(throttle, 'a', 3);
    clock.advance(59_999);
    throttle.failed('a');
    expect(throttle.waitMs('a')).toBe(2_000);
  });

  it('clears a key on success, and only that key', () => {
    const { throttle } = throttled();
    failTimes(throttle, 'a', 3);
    failTimes(throttle, 'b', 3);
    throttle.succeeded('a');
    expect(throttle.waitMs('a')).toBe(0);
    expect(throttle.waitMs('b')).toBe(1_000);
    failTimes(throttle, 'a', 2);
    expect(throttle.waitMs('a')).toBe(0);
  });

  it(`remembers ${THROTTLE_MAX_KEYS} keys and forgets the one that failed longest ago when one more fails`, () => {
    const { throttle } = throttled({ ...OPTIONS, freeFailures: 1 });
    throttle.failed('first');
    throttle.failed('second');
    for (let i = 2; i < THROTTLE_MAX_KEYS; i++) throttle.failed(`key-${i}`);
    expect(throttle.waitMs('first')).toBe(1_000);
    // Failing again makes 'first' the most recent: 'second' is now the oldest and goes when one more key fails.
    throttle.failed('first');
    throttle.failed('one-more');
    expect(throttle.waitMs('second')).toBe(0);
    expect(throttle.waitMs('first')).toBe(2_000);
    expect(throttle.waitMs('one-more')).toBe(1_000);
    expect(throttle.waitMs('key-2')).toBe(1_000);
  });
});
