import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  nextRetryDelayMs,
  parseRetryAfterMs,
  RETRY_AFTER_CAP_MS,
  SYNC_BACKOFF_BASE_MS,
  SYNC_BACKOFF_CAP_MS,
} from '../../../src/sync/retry-policy.ts';

const fixed = (value: number) => () => value;

describe('backoffDelayMs (full jitter)', () => {
  it.each([
    // attempt, random, expected delay
    [0, 0, 0],
    [0, 0.5, SYNC_BACKOFF_BASE_MS / 2],
    [0, 0.999_999, SYNC_BACKOFF_BASE_MS - 1],
    [1, 0.5, SYNC_BACKOFF_BASE_MS],
    [2, 0.5, SYNC_BACKOFF_BASE_MS * 2],
    [3, 0.25, SYNC_BACKOFF_BASE_MS * 2],
    [6, 0.5, 160_000],
    // 5 s * 2^7 = 640 s passes the 10 minute cap
    [7, 0.5, SYNC_BACKOFF_CAP_MS / 2],
    [50, 0.5, SYNC_BACKOFF_CAP_MS / 2],
    [5000, 0.5, SYNC_BACKOFF_CAP_MS / 2],
    // broken inputs stay inside the first window
    [-3, 0.5, SYNC_BACKOFF_BASE_MS / 2],
    [Number.NaN, 0.5, SYNC_BACKOFF_BASE_MS / 2],
    [0, -1, 0],
    [0, 7, SYNC_BACKOFF_BASE_MS - 1],
  ])('attempt %s with random %s waits %s ms', (attempt, random, expected) => {
    expect(backoffDelayMs(attempt, fixed(random))).toBe(expected);
  });

  it('never leaves the window [0, min(cap, base * 2^attempt))', () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const window = Math.min(SYNC_BACKOFF_CAP_MS, SYNC_BACKOFF_BASE_MS * 2 ** attempt);
      for (const r of [0, 0.1, 0.5, 0.9, 0.999_999_9]) {
        const delay = backoffDelayMs(attempt, fixed(r));
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(window);
      }
    }
  });

  it('takes its base and cap as options', () => {
    expect(backoffDelayMs(3, fixed(0.5), { baseMs: 100, capMs: 500 })).toBe(250);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');
  it.each([
    ['120', 120_000],
    [' 3 ', 3_000],
    ['0', 0],
    ['999999999', RETRY_AFTER_CAP_MS],
    ['Mon, 23 Nov 2026 10:00:30 GMT', 30_000],
    ['Mon, 23 Nov 2026 09:00:00 GMT', 0],
    ['Tue, 24 Nov 2026 10:00:00 GMT', RETRY_AFTER_CAP_MS],
    ['', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    [null, undefined],
    [undefined, undefined],
  ])('%j gives %s', (header, expected) => {
    expect(parseRetryAfterMs(header, now)).toBe(expected);
  });
});

describe('nextRetryDelayMs', () => {
  it.each([
    // attempt, random, retryAfterMs, expected
    [0, 0.5, undefined, SYNC_BACKOFF_BASE_MS / 2],
    [4, 0.5, undefined, 40_000],
    // Retry-After is used exactly, whatever the attempt or the jitter
    [0, 0.5, 2_000, 2_000],
    [9, 0.1, 2_000, 2_000],
    [0, 0.5, 0, 0],
    [0, 0.5, 2 * RETRY_AFTER_CAP_MS, RETRY_AFTER_CAP_MS],
    [0, 0.5, -10, 0],
    [2, 0.5, Number.NaN, 10_000],
  ])('attempt %s, random %s, Retry-After %s ms waits %s ms', (attempt, random, retryAfterMs, expected) => {
    expect(nextRetryDelayMs(attempt, fixed(random), retryAfterMs)).toBe(expected);
  });
});
