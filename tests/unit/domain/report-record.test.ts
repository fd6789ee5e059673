import { describe, expect, it } from 'vitest';
import { isReportStatus, isStaleDraft } from '../../../src/domain/report-record.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2024, 5, 30, 12, 0);

describe('report statuses', () => {
  it.each([
    ['draft', true],
    ['conflict', true],
    ['deleted', false],
    [undefined, false],
    [3, false],
    [['draft'], false],
  ])('isReportStatus(%s) is %s', (value, expected) => {
    expect(isReportStatus(value)).toBe(expected);
  });
});

describe('isStaleDraft', () => {
  it.each([
    ['changed a moment ago', NOW - 1_000, false],
    ['changed 29 days ago', NOW - 29 * DAY_MS, false],
    ['one millisecond short of 30 days', NOW - 30 * DAY_MS + 1, false],
    ['untouched for exactly 30 days', NOW - 30 * DAY_MS, true],
    ['untouched for a year', NOW - 365 * DAY_MS, true],
    ['stamped in the future (clock changed)', NOW + 40 * DAY_MS, false],
    ['with an invalid time', Number.NaN, false],
    ['stamped at minus infinity', Number.NEGATIVE_INFINITY, false],
  ])('%s: %s', (_name, updatedAt, expected) => {
    expect(isStaleDraft(updatedAt, NOW)).toBe(expected);
  });

  it('accepts Dates as well as epoch milliseconds', () => {
    expect(isStaleDraft(new Date(NOW - 31 * DAY_MS), new Date(NOW))).toBe(true);
    expect(isStaleDraft(new Date('not a date'), new Date(NOW))).toBe(false);
  });

  it('never flags a draft against a clock that is not a time', () => {
    expect(isStaleDraft(NOW - 31 * DAY_MS, Number.POSITIVE_INFINITY)).toBe(false);
    expect(isStaleDraft(NOW - 31 * DAY_MS, Number.NaN)).toBe(false);
  });

  it('compares with the current time when given no clock', () => {
    expect(isStaleDraft(Date.now() - 31 * DAY_MS)).toBe(true);
    expect(isStaleDraft(Date.now() - 1_000)).toBe(false);
  });
});
