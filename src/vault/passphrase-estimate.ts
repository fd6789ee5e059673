// Estimates how many guesses a cracker would need for a passphrase: zxcvbn-ts with its common and English
// dictionaries. Heavy (the dictionaries), so a chunk of its own; loaded through loadPassphraseEstimator only.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';
import type { GuessEstimate } from './passphrase-strength.ts';

/** Words a cracker aiming at this app would try first (its name, its users' work and area). */
export const APP_WORDS = [
  'safevisit',
  'safe',
  'visit',
  'social',
  'worker',
  'socialworker',
  'safeguarding',
  'child',
  'children',
  'family',
  'council',
  'kent',
  'medway',
  'camden',
  'london',
  'report',
  'passphrase',
];

let factory: ZxcvbnFactory | null = null;

/** The estimate for `passphrase`; the first call builds the ranked dictionaries (a few hundred ms on a phone). */
export const estimateGuesses = (passphrase: string): GuessEstimate => {
  factory ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
  });
  const result = factory.check(passphrase, APP_WORDS);
  return { guessesLog10: result.guessesLog10, warning: result.feedback.warning };
};
