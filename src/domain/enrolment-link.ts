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
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '');
};

// atob also takes '+', '/', '=' and spaces: a link holds base64url only. Throws on anything else (decodeEnrolmentLink
// answers 'damaged').
const fromBase64Url = (text: string): Uint8Array => {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new SyntaxError();
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
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
  const at = text.indexOf(ENROL_FRAGMENT_PREFIX);
  if (text.length > ENROLMENT_LINK_MAX_CHARS || at < 0) return { ok: false, problem: 'not-a-link' };
  try {
    // Text that is not base64url (atob also refuses a length no encoder makes), bytes that are not UTF-8, text that
    // is not JSON, JSON null (at `.v`) and a payload of another shape all throw here: the link is damaged.
    const json = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(text.slice(at + ENROL_FRAGMENT_PREFIX.length))),
    );
    if (typeof json.v === 'number' && json.v > 1) return { ok: false, problem: 'unsupported' };
    return { ok: true, payload: EnrolmentPayloadSchema.parse(json) };
  } catch {
    return { ok: false, problem: 'damaged' };
  }
};
