// Starts the reference server on 127.0.0.1 (PORT overrides 4173), serving dist/ and the API, configured from the
// environment (server/config.ts reads it; NODE_ENV=production refuses demo settings). The only place that reads
// process.env; outside production, on an empty database it prints the one-time setup code.
import { join } from 'node:path';
import { isAppError } from '../src/domain/errors.ts';
import { buildApp } from './app.ts';
import { readConfig, setupCodeProblem } from './config.ts';
import { BUILT_GUIDANCE_FILE, readGuidanceFile } from './guidance.ts';
import { newSetupCode } from './setup-code.ts';
import { describeStore } from './storage/open-store.ts';

const fail = (message: string): never => {
  console.error(`SafeVisit server cannot start: ${message}`);
  process.exit(1);
};

const read = readConfig(process.env);
if ('errors' in read) {
  const where = process.env.NODE_ENV === 'production' ? ' in production (NODE_ENV=production)' : '';
  console.error(`SafeVisit server cannot start${where}:\n  - ${read.errors.join('\n  - ')}`);
  process.exit(1);
}
const { config } = read;
for (const warning of config.warnings) console.warn(warning);

// The one-time setup code: the operator's own, or (outside production) a new one per start, only useful until the
// organisation exists.
const setupCode = config.chosenSetupCode ?? (config.production ? undefined : newSetupCode());

const guidancePack = config.guidanceFile
  ? (() => {
      try {
        return readGuidanceFile(config.guidanceFile);
      } catch (error) {
        return fail((error as Error).message);
      }
    })()
  : undefined;

const app = await buildApp({
  staticDir: config.staticDir,
  logger: config.logger,
  trustProxy: config.trustProxy,
  tokens: config.tokens,
  setupCode,
  dbPath: config.dbPath,
  databaseUrl: config.databaseUrl,
  guidancePack,
  rateLimit: config.rateLimitPerMin > 0 ? { max: config.rateLimitPerMin, timeWindowMs: 60_000 } : false,
  deviceRateLimit: { max: config.deviceRateLimitPerMin, timeWindowMs: 60_000 },
  alerts: config.alerts,
  retentionDays: config.retentionDays,
}).catch((error: unknown) => {
  if (isAppError(error, 'invalid') && Array.isArray(error.detail)) {
    return fail(
      `the guidance file ${config.guidanceFile ?? join(config.staticDir, BUILT_GUIDANCE_FILE)} is not a valid guidance pack:\n  ${error.detail.join('\n  ')}`,
    );
  }
  return fail((error as Error).message);
});

const organisationExists = Boolean(await app.orgStore.organisation());
const setupProblem = setupCodeProblem(config, organisationExists);
if (setupProblem) {
  await app.close();
  fail(setupProblem);
}

await app.listen({ port: config.port, host: config.host });
const address = app.server.address();
const boundPort = address && typeof address === 'object' ? address.port : config.port;
const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
console.log(`SafeVisit is running at http://${host}:${boundPort}/${config.production ? ' (production mode)' : ''}`);
console.log(`Reports are stored in ${describeStore(config)}.`);
console.log(
  config.retentionDays === undefined
    ? 'Reviewed reports are kept until an officer erases them (SAFEVISIT_RETENTION_DAYS is not set).'
    : `Reviewed reports are deleted ${config.retentionDays} days after their review.`,
);
if (app.discardedPlaintextReports > 0) {
  console.log(
    `${app.discardedPlaintextReports} report revisions received in clear (protocol v1) were deleted from the database: ` +
      'this server keeps sealed reports only and has no key to seal them. Backups made before this start still hold them.',
  );
}
if (!organisationExists) {
  // The only secret ever printed, only outside production and only while no organisation exists; an operator's own
  // code is not echoed.
  console.log(
    [
      '',
      'No organisation is set up yet. Set it up at:',
      `  http://127.0.0.1:${boundPort}/officer/`,
      config.chosenSetupCode
        ? '  with the setup code in SAFEVISIT_SETUP_CODE.'
        : `  with this one-time setup code: ${setupCode}`,
      '',
    ].join('\n'),
  );
}

/** How long a stop waits for answers in flight (a client that stopped reading would hold it forever). */
const SHUTDOWN_GRACE_MS = 10_000;
let stopping = false;

// SIGTERM/SIGINT: stop accepting connections, answer the requests in flight (new requests on open connections get
// 503), stop the alert worker, close the database, exit 0. A second signal changes nothing.
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping; finishing the requests in flight.`);
  setTimeout(() => {
    console.error(`Stopped after ${SHUTDOWN_GRACE_MS / 1000} s with requests still open.`);
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
  await app.close();
  console.log('Stopped.');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
