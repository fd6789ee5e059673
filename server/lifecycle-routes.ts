// Key rotation and erasure (protocol v2): a confirmed officer publishes a new organisation encryption key (made,
// signed and sealed to every confirmed officer in their browser), or erases one report at once. The server checks
// shapes, freshness and that the grants reach exactly the confirmed officers; devices check the key's signature.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  EraseReportRequestSchema,
  KEY_CLOCK_SKEW_MS,
  LIFECYCLE_PATHS,
  RotateKeyRequestSchema,
} from '../src/domain/lifecycle-protocol.ts';
import { SEALED_PATHS } from '../src/domain/sealed-protocol.ts';
import { sendError, toWireIssues } from './http-errors.ts';
import type { KeyRotationStore, OfficerRecord, RetentionStore } from './storage/types.ts';
import type { Clock } from './throttle.ts';

const ReportParamsSchema = z.strictObject({ id: z.uuid() });

export type LifecycleStore = KeyRotationStore & RetentionStore;

const keyRefused = (reply: FastifyReply, message: string) =>
  sendError(reply, 400, 'invalid', 'The new key is not valid.', [{ path: 'encryptionKey', message }]);

/** The officer the auth hook found: on a `confirmed-officer` route it has answered 401 or 403 when there is none. */
const officerOf = (request: FastifyRequest): OfficerRecord => request.officer as OfficerRecord;

export const registerLifecycleRoutes = (app: FastifyInstance, store: LifecycleStore, clock: Clock): void => {
  app.post(LIFECYCLE_PATHS.rotateKey, { config: { auth: 'confirmed-officer' } }, async (request, reply) => {
    const by = officerOf(request).id;
    const parsed = RotateKeyRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      return sendError(reply, 400, 'invalid', 'The new key is not valid.', toWireIssues(parsed.error.issues));
    }
    const { encryptionKey, grants } = parsed.data;
    const now = clock();
    // A key dated far ahead would stay "current" over every later rotation made with a right clock.
    if (Date.parse(encryptionKey.createdAt) > now.getTime() + KEY_CLOCK_SKEW_MS) {
      return keyRefused(reply, 'is dated in the future: check the computer’s clock');
    }
    const outcome = await store.rotateKey(encryptionKey, grants, by, now.toISOString());
    if (outcome === 'officers-changed') {
      return sendError(
        reply,
        409,
        'officers-changed',
        'The new key must be sealed to every confirmed officer, once each; the officers changed. Try again.',
      );
    }
    if (outcome === 'not-newest') {
      return sendError(reply, 409, 'key-not-newest', 'The organisation already has this key or a newer one.');
    }
    return reply.code(201).send({ kid: encryptionKey.kid });
  });

  app.post(`${SEALED_PATHS.inbox}/:id/erase`, { config: { auth: 'confirmed-officer' } }, async (request, reply) => {
    const by = officerOf(request).id;
    const params = ReportParamsSchema.safeParse(request.params);
    if (!params.success) return sendError(reply, 404, 'not-found', 'There is no such report.');
    const parsed = EraseReportRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      return sendError(reply, 400, 'invalid', 'Type ERASE to confirm the erasure.', toWireIssues(parsed.error.issues));
    }
    const outcome = await store.eraseReport(params.data.id, { officerId: by, at: clock().toISOString() });
    if (outcome === 'unknown') return sendError(reply, 404, 'not-found', 'There is no such report.');
    return reply.code(204).send();
  });
};
