// The benchmark's server: the real reference server (server/app.ts) on 127.0.0.1, serving the freshly built app
// at / and the bench page at /bench/ from ONE origin, so both share the app's IndexedDB. Stops with close().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.ts';
import type { OrgDescriptor } from '../src/domain/org-protocol.ts';
import { SEALED_PATHS } from '../src/domain/sealed-protocol.ts';
import { APP_OUT_DIR, PAGE_OUT_DIR } from './sizes.ts';

/**
 * The organisation is set up the way the first officer's browser does it (tests/unit/sync/org-setup.ts, WebCrypto
 * through src/vault). That module is typed against the DOM's crypto types, which this Node-typed project leaves
 * out, so it is loaded by a path the type checker does not follow, with the small shape used here.
 */
const ORG_SETUP_MODULE = '../tests/unit/sync/org-setup.ts';
type OrgSetup = {
  SETUP_CODE: string;
  OFFICER_EMAIL: string;
  OFFICER_PASSPHRASE: string;
  setUpOrganisationOn: (
    url: string,
  ) => Promise<{ org: OrgDescriptor; enrolDevice: (name?: string) => Promise<{ token: string }> }>;
};

/** Time the server spent on report submissions (fastify's reply.elapsedTime, request in to response sent). */
export type SubmitStats = { count: number; totalMs: number };

/**
 * `org`: the organisation set up on it through the real crypto (the sync benchmark seals to its key); `deviceToken`:
 * the token of the one device enrolled with it.
 */
export type BenchServer = {
  origin: string;
  app: FastifyInstance;
  submits: SubmitStats;
  org: OrgDescriptor;
  deviceToken: string;
  /** The organisation's first officer, who signs in to read the inbox. */
  officer: { email: string; passphrase: string };
  close: () => Promise<void>;
};

export const startBenchServer = async (): Promise<BenchServer> => {
  // Rate limiting off: 1,000 reports from one device in a few seconds is the point of the sync figure, and the
  // limiter would answer 429 (the engine would then wait for Retry-After, which measures the limit, not the sync).
  const { SETUP_CODE, OFFICER_EMAIL, OFFICER_PASSPHRASE, setUpOrganisationOn } = (await import(
    ORG_SETUP_MODULE
  )) as OrgSetup;
  // A database file, as in production (WAL, synchronous FULL): each commit waits for the disk.
  const dataDir = mkdtempSync(join(tmpdir(), 'safevisit-bench-'));
  const app = await buildApp({
    staticDir: APP_OUT_DIR,
    setupCode: SETUP_CODE,
    rateLimit: false,
    dbPath: join(dataDir, 'bench.sqlite'),
  });
  const submits: SubmitStats = { count: 0, totalMs: 0 };
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'POST' || !request.url.startsWith(SEALED_PATHS.reports)) return;
    submits.count++;
    submits.totalMs += reply.elapsedTime;
  });
  await app.register(fastifyStatic, {
    root: resolve(PAGE_OUT_DIR),
    prefix: '/bench/',
    decorateReply: false,
    cacheControl: false,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the bench server did not bind a port');
  const origin = `http://127.0.0.1:${address.port}`;
  const organisation = await setUpOrganisationOn(origin);
  const { token } = await organisation.enrolDevice('Bench device');
  return {
    origin,
    app,
    submits,
    org: organisation.org,
    deviceToken: token,
    officer: { email: OFFICER_EMAIL, passphrase: OFFICER_PASSPHRASE },
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
