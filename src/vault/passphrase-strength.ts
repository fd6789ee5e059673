// The passphrase strength rules, after the Kent and Medway FAQ (section 3, "How can I protect my own personal
// devices?", and section 4 on keeping data secure): length, mixed characters, no common words, no sequences.
// Pure: no crypto, no storage; the same checks run as the user types and again in Vault.create. The guessing
// estimate (zxcvbn-ts and its dictionaries) is a lazy chunk: `loadPassphraseEstimator` fetches it.

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

/** "about 3 hours", "about 40 days": how long `10^guessesLog10` guesses take at the assumed offline rate. */
export const offlineGuessTime = (guessesLog10: number): string => {
  const seconds = 10 ** guessesLog10 / OFFLINE_GUESSES_PER_SECOND;
  const about = (n: number, unit: string) =>
    `about ${Math.max(1, Math.round(n))} ${unit}${Math.round(n) > 1 ? 's' : ''}`;
  if (seconds < 60) return 'under a minute';
  if (seconds < 3_600) return about(seconds / 60, 'minute');
  if (seconds < SECONDS_PER_DAY) return about(seconds / 3_600, 'hour');
  if (seconds < 365 * SECONDS_PER_DAY) return about(seconds / SECONDS_PER_DAY, 'day');
  if (seconds < 1_000 * 365 * SECONDS_PER_DAY) return about(seconds / (365 * SECONDS_PER_DAY), 'year');
  return 'more than a thousand years';
};

/** The guessing estimator's chunk (zxcvbn-ts with its common and English dictionaries), fetched on first use. */
export const loadPassphraseEstimator = () => import('./passphrase-estimate.ts');

// The most common leaked passwords and obvious words for this app. Small on purpose: it catches the guesses
// an attacker tries first; the length and variety rules do the rest. Compared after lower-casing, undoing
// look-alike swaps (p@ssw0rd) and dropping digits and symbols around the word (Password123!).
const COMMON_WORDS = new Set([
  'password',
  'passphrase',
  'passw',
  'pass',
  'letmein',
  'welcome',
  'admin',
  'administrator',
  'login',
  'qwerty',
  'qwertyuiop',
  'asdfgh',
  'zxcvbnm',
  'abc',
  'iloveyou',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'soccer',
  'cricket',
  'sunshine',
  'princess',
  'shadow',
  'master',
  'superman',
  'batman',
  'trustno',
  'whatever',
  'freedom',
  'starwars',
  'pokemon',
  'michael',
  'jennifer',
  'jordan',
  'hunter',
  'charlie',
  'thomas',
  'daniel',
  'jessica',
  'ashley',
  'harley',
  'ranger',
  'tigger',
  'buster',
  'secret',
  'summer',
  'winter',
  'spring',
  'autumn',
  'flower',
  'hello',
  'helloworld',
  'computer',
  'internet',
  'changeme',
  'default',
  'access',
  'mustang',
  'liverpool',
  'chelsea',
  'arsenal',
  'england',
  'london',
  'january',
  'february',
  'december',
  'monday',
  'friday',
  'lovely',
  'love',
  'loveme',
  'family',
  'children',
  'mother',
  'father',
  'baby',
  'angel',
  'cheese',
  'chocolate',
  'biscuit',
  'pepper',
  'ginger',
  'purple',
  'orange',
  'banana',
  'apple',
  'samsung',
  'google',
  'facebook',
  'office',
  'work',
  'social',
  'socialwork',
  'socialworker',
  'safeguarding',
  'safevisit',
  'council',
  'camden',
  'kent',
  'medway',
  'nopassword',
  'mypassword',
  'qazwsx',
  'onetwothree',
]);

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

const isSequence = (text: string, step: number): boolean => {
  for (let i = 1; i < text.length; i++) {
    if (text.charCodeAt(i) - text.charCodeAt(i - 1) !== step) return false;
  }
  return true;
};

/** True when `text` (lower-cased) holds a repeat (aaaa), an alphabet or number sequence (abcd, 4321) or a keyboard run (qwert, asdf). */
const hasSequenceOrRepeat = (lower: string): boolean => {
  const chars = [...lower];
  for (let i = 0; i + RUN_MIN_CHARS <= chars.length; i++) {
    const run = chars.slice(i, i + RUN_MIN_CHARS).join('');
    if (chars.slice(i, i + RUN_MIN_CHARS).every((c) => c === chars[i])) return true;
    if (/^([a-z]+|[0-9]+)$/.test(run) && (isSequence(run, 1) || isSequence(run, -1))) return true;
  }
  for (const row of KEYBOARD_ROWS) {
    const reversed = [...row].reverse().join('');
    for (const line of [row, reversed]) {
      for (let start = 0; start + RUN_MIN_CHARS <= line.length; start++) {
        const fromEnd = start === 0 || start + RUN_MIN_CHARS === line.length;
        const min = fromEnd ? RUN_MIN_CHARS : KEYBOARD_RUN_MIN_CHARS;
        if (start + min <= line.length && lower.includes(line.slice(start, start + min))) return true;
      }
    }
  }
  return false;
};

/** True when the whole text is one short block said again and again ("abcabcabcabc", "hello hello hello"). */
const isRepeatedBlock = (text: string): boolean => {
  const compact = text.replace(/[\s\p{P}\p{S}]+/gu, '');
  if (compact.length < 2) return false;
  for (let size = 1; size <= compact.length / 2; size++) {
    if (compact.length % size !== 0) continue;
    if (compact.slice(0, size).repeat(compact.length / size) === compact) return true;
  }
  return false;
};

const words = (text: string): string[] => text.split(/[\s\p{P}\p{S}]+/u).filter((w) => w.length >= 2);

const characterKinds = (text: string): number =>
  [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}\s]/u].filter((kind) => kind.test(text)).length;

const undoLookAlikes = (text: string): string => [...text].map((c) => LOOK_ALIKES[c] ?? c).join('');
const lettersOnly = (text: string): string => text.replace(/[^\p{L}]/gu, '');
const stripOuter = (text: string): string => text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

/**
 * True when the passphrase is, at heart, a common password or word: compared as typed, then with digits and
 * symbols around it dropped ("Password123!"), then with look-alikes undone ("P@ssw0rd!", "4dmin"), then
 * said twice ("passwordpassword").
 */
const isCommon = (lower: string): boolean => {
  const trimmed = lower.trim();
  const candidates = [
    trimmed,
    lettersOnly(trimmed),
    lettersOnly(undoLookAlikes(stripOuter(trimmed))),
    lettersOnly(undoLookAlikes(trimmed)),
  ];
  return candidates.some((c) => {
    if (c.length === 0) return false;
    if (COMMON_WORDS.has(c)) return true;
    const half = c.slice(0, c.length / 2);
    return c.length % 2 === 0 && half.repeat(2) === c && COMMON_WORDS.has(half);
  });
};

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
  const commonOk = length === 0 || !isCommon(lower);
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
