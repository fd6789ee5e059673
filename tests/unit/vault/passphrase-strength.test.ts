import { describe, expect, it } from 'vitest';
import commonWords from '../../../src/vault/passphrase-common-words.json';
import { estimateGuesses } from '../../../src/vault/passphrase-estimate.ts';
import {
  checkPassphrase,
  isStrongEnough,
  loadPassphraseEstimator,
  OFFLINE_GUESSES_PER_SECOND,
  offlineGuessTime,
  PASSPHRASE_MIN_GUESSES_LOG10,
  type PassphraseRule,
} from '../../../src/vault/passphrase-strength.ts';

/** The rules `p` fails, with the real estimator (zxcvbn-ts and its dictionaries). */
const failed = (p: string): PassphraseRule[] =>
  checkPassphrase(p, estimateGuesses(p))
    .filter((c) => !c.ok)
    .map((c) => c.rule);
/** The Kent and Medway FAQ rules alone (length, variety, common, pattern). */
const failedFaqRules = (p: string): PassphraseRule[] => failed(p).filter((rule) => rule !== 'guessing');

describe('passphrase strength', () => {
  it.each([
    ['several words', 'kettle gravel orbit lantern'],
    ['words with punctuation between them', 'kettle-gravel-orbit-lantern'],
    ['a sentence with capitals and a number', 'My 3 cats sleep on the boiler'],
    ['lower, upper and symbols', 'Bright#Harbour%Lamp'],
    ['a word that holds a keyboard run mid-row', 'Liberty bell rings loud'],
    ['non-Latin letters in several words', 'żółty kot śpi cicho'],
    ['four unrelated words', 'Slate tulip compass river'],
    ['a work phrase with an unrelated word', 'Medway social worker 1 kayak'],
  ])('accepts %s: %s', (_name, passphrase) => {
    expect(failed(passphrase)).toEqual([]);
    expect(isStrongEnough(passphrase, estimateGuesses(passphrase))).toBe(true);
  });

  // Real-world choices that meet the FAQ's rules on their face but fall to a dictionary attack offline.
  it.each([
    'i love my dog',
    'I love my children',
    'Kent Council 1',
    'Kent County Council',
    'Welcome2Kent!',
    'Password123!',
    'Safeguarding2024!',
    'Summer2024!!',
    'Liverpool1892!',
    'Jessica2010!!',
    'Ilovemykids2!',
    'London Bridge 1',
    'Chelsea Football Club',
    'correcthorsebatterystaple',
    'iloveyoumorethanlife',
    'Tr0ub4dor&3',
    'Tr0ub4dor&Horse',
    'banana ocean lamp',
  ])('refuses the real-world weak passphrase %s: too easy to guess offline', (passphrase) => {
    const estimate = estimateGuesses(passphrase);
    expect(estimate.guessesLog10).toBeLessThan(PASSPHRASE_MIN_GUESSES_LOG10);
    expect(failed(passphrase)).toContain('guessing');
    expect(isStrongEnough(passphrase, estimate)).toBe(false);
    const guessing = checkPassphrase(passphrase, estimate).find((c) => c.rule === 'guessing');
    expect(guessing?.message).toMatch(/^Too easy to guess: someone who copied this device could find it in /);
  });

  it('loads the guessing estimator on demand, which then decides the guessing rule', async () => {
    const estimator = await loadPassphraseEstimator();
    expect(isStrongEnough('Slate tulip compass river', estimator.estimateGuesses('Slate tulip compass river'))).toBe(
      true,
    );
    expect(isStrongEnough('Welcome2Kent!', estimator.estimateGuesses('Welcome2Kent!'))).toBe(false);
  });

  it('refuses every passphrase while the estimate is not in: the guessing rule is pending, not met', () => {
    const check = checkPassphrase('Slate tulip compass river').find((c) => c.rule === 'guessing');
    expect(check).toMatchObject({ ok: false, pending: true });
    expect(isStrongEnough('Slate tulip compass river', null)).toBe(false);
  });

  it('marks nothing as failed before anything is typed', () => {
    expect(checkPassphrase('').every((c) => c.pending === true)).toBe(true);
    expect(checkPassphrase('a').some((c) => c.pending)).toBe(true);
    expect(checkPassphrase('a').filter((c) => !c.pending && !c.ok).length).toBeGreaterThan(0);
  });

  it('says how long an offline search would take at the assumed rate', () => {
    expect(OFFLINE_GUESSES_PER_SECOND).toBe(1e5);
    expect(offlineGuessTime(PASSPHRASE_MIN_GUESSES_LOG10)).toBe('about 3 years');
    expect(offlineGuessTime(9)).toBe('about 3 hours');
    expect(offlineGuessTime(11)).toBe('about 12 days');
    expect(offlineGuessTime(6)).toBe('under a minute');
    expect(offlineGuessTime(30)).toBe('more than a thousand years');
  });

  it.each<[string, string, PassphraseRule[]]>([
    ['empty', '', ['length', 'variety']],
    ['too short, even if mixed', 'Ab3$xyZ9', ['length']],
    ['long but one kind only', 'mountainriverhat', ['variety']],
    ['two kinds and only one word', 'mountainriverhat99', ['variety']],
    ['the most common password', 'password', ['length', 'variety', 'common']],
    ['a common password with digits and a symbol', 'Password2024!', ['common']],
    ['a common password with look-alikes', 'P@ssw0rd2024!', ['common']],
    ['a common word said twice', 'Password Password', ['variety', 'common', 'pattern']],
    ['an everyday word dressed up', 'Sunshine#2026', ['common']],
    ['a number sequence', 'Horse battery 1234', ['pattern']],
    ['a reversed number sequence', 'Horse battery 4321', ['pattern']],
    ['an alphabet sequence', 'Horse abcd staple', ['pattern']],
    ['a reversed alphabet sequence', 'Horse dcba staple', ['pattern']],
    ['a repeated character', 'Horse aaaa staple', ['pattern']],
    ['a keyboard row', 'Qwerty horse staple', ['pattern']],
    ['a reversed keyboard row', 'Horse ytrewq staple', ['pattern']],
    ['the start of the home row', 'Asdf horse staple 9', ['pattern']],
    ['a block said again and again', 'abcabcabcabc', ['variety', 'pattern']],
    ['one word repeated as words', 'hello hello hello', ['pattern']],
  ])('refuses %s', (_name, passphrase, rules) => {
    expect(failedFaqRules(passphrase)).toEqual(rules);
    expect(isStrongEnough(passphrase, passphrase ? estimateGuesses(passphrase) : null)).toBe(false);
  });

  it('gives one plain sentence per rule, and a failed rule says what to do', () => {
    const checks = checkPassphrase('abc', estimateGuesses('abc'));
    expect(checks.map((c) => c.rule)).toEqual(['length', 'variety', 'common', 'pattern', 'guessing']);
    for (const check of checks) expect(check.message).toMatch(/^[A-Z].*\.$/);
    expect(checks.find((c) => c.rule === 'length')?.message).toContain('3 so far');
  });

  it('counts characters, not UTF-16 units', () => {
    const emoji = '🔒🔒🔒🔒🔒🔒';
    expect(checkPassphrase(`${emoji}abcdef`).find((c) => c.rule === 'length')?.message).toContain('12');
    expect(checkPassphrase('🦊🐢🐙 ab').find((c) => c.rule === 'length')?.ok).toBe(false);
  });
});

describe('the common-password rule', () => {
  const commonOk = (p: string) => checkPassphrase(p).find((c) => c.rule === 'common')?.ok;

  // Every word of the list, with the real rule: refused as typed and dressed up as people dress them up.
  it.each(commonWords)('refuses the common word %s, alone and dressed up with digits and a symbol', (word) => {
    expect(commonOk(word)).toBe(false);
    expect(commonOk(`${word[0]?.toUpperCase()}${word.slice(1)}2024!`)).toBe(false);
  });

  it('keeps every listed word: one dropped from passphrase-common-words.json shows here', () => {
    expect(commonWords).toMatchSnapshot();
  });

  it.each([
    ['0 for o', 'passw0rd'],
    ['1 for i', 'letme1n'],
    ['3 for e', 'w3lcome'],
    ['4 for a', 'm4ster'],
    ['5 for s', 'pa5sword'],
    ['7 for t', 'mas7er'],
    ['@ for a', 'p@ssword'],
    ['$ for s', 'pa$sword'],
    ['! for i', 'pr!ncess'],
  ])('sees through the look-alike %s inside a word: %s', (_name, passphrase) => {
    expect(commonOk(passphrase)).toBe(false);
  });

  it('sees through look-alikes behind several digits and symbols at the start: 2024!P@ssword', () => {
    expect(commonOk('2024!P@ssword')).toBe(false);
  });

  it('refuses a common word said twice, and a list word said twice', () => {
    expect(commonOk('passwordpassword')).toBe(false);
    expect(commonOk('DragonDragon')).toBe(false);
    expect(commonOk('dragondragons')).toBe(true);
  });

  it('accepts what only contains a common word, or is made of symbols alone', () => {
    expect(commonOk('passwords are long')).toBe(true);
    expect(commonOk('!!!!')).toBe(true);
    expect(commonOk('1234')).toBe(true);
  });
});

describe('the rules at their edges', () => {
  const rule = (p: string, name: PassphraseRule) => checkPassphrase(p).find((c) => c.rule === name);

  it.each<[string, boolean]>([
    ['Abcdefghij1', false],
    ['Abcdefgh1jkz', true],
  ])('needs 12 characters: %s', (passphrase, ok) => {
    expect(rule(passphrase, 'length')?.ok).toBe(ok);
  });

  it.each<[string, boolean]>([
    ['mountainriverhat', false],
    ['Mountainriverhat', false],
    ['Mountainriverhat9', true],
    ['mountainriverhat9!', true],
    ['kettle gravel', false],
    ['kettle gravel orbit', true],
    ['kettle-gravel-orbit', true],
    ['a b c d e f g h i j k', false],
    ['kettle go orbit', true],
    ['kettle g orbit', false],
    ['kettle+gravel+orbit', true],
    ['MOUNTAINRIVERHAT9', false],
    ['MOUNTAINRIVERHAT9!', true],
    ['Mountainriver hat', false],
  ])('needs three kinds of character or three words of two letters or more: %s', (passphrase, ok) => {
    expect(rule(passphrase, 'variety')?.ok).toBe(ok);
  });

  it.each<[string, boolean]>([
    ['kettle aceg gravel', true],
    ['kettle a1b2 gravel', true],
    ['kettle 9:;< gravel', true],
    ['kettle abc gravel', true],
    ['kettle 2468 gravel', true],
    ['Liberty bell rings', true],
    ['kettle ertyu gravel', false],
    ['kettle uiop gravel', false],
    ['kettle poiu gravel', false],
    ['kettle hjkl gravel', false],
    ['kettle zxcv gravel', false],
    ['kettle 7890 gravel', false],
    ['kettle 0987 gravel', false],
    ['kettle 5555 gravel', false],
    ['kettle 555 gravel', true],
    ['kettle wxyz gravel', false],
    ['kettle 3456 gravel', false],
    ['kettle !!!! gravel', false],
    ['hello, hello, hello', false],
    ['hello+hello+hello', false],
    ['Kettle and gravel fill', true],
    ['Llama kettle gravel', true],
    ['xyxyxyxy', false],
    ['x', true],
    ['kettle kettle gravel', true],
  ])('finds sequences, keyboard runs and repeats: %s', (passphrase, ok) => {
    expect(rule(passphrase, 'pattern')?.ok).toBe(ok);
  });

  it('says what each rule means when it is met', () => {
    const checks = checkPassphrase('Kettle gravel orbit 47 lantern', { guessesLog10: 14, warning: null });
    expect(checks.map((c) => [c.rule, c.ok, c.message])).toEqual([
      ['length', true, 'At least 12 characters long.'],
      ['variety', true, 'Mixes kinds of character, or is made of several words.'],
      ['common', true, 'Not a common password or a single everyday word.'],
      ['pattern', true, 'No sequences or repeats such as 1234, abcd, qwerty or aaaa.'],
      ['guessing', true, 'Hard to guess: someone who copied this device would need about 32 years of trying.'],
    ]);
    expect(checks.some((c) => c.pending)).toBe(false);
  });

  it('says what to do for each rule that is broken, with the estimator’s warning', () => {
    const checks = checkPassphrase('aaaa', { guessesLog10: 2, warning: 'Repeats like "aaa" are easy to guess.' });
    expect(checks.map((c) => [c.rule, c.ok, c.message])).toEqual([
      ['length', false, 'Use at least 12 characters (4 so far). A short sentence is long and easy to remember.'],
      [
        'variety',
        false,
        'Mix at least 3 kinds of character (small letters, capitals, numbers, symbols), or use 3 or more words with spaces between them.',
      ],
      ['common', true, 'Not a common password or a single everyday word.'],
      [
        'pattern',
        false,
        'It contains a sequence or repeat, such as 1234, abcd, qwerty, a keyboard row or the same letters over and over. These are easy to guess: break them up.',
      ],
      [
        'guessing',
        false,
        'Too easy to guess: someone who copied this device could find it in under a minute. Repeats like "aaa" are easy to guess. Add a word or two that have nothing to do with you, your work or where you live.',
      ],
    ]);
    expect(
      checkPassphrase('password', { guessesLog10: 0, warning: null }).find((c) => c.rule === 'common')?.message,
    ).toBe(
      'This is a common password or a single everyday word, which is among the first things guessed, even with numbers or symbols added. Choose something personal to you.',
    );
    expect(checkPassphrase('aaaa', { guessesLog10: 2, warning: null }).at(-1)?.message).toBe(
      'Too easy to guess: someone who copied this device could find it in under a minute. Add a word or two that have nothing to do with you, your work or where you live.',
    );
  });

  it('keeps the guessing rule pending with nothing typed, and says what it asks', () => {
    expect(checkPassphrase('', { guessesLog10: 20, warning: null }).at(-1)).toEqual({
      rule: 'guessing',
      ok: false,
      pending: true,
      message: 'Hard to guess, even for someone who copies this device and tries billions of guesses.',
    });
    expect(isStrongEnough('', { guessesLog10: 20, warning: null })).toBe(false);
  });

  it('needs exactly 10^13 guesses or more', () => {
    const p = 'Kettle gravel orbit 47 lantern';
    expect(isStrongEnough(p, { guessesLog10: PASSPHRASE_MIN_GUESSES_LOG10, warning: null })).toBe(true);
    expect(isStrongEnough(p, { guessesLog10: PASSPHRASE_MIN_GUESSES_LOG10 - 0.01, warning: null })).toBe(false);
  });

  it.each<[number, string]>([
    [Math.log10(59 * OFFLINE_GUESSES_PER_SECOND), 'under a minute'],
    [Math.log10(60 * OFFLINE_GUESSES_PER_SECOND), 'about 1 minute'],
    [Math.log10(150 * OFFLINE_GUESSES_PER_SECOND), 'about 3 minutes'],
    [Math.log10(3_600 * OFFLINE_GUESSES_PER_SECOND), 'about 1 hour'],
    [Math.log10(86_400 * OFFLINE_GUESSES_PER_SECOND), 'about 1 day'],
    [Math.log10(2 * 86_400 * OFFLINE_GUESSES_PER_SECOND), 'about 2 days'],
    [Math.log10(365 * 86_400 * OFFLINE_GUESSES_PER_SECOND), 'about 1 year'],
    [Math.log10(366 * 86_400 * OFFLINE_GUESSES_PER_SECOND), 'about 1 year'],
    [Math.log10(999 * 365 * 86_400 * OFFLINE_GUESSES_PER_SECOND), 'about 999 years'],
    [Math.log10(1_000 * 365 * 86_400 * OFFLINE_GUESSES_PER_SECOND), 'more than a thousand years'],
  ])('puts 10^%d guesses as "%s"', (guessesLog10, words) => {
    expect(offlineGuessTime(guessesLog10)).toBe(words);
  });
});
