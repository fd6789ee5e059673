// Typed builders for the sync tests: the real reference server on 127.0.0.1 set up with a real organisation (its
// private keys stay here, as in the officer's browser) and one enrolled device, the real store and vault over
// fake-indexeddb, a fault-injecting HTTP proxy, and queued reports.
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppOptions, buildApp } from '../../../server/app.ts';
import { hashToken } from '../../../server/officer-auth.ts';
import type { Enrolment } from '../../../src/domain/enrolment.ts';
import { ORG_PATHS, SessionResponseSchema } from '../../../src/domain/org-protocol.ts';
import { REPORT_SCHEMA_VERSION, type ReportDraft, ReportDraftSchema } from '../../../src/domain/report-schema.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';
import { SafeVisitDb } from '../../../src/store/db.ts';
import { createOutboxPort, syncSettingsFrom } from '../../../src/store/outbox-port.ts';
import { createOutboxRepo } from '../../../src/store/outbox-repo.ts';
import { createReportRepo } from '../../../src/store/report-repo.ts';
import { createReportSealer, sealingOptions } from '../../../src/store/report-sealer.ts';
import type { SettingsRepo } from '../../../src/store/settings-repo.ts';
import { createSettingsRepo } from '../../../src/store/settings-repo.ts';
import { openVault } from '../../../src/store/vault-storage.ts';
import { completeDraft } from '../domain/report-fixtures.ts';
import { buildOrganisation } from '../fixtures.ts';
import { SETUP_CODE, setupRequest } from '../server/org-fixtures.ts';
import { openedDescription } from '../server/sealed-fixtures.ts';

/** Shaped like an issued device token (32 bytes, base64url): the server looks up no other shape. */
export const TOKEN = 'sync-test-device-token-0123456789abcdefghij';
export const PASSPHRASE = 'Harbour lantern quietly 58!';

/** A clock the test moves by hand: retry times are logic, never waited for. */
export const createClock = (start = Date.parse('2026-11-23T10:00:00Z')) => {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
};
export type Clock = ReturnType<typeof createClock>;

export type RunningServer = {
  url: string;
  port: number;
  /** Sealed revisions stored. */
  count: () => Promise<number>;
  /** The receivedAt of each stored revision of a report, newest first. */
  receivedAt: (id: string) => Promise<string[]>;
  /** Each stored revision of a report opened with the organisation's private keys: its description, newest first. */
  openedDescriptions: (id: string) => Promise<string[]>;
  close: () => Promise<void>;
};

let organisation: ReturnType<typeof buildOrganisation> | null = null;
/** One organisation for the whole file: every server below publishes its keys and enrolDirectly pins them. */
export const sharedOrganisation = () => {
  organisation ??= buildOrganisation();
  return organisation;
};

/**
 * The reference server (server/app.ts) listening on 127.0.0.1, on `port` or a free one. Unless `options.setupCode`
 * is given (the test sets up its own organisation), it is set up with the shared organisation and has one enrolled
 * device whose token is TOKEN.
 */
export const startReferenceServer = async (options: AppOptions = {}, port = 0): Promise<RunningServer> => {
  const ownSetup = options.setupCode !== undefined;
  const app = await buildApp({
    dbPath: ':memory:',
    rateLimit: false,
    setupCode: SETUP_CODE,
    // The server's own default is the pack the build wrote beside the app; these tests serve no app.
    guidancePack: BUNDLED_PACK,
    ...options,
  });
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;
  const org = await sharedOrganisation();
  let officerId = '';
  if (!ownSetup) {
    const response = await fetch(`${url}${ORG_PATHS.setup}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(setupRequest({ organisation: org.organisation })),
    });
    if (response.status !== 201) throw new Error(`setup failed: ${response.status} ${await response.text()}`);
    officerId = SessionResponseSchema.parse(await response.json()).officer.id;
    const at = new Date().toISOString();
    await app.orgStore.enrolDevice(
      { id: 'test-device', name: 'Test laptop', createdAt: at, lastSeenAt: null, revokedAt: null, enrolledBy: null },
      hashToken(TOKEN),
    );
  }
  const revisions = async (id: string) =>
    (await app.sealedReports.openSealed(id, { officerId, at: new Date().toISOString() }))?.revisions ?? [];
  return {
    url,
    port: address.port,
    count: () => app.sealedReports.sealedCount(),
    receivedAt: async (id) => (await revisions(id)).map((r) => r.receivedAt),
    openedDescriptions: async (id) =>
      Promise.all((await revisions(id)).map((r) => openedDescription(org.privateKeys, r))),
    close: () => app.close(),
  };
};

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** A plain HTTP server with a hand-written handler: for answers the reference server never gives. */
export const startHttp = async (
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; close: () => Promise<void> }> => {
  const server = createServer(handler);
  const url = await listen(server);
  return { url, close: () => closeServer(server) };
};

/**
 * What the proxy does with the next request: pass it on, answer itself without passing it on, or pass it on and
 * then cut the connection before the answer reaches the client (the server did the work; the client never heard).
 */
export type ProxyStep =
  | 'pass'
  | 'drop-after-forward'
  | { status: number; headers?: Record<string, string>; body?: string };

/** An HTTP proxy on 127.0.0.1 in front of `target`, following `plan` one request at a time, then passing. */
export const startFaultProxy = async (target: string, plan: ProxyStep[]) => {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const step = plan.shift() ?? 'pass';
    seen.push(`${req.method} ${req.url} ${typeof step === 'string' ? step : step.status}`);
    if (typeof step === 'object') {
      req.resume();
      res.writeHead(step.status, { 'Content-Type': 'application/json', ...step.headers });
      res.end(step.body ?? JSON.stringify({ error: { code: 'server-error', message: 'injected' } }));
      return;
    }
    const upstream = httpRequest(`${target}${req.url}`, { method: req.method, headers: req.headers }, (reply) => {
      if (step === 'drop-after-forward') {
        // Let the server finish, then cut the client off before a byte of the answer arrives.
        reply.resume();
        reply.on('end', () => req.socket.destroy());
        return;
      }
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  const url = await listen(server);
  return { url, seen, close: () => closeServer(server) };
};

export type TestStore = Awaited<ReturnType<typeof openTestStore>>;

/**
 * Saves an enrolment with `endpoint` and `token` (a real, signed organisation descriptor) as the enrolment flow
 * would after its checks; '' or null removes it. For engine tests against servers without the organisation routes.
 */
export const enrolDirectly = async (
  repo: Pick<SettingsRepo, 'setSecret'>,
  endpoint: string,
  token: string | null,
  /** The organisation to pin (a server's own, set up by the test); the shared one by default. */
  pinned?: { org: Enrolment['org']; fingerprint: string },
): Promise<void> => {
  if (endpoint === '' || token === null) {
    await repo.setSecret('enrolment', null);
    return;
  }
  const shared = await sharedOrganisation();
  const org = pinned ?? { org: shared.descriptor, fingerprint: shared.fingerprint };
  const enrolment: Enrolment = {
    v: 1,
    endpoint,
    token,
    fingerprint: org.fingerprint,
    org: org.org,
    deviceId: 'test-device',
    enrolledAt: '2026-11-23T10:00:00.000Z',
  };
  await repo.setSecret('enrolment', enrolment);
};

/**
 * The real store and vault over fake-indexeddb, unlocked, with settings saved. Pass `name` to open a second
 * connection to the same database (a second tab).
 */
export const openTestStore = async ({
  clock,
  name = `sync-${randomUUID()}`,
  endpoint = '',
  keepSyncedDays = 0,
  token = TOKEN as string | null,
}: {
  clock: Clock;
  name?: string;
  endpoint?: string;
  keepSyncedDays?: number;
  token?: string | null;
}) => {
  const db = new SafeVisitDb(name);
  const vault = await openVault(db, { testOnlyKdfIterations: 1_000, channel: null, now: clock.now });
  if (vault.state === 'none') await vault.create(PASSPHRASE);
  else await vault.unlock(PASSPHRASE);
  const outbox = createOutboxRepo(db);
  const settingsRepo = createSettingsRepo(db, vault);
  // As the session wires them: sealed at submit when enrolled, else at the first send after enrolment.
  const seal = createReportSealer(() => settingsRepo.getSecret('enrolment'));
  const reports = createReportRepo(db, vault, {
    schema: ReportDraftSchema,
    schemaVersion: REPORT_SCHEMA_VERSION,
    now: clock.now,
    ...sealingOptions(seal),
  });
  await settingsRepo.update({ keepSyncedDays });
  await enrolDirectly(settingsRepo, endpoint, token);
  const port = createOutboxPort({ db, reports, outbox, seal });
  return {
    name,
    db,
    vault,
    reports,
    outbox,
    settingsRepo,
    settings: syncSettingsFrom(settingsRepo),
    port,
    close: () => {
      vault.close();
      db.close();
    },
  };
};

/** Saves a complete report and queues it (revision 1 unless told), as "Submit report" does. */
export const queueReport = async (
  store: TestStore,
  clock: Clock,
  {
    data = completeDraft(),
    revision = 1,
    id = randomUUID(),
  }: { data?: ReportDraft; revision?: number; id?: string } = {},
): Promise<string> => {
  await store.reports.put({
    id,
    status: 'queued',
    createdAt: clock.now() - 60_000,
    updatedAt: clock.now(),
    revision,
    data,
  });
  return id;
};
