// The Content-Security-Policy and the other security headers of the app and its API, as options for @fastify/helmet
// and @fastify/cors; the build reuses the CSP for its meta tag. Writes no header those libraries already write.
import type { FastifyCorsOptions } from '@fastify/cors';
import type { FastifyHelmetOptions } from '@fastify/helmet';

/** The app loads nothing from any other origin; only the sync endpoint may be elsewhere. */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  // 'wasm-unsafe-eval' lets the page compile WebAssembly (the vault's Argon2id, hash-wasm); Chromium refuses
  // WebAssembly.compile without it. It does not allow eval(), new Function() or inline scripts.
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  // The sync endpoint is configured on the device, so any https origin is allowed, and this computer for testing.
  'connect-src': ["'self'", 'https:', 'http://127.0.0.1:*', 'http://localhost:*'],
  'manifest-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

/** The policy as one header value, in the order above (the build's meta tag leaves out frame-ancestors). */
// Stryker disable next-line ArrayDeclaration: a default naming no directive leaves out nothing, as [] does.
export const contentSecurityPolicy = (omit: string[] = []): string =>
  Object.entries(CSP_DIRECTIVES)
    .filter(([name]) => !omit.includes(name))
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');

/**
 * Our CSP and X-Frame-Options DENY; helmet's own defaults give Referrer-Policy no-referrer and the same-origin
 * Cross-Origin-Opener- and -Resource-Policy (tests/unit/server/security-headers.test.ts holds all of them).
 */
export const HELMET_OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
  frameguard: { action: 'deny' },
};

/** Helmet has no Permissions-Policy: the one header written here. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), interest-cohort=()';

export const CORS_MAX_AGE_S = 600;

/**
 * CORS for the API only (the app may be served from another origin than its sync endpoint); never for the app's
 * own files. `*` is safe: the API uses no cookies or other ambient credentials, a caller must hold a bearer token and
 * the browser never attaches one by itself.
 */
export const corsOptions =
  (apiPrefixes: string[]): FastifyCorsOptions['delegator'] =>
  (request, callback) =>
    callback(
      null,
      // Stryker disable next-line StringLiteral: Node always gives a request its URL; the '' only satisfies the type.
      apiPrefixes.some((prefix) => (request.url ?? '').startsWith(prefix))
        ? {
            origin: '*',
            methods: ['GET', 'POST', 'OPTIONS'],
            allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match'],
            exposedHeaders: ['ETag', 'Retry-After'],
            maxAge: CORS_MAX_AGE_S,
          }
        : { origin: false },
    );
