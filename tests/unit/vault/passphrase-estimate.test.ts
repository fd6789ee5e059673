import { describe, expect, it } from 'vitest';
import appWords from '../../../src/vault/passphrase-app-words.json';
import { estimateGuesses } from '../../../src/vault/passphrase-estimate.ts';

describe('estimateGuesses', () => {
  // The words a cracker aiming at this app tries first: each is among its first guesses (10^1.5, about 30), far
  // sooner than the general dictionaries alone would put it (10^2 and up for every one of them).
  it.each(appWords)('guesses the app word %s among the first', (word) => {
    expect(estimateGuesses(word).guessesLog10).toBeLessThan(1.5);
  });

  it('keeps every app word: one dropped from passphrase-app-words.json shows here', () => {
    expect(appWords).toMatchSnapshot();
  });

  it('passes on the estimator’s warning, and none for a strong passphrase', () => {
    expect(estimateGuesses('password')).toEqual({
      guessesLog10: expect.any(Number),
      warning: 'This is a heavily used password.',
    });
    const strong = estimateGuesses('Kettle gravel orbit 47 lantern');
    expect(strong.warning).toBeNull();
    expect(strong.guessesLog10).toBeGreaterThan(13);
  });
});
