// The officer's screens' expected failures: which HTTP answer means what on which route, and the one plain
// sentence each gets. Pure: no network, no crypto; the API client and the screens both use it.
import { isAppError } from '../domain/errors.ts';
import type { WireIssue } from '../domain/protocol.ts';

/** The client-side idle limit: the officer is signed out after this long without touching the screen. */
export const OFFICER_IDLE_TIMEOUT_MS = 15 * 60_000;

export type OfficerProblem =
  | 'wrong-setup-code'
  | 'already-set-up'
  | 'wrong-sign-in'
  | 'session-expired'
  | 'signed-out-idle'
  | 'forbidden'
  | 'rate-limited'
  | 'unreachable'
  | 'timeout'
  | 'server-error'
  | 'bad-response'
  | 'invalid'
  | 'not-found'
  | 'keys-tampered'
  | 'keys-unreadable'
  | 'officer-removed'
  | 'invite-used'
  | 'invite-expired'
  | 'invite-unknown'
  | 'email-taken'
  | 'already-confirmed'
  | 'remove-self'
  | 'last-officer'
  | 'officers-changed'
  | 'key-not-newest'
  | 'keys-changed';

const minutes = (ms: number) => Math.round(ms / 60_000);

export const OFFICER_SENTENCES: Record<OfficerProblem, string> = {
  'wrong-setup-code':
    'That setup code is not right. Use the code the server printed when it first started; it works only once.',
  'already-set-up': 'This organisation has already been set up, so the setup code no longer works. Sign in instead.',
  'wrong-sign-in': 'That email address or passphrase is not right. Check both and try again.',
  'session-expired': 'Your session has ended. Sign in again to carry on.',
  'signed-out-idle': `You were signed out after ${minutes(OFFICER_IDLE_TIMEOUT_MS)} minutes without activity. Sign in again to carry on.`,
  forbidden: 'Your account is not allowed to do that yet. Ask another officer to confirm your account.',
  'rate-limited': 'Too many attempts in a short time. Wait a few minutes, then try again.',
  unreachable: 'The SafeVisit server could not be reached. Check your connection and try again.',
  timeout: 'The SafeVisit server took too long to answer. Try again in a moment.',
  'server-error': 'The SafeVisit server had a problem and did not finish. Try again in a moment.',
  'bad-response': 'The server sent an answer this page could not understand. Reload the page and try again.',
  invalid: 'Some information is missing or not valid. Check the form and try again.',
  'not-found': 'That could not be found. It may have been removed; reload the page.',
  'keys-tampered':
    'The organisation’s keys from the server did not check out, so nothing was opened. Tell whoever runs the server.',
  'keys-unreadable':
    'Your passphrase was accepted but your keys could not be opened. Tell whoever runs the server; nothing was changed.',
  'officer-removed': 'Your officer account has been removed from the organisation, so your session has ended.',
  'invite-used': 'This invite link has already been used. Ask the officer who invited you for a new one.',
  'invite-expired': 'This invite link has expired: invites last 7 days. Ask the officer who invited you for a new one.',
  'invite-unknown': 'This invite link does not work. Check that you copied the whole link, or ask for a new one.',
  'email-taken': 'An officer with this email address is already in the organisation.',
  'already-confirmed': 'This officer has already been confirmed.',
  'remove-self': 'You cannot remove yourself: ask another officer to do it.',
  'last-officer': 'This is the last confirmed officer, so they cannot be removed.',
  'officers-changed':
    'The officers changed while the new key was being made, so it was not published. Press the button again.',
  'key-not-newest':
    'The new key was not published: the server holds a newer one. Check this computer’s clock, then try again.',
  'keys-changed':
    'The organisation key was rotated after you signed in, so nothing was changed. Sign out and in again, then try again.',
};

/** An expected failure of the officer's screens, with what the server said when it helps the form. */
export class OfficerError extends Error {
  readonly problem: OfficerProblem;
  readonly retryAfterMs: number | undefined;
  readonly issues: WireIssue[];

  constructor(problem: OfficerProblem, options: { retryAfterMs?: number; issues?: WireIssue[]; cause?: unknown } = {}) {
    super(OFFICER_SENTENCES[problem], { cause: options.cause });
    this.name = 'OfficerError';
    this.problem = problem;
    this.retryAfterMs = options.retryAfterMs;
    this.issues = options.issues ?? [];
  }
}

export const isOfficerError = (e: unknown, problem?: OfficerProblem): e is OfficerError =>
  e instanceof OfficerError && (problem === undefined || e.problem === problem);

/**
 * What a request is, for reading its status: the setup, the sign-in (prelogin included), a route that needs the
 * session, or a public one.
 */
export type RouteKind = 'setup' | 'sign-in' | 'session' | 'public';

/** Codes the server puts in `error.code` that name the problem outright, whatever the status. */
const PROBLEM_OF_WIRE_CODE: Partial<Record<string, OfficerProblem>> = {
  'setup-code': 'wrong-setup-code',
  'already-set-up': 'already-set-up',
  'session-expired': 'session-expired',
  'rate-limited': 'rate-limited',
  'officer-removed': 'officer-removed',
  'invite-used': 'invite-used',
  'invite-expired': 'invite-expired',
  'invite-unknown': 'invite-unknown',
  'email-taken': 'email-taken',
  'already-confirmed': 'already-confirmed',
  'remove-self': 'remove-self',
  'last-officer': 'last-officer',
  'officers-changed': 'officers-changed',
  'key-not-newest': 'key-not-newest',
  'keys-changed': 'keys-changed',
};

/**
 * The problem an HTTP error answer means on a kind of route: by the server's `error.code` when it names one, else by
 * the status (2xx and 3xx are not problems: never asked).
 */
export const problemFor = (route: RouteKind, status: number, wireCode?: string): OfficerProblem => {
  const named = wireCode === undefined ? undefined : PROBLEM_OF_WIRE_CODE[wireCode];
  if (named && (route === 'setup' || named !== 'wrong-setup-code')) return named;
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-error';
  if (status === 400 || status === 413 || status === 415 || status === 422) return 'invalid';
  if (route === 'setup') {
    // A used code and a finished setup look the same to the officer: the organisation exists.
    if (status === 409 || status === 410) return 'already-set-up';
    if (status === 401 || status === 403) return 'wrong-setup-code';
  }
  if (route === 'sign-in' && (status === 401 || status === 403)) return 'wrong-sign-in';
  if (route === 'session' && status === 401) return 'session-expired';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  return 'bad-response';
};

const waitSentence = (ms: number): string => {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds >= 90
    ? `Wait ${Math.ceil(seconds / 60)} minutes, then try again.`
    : `Wait ${seconds} seconds, then try again.`;
};

/** The one sentence a screen shows for anything thrown at it; an unknown error gets a generic one, never a stack. */
export const officerSentence = (error: unknown): string => {
  if (error instanceof OfficerError) {
    if (error.problem === 'rate-limited' && error.retryAfterMs !== undefined)
      return `Too many attempts in a short time. ${waitSentence(error.retryAfterMs)}`;
    return error.message;
  }
  // Failures of the vault's organisation crypto.
  if (isAppError(error, 'wrong-passphrase')) return OFFICER_SENTENCES['keys-unreadable'];
  if (isAppError(error, 'tampered')) return OFFICER_SENTENCES['keys-tampered'];
  if (isAppError(error, 'invalid')) return OFFICER_SENTENCES['bad-response'];
  return 'Something went wrong and nothing was changed. Reload the page and try again.';
};
