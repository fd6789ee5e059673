// The wiring of the reference server (server/app.ts) on a real socket: what each option of buildApp changes (logging,
// the proxy, the body limit, the database and its clock, tokens, rate limits, guidance, the built app's files, alerts,
// retention), the JSON answers of its error and not-found handlers, and what closing the app closes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ALERT_POLL_MS } from '../../../server/alerts.ts';
import { buildApp } from '../../../server/app.ts';
import { BUILT_GUIDANCE_FILE } from '../../../server/guidance.ts';
import { HEALTH_PATH } from '../../../server/health.ts';
import { DEVICE_RATE_LIMIT } from '../../../server/org-routes.ts';
import { RETENTION_SWEEP_EVERY_MS } from '../../../server/retention.ts';
import { openSqliteStore } from '../../../server/storage/sqlite.ts';
import { ORG_PATHS } from '../../../src/domain/org-protocol.ts';
import { ErrorBodySchema, PATHS, SUBMISSION_MAX_BYTES } from '../../../src/domain/protocol.ts';
import { GUIDANCE_PATHS } from '../../../src/domain/signed-guidance.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';
import {
  DEVICE_TOKEN,
  enrolDevice,
  expectAppError,
  fetchText,
  type SetUpServer,
  send,
  startReceiver,
  startServer,
  startSetUpServer,
  type TestServer,
} from '../fixtures.ts';

const running: TestServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const start = async (...args: Parameters<typeof startServer>) => {
  const server = await startServer(...args);
  running.push(server);
  return server;
};
const startSetUp = async (options: Parameters<typeof startSetUpServer>[0] = {}): Promise<SetUpServer> => {
  const server = await startSetUpServer(options);
  running.push(server);
  return server;
};
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'safevisit-app-'));
  dirs.push(dir);
  return dir;
};
const errorOf = async (response: Response) => ErrorBodySchema.parse(await response.json()).error;

describe('logging', () => {
  it('writes nothing unless logging is on, and request lines to the given stream when it is', async () => {
    const quiet: string[] = [];
    const off = await start({ logStream: { write: (line) => void quiet.push(line) } });
    await fetchText(`${off.url}${PATHS.health}`);
    expect(quiet).toEqual([]);

    const lines: string[] = [];
    const on = await start({ logger: true, logStream: { write: (line) => void lines.push(line) } });
    await fetchText(`${on.url}${PATHS.health}`);
    const parsed = lines.map((line) => JSON.parse(line) as { level: number; msg: string; req?: { url: string } });
    expect(parsed.some((l) => l.level === 30 && l.msg === 'incoming request' && l.req?.url === PATHS.health)).toBe(
      true,
    );
  });
});

describe('the client’s address', () => {
  it('is the socket’s unless the server is told it is behind a proxy, then X-Forwarded-For’s', async () => {
    const health = (url: string, forwardedFor: string) =>
      fetchText(`${url}${PATHS.health}`, { headers: { 'X-Forwarded-For': forwardedFor } });
    const rateLimit = { max: 1, timeWindowMs: 60_000 };
    const direct = await start({ rateLimit });
    expect((await health(direct.url, '203.0.113.1')).response.status).toBe(200);
    expect((await health(direct.url, '203.0.113.2')).response.status).toBe(429);
    const proxied = await start({ rateLimit, trustProxy: true });
    expect((await health(proxied.url, '203.0.113.1')).response.status).toBe(200);
    expect((await health(proxied.url, '203.0.113.2')).response.status).toBe(200);
  });
});

describe('request bodies', () => {
  /** A JSON body of exactly `bytes` bytes that the prelogin route refuses as invalid (not an email address). */
  const bodyOf = (bytes: number) => `{"email":"${'a'.repeat(bytes - 12)}"}`;
  const prelogin = (url: string, body: string, contentType = 'application/json') =>
    fetch(`${url}${ORG_PATHS.prelogin}`, { method: 'POST', headers: { 'Content-Type': contentType }, body });

  it('are accepted up to the size of a submission by default, and refused with 413 past it', async () => {
    const server = await start();
    expect(bodyOf(SUBMISSION_MAX_BYTES)).toHaveLength(SUBMISSION_MAX_BYTES);
    const largest = await prelogin(server.url, bodyOf(SUBMISSION_MAX_BYTES));
    expect(largest.status).toBe(400);
    expect((await errorOf(largest)).code).toBe('invalid');
    const tooLarge = await prelogin(server.url, bodyOf(SUBMISSION_MAX_BYTES + 1));
    expect(tooLarge.status).toBe(413);
    expect((await errorOf(tooLarge)).code).toBe('too-large');
  });

  it('are held to the configured limit', async () => {
    const server = await start({ bodyLimitBytes: 100 });
    expect((await prelogin(server.url, bodyOf(100))).status).toBe(400);
    expect((await prelogin(server.url, bodyOf(101))).status).toBe(413);
  });

  it('are JSON only: text gets 415 and broken JSON a 400 saying so, both in the API’s error shape', async () => {
    const server = await start();
    const text = await prelogin(server.url, 'lead@example.org', 'text/plain');
    expect(text.status).toBe(415);
    expect((await errorOf(text)).code).toBe('unsupported-media-type');
    const broken = await prelogin(server.url, '{"email": ');
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).code).toBe('invalid-json');
  });
});

describe('an address with nothing at it', () => {
  it('answers 404 in JSON, and so does a built app folder that does not exist', async () => {
    const server = await start({ staticDir: join(tempDir(), 'not-built') });
    for (const path of ['/', '/index.html', '/v2/nowhere']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await errorOf(response), path).toEqual({
        code: 'not-found',
        message: 'There is nothing at this address.',
      });
    }
  });
});

describe('the database', () => {
  it('is the file at dbPath, kept across restarts, and closed with the app', async () => {
    const dbPath = join(tempDir(), 'safevisit.sqlite');
    const first = await startSetUpServer({ dbPath });
    const { app } = first;
    await first.close();
    await expect(app.orgStore.organisation()).rejects.toThrow();
    const second = await start({ dbPath });
    const org = await fetchText(`${second.url}${ORG_PATHS.org}`);
    expect(org.response.status).toBe(200);
    expect(JSON.parse(org.text).name).toBe(first.request.organisation.name);
  });

  it('is the given store when one is passed, shared by every part of the app and left open when it closes', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    try {
      const server = await startServer({ store });
      const { app } = server;
      expect(app.orgStore).toBe(store);
      expect(app.sealedReports).toBe(store);
      expect(app.guidanceStore).toBe(store);
      expect(app.alertStore).toBe(store);
      expect(app.discardedPlaintextReports).toBe(store.discardedPlaintextReports);
      expect(app.alertWorker).toBeUndefined();
      expect(app.retention).toBeUndefined();
      expect((await fetchText(`${server.url}${HEALTH_PATH}`)).response.status).toBe(200);
      await server.close();
      expect(await store.organisation()).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('answers the load balancer’s health check: 503 once it is gone', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const server = await start({ store });
    await store.close();
    const { response } = await fetchText(`${server.url}${HEALTH_PATH}`);
    expect(response.status).toBe(503);
  });

  it('records times from the injected clock', async () => {
    const at = new Date('2026-10-05T08:30:00.000Z');
    const server = await startSetUp({ now: () => at });
    expect(server.session.officer.createdAt).toBe(at.toISOString());
  });
});

describe('device tokens', () => {
  it('are the configured ones only, and none when none is configured', async () => {
    const health = async (url: string, token: string) =>
      JSON.parse((await fetchText(`${url}${PATHS.health}`, { headers: { Authorization: `Bearer ${token}` } })).text);
    const configured = await start();
    expect((await health(configured.url, DEVICE_TOKEN)).authorised).toBe(true);
    const none = await start({ tokens: undefined });
    for (const token of [DEVICE_TOKEN, 'Stryker was here', ''])
      expect((await health(none.url, token)).authorised, token).toBe(false);
  });
});

describe('rate limits', () => {
  const limitOf = async (url: string, path: string, token?: string) => {
    const response = await send(url, path, { token });
    await response.text();
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    return { limit: response.headers.get('x-ratelimit-limit'), reset };
  };

  it('are on by default: 600 a minute per caller and the device budget on a device’s routes', async () => {
    const server = await startSetUp({ rateLimit: undefined });
    const device = await enrolDevice(server, 'Hall laptop');
    expect((await limitOf(server.url, PATHS.health)).limit).toBe('600');
    expect((await limitOf(server.url, ORG_PATHS.org)).limit).toBe('600');
    expect((await limitOf(server.url, ORG_PATHS.me, server.session.token)).limit).toBe('600');
    expect((await limitOf(server.url, ORG_PATHS.deviceStatus, device.deviceToken)).limit).toBe(
      String(DEVICE_RATE_LIMIT.max),
    );
  });

  it('give a device its own budget and window, apart from an officer’s or an address’s', async () => {
    const server = await startSetUp({
      rateLimit: { max: 50, timeWindowMs: 10_000 },
      deviceRateLimit: { max: 70, timeWindowMs: 120_000 },
    });
    const device = await enrolDevice(server, 'Hall laptop');
    const officer = await limitOf(server.url, ORG_PATHS.me, server.session.token);
    expect(officer.limit).toBe('50');
    expect(officer.reset).toBeGreaterThan(0);
    expect(officer.reset).toBeLessThanOrEqual(10);
    const address = await limitOf(server.url, ORG_PATHS.org);
    expect(address.limit).toBe('50');
    expect(address.reset).toBeLessThanOrEqual(10);
    const ownDevice = await limitOf(server.url, ORG_PATHS.deviceStatus, device.deviceToken);
    expect(ownDevice.limit).toBe('70');
    expect(ownDevice.reset).toBeGreaterThan(60);
    expect(ownDevice.reset).toBeLessThanOrEqual(120);
  });

  it('are off when turned off', async () => {
    const server = await start({ rateLimit: false });
    expect((await limitOf(server.url, PATHS.health)).limit).toBeNull();
    expect((await limitOf(server.url, ORG_PATHS.org)).limit).toBeNull();
  });
});

describe('guidance', () => {
  it('serves the given pack on v1 and the signed route on v2 (404 until an officer publishes)', async () => {
    const server = await start({ guidancePack: { ...BUNDLED_PACK, version: 'given-2026.11.30' } });
    const v1 = await fetchText(`${server.url}${PATHS.guidance}`);
    expect(v1.response.status).toBe(200);
    expect(JSON.parse(v1.text).version).toBe('given-2026.11.30');
    const v2 = await fetch(`${server.url}${GUIDANCE_PATHS.published}`);
    expect(v2.status).toBe(404);
    expect((await errorOf(v2)).code).toBe('not-published');
  });

  it('refuses to build with an invalid pack', async () => {
    await expectAppError(buildApp({ dbPath: ':memory:', guidancePack: { ...BUNDLED_PACK, version: -1 } }), 'invalid');
  });
});

describe('the built app', () => {
  const builtApp = (packVersion?: string) => {
    const dir = tempDir();
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>SafeVisit</title>');
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'export const a = 1;');
    if (packVersion)
      writeFileSync(join(dir, BUILT_GUIDANCE_FILE), JSON.stringify({ ...BUNDLED_PACK, version: packVersion }));
    return dir;
  };

  it('is served with assets cached for good and the shell and service worker revalidated', async () => {
    const server = await start({ staticDir: builtApp() });
    const cacheControl = async (path: string) => {
      const { response } = await fetchText(`${server.url}${path}`);
      expect(response.status, path).toBe(200);
      return response.headers.get('cache-control');
    };
    expect(await cacheControl('/')).toBe('no-cache');
    expect(await cacheControl('/sw.js')).toBe('no-cache');
    expect(await cacheControl('/assets/app-1a2b.js')).toBe('public, max-age=31536000, immutable');
  });

  it('brings its guidance pack unless another is given', async () => {
    const versionAt = async (server: TestServer) =>
      JSON.parse((await fetchText(`${server.url}${PATHS.guidance}`)).text).version;
    const built = await start({ staticDir: builtApp('built-2026.11.30'), guidancePack: undefined });
    expect(await versionAt(built)).toBe('built-2026.11.30');
    const given = { ...BUNDLED_PACK, version: 'given-2026.11.30' };
    const overridden = await start({ staticDir: builtApp('built-2026.11.30'), guidancePack: given });
    expect(await versionAt(overridden)).toBe('given-2026.11.30');
    const none = await start({ staticDir: builtApp(), guidancePack: undefined });
    expect((await fetchText(`${none.url}${PATHS.guidance}`)).response.status).toBe(404);
  });
});

describe('background work', () => {
  it('starts the alert worker only when alerts are configured', async () => {
    const receiver = await startReceiver();
    try {
      const server = await start({
        alerts: { webhook: { url: receiver.url, secret: 's'.repeat(32) }, inboxUrl: 'https://x.example/officer/' },
      });
      expect(server.app.alertWorker?.channels).toEqual(['webhook']);
      expect((await start()).app.alertWorker).toBeUndefined();
    } finally {
      await receiver.stop();
    }
  });

  it('starts the retention sweep only when a retention period is set', async () => {
    const server = await start({ retentionDays: 30 });
    expect(await server.app.retention?.sweep()).toEqual([]);
    expect((await start()).app.retention).toBeUndefined();
  });

  it('stops the alert worker and the retention sweep when the app closes, so neither touches the database again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const store = openSqliteStore({ path: ':memory:' });
    try {
      const calls = { claimAlert: 0, expireReviewed: 0 };
      const counted = new Proxy(store, {
        get: (target, key) => {
          if (key === 'claimAlert' || key === 'expireReviewed') calls[key]++;
          const value = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const alerts = {
        webhook: { url: 'http://127.0.0.1:9/hook', secret: 's'.repeat(32) },
        inboxUrl: 'https://x.example/',
      };
      const app = await buildApp({ store: counted, alerts, retentionDays: 30 });
      await app.alertWorker?.settled();
      await app.retention?.sweep();
      const ticks = async () => {
        const before = { ...calls };
        await vi.advanceTimersByTimeAsync(RETENTION_SWEEP_EVERY_MS + ALERT_POLL_MS);
        return { alerts: calls.claimAlert - before.claimAlert, sweeps: calls.expireReviewed - before.expireReviewed };
      };
      const running = await ticks();
      expect(running.alerts).toBeGreaterThan(0);
      expect(running.sweeps).toBeGreaterThan(0);
      await app.close();
      expect(await ticks()).toEqual({ alerts: 0, sweeps: 0 });
    } finally {
      vi.useRealTimers();
      await store.close();
    }
  });
});
