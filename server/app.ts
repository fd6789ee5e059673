// Builds the reference server: the built app (same origin) and the v1 sync API. Never listens itself.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { SECURITY_HEADERS } from './security-headers.ts';

export type AppOptions = {
  /** Folder of the built app to serve; omitted or missing means API only. */
  staticDir?: string;
  logger?: boolean;
};

export const buildApp = async (options: AppOptions = {}): Promise<FastifyInstance> => {
  const app = Fastify({ logger: options.logger ?? false });

  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    return payload;
  });

  app.get('/v1/health', async () => ({ service: 'safevisit', protocol: 1, status: 'ok' }));

  const staticDir = options.staticDir ? resolve(options.staticDir) : undefined;
  if (staticDir && existsSync(staticDir)) {
    await app.register(fastifyStatic, {
      root: staticDir,
      // The service worker and the page shell must be revalidated so updates are seen.
      cacheControl: false,
      setHeaders: (reply, path) => {
        if (path.includes('/assets/')) reply.header('Cache-Control', 'public, max-age=31536000, immutable');
        else reply.header('Cache-Control', 'no-cache');
      },
    });
  }
  return app;
};
