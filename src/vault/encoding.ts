// Byte encodings the organisation crypto shares: base64url text, the canonical statements that are signed or bound
// as additional data, and versioned envelopes packed into one base64url string. Pure; holds no key.
import type { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import { type Bytes, utf8 } from './crypto.ts';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** base64url without padding (RFC 4648 section 5). */
export const encodeBase64Url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  // Stryker disable next-line Regex: base64 has '=' only at its end, so anchoring it changes nothing
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** Reverses `encodeBase64Url`; anything that is not unpadded base64url is AppError('invalid'). */
export const decodeBase64Url = (text: string): Bytes => {
  // A length of 1 mod 4 cannot come from any byte string.
  if (typeof text !== 'string' || !BASE64URL.test(text) || text.length % 4 === 1) {
    throw new AppError('invalid', { reason: 'base64url' });
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
};

/**
 * The bytes of a statement that is signed or bound as additional data: JSON of one flat object whose keys are
 * sorted, with a type tag and a version. Strings are JSON-escaped, so no field can run into the next one
 * (never a plain concatenation), and a statement of one type can never read as one of another.
 */
export const statementBytes = (type: string, v: number, fields: Record<string, string | number>): Bytes => {
  if ('type' in fields || 'v' in fields) throw new AppError('invalid', { reason: 'statement-fields' });
  const all: Record<string, string | number> = { ...fields, type, v };
  const sorted = Object.fromEntries(
    Object.keys(all)
      .sort()
      .map((key) => [key, all[key]]),
  );
  return utf8(JSON.stringify(sorted));
};

/** A versioned envelope (`{ v, alg, ... }`) as one base64url string of its JSON bytes: opaque to the server. */
export const packEnvelope = (envelope: { v: number; alg: string; [field: string]: string | number }): string =>
  encodeBase64Url(utf8(JSON.stringify(envelope)));

/** Reverses `packEnvelope` and checks the shape; a malformed envelope is AppError('invalid'). */
export const unpackEnvelope = <T>(text: string, schema: z.ZodType<T>): T => {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(decodeBase64Url(text)));
  } catch (cause) {
    throw new AppError('invalid', { reason: 'envelope' }, { cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError('invalid', { reason: 'envelope' });
  return parsed.data;
};
