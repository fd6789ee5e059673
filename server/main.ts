// Starts the reference server on 127.0.0.1 (PORT overrides 4173), serving dist/ and the v1 API.
import { buildApp } from './app.ts';

const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';

const app = await buildApp({ staticDir: process.env.SAFEVISIT_STATIC_DIR ?? 'dist', logger: false });
await app.listen({ port, host });
console.log(`SafeVisit is running at http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`);

const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
