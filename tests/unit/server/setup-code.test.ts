// The one-time setup code (server/setup-code.ts): its shape and randomness, and the checker that ignores case, spaces
// and dashes, refuses every other code, and refuses everything when the server has no code.
import { describe, expect, it } from 'vitest';
import { createSetupCodeChecker, newSetupCode } from '../../../server/setup-code.ts';

describe('newSetupCode', () => {
  it('is four groups of four Crockford base32 characters (no I, L, O or U), new each time', () => {
    const codes = Array.from({ length: 200 }, newSetupCode);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // 3,200 characters drawn from 32: every one of them turns up.
    expect(new Set(codes.join('').replaceAll('-', '')).size).toBe(32);
  });

  it('is accepted by a checker made from it', () => {
    const code = newSetupCode();
    expect(createSetupCodeChecker(code)(code)).toBe(true);
  });
});

describe('createSetupCodeChecker', () => {
  // Made in each test, not while the tests are collected: a checker that throws must fail a test.
  const matches = (typed: string) => createSetupCodeChecker('7K3Q-MX2D-P9BR-T4FA')(typed);

  it.each([
    '7K3Q-MX2D-P9BR-T4FA',
    '7k3q-mx2d-p9br-t4fa',
    '7K3QMX2DP9BRT4FA',
    ' 7K3Q MX2D  P9BR\tT4FA ',
    '7K3Q--MX2D - P9BR-T4FA',
  ])('accepts %j (case, spaces and dashes do not matter)', (typed) => {
    expect(matches(typed)).toBe(true);
  });

  it.each(['7K3Q-MX2D-P9BR-T4FB', '7K3Q-MX2D-P9BR', '7K3Q-MX2D-P9BR-T4FA-0000', '7K3Q.MX2D.P9BR.T4FA', ''])(
    'refuses %j',
    (typed) => {
      expect(matches(typed)).toBe(false);
    },
  );

  it.each([undefined, ''])('refuses every code when the server has none (%j)', (none) => {
    const noCode = createSetupCodeChecker(none);
    expect(noCode('')).toBe(false);
    expect(noCode('7K3Q-MX2D-P9BR-T4FA')).toBe(false);
  });
});
