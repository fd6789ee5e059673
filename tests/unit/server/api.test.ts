// The v1 routes that remain (server/api.ts) on a real server: /v1/health and whether a sent token is accepted
// (configured, enrolled, revoked, unknown, an officer's), no-store on v1 answers, the rate limit keyed per accepted
// token and per address for everyone else, and /v1/guidance with its ETag, 304 and a 404 when none is published.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMIT } from '../../../server/api.ts';
import { ORG_PATHS } from '../../../src/domain/org-protocol.ts';
import { ErrorBodySchema, PATHS, PROTOCOL_VERSION } from '../../../src/domain/protocol.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';
import { DEVICE_TOKEN, enrolDevice, fetchText, OTHER_DEVICE_TOKEN, send, setUpServersPerTest } from '../fixtures.ts';

const start = setUpServersPerTest();

const health = async (url: string, authorization?: string) => {
  const { response, text } = await fetchText(
    `${url}${PATHS.health}`,
    authorization === undefined ? {} : { headers: { Authorization: authorization } },
  );
  return { response, body: JSON.parse(text) as Record<string, unknown> };
};

describe('GET /v1/health', () => {
  it('says the service is up, and says nothing about tokens when none is sent', async () => {
    const server = await start();
    const { response, body } = await health(server.url);
    expect(response.status).toBe(200);
    expect(body).toEqual({ service: 'safevisit', protocol: PROTOCOL_VERSION, status: 'ok' });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('says whether a sent token is a device token this server accepts', async () => {
    const server = await start();
    const enrolled = await enrolDevice(server, 'Hall laptop');
    const revoked = await enrolDevice(server, 'Lost phone');
    await send(server.url, ORG_PATHS.revokeDevice(revoked.deviceId), { method: 'POST', token: server.session.token });
    const cases: [string, boolean][] = [
      [`Bearer ${DEVICE_TOKEN}`, true],
      [`Bearer ${OTHER_DEVICE_TOKEN}`, true],
      [`Bearer ${enrolled.deviceToken}`, true],
      [`Bearer ${revoked.deviceToken}`, false],
      [`Bearer ${server.session.token}`, false],
      ['Bearer not-a-token', false],
      [`Basic ${DEVICE_TOKEN}`, false],
      ['', false],
    ];
    for (const [authorization, authorised] of cases) {
      const { response, body } = await health(server.url, authorization);
      expect(response.status, authorization).toBe(200);
      expect(body, authorization).toEqual({
        service: 'safevisit',
        protocol: PROTOCOL_VERSION,
        status: 'ok',
        authorised,
      });
    }
  });
});

describe('the v1 rate limit', () => {
  it('is 600 requests a minute unless configured (SAFEVISIT_RATE_LIMIT_PER_MIN in the README)', () => {
    expect(DEFAULT_RATE_LIMIT).toEqual({ max: 600, timeWindowMs: 60_000 });
  });

  it('counts per accepted token, and per address for callers without one', async () => {
    const server = await start({ rateLimit: { max: 2, timeWindowMs: 60_000 } });
    const status = async (authorization?: string) => (await health(server.url, authorization)).response.status;
    expect(await status(`Bearer ${DEVICE_TOKEN}`)).toBe(200);
    expect(await status(`Bearer ${DEVICE_TOKEN}`)).toBe(200);
    const limited = await health(server.url, `Bearer ${DEVICE_TOKEN}`);
    expect(limited.response.status).toBe(429);
    expect(ErrorBodySchema.parse(limited.body).error.code).toBe('rate-limited');
    expect(Number(limited.response.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another device has its own budget.
    expect(await status(`Bearer ${OTHER_DEVICE_TOKEN}`)).toBe(200);
    // Guessed tokens share the address's budget, as callers without a token do.
    expect(await status('Bearer guess-one')).toBe(200);
    expect(await status()).toBe(200);
    expect(await status('Bearer guess-two')).toBe(429);
    expect(await status(`Bearer ${OTHER_DEVICE_TOKEN}`)).toBe(200);
  });
});

describe('the v1 rate limit, continued', () => {
  it('counts callers without a token per address (behind a trusted proxy, the forwarded one)', async () => {
    const server = await start({ rateLimit: { max: 1, timeWindowMs: 60_000 }, trustProxy: true });
    const from = async (address: string) =>
      (await fetchText(`${server.url}${PATHS.health}`, { headers: { 'X-Forwarded-For': address } })).response.status;
    expect(await from('203.0.113.7')).toBe(200);
    expect(await from('203.0.113.7')).toBe(429);
    expect(await from('198.51.100.4')).toBe(200);
  });

  it('sends the limit’s headers when there is a limit, and none when it is off', async () => {
    const limited = await start({ rateLimit: { max: 5, timeWindowMs: 60_000 } });
    expect((await health(limited.url)).response.headers.get('x-ratelimit-limit')).toBe('5');
    const open = await start({ rateLimit: false });
    expect((await health(open.url)).response.headers.get('x-ratelimit-limit')).toBeNull();
  });
});

describe('GET /v1/guidance', () => {
  it('serves the published pack with its ETag, no-cache, and 304 when the device has it', async () => {
    const server = await start();
    const { response, text } = await fetchText(`${server.url}${PATHS.guidance}`, {
      headers: { Authorization: 'Bearer not-a-token' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[^"]+"$/);
    expect((JSON.parse(text) as { version: string }).version).toBe(BUNDLED_PACK.version);

    const again = await fetchText(`${server.url}${PATHS.guidance}`, { headers: { 'If-None-Match': etag } });
    expect(again.response.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.response.headers.get('etag')).toBe(etag);
    const other = await fetchText(`${server.url}${PATHS.guidance}`, { headers: { 'If-None-Match': '"other"' } });
    expect(other.response.status).toBe(200);
  });

  it('answers 404 with a plain sentence when the server publishes no guidance', async () => {
    const server = await start({ guidancePack: undefined });
    const { response, text } = await fetchText(`${server.url}${PATHS.guidance}`);
    expect(response.status).toBe(404);
    expect(ErrorBodySchema.parse(JSON.parse(text)).error).toEqual({
      code: 'not-found',
      message: 'This server publishes no guidance.',
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
  });
});
