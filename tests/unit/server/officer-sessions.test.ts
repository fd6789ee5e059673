// Officer accounts over a real socket: prelogin that reveals no account, sign-in with a slow-hashed authentication
// key, throttling of wrong ones, sessions that end when idle or old, sign-out, and the audit rows they leave.
import { describe, expect, it } from 'vitest';
import { SESSION_IDLE_TIMEOUT_MS, SESSION_MAX_AGE_MS } from '../../../server/officer-auth.ts';
import { ORG_PATHS, PreloginResponseSchema, SessionResponseSchema } from '../../../src/domain/org-protocol.ts';
import { ErrorBodySchema } from '../../../src/domain/protocol.ts';
import { b64, manualClock, OFFICER_EMAIL, send, setUpServersPerTest, signIn, startServer } from '../fixtures.ts';

const start = setUpServersPerTest();

const errorOf = async (response: Response) => ErrorBodySchema.parse(await response.json()).error;
const MINUTE_MS = 60_000;

describe('prelogin', () => {
  it('answers a known and an unknown address alike: same shape, a stable salt for each', async () => {
    const server = await start();
    const prelogin = async (email: string) => {
      const response = await send(server.url, ORG_PATHS.prelogin, { body: { email } });
      expect(response.status).toBe(200);
      return PreloginResponseSchema.parse(await response.json()).kdf;
    };
    const known = await prelogin(OFFICER_EMAIL.toUpperCase());
    expect(known).toEqual(server.request.officer.kdf);

    const unknown = await prelogin('nobody@example.org');
    expect(Object.keys(unknown).sort()).toEqual(Object.keys(known).sort());
    expect(unknown.iterations).toBe(known.iterations);
    expect(unknown.salt).toHaveLength(known.salt.length);
    expect(unknown.salt).not.toBe(known.salt);
    expect(await prelogin('nobody@example.org')).toEqual(unknown);
    expect((await prelogin('someone-else@example.org')).salt).not.toBe(unknown.salt);
  });

  it('answers before any organisation exists too, and a malformed address with 400', async () => {
    const server = await startServer();
    try {
      const response = await send(server.url, ORG_PATHS.prelogin, { body: { email: 'nobody@example.org' } });
      expect(PreloginResponseSchema.parse(await response.json()).kdf.name).toBe('PBKDF2-SHA256');
      const bad = await send(server.url, ORG_PATHS.prelogin, { body: { email: 'not-an-email' } });
      expect(bad.status).toBe(400);
    } finally {
      await server.close();
    }
  });
});

describe('sign-in', () => {
  it('signs in with the right authentication key and answers a session with keys, grants and the organisation', async () => {
    const server = await start();
    const response = await signIn(server.url, OFFICER_EMAIL, server.request.officer.authKey);
    expect(response.status).toBe(200);
    const session = SessionResponseSchema.parse(await response.json());
    expect(session.token).not.toBe(server.session.token);
    expect(session.officer.id).toBe(server.session.officer.id);
    expect(session.keys).toEqual(server.request.officer.keys);
    expect(session.grants).toHaveLength(2);
    expect(session.idleTimeoutMs).toBe(SESSION_IDLE_TIMEOUT_MS);

    const me = SessionResponseSchema.parse(
      await (await send(server.url, ORG_PATHS.me, { token: session.token })).json(),
    );
    expect(me.officer).toEqual(session.officer);
    expect(me.org).toEqual(session.org);
  });

  it('refuses a wrong key and an unknown address with the same 401 and plain message', async () => {
    const server = await start();
    const wrong = await signIn(server.url, OFFICER_EMAIL, b64(32));
    const unknown = await signIn(server.url, 'nobody@example.org', b64(32));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await errorOf(wrong), await errorOf(unknown)];
    expect(a).toEqual(b);
    expect(a.message).toBe('That email address and passphrase do not match an officer account.');
  });

  it('keeps a slow salted hash of the authentication key, never the key itself', async () => {
    const server = await start();
    const officer = await server.app.orgStore.officerByEmail(OFFICER_EMAIL);
    const authKey = server.request.officer.authKey;
    expect(officer?.authHash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(officer?.authHash).not.toContain(authKey);
  });

  it('throttles wrong keys per account: after 5, even the right key waits (429, Retry-After) until the delay ends', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    for (let i = 0; i < 5; i++) expect((await signIn(server.url, OFFICER_EMAIL, b64(32))).status).toBe(401);
    const blocked = await signIn(server.url, OFFICER_EMAIL, server.request.officer.authKey);
    expect(blocked.status).toBe(429);
    const retryAfterS = Number(blocked.headers.get('retry-after'));
    expect(retryAfterS).toBeGreaterThanOrEqual(1);
    expect((await errorOf(blocked)).message).toMatch(/Too many wrong passphrases/);

    // The delay grows: one more wrong key after the wait makes the next wait longer.
    clock.advance(retryAfterS * 1000);
    expect((await signIn(server.url, OFFICER_EMAIL, b64(32))).status).toBe(401);
    const longer = await signIn(server.url, OFFICER_EMAIL, server.request.officer.authKey);
    expect(longer.status).toBe(429);
    expect(Number(longer.headers.get('retry-after'))).toBeGreaterThan(retryAfterS);

    clock.advance(Number(longer.headers.get('retry-after')) * 1000);
    expect((await signIn(server.url, OFFICER_EMAIL, server.request.officer.authKey)).status).toBe(200);
  });

  it('throttles per address across many accounts', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    for (let i = 0; i < 20; i++) expect((await signIn(server.url, `guess${i}@example.org`, b64(32))).status).toBe(401);
    expect((await signIn(server.url, OFFICER_EMAIL, server.request.officer.authKey)).status).toBe(429);
  });

  it('writes audit rows for setup, sign-in and failed sign-in: ids only', async () => {
    const server = await start();
    await signIn(server.url, OFFICER_EMAIL, b64(32));
    await signIn(server.url, 'nobody@example.org', b64(32));
    await signIn(server.url, OFFICER_EMAIL, server.request.officer.authKey);
    const officerId = server.session.officer.id;
    const rows = await server.app.orgStore.auditLog();
    expect(rows.map((r) => [r.action, r.officerId])).toEqual([
      ['setup', officerId],
      ['sign-in-failed', officerId],
      ['sign-in-failed', null],
      ['sign-in', officerId],
    ]);
    expect(JSON.stringify(rows)).not.toContain('example.org');
  });
});

describe('sessions', () => {
  it('refuses an officer route without a session, with a made-up token, or with a device token (401)', async () => {
    const server = await start();
    for (const token of [undefined, b64(32), 'short']) {
      const response = await send(server.url, ORG_PATHS.me, { token });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect((await errorOf(response)).code).toBe('unauthorised');
    }
    expect((await send(server.url, ORG_PATHS.devices, { body: { name: 'x' } })).status).toBe(401);
  });

  it('ends a session after 15 minutes idle, and keeps it while it is used', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    const { token } = server.session;
    clock.advance(SESSION_IDLE_TIMEOUT_MS - MINUTE_MS);
    expect((await send(server.url, ORG_PATHS.me, { token })).status).toBe(200);
    clock.advance(SESSION_IDLE_TIMEOUT_MS - MINUTE_MS);
    expect((await send(server.url, ORG_PATHS.me, { token })).status).toBe(200);
    clock.advance(SESSION_IDLE_TIMEOUT_MS);
    const expired = await send(server.url, ORG_PATHS.me, { token });
    expect(expired.status).toBe(401);
    expect(await errorOf(expired)).toEqual({
      code: 'session-expired',
      message: 'Your session has ended. Sign in again.',
    });
    // Told once: the ended session is gone, so the token is now one this server does not know.
    expect((await errorOf(await send(server.url, ORG_PATHS.me, { token }))).code).toBe('unauthorised');
  });

  it('ends a session 8 hours after sign-in even when used all along', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    const { token, expiresAt } = server.session;
    expect(Date.parse(expiresAt)).toBe(clock.now() + SESSION_MAX_AGE_MS);
    const step = 10 * MINUTE_MS;
    for (let t = step; t < SESSION_MAX_AGE_MS; t += step) {
      clock.advance(step);
      expect((await send(server.url, ORG_PATHS.me, { token })).status).toBe(200);
    }
    clock.advance(step);
    expect((await errorOf(await send(server.url, ORG_PATHS.me, { token }))).code).toBe('session-expired');
  });

  it('signs out: the token stops working at once and an audit row says so', async () => {
    const server = await start();
    const { token } = server.session;
    expect((await send(server.url, ORG_PATHS.signOut, { method: 'POST', token })).status).toBe(204);
    expect((await send(server.url, ORG_PATHS.me, { token })).status).toBe(401);
    expect((await server.app.orgStore.auditLog()).at(-1)?.action).toBe('sign-out');
  });
});
