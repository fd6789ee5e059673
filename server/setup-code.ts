// The one-time setup code of a server with no organisation yet: made here (or chosen by the operator), kept in this
// process only as a SHA-256 digest, compared in constant time. "Used" is the database's business: once an
// organisation exists, setup is refused whatever code is sent.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read off a screen is typed right. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 4;
const GROUP_CHARS = 4;
/** An operator's own code (SAFEVISIT_SETUP_CODE) must be at least this long. */
export const SETUP_CODE_MIN_CHARS = 8;

/** A new code such as `7K3Q-MX2D-P9BR-T4FA` (80 random bits). */
export const newSetupCode = (): string =>
  Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_CHARS }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  ).join('-');

/** Case, spaces and dashes do not matter when the code is typed. */
// Stryker disable next-line MethodExpression: for ASCII codes (all this server makes) lower case matches alike.
const normalise = (code: string): string => code.replace(/[\s-]/g, '').toUpperCase();

const digest = (code: string): Buffer => createHash('sha256').update(normalise(code)).digest();

/** A checker holding only the code's digest; with no code, every code is refused. */
export const createSetupCodeChecker = (code: string | undefined): ((presented: string) => boolean) => {
  const expected = code ? digest(code) : undefined;
  return (presented) => expected !== undefined && timingSafeEqual(digest(presented), expected);
};
