// The guidance pack the server publishes: validated once at start (parseGuidancePack), served as canonical JSON with a
// strong ETag (sha-256 of exactly those bytes). Never serves a pack that failed validation.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AppError } from '../src/domain/errors.ts';
import { type GuidancePack, parseGuidancePack } from '../src/domain/guidance.ts';
import { canonicalJson } from '../src/domain/protocol.ts';

/**
 * The file the app's build writes beside the app (vite.config.ts): the guidance pack bundled into that app, as JSON.
 * The server publishes it by default, so it never imports the app's content from src/guidance.
 */
export const BUILT_GUIDANCE_FILE = 'guidance-pack.json';

export type PublishedGuidance = {
  pack: GuidancePack;
  /** The response body: the canonical JSON of the validated pack. */
  body: string;
  /** Strong ETag, quoted: `"<sha-256 hex of body>"`. */
  etag: string;
};

/** Validates and prepares a pack; throws AppError('invalid', issues) with every problem when it is not valid. */
export const publishGuidance = (input: unknown): PublishedGuidance => {
  const result = parseGuidancePack(input);
  if (!result.ok) throw new AppError('invalid', result.issues);
  const body = canonicalJson(result.pack);
  return { pack: result.pack, body, etag: `"${createHash('sha256').update(body).digest('hex')}"` };
};

/** Reads a guidance pack's JSON (SAFEVISIT_GUIDANCE_FILE or the built one); throws an Error whose message says what is wrong with the file. */
export const readGuidanceFile = (path: string): unknown => {
  let text: string;
  try {
    // Stryker disable next-line StringLiteral: without an encoding it reads a Buffer, which JSON.parse reads as UTF-8 too.
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the guidance file ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`The guidance file ${path} is not valid JSON: ${(error as Error).message}`);
  }
};

/**
 * True when If-None-Match names this ETag (or is `*`). If-None-Match uses the weak comparison (RFC 9110 13.1.2),
 * so a `W/` prefix a proxy may have added still matches.
 */
export const matchesIfNoneMatch = (header: string | undefined, etag: string): boolean => {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
};
