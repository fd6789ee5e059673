// Reads the server's settings from an environment object (main.ts passes process.env) and, with NODE_ENV=production,
// refuses the demo and missing ones. Every problem is a sentence naming the variable to set; none quotes a value.
import { alertsFromEnv } from './alert-config.ts';
import type { AlertOptions } from './alerts.ts';
import { DEVICE_RATE_LIMIT } from './org-routes.ts';
import { SETUP_CODE_MIN_CHARS } from './setup-code.ts';
import { DEFAULT_DB_PATH } from './storage/sqlite.ts';

type Env = Record<string, string | undefined>;

/** In production an operator's setup code must be as strong as a generated one (16 characters, 80 bits). */
export const PRODUCTION_SETUP_CODE_MIN_CHARS = 16;
/** A hand-configured device token shorter than this is refused in production (a warning otherwise). */
export const TOKEN_MIN_CHARS = 16;
/** A secret with fewer different characters than this is a placeholder ("aaaa…", "1234…"), not a random value. */
const SECRET_MIN_DISTINCT_CHARS = 8;
/** Words of example values in docs and tests: a secret holding one was copied, not made. */
const DEMO_WORDS = /example|demo|test|changeme|change-me|secret|password|placeholder|sample|default/i;
/** The one setup code the README shows. */
const README_SETUP_CODE = '7K3QMX2DP9BRT4FA';
/** Host names reserved for examples and tests (RFC 2606, RFC 6761): never a real service. */
const DEMO_HOST = /(^|\.)(example(\.(com|org|net))?|test|invalid)$/i;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** The libpq `sslmode` values that make a PostgreSQL connection use TLS (prefer and allow fall back to plain text). */
const TLS_SSLMODES: readonly (string | null)[] = ['require', 'verify-ca', 'verify-full'];

export type ServerConfig = {
  production: boolean;
  port: number;
  host: string;
  dbPath: string;
  /** PostgreSQL (DATABASE_URL, postgres://...) instead of the SQLite file; never printed (it holds the password). */
  databaseUrl: string | undefined;
  tokens: string[];
  /** The operator's setup code (SAFEVISIT_SETUP_CODE), never printed; undefined means make one (never in production). */
  chosenSetupCode: string | undefined;
  guidanceFile: string | undefined;
  staticDir: string;
  logger: boolean;
  trustProxy: boolean;
  /** Requests per minute per caller; 0 turns limiting off (refused in production). */
  rateLimitPerMin: number;
  deviceRateLimitPerMin: number;
  alerts: AlertOptions | undefined;
  /** Days a reviewed report is kept after its last review (server/retention.ts); undefined keeps it until erased. */
  retentionDays: number | undefined;
  /** Things to say at start that do not stop it (development only: in production they are refusals). */
  warnings: string[];
};

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);

/** True for a value copied from an example (README's code, a demo word, a run of few characters). */
export const looksLikeDemoSecret = (value: string): boolean =>
  DEMO_WORDS.test(value) ||
  value.replace(/[\s-]/g, '').toUpperCase() === README_SETUP_CODE ||
  new Set(value).size < SECRET_MIN_DISTINCT_CHARS;

/** A sentence when `value` is not an https:// address (or http:// on loopback) of a real host; undefined when fine. */
const publicAddressProblem = (name: string, value: string | undefined): string | undefined => {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${name} is not a valid address: set it to an https:// address.`;
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    return `${name} must be an https:// address in production (plain http:// only on 127.0.0.1 or localhost).`;
  if (DEMO_HOST.test(url.hostname))
    return `${name} points at an example host name: set it to your service's real address.`;
  return undefined;
};

/**
 * DATABASE_URL (PostgreSQL) in production: TLS (`sslmode=require`, `verify-ca` or `verify-full`) unless the database
 * is on this host (loopback or a Unix socket), and no example password. The URL holds a password: never quoted.
 */
const databaseUrlProblem = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'DATABASE_URL is not a valid postgres:// address.';
  }
  const local =
    url.hostname === '' || LOOPBACK_HOSTS.has(url.hostname) || url.searchParams.get('host')?.startsWith('/');
  const tls = TLS_SSLMODES.includes(url.searchParams.get('sslmode'));
  if (!local && !tls)
    return 'DATABASE_URL reaches another host without TLS: add sslmode=verify-full (or require) to it.';
  if (url.password && looksLikeDemoSecret(decodeURIComponent(url.password)))
    return "DATABASE_URL's password is an example value: set a random one.";
  return undefined;
};

/**
 * SAFEVISIT_SMTP_URL in production: alert mail to a mail server on another host goes over TLS, either from the start
 * (`smtps://`) or by STARTTLS that nodemailer requires (`smtp://…?requireTLS=true`: no TLS, no mail), with the
 * server's certificate checked, to a real host. The address holds the mail password: never quoted.
 */
const smtpUrlProblem = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'SAFEVISIT_SMTP_URL is not a valid address: set it to smtps://user:password@host:465.';
  }
  const startTlsRequired = url.searchParams.get('requireTLS') === 'true';
  if (url.protocol === 'smtp:' && !startTlsRequired && !LOOPBACK_HOSTS.has(url.hostname))
    return 'SAFEVISIT_SMTP_URL sends alert mail to another host without TLS: use smtps:// (port 465), or add ?requireTLS=true to the smtp:// address (STARTTLS, port 587).';
  const certificateCheck = url.searchParams.get('tls.rejectUnauthorized');
  if (certificateCheck !== null && certificateCheck !== 'true')
    return "SAFEVISIT_SMTP_URL turns off the check of the mail server's certificate: remove tls.rejectUnauthorized from it.";
  if (DEMO_HOST.test(url.hostname))
    return 'SAFEVISIT_SMTP_URL points at an example host name: set it to your mail server.';
  return undefined;
};

/**
 * The refusals of production mode, one sentence each. `alertError` is the alert settings' own refusal: an address it
 * already refused as no http(s) address at all gets no second sentence here.
 */
const productionProblems = (
  env: Env,
  config: Omit<ServerConfig, 'warnings'>,
  alertError: string | undefined,
): string[] => {
  const problems: string[] = [];
  const addressProblem = (name: string, value: string | undefined) =>
    alertError?.startsWith(`${name} must be `) ? undefined : publicAddressProblem(name, value);
  if (!config.databaseUrl && (config.dbPath === ':memory:' || config.dbPath.startsWith('file::memory:')))
    problems.push('SAFEVISIT_DB keeps nothing in memory: set it to the database file.');
  if (config.tokens.some((t) => t.length < TOKEN_MIN_CHARS || looksLikeDemoSecret(t))) {
    problems.push(
      `A token in SAFEVISIT_TOKENS is short or an example value: use ${TOKEN_MIN_CHARS}+ random characters, or leave SAFEVISIT_TOKENS unset (enrolled devices need none).`,
    );
  }
  const code = config.chosenSetupCode;
  if (code !== undefined && (code.length < PRODUCTION_SETUP_CODE_MIN_CHARS || looksLikeDemoSecret(code))) {
    problems.push(
      `SAFEVISIT_SETUP_CODE is short or an example value: set it to ${PRODUCTION_SETUP_CODE_MIN_CHARS}+ random characters (for example from \`openssl rand -hex 10\`).`,
    );
  }
  const publicUrl = env.SAFEVISIT_PUBLIC_URL?.trim() || undefined;
  if (!publicUrl)
    problems.push('SAFEVISIT_PUBLIC_URL is not set: set it to the https:// address officers and devices use.');
  const publicProblem = addressProblem('SAFEVISIT_PUBLIC_URL', publicUrl);
  if (publicProblem) problems.push(publicProblem);
  const webhookProblem = addressProblem('SAFEVISIT_ALERT_WEBHOOK', env.SAFEVISIT_ALERT_WEBHOOK?.trim());
  if (webhookProblem) problems.push(webhookProblem);
  const webhookSecret = env.SAFEVISIT_ALERT_WEBHOOK_SECRET?.trim();
  if (webhookSecret && looksLikeDemoSecret(webhookSecret)) {
    problems.push(
      'SAFEVISIT_ALERT_WEBHOOK_SECRET is an example value: set it to 32+ random characters (for example from `openssl rand -hex 32`).',
    );
  }
  const smtpProblem = smtpUrlProblem(env.SAFEVISIT_SMTP_URL?.trim());
  if (smtpProblem) problems.push(smtpProblem);
  const databaseProblem = databaseUrlProblem(env.DATABASE_URL?.trim());
  if (databaseProblem) problems.push(databaseProblem);
  if (config.rateLimitPerMin === 0)
    problems.push('SAFEVISIT_RATE_LIMIT_PER_MIN is 0 (no rate limit): set it to 1 or more requests per minute.');
  return problems;
};

const wholeNumber = (value: string | undefined, fallback: number): number =>
  value === undefined || value.trim() === '' ? fallback : Number(value);

/**
 * The settings, or every problem that stops the start (a list of sentences naming variables). Production mode
 * (NODE_ENV=production) adds its refusals; the one that needs the database (no organisation yet and no
 * SAFEVISIT_SETUP_CODE) is `setupCodeProblem`, asked by main.ts once the database is open.
 */
export const readConfig = (env: Env): { config: ServerConfig } | { errors: string[] } => {
  const errors: string[] = [];
  const production = env.NODE_ENV === 'production';
  const port = wholeNumber(env.PORT, 4173);
  if (!Number.isSafeInteger(port) || port < 0 || port > 65_535) errors.push('PORT must be a port number (0 to 65535).');
  const host = env.HOST?.trim() || '127.0.0.1';
  const tokens = list(env.SAFEVISIT_TOKENS);
  const chosenSetupCode = env.SAFEVISIT_SETUP_CODE?.trim() || undefined;
  if (chosenSetupCode && chosenSetupCode.length < SETUP_CODE_MIN_CHARS)
    errors.push(`SAFEVISIT_SETUP_CODE must be at least ${SETUP_CODE_MIN_CHARS} characters long.`);
  const rateLimitPerMin = wholeNumber(env.SAFEVISIT_RATE_LIMIT_PER_MIN, 600);
  if (!Number.isSafeInteger(rateLimitPerMin) || rateLimitPerMin < 0)
    errors.push('SAFEVISIT_RATE_LIMIT_PER_MIN must be a whole number of requests per minute (0 turns limits off).');
  const deviceRateLimitPerMin = wholeNumber(env.SAFEVISIT_DEVICE_RATE_LIMIT_PER_MIN, DEVICE_RATE_LIMIT.max);
  if (!Number.isSafeInteger(deviceRateLimitPerMin) || deviceRateLimitPerMin < 1)
    errors.push('SAFEVISIT_DEVICE_RATE_LIMIT_PER_MIN must be a whole number of requests per minute, 1 or more.');
  const alertsRead = alertsFromEnv(env, `http://${host}:${port}`);
  const [alerts, alertError] =
    alertsRead && 'error' in alertsRead ? [undefined, alertsRead.error] : [alertsRead, undefined];
  if (alertError) errors.push(alertError);
  const retentionText = env.SAFEVISIT_RETENTION_DAYS?.trim() || undefined;
  const retentionDays = retentionText === undefined ? undefined : Number(retentionText);
  if (retentionDays !== undefined && !(Number.isSafeInteger(retentionDays) && retentionDays >= 1))
    errors.push('SAFEVISIT_RETENTION_DAYS must be a whole number of days, 1 or more.');

  const config = {
    production,
    port,
    host,
    dbPath: env.SAFEVISIT_DB || DEFAULT_DB_PATH,
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    tokens,
    chosenSetupCode,
    guidanceFile: env.SAFEVISIT_GUIDANCE_FILE || undefined,
    staticDir: env.SAFEVISIT_STATIC_DIR || 'dist',
    logger: env.SAFEVISIT_LOG === '1',
    trustProxy: env.SAFEVISIT_TRUST_PROXY === '1',
    rateLimitPerMin,
    deviceRateLimitPerMin,
    alerts,
    retentionDays,
  };
  if (production) errors.push(...productionProblems(env, config, alertError));
  if (errors.length > 0) return { errors };
  const warnings = tokens.some((t) => t.length < TOKEN_MIN_CHARS)
    ? [`Warning: a token in SAFEVISIT_TOKENS is shorter than ${TOKEN_MIN_CHARS} characters.`]
    : [];
  return { config: { ...config, warnings } };
};

/**
 * Production never prints a setup code: with no organisation yet, the operator must choose one. A sentence when
 * this start would need to print one; undefined otherwise.
 */
export const setupCodeProblem = (config: ServerConfig, organisationExists: boolean): string | undefined =>
  config.production && !organisationExists && config.chosenSetupCode === undefined
    ? `No organisation is set up yet, and production mode prints no setup code: set SAFEVISIT_SETUP_CODE to ${PRODUCTION_SETUP_CODE_MIN_CHARS}+ random characters (for example from \`openssl rand -hex 10\`), set up the organisation at <SAFEVISIT_PUBLIC_URL>/officer/ with it, then remove it.`
    : undefined;
