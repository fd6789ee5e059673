// The officer's shell: finds out whether the organisation exists (setup or sign-in), then shows the signed-in
// screens. When a session ends, for any reason, everything it showed is dropped and the sign-in form returns.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { OrgDescriptor } from '../domain/org-protocol.ts';
import { inviteTokenOf } from '../domain/team-protocol.ts';
import { lazyComponent } from '../ui/lazy.tsx';
import { DevicesScreen } from './DevicesScreen.tsx';
import type { OfficerApi } from './officer-api.ts';
import { isOfficerError, OFFICER_SENTENCES, officerSentence } from './officer-errors.ts';
import { type OfficerScreen, officerHref, useOfficerRoute } from './officer-route.ts';
import { SetupScreen } from './SetupScreen.tsx';
import { SignInScreen } from './SignInScreen.tsx';
import type { OfficerSession, SessionEnd, SessionKeeper } from './session-keeper.ts';
import { AcceptInviteScreen } from './team/AcceptInviteScreen.tsx';

// The inbox (decryption, report layout, exports) is its own chunk: signing in loads only the shell.
const InboxArea = lazyComponent(() => import('./inbox/InboxArea.tsx').then((m) => m.InboxArea));

// More officers and the audit log: chunks of their own too.
const OfficersScreen = lazyComponent(() => import('./team/OfficersScreen.tsx').then((m) => m.OfficersScreen));
const AuditScreen = lazyComponent(() => import('./audit/AuditScreen.tsx').then((m) => m.AuditScreen));
const GuidanceScreen = lazyComponent(() => import('./guidance/GuidanceScreen.tsx').then((m) => m.GuidanceScreen));

const NAV: { screen: OfficerScreen; label: string }[] = [
  { screen: 'inbox', label: 'Inbox' },
  { screen: 'devices', label: 'Devices' },
  { screen: 'officers', label: 'Officers' },
  { screen: 'audit', label: 'Audit log' },
  { screen: 'guidance', label: 'Guidance' },
];

type Phase =
  | { kind: 'loading' }
  | { kind: 'unreachable'; sentence: string }
  | { kind: 'setup' }
  | { kind: 'invite'; token: string }
  | { kind: 'sign-in'; org: OrgDescriptor | null; notice: string | null }
  | { kind: 'signed-in'; session: OfficerSession };

const END_NOTICES: Record<SessionEnd, string | null> = {
  'signed-out': 'You have signed out.',
  'signed-out-idle': OFFICER_SENTENCES['signed-out-idle'],
  'session-expired': OFFICER_SENTENCES['session-expired'],
  'officer-removed': OFFICER_SENTENCES['officer-removed'],
};

export const OfficerApp = ({
  api,
  keeper,
  subscribeEnd,
}: {
  api: OfficerApi;
  keeper: SessionKeeper;
  /** Registers the app's handler for a session's end (idle, expiry, sign-out). */
  subscribeEnd: (handler: (reason: SessionEnd) => void) => void;
}) => {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const route = useOfficerRoute();

  const load = useCallback(async () => {
    // An invite link (`#invite=<token>`): the invitee's own screen, before anything else.
    const inviteToken = inviteTokenOf(window.location.hash);
    if (inviteToken) {
      setPhase({ kind: 'invite', token: inviteToken });
      return;
    }
    setPhase({ kind: 'loading' });
    try {
      const org = await api.organisation();
      setPhase(org ? { kind: 'sign-in', org, notice: null } : { kind: 'setup' });
    } catch (e) {
      setPhase({ kind: 'unreachable', sentence: officerSentence(e) });
    }
  }, [api]);

  useEffect(() => {
    subscribeEnd((reason) =>
      setPhase((current) => ({
        kind: 'sign-in',
        org: current.kind === 'signed-in' ? current.session.org : null,
        notice: END_NOTICES[reason],
      })),
    );
    void load();
  }, [load, subscribeEnd]);

  // A new screen takes the focus, so keyboard and screen-reader users start at its top, not on a vanished button.
  const main = useRef<HTMLElement>(null);
  const screenKey = phase.kind === 'signed-in' ? `${phase.kind}:${route.screen}:${route.id ?? ''}` : phase.kind;
  const shown = useRef(screenKey);
  useEffect(() => {
    if (shown.current === screenKey) return;
    shown.current = screenKey;
    if (phase.kind !== 'loading' && !main.current?.contains(document.activeElement)) main.current?.focus();
  }, [screenKey]);

  const signedIn = (session: OfficerSession) => {
    keeper.start(session);
    // The inbox is the screen after sign-in, whatever was open before the last session ended.
    window.location.hash = officerHref('inbox');
    setPhase({ kind: 'signed-in', session });
  };

  const signOut = async () => {
    const token = keeper.current?.token;
    keeper.end('signed-out');
    // The screen is cleared first; telling the server is best effort (an expired token is already gone).
    if (token) await api.signOut(token).catch(() => undefined);
  };

  /** An expired session on any call ends it here; other failures stay with the screen that met them. */
  const onFailure = (error: unknown): boolean => {
    if (isOfficerError(error, 'officer-removed')) {
      keeper.end('officer-removed');
      return true;
    }
    if (!isOfficerError(error, 'session-expired')) return false;
    keeper.end('session-expired');
    return true;
  };

  const session = phase.kind === 'signed-in' ? phase.session : null;
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="app-header">
        <span class="app-header__name">
          SafeVisit for officers{session ? <span class="officer-org">: {session.org.name}</span> : null}
        </span>
        {session && (
          <button type="button" class="button--header" onClick={signOut}>
            Sign out
          </button>
        )}
      </header>
      {session && (
        <nav class="app-nav" aria-label="Main">
          <ul>
            {NAV.map(({ screen, label }) => (
              <li key={screen}>
                <a href={officerHref(screen)} aria-current={route.screen === screen ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" ref={main} tabIndex={-1}>
        {phase.kind === 'loading' && <p class="muted">Loading…</p>}
        {phase.kind === 'unreachable' && (
          <section aria-labelledby="unreachable-title">
            <h1 id="unreachable-title">SafeVisit for officers</h1>
            <p class="error-text">{phase.sentence}</p>
            <div class="button-row">
              <button type="button" onClick={load}>
                Try again
              </button>
            </div>
          </section>
        )}
        {phase.kind === 'setup' && (
          <SetupScreen
            api={api}
            onSignedIn={signedIn}
            onAlreadySetUp={(notice) => setPhase({ kind: 'sign-in', org: null, notice })}
          />
        )}
        {phase.kind === 'invite' && <AcceptInviteScreen api={api} token={phase.token} onSignedIn={signedIn} />}
        {phase.kind === 'sign-in' && (
          <SignInScreen api={api} orgName={phase.org?.name ?? null} notice={phase.notice} onSignedIn={signedIn} />
        )}
        {session && route.screen === 'devices' && <DevicesScreen api={api} session={session} onFailure={onFailure} />}
        {session && route.screen === 'officers' && <OfficersScreen api={api} session={session} onFailure={onFailure} />}
        {session && route.screen === 'audit' && <AuditScreen api={api} session={session} onFailure={onFailure} />}
        {session && route.screen === 'guidance' && <GuidanceScreen api={api} session={session} onFailure={onFailure} />}
        {session && route.screen === 'inbox' && (
          <InboxArea api={api} session={session} reportId={route.id ?? null} onFailure={onFailure} />
        )}
      </main>
    </>
  );
};
