import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrgDescriptor } from '../../../src/domain/org-protocol.ts';
import { OFFICER_IDLE_TIMEOUT_MS } from '../../../src/officer/officer-errors.ts';
import { createSessionKeeper, type OfficerSession } from '../../../src/officer/session-keeper.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

const session = (overrides: Partial<OfficerSession> = {}): OfficerSession => ({
  token: 't'.repeat(43),
  expiresAt: Date.now() + 8 * HOUR_MS,
  idleTimeoutMs: OFFICER_IDLE_TIMEOUT_MS,
  officer: { id: 'o1', name: 'Ada', email: 'ada@example.org', confirmed: true, createdAt: new Date().toISOString() },
  org: { name: 'Example Trust' } as OrgDescriptor,
  fingerprint: 'f'.repeat(43),
  fingerprintCode: 'ABCD-EFGH',
  orgKeys: null,
  ...overrides,
});

describe('the officer session keeper', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('signs out after 15 minutes without activity, not before, and forgets the session', () => {
    const onEnd = vi.fn();
    const keeper = createSessionKeeper({ onEnd });
    keeper.start(session());
    vi.advanceTimersByTime(OFFICER_IDLE_TIMEOUT_MS - 1);
    expect(onEnd).not.toHaveBeenCalled();
    expect(keeper.current?.token).toBe('t'.repeat(43));
    vi.advanceTimersByTime(1);
    expect(onEnd).toHaveBeenCalledExactlyOnceWith('signed-out-idle');
    expect(keeper.current).toBeNull();
    vi.advanceTimersByTime(HOUR_MS);
    expect(onEnd).toHaveBeenCalledTimes(1);
    keeper.dispose();
  });

  it('keeps an active officer signed in past 15 minutes', () => {
    const onEnd = vi.fn();
    const keeper = createSessionKeeper({ onEnd });
    keeper.start(session());
    for (let i = 0; i < 6; i++) {
      vi.advanceTimersByTime(10 * MINUTE_MS);
      keeper.activity.activity();
    }
    expect(onEnd).not.toHaveBeenCalled();
    expect(keeper.current).not.toBeNull();
    keeper.dispose();
  });

  it('counts time in a hidden tab as idle and signs out on return once the limit has passed', () => {
    const onEnd = vi.fn();
    const keeper = createSessionKeeper({ onEnd });
    keeper.start(session());
    keeper.activity.hidden();
    // A background tab's timers may not run at all: jump the clock without firing them.
    vi.setSystemTime(Date.now() + OFFICER_IDLE_TIMEOUT_MS + MINUTE_MS);
    keeper.activity.visible();
    expect(onEnd).toHaveBeenCalledExactlyOnceWith('signed-out-idle');
    keeper.dispose();
  });

  it('follows a shorter idle limit from the server', () => {
    const onEnd = vi.fn();
    const keeper = createSessionKeeper({ onEnd });
    keeper.start(session({ idleTimeoutMs: 5 * MINUTE_MS }));
    vi.advanceTimersByTime(5 * MINUTE_MS);
    expect(onEnd).toHaveBeenCalledExactlyOnceWith('signed-out-idle');
    keeper.dispose();
  });

  it('never waits longer than 15 minutes even when the server allows more', () => {
    const onEnd = vi.fn();
    const keeper = createSessionKeeper({ onEnd });
    keeper.start(session({ idleTimeoutMs: HOUR_MS }));
    vi.advanceTimersByTime(OFFICER_IDLE_TIMEOUT_MS);
    expect(onEnd).toHaveBeenCalledExactlyOnceWith('signed-out-idle');
    keeper.dispose();
  });

  it('ends the session at its hard expiry even while the officer is active', () => {
    const onEnd = vi.fn();
    const keeper = createSessionKeeper({ onEnd });
    keeper.start(session({ expiresAt: Date.now() + 20 * MINUTE_MS }));
    vi.advanceTimersByTime(10 * MINUTE_MS);
    keeper.activity.activity();
    vi.advanceTimersByTime(10 * MINUTE_MS);
    expect(onEnd).toHaveBeenCalledExactlyOnceWith('session-expired');
    expect(keeper.current).toBeNull();
    keeper.dispose();
  });

  it('ends at once a session that arrives already expired', () => {
    const onEnd = vi.fn();
    const keeper = createSessionKeeper({ onEnd });
    keeper.start(session({ expiresAt: Date.now() - 1 }));
    expect(onEnd).toHaveBeenCalledExactlyOnceWith('session-expired');
    keeper.dispose();
  });

  it('says "signed-out" for a sign-out, once, and then no timer fires for the old session', () => {
    const onEnd = vi.fn();
    const keeper = createSessionKeeper({ onEnd });
    keeper.start(session());
    keeper.end('signed-out');
    keeper.end('signed-out');
    vi.advanceTimersByTime(9 * HOUR_MS);
    expect(onEnd).toHaveBeenCalledExactlyOnceWith('signed-out');
    keeper.dispose();
  });

  it('starts a fresh idle count when signing in again after an idle sign-out', () => {
    const onEnd = vi.fn();
    const keeper = createSessionKeeper({ onEnd });
    keeper.start(session());
    vi.advanceTimersByTime(OFFICER_IDLE_TIMEOUT_MS + HOUR_MS);
    expect(onEnd).toHaveBeenCalledTimes(1);
    keeper.start(session());
    vi.advanceTimersByTime(OFFICER_IDLE_TIMEOUT_MS - 1);
    expect(onEnd).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(onEnd).toHaveBeenCalledTimes(2);
    keeper.dispose();
  });
});
