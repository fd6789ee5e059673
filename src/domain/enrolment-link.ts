// The enrolment link, `<app origin>/#enrol=<base64url JSON>` (DESIGN.md "Enrolment"): made on the officer's screen,
// read by the device. Pure text work: it checks the payload's shape, never the organisation's keys (the device's
// enrolment does that against the fingerprint) and never fetches anything.
import { ENROL_FRAGMENT_PREFIX } from './enrol-fragment.ts';
import { type EnrolmentPayload, EnrolmentPayloadSchema } from './org-protocol.ts';

/** Longer than any real link (a payload is about 250 characters); anything past it is not ours. */
export const ENROLMENT_LINK_MAX_CHARS = 4_096;

const toBase64Url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const fromBase64Url = (text: string): Uint8Array | null => {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
};

/** The link a device opens: the app's address with the payload in the fragment (never sent to any server). */
export const encodeEnrolmentLink = (appOrigin: string, payload: EnrolmentPayload): string => {
  const checked = EnrolmentPayloadSchema.parse(payload);
  const base = appOrigin.replace(/\/+$/, '');
  return `${base}/${ENROL_FRAGMENT_PREFIX}${toBase64Url(new TextEncoder().encode(JSON.stringify(checked)))}`;
};

export type EnrolmentLinkProblem = 'not-a-link' | 'damaged' | 'unsupported';

export type EnrolmentLinkResult =
  | { ok: true; payload: EnrolmentPayload }
  | { ok: false; problem: EnrolmentLinkProblem };

/** One plain sentence for each way a pasted or opened link can be wrong. */
export const ENROLMENT_LINK_PROBLEMS: Record<EnrolmentLinkProblem, string> = {
  'not-a-link': 'That is not a SafeVisit enrolment link. Copy the whole link from the officer’s screen.',
  damaged: 'That enrolment link is damaged or incomplete. Copy the whole link again, or ask for a new one.',
  unsupported: 'That enrolment link is from a newer version of SafeVisit. Update the app, then open it again.',
};

/**
 * Reads a whole link (`https://app.example/#enrol=...`) or just its fragment (`#enrol=...`). Never throws: a
 * foreign, truncated or altered link answers with the problem to show.
 */
export const decodeEnrolmentLink = (input: string): EnrolmentLinkResult => {
  const text = input.trim();
  if (text.length > ENROLMENT_LINK_MAX_CHARS) return { ok: false, problem: 'not-a-link' };
  const at = text.indexOf(ENROL_FRAGMENT_PREFIX);
  if (at < 0) return { ok: false, problem: 'not-a-link' };
  const bytes = fromBase64Url(text.slice(at + ENROL_FRAGMENT_PREFIX.length));
  if (!bytes) return { ok: false, problem: 'damaged' };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, problem: 'damaged' };
  }
  const version = (json as { v?: unknown } | null)?.v;
  if (typeof version === 'number' && version > 1) return { ok: false, problem: 'unsupported' };
  const parsed = EnrolmentPayloadSchema.safeParse(json);
  return parsed.success ? { ok: true, payload: parsed.data } : { ok: false, problem: 'damaged' };
};
