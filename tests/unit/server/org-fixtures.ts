// Typed builders for the organisation routes: opaque values shaped like real base64url keys (the server never parses
// them as keys), a setup request, an injectable clock, and JSON request helpers.
import { randomBytes } from 'node:crypto';
import { afterEach } from 'vitest';
import type { SessionResponse, SetupRequest } from '../../../src/domain/org-protocol.ts';
import { ORG_PATHS, SessionResponseSchema } from '../../../src/domain/org-protocol.ts';
import { startServer, type TestServer } from './server-fixtures.ts';

export const SETUP_CODE = 'TEST-SETUP-CODE-2026';
export const OFFICER_EMAIL = 'lead@example.org';

/** base64url of `bytes` random bytes: 65 -> 87 chars (a P-256 point), 32 -> 43 (a key), 91 -> 122 (an SPKI). */
export const b64 = (bytes: number): string => randomBytes(bytes).toString('base64url');

/** With `organisation` (from buildOrganisation), the server publishes real keys that seal reports tests can open. */
export const setupRequest = (
  overrides: { setupCode?: string; email?: string; authKey?: string; organisation?: SetupRequest['organisation'] } = {},
): SetupRequest => {
  const organisation = overrides.organisation ?? {
    name: 'Camden Children’s Services',
    signingKey: b64(91),
    nameSignature: b64(64),
    encryptionKey: {
      kid: `k-${b64(9)}`,
      publicKey: b64(65),
      createdAt: '2026-11-01T09:00:00.000Z',
      signature: b64(64),
    },
  };
  const kid = organisation.encryptionKey.kid;
  return {
    setupCode: overrides.setupCode ?? SETUP_CODE,
    organisation,
    officer: {
      name: 'Sam Lead',
      email: overrides.email ?? OFFICER_EMAIL,
      kdf: { name: 'PBKDF2-SHA256', iterations: 600_000, salt: b64(16) },
      authKey: overrides.authKey ?? b64(32),
      keys: { publicKey: b64(65), wrappedPrivateKey: b64(180) },
    },
    grants: [
      { kid: 'signing', sealed: b64(300) },
      { kid, sealed: b64(300) },
    ],
  };
};

/** A clock the test moves by hand. */
export const testClock = (start = '2026-11-01T09:00:00.000Z') => {
  let ms = Date.parse(start);
  return {
    now: () => new Date(ms),
    advance: (byMs: number) => {
      ms += byMs;
    },
  };
};

export const send = (
  url: string,
  path: string,
  options: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {},
) =>
  fetch(`${url}${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });

export type SetUpServer = TestServer & { request: SetupRequest; session: SessionResponse };

/** A server on 127.0.0.1 with the organisation set up by the first officer. */
export const startSetUpServer = async (
  options: Parameters<typeof startServer>[0] = {},
  organisation?: SetupRequest['organisation'],
): Promise<SetUpServer> => {
  const server = await startServer({ setupCode: SETUP_CODE, ...options });
  const request = setupRequest({ organisation });
  const response = await send(server.url, ORG_PATHS.setup, { body: request });
  if (response.status !== 201) throw new Error(`setup failed: ${response.status} ${await response.text()}`);
  return { ...server, request, session: SessionResponseSchema.parse(await response.json()) };
};

export const signIn = (url: string, email: string, authKey: string) =>
  send(url, ORG_PATHS.signIn, { body: { email, authKey } });

/** A `start` for set-up servers that this test file closes after each test. */
export const setUpServersPerTest = () => {
  const servers: SetUpServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });
  return async (options: Parameters<typeof startSetUpServer>[0] = {}) => {
    const server = await startSetUpServer(options);
    servers.push(server);
    return server;
  };
};
