// `GET /v2/health` for a load balancer: 200 `{ ok: true }` when the database answers a read within a couple of
// seconds, 503 with Retry-After when it does not. No token, no rate limit, nothing about the data in the answer.
import type { FastifyInstance } from 'fastify';

export const HEALTH_PATH = '/v2/health';
/** A database slower than this to answer one small read counts as down (a load balancer waits about as long). */
export const HEALTH_DB_TIMEOUT_MS = 2_000;
/** What a caller is told to wait before asking again when the database does not answer (seconds). */
export const HEALTH_RETRY_AFTER_S = 5;

export type HealthAnswer = { ok: true } | { ok: false; error: { code: 'storage-unavailable'; message: string } };

/** `check` does one small read of the database and rejects when it cannot. */
export const registerHealth = (app: FastifyInstance, check: () => Promise<unknown>): void => {
  app.get(HEALTH_PATH, async (_request, reply): Promise<HealthAnswer> => {
    reply.header('Cache-Control', 'no-store');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('the database did not answer in time')), HEALTH_DB_TIMEOUT_MS);
    });
    try {
      // Stryker disable next-line ArrowFunction: a timer left running only rejects a promise the race has handled.
      await Promise.race([check(), timeout]).finally(() => clearTimeout(timer));
      return { ok: true };
    } catch (error) {
      reply.log.error({ err: error }, 'health check: the database does not answer');
      reply.code(503).header('Retry-After', String(HEALTH_RETRY_AFTER_S));
      return { ok: false, error: { code: 'storage-unavailable', message: 'The database does not answer.' } };
    }
  });
};
