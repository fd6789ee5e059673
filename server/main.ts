// Starts the reference server on 127.0.0.1 (PORT overrides 4173), serving dist/ and the API, configured from the
// environment. The only place that reads process.env; on an empty database it prints the one-time setup code.
import { join } from 'node:path';
import { isAppError } from '../src/domain/errors.ts';
import { alertsFromEnv } from './alert-config.ts';
import { buildApp } from './app.ts';
import { BUILT_GUIDANCE_FILE, readGuidanceFile } from './guidance.ts';
import { DEVICE_RATE_LIMIT } from './org-routes.ts';
import { newSetupCode, SETUP_CODE_MIN_CHARS } from './setup-code.ts';
import { DEFAULT_DB_PATH } from './storage/sqlite.ts';

const env = process.env;
const port = Number(env.PORT ?? 4173);
const host = env.HOST ?? '127.0.0.1';

const fail = (message: string): never => {
  console.error(`SafeVisit server cannot start: ${message}`);
  process.exit(1);
};

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);

const dbPath = env.SAFEVISIT_DB || DEFAULT_DB_PATH;

// Tokens for devices set up by hand (the advanced fallback); enrolled devices need none of these.
const tokens = list(env.SAFEVISIT_TOKENS);
for (const token of tokens)
  if (token.length < 16) console.warn('Warning: a token in SAFEVISIT_TOKENS is shorter than 16 characters.');

// The one-time setup code: the operator's own, or a new one per start (only useful until the organisation exists).
const chosenSetupCode = env.SAFEVISIT_SETUP_CODE?.trim() || undefined;
if (chosenSetupCode && chosenSetupCode.length < SETUP_CODE_MIN_CHARS)
  fail(`SAFEVISIT_SETUP_CODE must be at least ${SETUP_CODE_MIN_CHARS} characters long.`);
const setupCode = chosenSetupCode ?? newSetupCode();

const guidancePack = env.SAFEVISIT_GUIDANCE_FILE
  ? (() => {
      try {
        return readGuidanceFile(env.SAFEVISIT_GUIDANCE_FILE);
      } catch (error) {
        return fail((error as Error).message);
      }
    })()
  : undefined;

const rateLimitMax = Number(env.SAFEVISIT_RATE_LIMIT_PER_MIN ?? 600);
const staticDir = env.SAFEVISIT_STATIC_DIR || 'dist';
const deviceRateLimitMax = Number(env.SAFEVISIT_DEVICE_RATE_LIMIT_PER_MIN ?? DEVICE_RATE_LIMIT.max);
if (!Number.isSafeInteger(deviceRateLimitMax) || deviceRateLimitMax < 1)
  fail('SAFEVISIT_DEVICE_RATE_LIMIT_PER_MIN must be a whole number of requests per minute, 1 or more.');

const alerts = alertsFromEnv(env, `http://${host}:${port}`);
if (alerts && 'error' in alerts) fail(alerts.error);

const app = await buildApp({
  staticDir,
  logger: env.SAFEVISIT_LOG === '1',
  trustProxy: env.SAFEVISIT_TRUST_PROXY === '1',
  tokens,
  setupCode,
  dbPath,
  guidancePack,
  rateLimit: rateLimitMax > 0 ? { max: rateLimitMax, timeWindowMs: 60_000 } : false,
  deviceRateLimit: { max: deviceRateLimitMax, timeWindowMs: 60_000 },
  alerts: alerts && !('error' in alerts) ? alerts : undefined,
}).catch((error: unknown) => {
  if (isAppError(error, 'invalid') && Array.isArray(error.detail)) {
    return fail(
      `the guidance file ${env.SAFEVISIT_GUIDANCE_FILE ?? join(staticDir, BUILT_GUIDANCE_FILE)} is not a valid guidance pack:\n  ${error.detail.join('\n  ')}`,
    );
  }
  return fail((error as Error).message);
});

await app.listen({ port, host });
const address = app.server.address();
const boundPort = address && typeof address === 'object' ? address.port : port;
console.log(`SafeVisit is running at http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${boundPort}/`);
console.log(`Reports are stored in ${dbPath}.`);
if (app.discardedPlaintextReports > 0) {
  console.log(
    `${app.discardedPlaintextReports} report revisions received in clear (protocol v1) were deleted from the database: ` +
      'this server keeps sealed reports only and has no key to seal them. Backups made before this start still hold them.',
  );
}
if (!(await app.orgStore.organisation())) {
  // The only secret ever printed, and only while no organisation exists; an operator's own code is not echoed.
  console.log(
    [
      '',
      'No organisation is set up yet. Set it up at:',
      `  http://127.0.0.1:${boundPort}/officer/`,
      chosenSetupCode
        ? '  with the setup code in SAFEVISIT_SETUP_CODE.'
        : `  with this one-time setup code: ${setupCode}`,
      '',
    ].join('\n'),
  );
}

/** How long a stop waits for answers in flight (a client that stopped reading would hold it forever). */
const SHUTDOWN_GRACE_MS = 10_000;

const stop = async () => {
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  await app.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
