// The v1 sync API routes (DESIGN.md "Sync protocol (v1)"): submit a report revision, fetch guidance, health, and the
// officer's read-only list. Validates with the shared zod schemas; never echoes a report back in an error.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import { z } from 'zod';
import {
  canonicalJson,
  type Health,
  idempotencyKey,
  PATHS,
  PROTOCOL_VERSION,
  type Receipt,
  SubmissionSchema,
  submissionContent,
} from '../src/domain/protocol.ts';
import { REPORT_SCHEMA_VERSION, type SubmittedReport } from '../src/domain/report-schema.ts';
import { reportSummary } from '../src/domain/report-summary.ts';
import { bearerToken, type Principal, type Role, sha256Hex, type TokenChecker } from './auth.ts';
import { matchesIfNoneMatch, type PublishedGuidance } from './guidance.ts';
import { sendError, toWireIssues } from './http-errors.ts';
import type { ReportStore, StoredSubmission } from './storage/types.ts';

export type RateLimitOptions = { max: number; timeWindowMs: number };

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 600, timeWindowMs: 60_000 };
export const LIST_DEFAULT_LIMIT = 50;
export const LIST_MAX_LIMIT = 200;

export type ApiOptions = {
  store: ReportStore;
  tokens: TokenChecker;
  /** The pack to publish; undefined when this server publishes none (devices keep the one they have). */
  guidance: PublishedGuidance | undefined;
  bodyLimitBytes: number;
  rateLimit: RateLimitOptions | false;
};

declare module 'fastify' {
  interface FastifyRequest {
    /** The accepted bearer token's role and label; undefined when none or unknown. */
    principal?: Principal;
  }
}

/**
 * Rejects, before the body is read, a request whose token is missing/unknown (401) or of the wrong role (403).
 * Callback style on purpose: a hook that replies and never calls `done` stops the request there (Fastify's hooks docs).
 */
const requireRole =
  (role: Role) =>
  (
    request: FastifyRequest,
    reply: FastifyReply,
    payload: RequestPayload,
    done: (err: null, p: RequestPayload) => void,
  ) => {
    if (!request.principal) {
      reply.header('WWW-Authenticate', 'Bearer');
      sendError(reply, 401, 'unauthorised', 'Send a valid access token: Authorization: Bearer <token>.');
      return;
    }
    if (request.principal.revoked) {
      sendError(
        reply,
        403,
        'revoked',
        'This device’s access has been withdrawn; ask your organisation to enrol it again.',
      );
      return;
    }
    if (request.principal.role !== role) {
      const needed = role === 'device' ? 'a device access token' : "the online safety officer's token";
      sendError(reply, 403, 'forbidden', `This request needs ${needed}.`);
      return;
    }
    done(null, payload);
  };

const summaryOf = (s: StoredSubmission) => ({
  id: s.id,
  revision: s.revision,
  schemaVersion: s.schemaVersion,
  createdAt: s.createdAt,
  submittedAt: s.submittedAt,
  receivedAt: s.receivedAt,
  device: s.device,
});

const ListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(LIST_MAX_LIMIT).default(LIST_DEFAULT_LIMIT),
  before: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'must be a nextCursor from a previous page')
    .optional(),
});
const ReportParamsSchema = z.object({ id: z.uuid() });
const ReportQuerySchema = z.object({
  revision: z.union([z.literal('latest'), z.coerce.number().int().min(1)]).optional(),
});

export const registerApi = async (app: FastifyInstance, options: ApiOptions): Promise<void> => {
  const { store, tokens, guidance } = options;

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

  app.addHook('onSend', async (request, reply, payload) => {
    // Receipts and reports are personal data: no cache may keep them. Guidance sets its own policy.
    if (!reply.hasHeader('Cache-Control') && request.url.startsWith('/v1/')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.get(PATHS.health, async (request): Promise<Health> => {
    const health: Health = { service: 'safevisit', protocol: PROTOCOL_VERSION, status: 'ok' };
    // With a token, say whether it is a device token this server accepts ("Test connection" can say "wrong token").
    if (request.headers.authorization !== undefined)
      health.authorised = request.principal?.role === 'device' && !request.principal.revoked;
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

  app.post(
    PATHS.reports,
    { bodyLimit: options.bodyLimitBytes, preParsing: requireRole('device') },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || key.trim() === '') {
        return sendError(reply, 400, 'idempotency-key', 'Send the Idempotency-Key header as <id>:<revision>.');
      }
      const body = request.body;
      if (body !== null && typeof body === 'object' && 'schemaVersion' in body) {
        if (body.schemaVersion !== REPORT_SCHEMA_VERSION) {
          return sendError(
            reply,
            400,
            'schema-version',
            `This server accepts report schema version ${REPORT_SCHEMA_VERSION} only; update the app or the server.`,
            [{ path: 'schemaVersion', message: `must be ${REPORT_SCHEMA_VERSION}` }],
          );
        }
      }
      const parsed = SubmissionSchema.safeParse(body);
      if (!parsed.success) {
        return sendError(reply, 400, 'invalid', 'The report is not valid.', toWireIssues(parsed.error.issues));
      }
      const submission = parsed.data;
      if (key.trim() !== idempotencyKey(submission.id, submission.revision)) {
        return sendError(
          reply,
          400,
          'idempotency-key',
          'The Idempotency-Key header does not match the id and revision.',
        );
      }
      const outcome = await store.save(
        {
          id: submission.id,
          revision: submission.revision,
          schemaVersion: submission.schemaVersion,
          createdAt: submission.createdAt,
          submittedAt: submission.submittedAt,
          bodyHash: sha256Hex(canonicalJson(submissionContent(submission))),
          device: request.principal?.label ?? 'unknown',
          report: submission.report,
        },
        new Date().toISOString(),
      );
      if (outcome.kind === 'conflict') {
        return sendError(
          reply,
          409,
          'conflict',
          'This server already holds this report revision with different content; send it as a new revision.',
        );
      }
      const receipt: Receipt = { id: submission.id, revision: submission.revision, receivedAt: outcome.receivedAt };
      return reply.code(outcome.kind === 'created' ? 201 : 200).send(receipt);
    },
  );

  // The officer's read-only view. Lists carry a summary (types and date only); one report carries everything.
  app.get(PATHS.reports, { preParsing: requireRole('officer') }, async (request, reply) => {
    const query = ListQuerySchema.safeParse(request.query);
    if (!query.success) {
      return sendError(reply, 400, 'invalid', 'The list query is not valid.', toWireIssues(query.error.issues));
    }
    const page = await store.list(query.data);
    return {
      reports: page.items.map((item) => ({
        ...summaryOf(item),
        revisions: item.revisions,
        summary: reportSummary(item.report as SubmittedReport),
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  });

  app.get(`${PATHS.reports}/:id`, { preParsing: requireRole('officer') }, async (request, reply) => {
    const params = ReportParamsSchema.safeParse(request.params);
    const query = ReportQuerySchema.safeParse(request.query);
    if (!params.success || !query.success) {
      const issues = [...(params.error?.issues ?? []), ...(query.error?.issues ?? [])];
      return sendError(reply, 400, 'invalid', 'The report address is not valid.', toWireIssues(issues));
    }
    const all = await store.revisions(params.data.id);
    const wanted = query.data.revision;
    const revisions =
      wanted === undefined ? all : wanted === 'latest' ? all.slice(0, 1) : all.filter((r) => r.revision === wanted);
    if (revisions.length === 0) return sendError(reply, 404, 'not-found', 'There is no such report or revision.');
    return {
      id: params.data.id,
      revisions: revisions.map((r) => ({ ...summaryOf(r), bodyHash: r.bodyHash, report: r.report })),
    };
  });
};
