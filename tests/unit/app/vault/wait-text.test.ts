// The wait after too many wrong passphrases, said in words with the right number: "1 second", never "1 seconds".
import { describe, expect, it } from 'vitest';
import { waitText } from '../../../../src/app/vault/VaultScreens.tsx';

describe('waitText', () => {
  it.each([
    [400, ' Try again in 1 second.'],
    [1_000, ' Try again in 1 second.'],
    [1_001, ' Try again in 2 seconds.'],
    [89_000, ' Try again in 89 seconds.'],
    [90_000, ' Try again in 2 minutes.'],
    [300_000, ' Try again in 5 minutes.'],
  ])('says a wait of %i ms as "%s"', (retryAfterMs, text) => {
    expect(waitText({ retryAfterMs })).toBe(text);
  });

  it('says nothing without a wait', () => {
    expect(waitText(undefined)).toBe('');
    expect(waitText({})).toBe('');
  });
});
