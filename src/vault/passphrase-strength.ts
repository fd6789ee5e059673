// The passphrase strength rules, after the Kent and Medway FAQ (section 3, "How can I protect my own personal
// devices?", and section 4 on keeping data secure): length, mixed characters, no common words, no sequences.
// Pure: no crypto, no storage; the same checks run as the user types and again in Vault.create. The guessing
// estimate (zxcvbn-ts and its dictionaries) is a lazy chunk: `loadPassphraseEstimator` fetches it.

import commonWords from './passphrase-common-words.json';

export const PASSPHRASE_MIN_CHARS = 12;
/** A passphrase of this many words passes the "mixed characters" rule on its own (diceware-style). */
export const PASSPHRASE_MIN_WORDS = 3;
/** How many of the four character kinds (lower, upper, digit, symbol) a one-word passphrase needs. */
export const PASSPHRASE_MIN_KINDS = 3;
/** Shortest run that counts as a sequence or repeat (1234, abcd, aaaa). */
const RUN_MIN_CHARS = 4;

export type PassphraseRule = 'length' | 'variety' | 'common' | 'pattern' | 'guessing';

/** `pending`: not known yet (nothing typed, or the estimate is still coming); shown neither as met nor as failed. */
export type PassphraseCheck = { rule: PassphraseRule; ok: boolean; pending?: boolean; message: string };

/** What the estimator found: log10 of the guesses a cracker would need, and its own warning (English), if any. */
export type GuessEstimate = { guessesLog10: number; warning: string | null };

/**
 * Required: at least 10^13 guesses. Someone with a copy of the storage guesses offline against the KDF. Assumed,
 * generously, 100 high-end graphics cards at about 1,000 Argon2id (48 MiB, 2 passes) guesses a second each:
 * 10^5 a second, so 10^13 guesses take about 3 years. Against PBKDF2-SHA256 at 600,000 iterations (vaults not yet
 * moved to Argon2id) the same cards manage about 1.5 x 10^6 a second (hashcat's PBKDF2-SHA256 rate scaled to
 * 600,000 iterations), about 77 days. zxcvbn's own top score (10^10) would fall in about a day.
 */
export const PASSPHRASE_MIN_GUESSES_LOG10 = 13;
/** The attacker's rate behind the threshold above and the times shown (guesses a second). */
export const OFFLINE_GUESSES_PER_SECOND = 1e5;

const SECONDS_PER_DAY = 86_400;
const SECONDS_PER_YEAR = 365 * SECONDS_PER_DAY;
/** The units an offline search is told in, longest first, with their length in seconds. */
const TIME_UNITS: [unit: string, seconds: number][] = [
  ['year', SECONDS_PER_YEAR],
  ['day', SECONDS_PER_DAY],
  ['hour', 3_600],
  ['minute', 60],
];
/** log10 of the guesses made in `seconds` at the assumed rate: the thresholds compare in log space, like the input. */
const guessesIn = (seconds: number): number => Math.log10(seconds * OFFLINE_GUESSES_PER_SECOND);

/** "about 3 hours", "about 40 days": how long `10^guessesLog10` guesses take at the assumed offline rate. */
export const offlineGuessTime = (guessesLog10: number): string => {
  if (guessesLog10 >= guessesIn(1_000 * SECONDS_PER_YEAR)) return 'more than a thousand years';
  const found = TIME_UNITS.find(([, seconds]) => guessesLog10 >= guessesIn(seconds));
  if (!found) return 'under a minute';
  const [unit, seconds] = found;
  const count = Math.round(10 ** guessesLog10 / OFFLINE_GUESSES_PER_SECOND / seconds);
  return `about ${count} ${unit}${count > 1 ? 's' : ''}`;
};

/** The guessing estimator's chunk (zxcvbn-ts with its common and English dictionaries), fetched on first use. */
export const loadPassphraseEstimator = () => import('./passphrase-estimate.ts');

// The most common leaked passwords and obvious words for this app (passphrase-common-words.json). Small on purpose:
// it catches the guesses an attacker tries first; the length and variety rules do the rest. Compared after
// lower-casing, undoing look-alike swaps (p@ssw0rd) and dropping digits and symbols around the word (Password123!).
const COMMON_WORDS = new Set(commonWords);

const LOOK_ALIKES: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

// Keyboard rows (UK/US layout) and the digit row as typed; runs along them are as guessable as 1234.
const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
// Runs of four along a row are only counted from a row's end: four-letter runs inside rows also occur in
// ordinary words ("liberty", "property"), and those should not be refused.
const KEYBOARD_RUN_MIN_CHARS = 5;

/** Every run of `size` characters along `line`. */
const runsAlong = (line: string, size: number): string[] =>
  Array.from({ length: line.length - size + 1 }, (_, start) => line.slice(start, start + size));

/** What the pattern rule refuses anywhere in a passphrase: alphabet and number sequences (abcd, 4321) and keyboard runs (qwer, ertyu), both ways. */
const GUESSABLE_RUNS = [
  ...['abcdefghijklmnopqrstuvwxyz', '0123456789'].flatMap((line) => runsAlong(line, RUN_MIN_CHARS)),
  ...KEYBOARD_ROWS.flatMap((row) => [
    row.slice(0, RUN_MIN_CHARS),
    row.slice(-RUN_MIN_CHARS),
    ...runsAlong(row, KEYBOARD_RUN_MIN_CHARS),
  ]),
].flatMap((run) => [run, [...run].reverse().join('')]);

/** True when `lower` (lower-cased) holds a repeat (the same character RUN_MIN_CHARS times), a sequence or a keyboard run. */
const hasSequenceOrRepeat = (lower: string): boolean =>
  /(.)\1{3}/su.test(lower) || GUESSABLE_RUNS.some((run) => lower.includes(run));

/**
 * True when the whole text is one short block said again and again ("abcabcabcabc", "hello hello hello"): a text is
 * a block repeated when it turns up in itself written twice, before its own length. That search stays fast on a long
 * pasted text, where `/^(.+)\1+$/` backtracked (80 ms for 20,000 characters, on every keystroke).
 */
const isRepeatedBlock = (text: string): boolean => {
  const letters = text.replace(/[\s\p{P}\p{S}]/gu, '');
  return (letters + letters).indexOf(letters, 1) < letters.length;
};

const words = (text: string): string[] => text.split(/[\s\p{P}\p{S}]/u).filter((w) => w.length >= 2);

const characterKinds = (text: string): number =>
  [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}\s]/u].filter((kind) => kind.test(text)).length;

const undoLookAlikes = (text: string): string => [...text].map((c) => LOOK_ALIKES[c] ?? c).join('');
const lettersOnly = (text: string): string => text.replace(/[^\p{L}]/gu, '');
const stripOuter = (text: string): string => text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

/** True when `candidate` is a listed word said twice ("passwordpassword"). */
const isListedTwice = (candidate: string): boolean => {
  const half = candidate.slice(0, candidate.length / 2);
  return half.repeat(2) === candidate && COMMON_WORDS.has(half);
};

/**
 * True when the passphrase is, at heart, a common password or word: compared with everything but letters dropped
 * ("Password123!"), then with look-alikes undone around the word ("P@ssw0rd!") or everywhere ("4dmin"), each
 * also said twice ("passwordpassword").
 */
const isCommon = (lower: string): boolean =>
  [lettersOnly(lower), lettersOnly(undoLookAlikes(stripOuter(lower))), lettersOnly(undoLookAlikes(lower))].some(
    (candidate) => COMMON_WORDS.has(candidate) || isListedTwice(candidate),
  );

const guessingCheck = (passphrase: string, estimate: GuessEstimate | null | undefined): PassphraseCheck => {
  if (passphrase.length === 0 || !estimate) {
    return {
      rule: 'guessing',
      ok: false,
      pending: true,
      message: 'Hard to guess, even for someone who copies this device and tries billions of guesses.',
    };
  }
  const time = offlineGuessTime(estimate.guessesLog10);
  if (estimate.guessesLog10 >= PASSPHRASE_MIN_GUESSES_LOG10) {
    return {
      rule: 'guessing',
      ok: true,
      message: `Hard to guess: someone who copied this device would need ${time} of trying.`,
    };
  }
  const warning = estimate.warning ? ` ${estimate.warning}` : '';
  return {
    rule: 'guessing',
    ok: false,
    message: `Too easy to guess: someone who copied this device could find it in ${time}.${warning} Add a word or two that have nothing to do with you, your work or where you live.`,
  };
};

/**
 * Each rule with whether `passphrase` meets it and a plain-English sentence to show next to it as the user types.
 * Without `estimate` (not loaded yet) the guessing rule is pending, and not met.
 */
export const checkPassphrase = (passphrase: string, estimate?: GuessEstimate | null): PassphraseCheck[] => {
  const length = [...passphrase].length;
  const lower = passphrase.toLowerCase();
  const kinds = characterKinds(passphrase);
  const wordCount = words(passphrase).length;

  const lengthOk = length >= PASSPHRASE_MIN_CHARS;
  const varietyOk = kinds >= PASSPHRASE_MIN_KINDS || wordCount >= PASSPHRASE_MIN_WORDS;
  const commonOk = !isCommon(lower);
  const patternOk = !hasSequenceOrRepeat(lower) && !isRepeatedBlock(lower);

  const checks: PassphraseCheck[] = [
    {
      rule: 'length',
      ok: lengthOk,
      message: lengthOk
        ? `At least ${PASSPHRASE_MIN_CHARS} characters long.`
        : `Use at least ${PASSPHRASE_MIN_CHARS} characters (${length} so far). A short sentence is long and easy to remember.`,
    },
    {
      rule: 'variety',
      ok: varietyOk,
      message: varietyOk
        ? 'Mixes kinds of character, or is made of several words.'
        : `Mix at least ${PASSPHRASE_MIN_KINDS} kinds of character (small letters, capitals, numbers, symbols), or use ${PASSPHRASE_MIN_WORDS} or more words with spaces between them.`,
    },
    {
      rule: 'common',
      ok: commonOk,
      message: commonOk
        ? 'Not a common password or a single everyday word.'
        : 'This is a common password or a single everyday word, which is among the first things guessed, even with numbers or symbols added. Choose something personal to you.',
    },
    {
      rule: 'pattern',
      ok: patternOk,
      message: patternOk
        ? 'No sequences or repeats such as 1234, abcd, qwerty or aaaa.'
        : 'It contains a sequence or repeat, such as 1234, abcd, qwerty, a keyboard row or the same letters over and over. These are easy to guess: break them up.',
    },
    guessingCheck(passphrase, estimate),
  ];
  return checks.map((check) => (length === 0 ? { ...check, pending: true } : check));
};

/** True when every rule passes, the guessing estimate included: what Vault.create requires. */
export const isStrongEnough = (passphrase: string, estimate: GuessEstimate | null | undefined): boolean =>
  checkPassphrase(passphrase, estimate).every((check) => check.ok);
