import { describe, expect, it } from 'vitest';
import { checkPassphrase, isStrongEnough, type PassphraseRule } from '../../../src/vault/passphrase-strength.ts';

const failed = (p: string): PassphraseRule[] =>
  checkPassphrase(p)
    .filter((c) => !c.ok)
    .map((c) => c.rule);

describe('passphrase strength', () => {
  it.each([
    ['several words', 'kettle gravel orbit lantern'],
    ['words with punctuation between them', 'kettle-gravel-orbit-lantern'],
    ['a sentence with capitals and a number', 'My 3 cats sleep on the boiler'],
    ['mixed kinds in one word', 'Tr0ub4dor&Horse'],
    ['lower, upper and symbols', 'Bright#Harbour%Lamp'],
    ['a word that holds a keyboard run mid-row', 'Liberty bell rings loud'],
    ['non-Latin letters in several words', 'żółty kot śpi cicho'],
  ])('accepts %s: %s', (_name, passphrase) => {
    expect(failed(passphrase)).toEqual([]);
    expect(isStrongEnough(passphrase)).toBe(true);
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
    expect(failed(passphrase)).toEqual(rules);
    expect(isStrongEnough(passphrase)).toBe(false);
  });

  it('gives one plain sentence per rule, and a failed rule says what to do', () => {
    const checks = checkPassphrase('abc');
    expect(checks.map((c) => c.rule)).toEqual(['length', 'variety', 'common', 'pattern']);
    for (const check of checks) expect(check.message).toMatch(/^[A-Z].*\.$/);
    expect(checks.find((c) => c.rule === 'length')?.message).toContain('3 so far');
  });

  it('counts characters, not UTF-16 units', () => {
    const emoji = '🔒🔒🔒🔒🔒🔒';
    expect(checkPassphrase(`${emoji}abcdef`).find((c) => c.rule === 'length')?.message).toContain('12');
    expect(checkPassphrase('🦊🐢🐙 ab').find((c) => c.rule === 'length')?.ok).toBe(false);
  });
});
