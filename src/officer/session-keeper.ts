// Holds the signed-in officer's session in memory only (token, organisation, opened keys) and ends it: on
// "Sign out", after the idle limit without activity, and at the server's hard expiry. Never stores anything.
import type { Officer, OrgDescriptor } from '../domain/org-protocol.ts';
import { type Autolock, type AutolockClock, createAutolock } from '../vault/autolock.ts';
import type { OrgPrivateKeys } from '../vault/org.ts';
import type { OfficerApi } from './officer-api.ts';
import { OFFICER_IDLE_TIMEOUT_MS } from './officer-errors.ts';

export type OfficerSession = {
  token: string;
  /** Epoch ms after which the server refuses the token whatever happens. */
  expiresAt: number;
  /** The server's idle limit for this token. */
  idleTimeoutMs: number;
  officer: Officer;
  org: OrgDescriptor;
  /** The short readable code of the organisation's fingerprint, read out to workers at enrolment. */
  fingerprint: string;
  fingerprintCode: string;
  /** The short readable code of this officer's own public key, compared out of band when another confirms them. */
  keyCode?: string;
  /** Null for an officer not yet confirmed (no grants): they can sign in and read nothing. */
  orgKeys: OrgPrivateKeys | null;
};

/** What every signed-in screen is given: the API, the session, and the app's handler of an ended session. */
export type SignedInScreenProps = {
  api: OfficerApi;
  session: OfficerSession;
  /** A failure the screen cannot handle itself (an ended session); true when the app has dealt with it. */
  onFailure: (error: unknown) => boolean;
};

export type SessionEnd = 'signed-out' | 'signed-out-idle' | 'session-expired' | 'officer-removed';

export type SessionKeeperOptions = {
  /** Called once per session when it ends, with why; the screen clears itself and shows the sign-in form. */
  onEnd: (reason: SessionEnd) => void;
  idleMs?: number;
  clock?: AutolockClock;
};

const systemClock: AutolockClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

// setTimeout holds at most 2^31-1 ms; a later expiry is re-checked when this one fires.
const MAX_TIMER_MS = 2_147_000_000;

export type SessionKeeper = {
  readonly current: OfficerSession | null;
  /** Starts a session (replacing any other): the idle count starts now, the expiry timer at `expiresAt`. */
  start: (session: OfficerSession) => void;
  /** Ends the current session, if any, and tells `onEnd` why. */
  end: (reason: SessionEnd) => void;
  /** The idle counter, for `watchActivity(keeper.activity, document)`. */
  activity: Autolock;
  dispose: () => void;
};

export const createSessionKeeper = ({
  onEnd,
  idleMs = OFFICER_IDLE_TIMEOUT_MS,
  clock = systemClock,
}: SessionKeeperOptions): SessionKeeper => {
  let current: OfficerSession | null = null;
  let expiryTimer: unknown = null;

  const end = (reason: SessionEnd) => {
    if (!current) return;
    current = null;
    if (expiryTimer !== null) clock.clearTimeout(expiryTimer);
    expiryTimer = null;
    onEnd(reason);
  };

  // Hidden time counts as idle time (an officer's screen left in a background tab), so both limits are the same.
  const activity = createAutolock({
    lock: () => end('signed-out-idle'),
    afterMs: idleMs,
    hiddenAfterMs: idleMs,
    clock,
  });

  const watchExpiry = () => {
    if (!current) return;
    const wait = current.expiresAt - clock.now();
    if (wait <= 0) {
      end('session-expired');
      return;
    }
    expiryTimer = clock.setTimeout(watchExpiry, Math.min(wait, MAX_TIMER_MS));
  };

  return {
    get current() {
      return current;
    },
    start: (session) => {
      if (expiryTimer !== null) clock.clearTimeout(expiryTimer);
      expiryTimer = null;
      current = session;
      // The client never waits longer than the server would: its own limit or the server's, whichever is shorter.
      activity.setAfterMs(Math.min(idleMs, session.idleTimeoutMs));
      activity.activity();
      watchExpiry();
    },
    end,
    activity,
    dispose: () => {
      activity.dispose();
      if (expiryTimer !== null) clock.clearTimeout(expiryTimer);
      expiryTimer = null;
      current = null;
    },
  };
};
