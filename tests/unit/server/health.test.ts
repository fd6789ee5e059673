// GET /v2/health, the load balancer's check: 200 `{ ok: true }` while the database answers a read, 503 with
// Retry-After once it does not (closed under the running server, or too slow), and GET /v1/health unchanged.
import { afterEach, describe, expect, it } from 'vitest';
import { HEALTH_DB_TIMEOUT_MS, HEALTH_PATH } from '../../../server/health.ts';
import { openSqliteStore } from '../../../server/storage/sqlite.ts';
import type { Store } from '../../../server/storage/types.ts';
import { fetchText, isUp, startServer, type TestServer } from '../fixtures.ts';

const running: TestServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});
const start = async (...args: Parameters<typeof startServer>) => {
  const server = await startServer(...args);
  running.push(server);
  return server;
};

describe('GET /v2/health', () => {
  it('answers 200 { ok: true } with no token while the database answers, and is never cached', async () => {
    const server = await start({ rateLimit: { max: 1, timeWindowMs: 60_000 } });
    for (let i = 0; i < 3; i++) {
      const { response, text } = await fetchText(`${server.url}${HEALTH_PATH}`);
      expect(response.status).toBe(200);
      expect(JSON.parse(text)).toEqual({ ok: true });
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers 503 with Retry-After when the database has gone away, while /v1/health still says the process is up', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const server = await start({ store });
    expect((await fetchText(`${server.url}${HEALTH_PATH}`)).response.status).toBe(200);
    await store.close();
    const { response, text } = await fetchText(`${server.url}${HEALTH_PATH}`);
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.parse(text)).toMatchObject({ ok: false, error: { code: 'storage-unavailable' } });
    expect(await isUp(server.url)).toBe(true);
  });

  it('answers 503 when the database does not answer in time', { timeout: HEALTH_DB_TIMEOUT_MS + 10_000 }, async () => {
    const real = openSqliteStore({ path: ':memory:' });
    // A database that stopped answering (a network engine whose server hangs): its reads never settle.
    const hanging: Store = { ...real, organisation: () => new Promise(() => undefined) };
    const server = await start({ store: hanging });
    const started = Date.now();
    const { response } = await fetchText(`${server.url}${HEALTH_PATH}`);
    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(HEALTH_DB_TIMEOUT_MS - 50);
    await real.close();
  });
});
