// First run over a real socket: the one-time setup code creates the organisation and the first officer, then stops
// working; wrong codes are refused plainly and throttled; the database files are owner-only and hold no secret.
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ORG_PATHS, OrgDescriptorSchema, SessionResponseSchema } from '../../../src/domain/org-protocol.ts';
import { ErrorBodySchema } from '../../../src/domain/protocol.ts';
import {
  b64,
  manualClock,
  OFFICER_EMAIL,
  SETUP_CODE,
  send,
  setupRequest,
  signIn,
  startServer,
  type TestServer,
} from '../fixtures.ts';

const servers: TestServer[] = [];
const dirs: string[] = [];
const start = async (options: Parameters<typeof startServer>[0] = {}) => {
  const server = await startServer({ setupCode: SETUP_CODE, ...options });
  servers.push(server);
  return server;
};
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const errorOf = async (response: Response) => ErrorBodySchema.parse(await response.json()).error;

describe('first run', () => {
  it('answers GET /v2/org with 404 and a plain message before setup', async () => {
    const server = await start();
    const response = await send(server.url, ORG_PATHS.org);
    expect(response.status).toBe(404);
    expect((await errorOf(response)).message).toMatch(/no organisation yet/);
  });

  it('refuses a wrong setup code with 403 and a plain message, creating nothing', async () => {
    const server = await start();
    const response = await send(server.url, ORG_PATHS.setup, { body: setupRequest({ setupCode: 'WRONG-CODE-1234' }) });
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: 'setup-code', message: expect.stringMatching(/not right/) });
    expect((await send(server.url, ORG_PATHS.org)).status).toBe(404);
  });

  it('refuses every code when the server was given none', async () => {
    const server = await start({ setupCode: undefined });
    const response = await send(server.url, ORG_PATHS.setup, { body: setupRequest() });
    expect(response.status).toBe(403);
  });

  it('sets up the organisation with the right code (any case or dashes) and publishes it', async () => {
    const server = await start();
    const request = setupRequest({ setupCode: SETUP_CODE.toLowerCase().replaceAll('-', ' ') });
    const response = await send(server.url, ORG_PATHS.setup, { body: request });
    expect(response.status).toBe(201);
    const session = SessionResponseSchema.parse(await response.json());
    expect(session.officer).toMatchObject({ email: OFFICER_EMAIL, name: 'Sam Lead', confirmed: true });
    expect(session.keys).toEqual(request.officer.keys);
    expect(session.grants).toEqual([...request.grants].sort((a, b) => a.kid.localeCompare(b.kid)));

    const org = OrgDescriptorSchema.parse(await (await send(server.url, ORG_PATHS.org)).json());
    expect(org).toEqual({
      v: 1,
      name: request.organisation.name,
      signingKey: request.organisation.signingKey,
      nameSignature: request.organisation.nameSignature,
      encryptionKeys: [request.organisation.encryptionKey],
    });
    expect(session.org).toEqual(org);
    // The session works at once.
    expect((await send(server.url, ORG_PATHS.me, { token: session.token })).status).toBe(200);
  });

  it('refuses a second setup, even with the right code, and keeps the first organisation', async () => {
    const server = await start();
    const first = setupRequest();
    expect((await send(server.url, ORG_PATHS.setup, { body: first })).status).toBe(201);
    const second = await send(server.url, ORG_PATHS.setup, { body: setupRequest({ email: 'other@example.org' }) });
    expect(second.status).toBe(403);
    expect(await errorOf(second)).toMatchObject({ code: 'already-set-up', message: expect.stringMatching(/Sign in/) });
    const org = OrgDescriptorSchema.parse(await (await send(server.url, ORG_PATHS.org)).json());
    expect(org.signingKey).toBe(first.organisation.signingKey);
    expect((await signIn(server.url, 'other@example.org', b64(32))).status).toBe(401);
  });

  it('answers malformed setup details with 400 and the fields, never 500', async () => {
    const server = await start();
    const bad = setupRequest();
    bad.organisation.signingKey = 'not base64url!';
    const response = await send(server.url, ORG_PATHS.setup, { body: bad });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).issues?.map((i) => i.path)).toContain('organisation.signingKey');

    const missingGrant = setupRequest();
    missingGrant.grants = [
      missingGrant.grants[0] ?? { kid: 'signing', sealed: b64(300) },
      { kid: 'x1', sealed: b64(300) },
    ];
    expect((await send(server.url, ORG_PATHS.setup, { body: missingGrant })).status).toBe(400);
    expect((await send(server.url, ORG_PATHS.org)).status).toBe(404);
  });

  it('throttles trying codes: after 5 wrong codes even the right one waits (429, Retry-After) until the delay ends', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    for (let i = 0; i < 5; i++) {
      const wrong = await send(server.url, ORG_PATHS.setup, { body: setupRequest({ setupCode: `WRONG-${i}-CODE` }) });
      expect(wrong.status).toBe(403);
    }
    const blocked = await send(server.url, ORG_PATHS.setup, { body: setupRequest() });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await errorOf(blocked)).code).toBe('rate-limited');

    clock.advance(Number(blocked.headers.get('retry-after')) * 1000);
    expect((await send(server.url, ORG_PATHS.setup, { body: setupRequest() })).status).toBe(201);
  });

  it('keeps the data folder 0700 and the database files 0600, with no token or key in clear', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'safevisit-org-'));
    dirs.push(dir);
    const dataDir = join(dir, 'data');
    const dbPath = join(dataDir, 'safevisit.sqlite');
    const server = await start({ dbPath });
    const request = setupRequest();
    const setup = SessionResponseSchema.parse(
      await (await send(server.url, ORG_PATHS.setup, { body: request })).json(),
    );
    const signedIn = SessionResponseSchema.parse(
      await (await signIn(server.url, OFFICER_EMAIL, request.officer.authKey)).json(),
    );
    const enrolled = (await (
      await send(server.url, ORG_PATHS.devices, { token: signedIn.token, body: { name: 'Hall laptop' } })
    ).json()) as { token: string };

    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const files = (await readdir(dataDir)).filter((f) => f.startsWith('safevisit.sqlite'));
    expect(files).toContain('safevisit.sqlite');
    for (const file of files) expect(statSync(join(dataDir, file)).mode & 0o777).toBe(0o600);

    const bytes = Buffer.concat(files.map((f) => readFileSync(join(dataDir, f))));
    const secrets = [
      request.officer.authKey,
      Buffer.from(request.officer.authKey, 'base64url').toString('hex'),
      setup.token,
      signedIn.token,
      enrolled.token,
      SETUP_CODE,
    ];
    for (const secret of secrets) {
      expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'base64url'))).toBe(false);
    }
    // ...while the public values it is meant to keep are there (so the scan reads the right files).
    expect(bytes.includes(Buffer.from(request.organisation.signingKey, 'utf8'))).toBe(true);
  });
});
