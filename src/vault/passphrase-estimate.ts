// Estimates how many guesses a cracker would need for a passphrase: zxcvbn-ts with its common and English
// dictionaries. Heavy (the dictionaries), so a chunk of its own; loaded through loadPassphraseEstimator only.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';
import appWords from './passphrase-app-words.json';
import type { GuessEstimate } from './passphrase-strength.ts';

// Built once, as the chunk loads (a few hundred ms on a phone: it ranks the dictionaries), which is just before the
// first estimate is asked for. `appWords`: the words a cracker aiming at this app would try first (its name, its
// users' work and area), passed with every check.
const factory = new ZxcvbnFactory({
  translations,
  graphs: adjacencyGraphs,
  dictionary: { ...commonDictionary, ...englishDictionary },
});

/** The estimate for `passphrase`: log10 of the guesses a cracker would need, and the estimator's warning. */
export const estimateGuesses = (passphrase: string): GuessEstimate => {
  const result = factory.check(passphrase, appWords);
  return { guessesLog10: result.guessesLog10, warning: result.feedback.warning };
};
