// GET /v2/health, the load balancer's check: 200 `{ ok: true }` while the database answers a read, 503 with
// Retry-After once it does not (closed under the running server, or too slow), and GET /v1/health unchanged.
import { afterEach, describe, expect, it } from 'vitest';
import { HEALTH_DB_TIMEOUT_MS, HEALTH_PATH, HEALTH_RETRY_AFTER_S } from '../../../server/health.ts';
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
/** The server's log lines, parsed, for a server started with `{ logger: true, logStream: log.stream }`. */
const captured = () => {
  const lines: string[] = [];
  return {
    stream: { write: (line: string) => void lines.push(line) },
    errors: () =>
      lines
        .map((l) => JSON.parse(l) as { level: number; msg: string; err?: { message: string } })
        .filter((l) => l.level >= 50),
  };
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
    const log = captured();
    const server = await start({ store, logger: true, logStream: log.stream });
    expect((await fetchText(`${server.url}${HEALTH_PATH}`)).response.status).toBe(200);
    expect(log.errors()).toEqual([]);
    await store.close();
    const { response, text } = await fetchText(`${server.url}${HEALTH_PATH}`);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe(String(HEALTH_RETRY_AFTER_S));
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(JSON.parse(text)).toEqual({
      ok: false,
      error: { code: 'storage-unavailable', message: 'The database does not answer.' },
    });
    expect(log.errors()).toEqual([
      expect.objectContaining({ msg: 'health check: the database does not answer', err: expect.any(Object) }),
    ]);
    expect(await isUp(server.url)).toBe(true);
  });

  it('answers 503 when the database does not answer in time', { timeout: HEALTH_DB_TIMEOUT_MS + 10_000 }, async () => {
    const real = openSqliteStore({ path: ':memory:' });
    // A database that stopped answering (a network engine whose server hangs): its reads never settle.
    const hanging: Store = { ...real, organisation: () => new Promise(() => undefined) };
    const log = captured();
    const server = await start({ store: hanging, logger: true, logStream: log.stream });
    const started = Date.now();
    const { response } = await fetchText(`${server.url}${HEALTH_PATH}`);
    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(HEALTH_DB_TIMEOUT_MS - 50);
    expect(log.errors()).toEqual([
      expect.objectContaining({ err: expect.objectContaining({ message: 'the database did not answer in time' }) }),
    ]);
    await real.close();
  });
});
