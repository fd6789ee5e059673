// The organisation routes' refusals that need a particular moment or shape, over a real socket: an officer removed
// while their request is past the session lookup, a database failing during the session check, and setup grants that
// miss the signing or the encryption key.
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { enrolledDeviceLookup } from '../../../server/devices.ts';
import { STORAGE_RETRY_AFTER_S } from '../../../server/http-errors.ts';
import { DEVICE_RATE_LIMIT, registerOrgRoutes } from '../../../server/org-routes.ts';
import { openStore } from '../../../server/storage/open-store.ts';
import type { Store } from '../../../server/storage/types.ts';
import { AppError } from '../../../src/domain/errors.ts';
import { ORG_PATHS } from '../../../src/domain/org-protocol.ts';
import { ErrorBodySchema } from '../../../src/domain/protocol.ts';
import { b64, joinAsNewOfficer, send, setupRequest, startServer, startSetUpServer } from '../fixtures.ts';

const closing: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const item of closing.splice(0).reverse()) await item.close();
});
const errorOf = async (response: Response) => ({
  status: response.status,
  ...ErrorBodySchema.parse(await response.json()).error,
});

describe('the role hook', () => {
  it('answers 401 "sign in first", not 500, to an officer removed after their session was looked up', async () => {
    // A real SQLite store; the removal lands between the session lookup and the officer lookup of Bo's request.
    const real: Store = await openStore({ dbPath: ':memory:' });
    closing.push(real);
    let meanwhile: (() => Promise<unknown>) | undefined;
    const store: Store = {
      ...real,
      sessionByHash: async (tokenHash) => {
        const session = await real.sessionByHash(tokenHash);
        const run = meanwhile;
        meanwhile = undefined;
        await run?.();
        return session;
      },
    };
    const server = await startSetUpServer({ store });
    closing.push(server);
    const bo = await joinAsNewOfficer(server, 'bo@example.org');
    meanwhile = () => real.removeOfficer(bo.officer.id, server.session.officer.id, new Date().toISOString());
    const response = await send(server.url, ORG_PATHS.me, { token: bo.session.token });
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await errorOf(response)).toEqual({
      status: 401,
      code: 'unauthorised',
      message: 'Sign in first: this needs an officer’s session.',
    });
  });
});

describe('the role hook on a failing database', () => {
  it('answers 503 "try again later" with Retry-After, not 500, when the store fails while it checks the session', async () => {
    const real: Store = await openStore({ dbPath: ':memory:' });
    closing.push(real);
    let failing = false;
    const store: Store = {
      ...real,
      touchSession: async (tokenHash, at) => {
        if (failing) throw new AppError('storage-unavailable', undefined, { cause: new Error('disk I/O error') });
        return real.touchSession(tokenHash, at);
      },
    };
    const server = await startSetUpServer({ store });
    closing.push(server);
    failing = true;
    const response = await send(server.url, ORG_PATHS.me, { token: server.session.token });
    expect(response.headers.get('retry-after')).toBe(String(STORAGE_RETRY_AFTER_S));
    expect(await errorOf(response)).toEqual({
      status: 503,
      code: 'storage-unavailable',
      message: 'The server cannot store reports right now; try again later.',
    });
    failing = false;
    expect((await send(server.url, ORG_PATHS.me, { token: server.session.token })).status).toBe(200);
  });
});

describe('a route that does not say who may call it', () => {
  it('is for signed-in officers: closed to nobody and to a device, open to an officer', async () => {
    const store: Store = await openStore({ dbPath: ':memory:' });
    closing.push(store);
    const clock = () => new Date();
    const app = Fastify();
    closing.push(app);
    await app.register(async (org) => {
      await registerOrgRoutes(org, {
        store,
        reports: store,
        clock,
        setupCode: setupRequest().setupCode,
        enrolled: enrolledDeviceLookup(store, clock),
        rateLimit: false,
        deviceRateLimit: DEVICE_RATE_LIMIT,
        lifecycle: store,
      });
      org.get('/v2/forgot-to-say', async () => ({ reached: true }));
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const setUp = await send(url, ORG_PATHS.setup, { body: setupRequest() });
    const { token } = (await setUp.json()) as { token: string };
    const enrolled = await send(url, ORG_PATHS.devices, { token, body: { name: 'Hall laptop' } });
    const device = ((await enrolled.json()) as { token: string }).token;
    for (const caller of [undefined, device]) {
      expect(await errorOf(await send(url, '/v2/forgot-to-say', { token: caller }))).toMatchObject({
        status: 401,
        code: 'unauthorised',
      });
    }
    const officer = await send(url, '/v2/forgot-to-say', { token });
    expect(await officer.json()).toEqual({ reached: true });
  });
});

describe('setup', () => {
  it('refuses grants without the signing key or without the organisation’s encryption key, creating nothing', async () => {
    const server = await startServer({ setupCode: setupRequest().setupCode });
    closing.push(server);
    const request = setupRequest();
    const [signingGrant, keyGrant] = request.grants;
    if (!signingGrant || !keyGrant) throw new Error('setupRequest has two grants');
    for (const grants of [
      [keyGrant, { kid: 'k-other', sealed: b64(300) }],
      [signingGrant, { kid: 'k-other', sealed: b64(300) }],
    ]) {
      expect(await errorOf(await send(server.url, ORG_PATHS.setup, { body: { ...request, grants } }))).toEqual({
        status: 400,
        code: 'invalid',
        message: 'The setup details are not valid.',
        issues: [{ path: 'grants', message: 'must hold the signing key and the encryption key once each' }],
      });
    }
    expect((await send(server.url, ORG_PATHS.org)).status).toBe(404);
    expect((await send(server.url, ORG_PATHS.setup, { body: request })).status).toBe(201);
  });
});

describe('sentences', () => {
  it('answers malformed setup, prelogin and sign-in bodies with 400, the field and each its sentence', async () => {
    const server = await startServer({ setupCode: setupRequest().setupCode });
    closing.push(server);
    const bad = setupRequest();
    bad.officer.email = 'not-an-email';
    for (const [path, body, message, field] of [
      [ORG_PATHS.setup, bad, 'The setup details are not valid.', 'officer.email'],
      [ORG_PATHS.prelogin, { email: 'not-an-email' }, 'Enter an email address.', 'email'],
      [ORG_PATHS.signIn, { email: 'lead@example.org' }, 'Enter your email address and passphrase.', 'authKey'],
    ] as const) {
      const error = await errorOf(await send(server.url, path, { body }));
      expect(error).toMatchObject({ status: 400, code: 'invalid', message });
      expect(error.issues?.map((i) => i.path)).toEqual([field]);
    }
  });

  it('names what was tried too often when it holds a caller back', async () => {
    const fresh = await startServer({ setupCode: setupRequest().setupCode });
    closing.push(fresh);
    const setUp = await startSetUpServer();
    closing.push(setUp);
    const wrongCode = () => send(fresh.url, ORG_PATHS.setup, { body: setupRequest({ setupCode: 'WRONG-CODE-1234' }) });
    const wrongKey = () => send(setUp.url, ORG_PATHS.signIn, { body: { email: 'lead@example.org', authKey: b64(32) } });
    for (const [attempt, what] of [
      [wrongKey, 'passphrases'],
      [wrongCode, 'setup codes'],
    ] as const) {
      // Five wrong tries are free; the sixth is held.
      for (let i = 0; i < 5; i++) expect((await attempt()).status).not.toBe(429);
      expect(await errorOf(await attempt())).toEqual({
        status: 429,
        code: 'rate-limited',
        message: `Too many wrong ${what}. Wait for the time in Retry-After and try again.`,
      });
    }
  });
});

describe('who may call what', () => {
  it('lets an officer not yet confirmed read their session and sign out, and tells nobody each its code', async () => {
    const server = await startSetUpServer();
    closing.push(server);
    const bo = await joinAsNewOfficer(server, 'bo@example.org');
    expect((await send(server.url, ORG_PATHS.me, { token: bo.session.token })).status).toBe(200);
    expect((await send(server.url, ORG_PATHS.signOut, { method: 'POST', token: bo.session.token })).status).toBe(204);
    expect(
      await errorOf(await send(server.url, ORG_PATHS.signIn, { body: { email: 'bo@example.org', authKey: b64(32) } })),
    ).toMatchObject({
      status: 401,
      code: 'unauthorised',
    });
    expect(await errorOf(await send(server.url, ORG_PATHS.deviceStatus))).toEqual({
      status: 401,
      code: 'unauthorised',
      message: 'Send this device’s access token: Authorization: Bearer <token>.',
    });
    const fresh = await startServer();
    closing.push(fresh);
    expect(await errorOf(await send(fresh.url, ORG_PATHS.org))).toMatchObject({ status: 404, code: 'not-found' });
  });
});
