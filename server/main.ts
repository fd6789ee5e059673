// Starts the reference server on 127.0.0.1 (PORT overrides 4173), serving dist/ and the v1 API, configured from the
// environment. The only place that reads process.env; prints demo tokens when none are configured.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isAppError } from '../src/domain/errors.ts';
import { buildApp } from './app.ts';
import { readGuidanceFile } from './guidance.ts';
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

/**
 * Demo tokens, made when none are configured. Kept next to the database (owner-only file) so a token pasted into
 * Settings still works after a restart; with ':memory:' they live as long as the process.
 */
const demoTokens = (): { device: string; officer: string } => {
  const newToken = () => randomBytes(32).toString('base64url');
  const file = dbPath === ':memory:' ? undefined : join(dirname(dbPath), 'demo-tokens.json');
  if (file && existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { device?: unknown; officer?: unknown };
    if (typeof saved.device === 'string' && typeof saved.officer === 'string')
      return { device: saved.device, officer: saved.officer };
  }
  const made = { device: newToken(), officer: newToken() };
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(made), { mode: 0o600 });
  }
  return made;
};

const demoLines: string[] = [];
let tokens = list(env.SAFEVISIT_TOKENS);
let adminToken = env.SAFEVISIT_ADMIN_TOKEN?.trim();
if (tokens.length === 0 || !adminToken) {
  const demo = demoTokens();
  if (tokens.length === 0) {
    tokens = [demo.device];
    demoLines.push(
      `Demo access token: ${demo.device}`,
      '  paste it into Settings > Access token (set SAFEVISIT_TOKENS to choose your own).',
    );
  }
  if (!adminToken) {
    adminToken = demo.officer;
    demoLines.push(
      `Demo officer token: ${demo.officer}`,
      '  for GET /v1/reports with Authorization: Bearer <token> (set SAFEVISIT_ADMIN_TOKEN to choose your own).',
    );
  }
}
for (const token of tokens)
  if (token.length < 16) console.warn('Warning: a token in SAFEVISIT_TOKENS is shorter than 16 characters.');

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

const app = await buildApp({
  staticDir: env.SAFEVISIT_STATIC_DIR || 'dist',
  logger: env.SAFEVISIT_LOG === '1',
  trustProxy: env.SAFEVISIT_TRUST_PROXY === '1',
  tokens,
  adminToken,
  dbPath,
  guidancePack,
  rateLimit: rateLimitMax > 0 ? { max: rateLimitMax, timeWindowMs: 60_000 } : false,
}).catch((error: unknown) => {
  if (isAppError(error, 'invalid') && Array.isArray(error.detail)) {
    return fail(
      `the guidance file ${env.SAFEVISIT_GUIDANCE_FILE} is not a valid guidance pack:\n  ${error.detail.join('\n  ')}`,
    );
  }
  return fail((error as Error).message);
});

await app.listen({ port, host });
const address = app.server.address();
const boundPort = address && typeof address === 'object' ? address.port : port;
console.log(`SafeVisit is running at http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${boundPort}/`);
console.log(`Reports are stored in ${dbPath}.`);
if (demoLines.length > 0) console.log(`\n${demoLines.join('\n')}\n`);

/** How long a stop waits for answers in flight (a client that stopped reading would hold it forever). */
const SHUTDOWN_GRACE_MS = 10_000;

const stop = async () => {
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  await app.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
