// The benchmark's server: the real reference server (server/app.ts) on 127.0.0.1, serving the freshly built app
// at / and the bench page at /bench/ from ONE origin, so both share the app's IndexedDB. Stops with close().
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.ts';
import { APP_OUT_DIR, PAGE_OUT_DIR } from './sizes.ts';

/** The device token the sync benchmark sends (accepted by this server only). */
export const BENCH_TOKEN = 'bench-device-token-0123456789';

/** Time the server spent on report submissions (fastify's reply.elapsedTime, request in to response sent). */
export type SubmitStats = { count: number; totalMs: number };

export type BenchServer = { origin: string; app: FastifyInstance; submits: SubmitStats; close: () => Promise<void> };

export const startBenchServer = async (): Promise<BenchServer> => {
  // Rate limiting off: 1,000 reports from one device in a few seconds is the point of the sync figure, and the
  // limiter would answer 429 (the engine would then wait for Retry-After, which measures the limit, not the sync).
  const app = await buildApp({ staticDir: APP_OUT_DIR, tokens: [BENCH_TOKEN], rateLimit: false });
  const submits: SubmitStats = { count: 0, totalMs: 0 };
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'POST' || !request.url.startsWith('/v1/reports')) return;
    submits.count++;
    submits.totalMs += reply.elapsedTime;
  });
  await app.register(fastifyStatic, {
    root: resolve(PAGE_OUT_DIR),
    prefix: '/bench/',
    decorateReply: false,
    cacheControl: false,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the bench server did not bind a port');
  return { origin: `http://127.0.0.1:${address.port}`, app, submits, close: () => app.close() };
};
