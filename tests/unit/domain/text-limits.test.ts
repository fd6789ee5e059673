// The one sentence that says a text is too long, and the limits every schema shares.
import { describe, expect, it } from 'vitest';
import {
  LONG_TEXT_MAX_CHARS,
  NAME_MAX_CHARS,
  REFERENCE_MAX_CHARS,
  SHORT_TEXT_MAX_CHARS,
  tooLong,
} from '../../../src/domain/text-limits.ts';

describe('tooLong', () => {
  it.each([
    [5, 'Address must be 5 characters or fewer'],
    [999, 'Address must be 999 characters or fewer'],
    [1_000, 'Address must be 1,000 characters or fewer'],
    [20_000, 'Address must be 20,000 characters or fewer'],
    [123_456, 'Address must be 123,456 characters or fewer'],
    [1_234_567, 'Address must be 1,234,567 characters or fewer'],
  ])('writes %i with its thousands separated by commas, whatever the locale', (max, sentence) => {
    expect(tooLong('Address', max)).toBe(sentence);
  });
});

describe('text limits', () => {
  it('are the documented sizes: names, short and long texts, the worker’s reference', () => {
    expect([NAME_MAX_CHARS, SHORT_TEXT_MAX_CHARS, LONG_TEXT_MAX_CHARS, REFERENCE_MAX_CHARS]).toEqual([
      200, 1_000, 20_000, 40,
    ]);
  });
});
