// The guessing throttles of the organisation routes over a real socket, behind a proxy that names each caller's
// address (X-Forwarded-For): setup codes per address and for everyone together, passphrases per account, the exact
// Retry-After of each doubling delay, a right passphrase clearing its account, and failures forgotten after an hour.
import { afterEach, describe, expect, it } from 'vitest';
import { ORG_PATHS } from '../../../src/domain/org-protocol.ts';
import { ErrorBodySchema } from '../../../src/domain/protocol.ts';
import {
  b64,
  manualClock,
  OFFICER_EMAIL,
  SETUP_CODE,
  send,
  setUpServersPerTest,
  setupRequest,
  startServer,
  type TestServer,
} from '../fixtures.ts';

const HOUR_MS = 60 * 60_000;
const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
const startBehindProxy = async () => {
  const clock = manualClock();
  const server = await startServer({ setupCode: SETUP_CODE, now: clock.date, trustProxy: true });
  servers.push(server);
  return { server, clock };
};
const startSetUp = setUpServersPerTest();

const from = (address: string) => ({ 'X-Forwarded-For': address });
const setUpWith = (server: TestServer, code: string, address = '10.0.0.1') =>
  send(server.url, ORG_PATHS.setup, { body: setupRequest({ setupCode: code }), headers: from(address) });
const wrongCode = (server: TestServer, address = '10.0.0.1') => setUpWith(server, 'WRONG-CODE-1234', address);

const statusAndWait = async (response: Response) => {
  const wait = response.headers.get('retry-after');
  const body = response.status === 429 ? ErrorBodySchema.parse(await response.json()).error.code : undefined;
  if (body === undefined) await response.body?.cancel();
  return { status: response.status, wait, code: body };
};

describe('setup code throttles', () => {
  it('waits 1 s after the fifth wrong code from an address, then 2 s after the sixth, rounding a part second up', async () => {
    const { server, clock } = await startBehindProxy();
    for (let i = 0; i < 5; i++) expect((await wrongCode(server)).status).toBe(403);
    expect(await statusAndWait(await setUpWith(server, SETUP_CODE))).toEqual({
      status: 429,
      wait: '1',
      code: 'rate-limited',
    });
    clock.advance(1_000);
    expect((await wrongCode(server)).status).toBe(403);
    expect((await statusAndWait(await wrongCode(server))).wait).toBe('2');
    clock.advance(500);
    expect((await statusAndWait(await wrongCode(server))).wait).toBe('2');
    clock.advance(1_499);
    expect((await statusAndWait(await wrongCode(server))).wait).toBe('1');
    clock.advance(1);
    expect((await setUpWith(server, SETUP_CODE)).status).toBe(201);
  });

  it('holds one address, not the others, until everyone together has tried 20 wrong codes', async () => {
    const { server } = await startBehindProxy();
    for (let i = 0; i < 5; i++) expect((await wrongCode(server, '10.0.0.1')).status).toBe(403);
    expect((await wrongCode(server, '10.0.0.1')).status).toBe(429);
    // 3 more addresses, 14 more wrong codes: 19 in all, under the ceiling of 20.
    for (const address of ['10.0.0.2', '10.0.0.3', '10.0.0.4']) {
      for (let i = 0; i < 4; i++) expect((await wrongCode(server, address)).status).toBe(403);
    }
    expect((await wrongCode(server, '10.0.0.5')).status).toBe(403);
    expect((await wrongCode(server, '10.0.0.5')).status).toBe(403);
    // The 20th wrong code, from anywhere: now even a new address with the right code waits.
    expect((await wrongCode(server, '10.0.0.6')).status).toBe(403);
    expect(await statusAndWait(await setUpWith(server, SETUP_CODE, '10.0.0.7'))).toMatchObject({ status: 429 });
  });

  it('forgets an address’s wrong codes an hour after the last one, not before', async () => {
    const { server, clock } = await startBehindProxy();
    for (let i = 0; i < 5; i++) expect((await wrongCode(server)).status).toBe(403);
    clock.advance(HOUR_MS - 1);
    // Still remembered: one more makes six, and a wait of 2 s.
    expect((await wrongCode(server)).status).toBe(403);
    expect((await wrongCode(server)).status).toBe(429);
    clock.advance(HOUR_MS);
    // Forgotten: five free tries again.
    for (let i = 0; i < 5; i++) expect((await wrongCode(server)).status).toBe(403);
    expect((await wrongCode(server)).status).toBe(429);
  });
});

describe('passphrase throttles', () => {
  it('clears an account’s wrong passphrases when the right one signs in', async () => {
    const clock = manualClock();
    const server = await startSetUp({ now: clock.date });
    const signIn = (authKey: string) => send(server.url, ORG_PATHS.signIn, { body: { email: OFFICER_EMAIL, authKey } });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) expect((await signIn(b64(32))).status).toBe(401);
      expect((await signIn(server.request.officer.authKey)).status).toBe(200);
    }
    // Without the clearing these would be the 9th and 10th failures, and held.
    expect((await signIn(b64(32))).status).toBe(401);
    expect((await signIn(server.request.officer.authKey)).status).toBe(200);
  });

  it('answers a held account with 429 and the exact wait, without checking the passphrase', async () => {
    const clock = manualClock();
    const server = await startSetUp({ now: clock.date });
    const signIn = (authKey: string) => send(server.url, ORG_PATHS.signIn, { body: { email: OFFICER_EMAIL, authKey } });
    for (let i = 0; i < 5; i++) expect((await signIn(b64(32))).status).toBe(401);
    const held = await statusAndWait(await signIn(server.request.officer.authKey));
    expect(held).toEqual({ status: 429, wait: '1', code: 'rate-limited' });
    // A held try is not counted: once the second has passed, one wrong passphrase holds the account for 2 s.
    clock.advance(1_000);
    expect((await signIn(b64(32))).status).toBe(401);
    expect((await statusAndWait(await signIn(b64(32)))).wait).toBe('2');
    // Another account from another address is not held.
    expect(
      (
        await send(server.url, ORG_PATHS.signIn, {
          body: { email: 'other@example.org', authKey: b64(32) },
        })
      ).status,
    ).toBe(401);
  });
});

describe('passphrase throttles per address', () => {
  it('hold an address after 20 wrong passphrases, whatever the accounts, and not the addresses beside it', async () => {
    const server = await startSetUp({ now: manualClock().date, trustProxy: true });
    const signIn = (email: string, authKey: string, address: string) =>
      send(server.url, ORG_PATHS.signIn, { body: { email, authKey }, headers: from(address) });
    // One wrong try for each of 20 accounts: no account is held, the address is.
    for (let i = 0; i < 20; i++) expect((await signIn(`guess-${i}@example.org`, b64(32), '10.0.0.1')).status).toBe(401);
    const held = await statusAndWait(await signIn(OFFICER_EMAIL, server.request.officer.authKey, '10.0.0.1'));
    expect(held).toEqual({ status: 429, wait: '1', code: 'rate-limited' });
    expect((await signIn(OFFICER_EMAIL, server.request.officer.authKey, '10.0.0.2')).status).toBe(200);
  });
});

describe('the officer’s rate limit', () => {
  it('counts an officer’s requests by the officer, apart from their address', async () => {
    const server = await startSetUp({ rateLimit: { max: 4, timeWindowMs: 60_000 } });
    // The address has spent 1 (the setup); a second session of the same officer shares the officer's budget.
    const second = await send(server.url, ORG_PATHS.signIn, {
      body: { email: OFFICER_EMAIL, authKey: server.request.officer.authKey },
    });
    const token2 = ((await second.json()) as { token: string }).token;
    const statuses: number[] = [];
    for (const token of [server.session.token, token2, server.session.token, token2, token2]) {
      const response = await send(server.url, ORG_PATHS.me, { token });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    // The address itself has spent 2 of its 4, and a public route counts by address whatever token comes with it.
    const prelogin = await send(server.url, ORG_PATHS.prelogin, {
      token: server.session.token,
      body: { email: OFFICER_EMAIL },
    });
    expect(prelogin.status).toBe(200);
    expect(prelogin.headers.get('cache-control')).toBe('no-store');
  });
});

describe('a refused caller', () => {
  it('goes no further than the refusal: nothing is enrolled for a missing or made-up session', async () => {
    const server = await startSetUp();
    for (const token of [undefined, b64(32)]) {
      const refused = await send(server.url, ORG_PATHS.devices, { token, body: { name: 'Stolen laptop' } });
      expect(refused.status).toBe(401);
      await refused.body?.cancel();
    }
    expect(await server.app.orgStore.listDevices()).toEqual([]);
  });

  it('cannot set up with a grant repeated, even one of each key being there', async () => {
    const { server } = await startBehindProxy();
    const request = setupRequest();
    const [signingGrant, keyGrant] = request.grants;
    if (!signingGrant || !keyGrant) throw new Error('setupRequest has two grants');
    request.grants = [signingGrant, keyGrant, { ...keyGrant }];
    const response = await send(server.url, ORG_PATHS.setup, { body: request });
    expect(response.status).toBe(400);
    expect(ErrorBodySchema.parse(await response.json()).error.issues).toEqual([
      { path: 'grants', message: 'must hold the signing key and the encryption key once each' },
    ]);
  });
});
