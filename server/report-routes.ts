// Sealed reports (protocol v2): `POST /v2/reports` from an enrolled device, and the officer's inbox under
// `/v2/officer/reports`. Stores and returns envelopes and routing fields only: the server holds no key that opens
// them, so no route here can return a report's content. The role of each route is in its `config.auth`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { WireErrorCode, WireIssue } from '../src/domain/protocol.ts';
import { canonicalJson, idempotencyKey } from '../src/domain/protocol.ts';
import {
  AuditExportRequestSchema,
  InboxQuerySchema,
  type InboxResponse,
  SEALED_PATHS,
  SealedBatchRequestSchema,
  type SealedBatchResponse,
  type SealedBatchResult,
  SealedSubmissionSchema,
  sealedContent,
} from '../src/domain/sealed-protocol.ts';
import { sha256Hex } from './auth.ts';
import { createGroupCommitter } from './group-commit.ts';
import { errorBody, sendError, toWireIssues } from './http-errors.ts';
import type { AlertChannel, Reader, SealedReportStore, SealedSave, SealedSaveOutcome } from './storage/types.ts';
import type { Clock } from './throttle.ts';

/** A malformed id gets the same plain 404 as an unknown one, so the schema needs no message of its own. */
const ReportParamsSchema = z.strictObject({ id: z.uuid() });

/** One report's refusal, as its own answer or as its result in a batch. */
const refusal = (status: number, code: WireErrorCode, message: string, issues?: WireIssue[]): SealedBatchResult => ({
  status,
  ...errorBody(code, message, issues),
});

const noSuchReport = (reply: FastifyReply) => sendError(reply, 404, 'not-found', 'There is no such report.');

/** The alert channels a new report queues in its own transaction, and the worker to wake after it. */
export type ReportAlerts = { channels: readonly AlertChannel[]; kick: () => void };

export const registerReportRoutes = (
  app: FastifyInstance,
  store: SealedReportStore,
  clock: Clock,
  alerts?: ReportAlerts,
): void => {
  /** The signed-in officer and now, for the audit row; the role hook has already refused anyone else. */
  const readerOf = (request: FastifyRequest): Reader | undefined =>
    // Stryker disable next-line ConditionalExpression: no one else gets past the role hook (org-routes.ts).
    request.officer ? { officerId: request.officer.id, at: clock().toISOString() } : undefined;
  // Stryker disable next-line all: unreachable: only a confirmed officer gets past the role hook.
  const signInFirst = (reply: FastifyReply) =>
    // Stryker disable next-line all: unreachable: only a confirmed officer gets past the role hook.
    sendError(reply, 401, 'unauthorised', 'Sign in first: this needs an officer’s session.');

  const committer = createGroupCommitter(store, alerts?.channels);

  /** A submission as the device sent it, checked: the save to make, or the 400 it gets. */
  const check = (body: unknown, deviceId: string, receivedAt: string): SealedSave | SealedBatchResult => {
    const parsed = SealedSubmissionSchema.safeParse(body);
    if (!parsed.success) {
      const issues = toWireIssues(parsed.error.issues);
      return issues.some((issue) => issue.path === 'schemaVersion')
        ? refusal(400, 'schema-version', 'This report’s schema version is newer than this server.', issues)
        : refusal(400, 'invalid', 'The sealed report is not valid.', issues);
    }
    const submission = parsed.data;
    const bodyHash = sha256Hex(canonicalJson(sealedContent(submission)));
    return { report: { ...submission, deviceId, bodyHash }, receivedAt };
  };

  /** Saves the checked submissions in the next group commit and answers each as POST /v2/reports does. */
  const saveAll = async (checked: (SealedSave | SealedBatchResult)[]): Promise<SealedBatchResult[]> => {
    const saves = checked.filter((c): c is SealedSave => 'report' in c);
    const outcomes = await committer.save(saves);
    // Stryker disable next-line ConditionalExpression: a kick with nothing new queued finds nothing to send.
    if (outcomes.some((o) => o.kind === 'created')) alerts?.kick();
    let next = 0;
    return checked.map((c) => {
      if (!('report' in c)) return c;
      const { id, revision } = c.report;
      const outcome = outcomes[next++] as SealedSaveOutcome;
      switch (outcome.kind) {
        case 'unknown-key':
          return refusal(
            400,
            'unknown-key',
            'This report is sealed to a key this organisation does not have. Enrol the device with this organisation again.',
            [{ path: 'keyId', message: 'is not one of the organisation’s keys' }],
          );
        case 'conflict':
          return refusal(
            409,
            'conflict',
            'This server already holds this report revision with different content; send it as a new revision.',
          );
        default:
          return {
            status: outcome.kind === 'created' ? 201 : 200,
            receipt: { id, revision, receivedAt: outcome.receivedAt },
          };
      }
    });
  };

  app.post(SEALED_PATHS.reports, { config: { auth: 'device' } }, async (request, reply) => {
    const key = request.headers['idempotency-key'];
    // Stryker disable next-line MethodExpression: HTTP strips the spaces around a header value before it gets here.
    if (typeof key !== 'string' || key.trim() === '') {
      return sendError(reply, 400, 'idempotency-key', 'Send the Idempotency-Key header as <id>:<revision>.');
    }
    const deviceId = request.deviceId;
    // Stryker disable next-line all: unreachable: only an enrolled device gets past the role hook.
    if (!deviceId) return sendError(reply, 401, 'unauthorised', 'Send this device’s access token.');
    const checked = check(request.body, deviceId, clock().toISOString());
    // Stryker disable next-line MethodExpression: HTTP strips the spaces around a header value before it gets here.
    if ('report' in checked && key.trim() !== idempotencyKey(checked.report.id, checked.report.revision)) {
      return sendError(reply, 400, 'idempotency-key', 'The Idempotency-Key header does not match the id and revision.');
    }
    const [answer] = (await saveAll([checked])) as [SealedBatchResult];
    if ('receipt' in answer) return reply.code(answer.status).send(answer.receipt);
    return sendError(
      reply,
      answer.status,
      answer.error.code as WireErrorCode,
      answer.error.message,
      answer.error.issues,
    );
  });

  // Many reports in one request (SEALED_BATCH_MAX_REPORTS), each answered as the route above would, all committed
  // together: a device clearing a backlog pays for one request per batch instead of one per report.
  app.post(SEALED_PATHS.reportsBatch, { config: { auth: 'device' } }, async (request, reply) => {
    const deviceId = request.deviceId;
    // Stryker disable next-line all: unreachable: only an enrolled device gets past the role hook.
    if (!deviceId) return sendError(reply, 401, 'unauthorised', 'Send this device’s access token.');
    const batch = SealedBatchRequestSchema.safeParse(request.body);
    if (!batch.success) {
      return sendError(
        reply,
        400,
        'invalid',
        'The batch of sealed reports is not valid.',
        toWireIssues(batch.error.issues),
      );
    }
    const receivedAt = clock().toISOString();
    const results = await saveAll(batch.data.reports.map((body) => check(body, deviceId, receivedAt)));
    const answer: SealedBatchResponse = { results };
    return answer;
  });

  app.get(SEALED_PATHS.inbox, { config: { auth: 'confirmed-officer' } }, async (request, reply) => {
    const reader = readerOf(request);
    // Stryker disable next-line all: unreachable: only a confirmed officer gets past the role hook.
    if (!reader) return signInFirst(reply);
    const query = InboxQuerySchema.safeParse(request.query);
    if (!query.success) {
      return sendError(reply, 400, 'invalid', 'The inbox query is not valid.', toWireIssues(query.error.issues));
    }
    const page = await store.inbox(query.data, reader);
    const body: InboxResponse = { reports: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    return body;
  });

  app.get(`${SEALED_PATHS.inbox}/:id`, { config: { auth: 'confirmed-officer' } }, async (request, reply) => {
    const reader = readerOf(request);
    // Stryker disable next-line all: unreachable: only a confirmed officer gets past the role hook.
    if (!reader) return signInFirst(reply);
    const params = ReportParamsSchema.safeParse(request.params);
    if (!params.success) return noSuchReport(reply);
    return (await store.openSealed(params.data.id, reader)) ?? noSuchReport(reply);
  });

  app.post(`${SEALED_PATHS.inbox}/:id/reviewed`, { config: { auth: 'confirmed-officer' } }, async (request, reply) => {
    const reader = readerOf(request);
    // Stryker disable next-line all: unreachable: only a confirmed officer gets past the role hook.
    if (!reader) return signInFirst(reply);
    const params = ReportParamsSchema.safeParse(request.params);
    if (!params.success) return noSuchReport(reply);
    return (await store.markReviewed(params.data.id, reader)) ?? noSuchReport(reply);
  });

  app.post(SEALED_PATHS.auditExport, { config: { auth: 'confirmed-officer' } }, async (request, reply) => {
    const reader = readerOf(request);
    // Stryker disable next-line all: unreachable: only a confirmed officer gets past the role hook.
    if (!reader) return signInFirst(reply);
    const parsed = AuditExportRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      return sendError(reply, 400, 'invalid', 'The export record is not valid.', toWireIssues(parsed.error.issues));
    }
    const outcome = await store.recordExport(parsed.data.ids, parsed.data.format, reader);
    if (outcome === 'unknown') {
      return sendError(reply, 400, 'invalid', 'Some of these reports are not on this server.', [
        { path: 'ids', message: 'must name reports stored on this server' },
      ]);
    }
    return reply.code(204).send();
  });
};
