// Builds the reference server: the built app (same origin), guidance and health (v1), the v2 routes and the load
// balancer's health check. Never listens itself, and never reads the environment (server/main.ts does), so tests
// pass every setting directly.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { SUBMISSION_MAX_BYTES } from '../src/domain/protocol.ts';
import { type AlertOptions, type AlertWorker, startAlertWorker } from './alerts.ts';
import { DEFAULT_RATE_LIMIT, type RateLimitOptions, registerApi } from './api.ts';
import { createTokenChecker } from './auth.ts';
import { enrolledDeviceLookup } from './devices.ts';
import { BUILT_GUIDANCE_FILE, publishGuidance, readGuidanceFile } from './guidance.ts';
import { registerGuidanceRoutes } from './guidance-routes.ts';
import { registerHealth } from './health.ts';
import { handleError, sendError } from './http-errors.ts';
import { DEVICE_RATE_LIMIT, registerOrgRoutes } from './org-routes.ts';
import { type RetentionWorker, startRetention } from './retention.ts';
import { corsOptions, HELMET_OPTIONS, PERMISSIONS_POLICY } from './security-headers.ts';
import { openStore } from './storage/open-store.ts';
import type { AlertStore, GuidanceStore, OrgStore, SealedReportStore, Store } from './storage/types.ts';
import type { Clock } from './throttle.ts';

export type AppOptions = {
  /** Folder of the built app to serve; omitted or missing means API only. */
  staticDir?: string;
  logger?: boolean;
  /** Where log lines go when `logger` is on (default stdout); tests read it to prove no body or token is logged. */
  logStream?: { write: (line: string) => void };
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (for per-address rate limits). */
  trustProxy?: boolean;
  /** Hand-configured device tokens, known to `GET /v1/health` only; reports need an enrolled device's token. */
  tokens?: string[];
  /** SQLite file; ':memory:' (the default here, for tests) keeps nothing. main.ts defaults to data/safevisit.sqlite. */
  dbPath?: string;
  /** A postgres:// address: PostgreSQL instead of the SQLite file (server/storage/open-store.ts). */
  databaseUrl?: string;
  /** How long a write waits on a locked database (or for a PostgreSQL connection) before answering 503. */
  dbBusyTimeoutMs?: number;
  /** A storage engine to use instead of opening SQLite (not closed by the app). */
  store?: Store;
  /** The one-time setup code (main.ts makes or reads it); the app keeps only its digest. Unset refuses setup. */
  setupCode?: string;
  /** The clock of sessions, throttles and device times; tests inject one. */
  now?: Clock;
  /**
   * The guidance pack to publish (validated here; an invalid one makes buildApp throw). Default: the pack the build
   * wrote beside the app (`<staticDir>/guidance-pack.json`), so the server publishes the guidance of the app it serves;
   * with neither, `GET /v1/guidance` answers 404 and devices keep the pack they have.
   */
  guidancePack?: unknown;
  /** Largest accepted request body; larger gets 413. */
  bodyLimitBytes?: number;
  /** Requests per window per token (or per address without a valid token); false turns limiting off. */
  rateLimit?: RateLimitOptions | false;
  /** Requests per window per enrolled device on the v2 routes (default DEVICE_RATE_LIMIT, sized for a backlog). */
  deviceRateLimit?: RateLimitOptions;
  /** Alerts to the safeguarding lead on each new report (webhook and/or email); unset sends none and queues none. */
  alerts?: AlertOptions;
  /** Days a reviewed report is kept after its review (server/retention.ts); unset keeps reports until erased. */
  retentionDays?: number;
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Plaintext v1 reports the database deleted on its upgrade at this start (main.ts says so). */
    discardedPlaintextReports: number;
    /** The organisation side of the same database (main.ts asks it whether setup is still open). */
    orgStore: OrgStore;
    /** The sealed reports of the same database (tests count rows). */
    sealedReports: SealedReportStore;
    /** The alerts of the same database (tests read them), and the worker when alerts are configured. */
    alertStore: AlertStore;
    alertWorker: AlertWorker | undefined;
    /** The published guidance of the same database (tests read and, as a hostile operator would, write it). */
    guidanceStore: GuidanceStore;
    /** The retention sweep when `retentionDays` is set (tests run a sweep by hand). */
    retention: RetentionWorker | undefined;
  }
}

/**
 * The app, ready to `listen`. Throws AppError('invalid', issues) when `guidancePack` fails validation, and the
 * engine's error when the database cannot be opened.
 */
export const buildApp = async (options: AppOptions = {}): Promise<FastifyInstance> => {
  // Validate before opening anything, so a bad pack leaves nothing open.
  const staticDir = options.staticDir ? resolve(options.staticDir) : undefined;
  const builtPack = staticDir ? join(staticDir, BUILT_GUIDANCE_FILE) : undefined;
  const pack = options.guidancePack ?? (builtPack && existsSync(builtPack) ? readGuidanceFile(builtPack) : undefined);
  const guidance = pack === undefined ? undefined : publishGuidance(pack);
  const bodyLimitBytes = options.bodyLimitBytes ?? SUBMISSION_MAX_BYTES;

  const app = Fastify({
    // Log lines carry method, URL, status and time; never bodies, headers or tokens.
    // Off unless asked for; at pino's default level, info, to stdout unless `logStream` is given.
    logger: options.logger && {
      // Stryker disable next-line ArrayDeclaration,StringLiteral: Fastify's request lines carry no headers; this guards a serializer added later.
      redact: ['req.headers.authorization'],
      stream: options.logStream,
    },
    trustProxy: options.trustProxy ?? false,
    bodyLimit: bodyLimitBytes,
    requestTimeout: 30_000,
  });

  const store =
    options.store ??
    (await openStore({
      databaseUrl: options.databaseUrl,
      dbPath: options.dbPath,
      busyTimeoutMs: options.dbBusyTimeoutMs,
    }));
  app.decorate('discardedPlaintextReports', store.discardedPlaintextReports);
  app.decorate('orgStore', store);
  app.decorate('sealedReports', store);
  app.decorate('guidanceStore', store);
  const clock = options.now ?? (() => new Date());
  const enrolled = enrolledDeviceLookup(store, clock);
  if (!options.store) app.addHook('onClose', async () => store.close());
  // Starts delivering what an earlier run left queued; stops before the database closes.
  const alertWorker = options.alerts ? startAlertWorker(store, clock, options.alerts) : undefined;
  app.decorate('alertStore', store);
  app.decorate('alertWorker', alertWorker);
  if (alertWorker) app.addHook('preClose', async () => alertWorker.stop());
  const retention =
    options.retentionDays === undefined ? undefined : startRetention(store, clock, { days: options.retentionDays });
  app.decorate('retention', retention);
  if (retention) app.addHook('preClose', async () => retention.stop());

  await app.register(fastifyHelmet, HELMET_OPTIONS);
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('Permissions-Policy', PERMISSIONS_POLICY);
  });
  // Answers preflights itself, before rate limiting and auth.
  await app.register(fastifyCors, { delegator: corsOptions(['/v1/', '/v2/']) });
  // The API speaks JSON only; a text body gets 415 rather than a confusing validation error.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'not-found', 'There is nothing at this address.'));

  // The load balancer's check (GET /v2/health): one small read of the same database, outside the rate limits.
  await app.register(async (health) => registerHealth(health, () => store.organisation()));
  await app.register(async (api) =>
    registerApi(api, {
      // Stryker disable next-line ArrayDeclaration: Stryker's made-up token has spaces, which no Authorization header carries.
      tokens: createTokenChecker(options.tokens ?? [], enrolled),
      guidance,
      rateLimit: options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit,
    }),
  );
  await app.register(async (org) => {
    await registerOrgRoutes(org, {
      store,
      reports: store,
      clock,
      setupCode: options.setupCode,
      enrolled,
      rateLimit: options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit,
      deviceRateLimit: options.deviceRateLimit ?? DEVICE_RATE_LIMIT,
      alerts: alertWorker,
      lifecycle: store,
    });
    // Behind the same role hook: signed guidance (v2).
    registerGuidanceRoutes(org, store, clock);
  });

  // Stryker disable next-line LogicalOperator: existsSync(undefined) is false, and a missing folder would serve nothing.
  if (staticDir && existsSync(staticDir)) {
    await app.register(fastifyStatic, {
      root: staticDir,
      // The build writes .br and .gz beside every text file (vite.config.ts); the best one the browser accepts is sent.
      preCompressed: true,
      // The service worker and the page shell must be revalidated so updates are seen.
      // Stryker disable next-line BooleanLiteral: setHeaders, below, sets Cache-Control over the plugin's own on every file.
      cacheControl: false,
      setHeaders: (reply, path) => {
        if (path.includes('/assets/')) reply.header('Cache-Control', 'public, max-age=31536000, immutable');
        else reply.header('Cache-Control', 'no-cache');
      },
    });
  }
  return app;
};
