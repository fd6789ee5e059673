// CORS for the v1 API: the app may be served from another origin than its sync endpoint. Answers preflights itself,
// before rate limiting and auth. Never applies to the app's own files.
import type { FastifyInstance } from 'fastify';

export const CORS_ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, If-None-Match';
export const CORS_EXPOSED_HEADERS = 'ETag, Retry-After';
export const CORS_MAX_AGE_S = 600;

/**
 * `*` is safe here: the API uses no cookies or other ambient credentials; a caller must hold a bearer token, and the
 * browser never attaches one by itself.
 */
export const registerCors = (app: FastifyInstance, prefix = '/v1/'): void => {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(prefix)) return;
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS);
    if (request.method !== 'OPTIONS' || !request.headers['access-control-request-method']) return;
    reply
      .header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
      .header('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS)
      .header('Access-Control-Max-Age', String(CORS_MAX_AGE_S));
    // Chrome's Private Network Access: a public page may talk to a server on this computer for testing.
    if (request.headers['access-control-request-private-network'] === 'true')
      reply.header('Access-Control-Allow-Private-Network', 'true');
    return reply.code(204).send();
  });
};
