// The v1 routes that remain: guidance, health, and a 410 for v1 reports (sent and read in clear, now refused: sealed
// reports travel by protocol v2, server/report-routes.ts). Identifies bearer tokens for the rate limiter.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Health, PATHS, PROTOCOL_VERSION } from '../src/domain/protocol.ts';
import { bearerToken, type Principal, type TokenChecker } from './auth.ts';
import { matchesIfNoneMatch, type PublishedGuidance } from './guidance.ts';
import { sendError } from './http-errors.ts';

export type RateLimitOptions = { max: number; timeWindowMs: number };

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 600, timeWindowMs: 60_000 };

export type ApiOptions = {
  tokens: TokenChecker;
  /** The pack to publish; undefined when this server publishes none (devices keep the one they have). */
  guidance: PublishedGuidance | undefined;
  rateLimit: RateLimitOptions | false;
};

declare module 'fastify' {
  interface FastifyRequest {
    /** The accepted bearer token's role and label; undefined when none or unknown. */
    principal?: Principal;
  }
}

export const registerApi = async (app: FastifyInstance, options: ApiOptions): Promise<void> => {
  const { tokens, guidance } = options;

  // Identify only; routes decide what they need. Runs before the rate limiter so it can key on the token.
  app.addHook('onRequest', async (request) => {
    request.principal = await tokens.check(bearerToken(request.headers.authorization));
  });

  if (options.rateLimit) {
    await app.register(rateLimit, {
      global: true,
      max: options.rateLimit.max,
      timeWindow: options.rateLimit.timeWindowMs,
      // Per accepted token; unknown callers by address, so guessing tokens is limited too.
      keyGenerator: (request) => request.principal?.label ?? `ip:${request.ip}`,
    });
  }

  // Every route of this plugin is a v1 route (the hook does not reach the rest of the app): no cache may keep an
  // answer. Guidance sets its own policy.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.get(PATHS.health, async (request): Promise<Health> => {
    const health: Health = { service: 'safevisit', protocol: PROTOCOL_VERSION, status: 'ok' };
    // With a token, say whether it is a device token this server accepts ("Test connection" can say "wrong token").
    // Every principal is a device: officers sign in on the v2 routes.
    if (request.headers.authorization !== undefined)
      health.authorised = request.principal !== undefined && !request.principal.revoked;
    return health;
  });

  // No token needed: the pack is published guidance, not personal data, and a new device needs it before it has a
  // token. A token that is sent is ignored here.
  app.get(PATHS.guidance, async (request, reply) => {
    if (!guidance) return sendError(reply, 404, 'not-found', 'This server publishes no guidance.');
    reply.header('ETag', guidance.etag).header('Cache-Control', 'no-cache');
    if (matchesIfNoneMatch(request.headers['if-none-match'], guidance.etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(guidance.body);
  });

  // Protocol v1 carried reports in clear; this server keeps sealed reports only (`POST /v2/reports`). Answered before
  // the body is read, so nothing of a plaintext report is parsed, kept or logged.
  const gone =
    (message: string) =>
    (_request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
      sendError(reply, 410, 'gone', message);
      done();
    };
  const updateTheApp =
    'This server accepts sealed reports only. Update the app: your reports stay on this device until they are sent.';
  const useTheInbox = 'Reports are read in the officer’s inbox at /officer/, where they are opened in the browser.';
  app.post(PATHS.reports, { onRequest: gone(updateTheApp) }, async () => undefined);
  app.get(PATHS.reports, { onRequest: gone(useTheInbox) }, async () => undefined);
  app.get(`${PATHS.reports}/:id`, { onRequest: gone(useTheInbox) }, async () => undefined);
};
