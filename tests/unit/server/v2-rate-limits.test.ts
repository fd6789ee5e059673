// The rate limits of the v2 routes over a real socket: an enrolled device has its own budget (sized for a backlog
// sync, so one device's 1,000 queued reports go through under the defaults), devices behind one address do not share
// it, and callers without a token this server knows are limited by address, so tokens cannot be guessed quickly.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMIT } from '../../../server/api.ts';
import { DEVICE_RATE_LIMIT } from '../../../server/org-routes.ts';
import { ORG_PATHS } from '../../../src/domain/org-protocol.ts';
import { ErrorBodySchema } from '../../../src/domain/protocol.ts';
import { SYNC_CONCURRENCY } from '../../../src/sync/outbox.ts';
import {
  b64,
  enrolDevice,
  joinAsNewOfficer,
  postSealed,
  sealedServersPerTest,
  sealedSubmission,
  send,
} from '../fixtures.ts';

const start = sealedServersPerTest();
const MINUTE_MS = 60_000;
/** Sealing and sending 1,000 reports on a shared 2-core machine. */
const BACKLOG_TEST_TIMEOUT_MS = 60_000;

/** The statuses of GET `path` sent `times` times with `token` and `headers`, and the last answer's Retry-After. */
const statusesOf = async (url: string, path: string, times: number, token?: string, headers = {}) => {
  const statuses: number[] = [];
  let retryAfter: string | null = null;
  for (let i = 0; i < times; i++) {
    const response = await send(url, path, { token, headers });
    statuses.push(response.status);
    retryAfter = response.headers.get('retry-after');
    await response.body?.cancel();
  }
  return { statuses, retryAfterS: Number(retryAfter) };
};

describe('rate limits of POST /v2/reports', () => {
  it('limits each enrolled device by its own budget (429 with Retry-After), not by the address it shares', async () => {
    // Per address 2, per device 3: the device goes past the address budget, and stops only at its own.
    const server = await start({
      rateLimit: { max: 2, timeWindowMs: MINUTE_MS },
      deviceRateLimit: { max: 3, timeWindowMs: MINUTE_MS },
    });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 4; i++) {
      const response = await postSealed(server, await sealedSubmission(server.org));
      statuses.push(response.status);
      if (response.status === 429) limited = response;
      else await response.body?.cancel();
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(ErrorBodySchema.parse(await limited?.json()).error.code).toBe('rate-limited');
    expect(await server.app.sealedReports.sealedCount()).toBe(3);

    // A second device on the same address (as behind one NAT) still has its whole budget.
    const other = { url: server.url, ...(await enrolDevice(server, 'Second laptop')) };
    expect((await postSealed(other, await sealedSubmission(server.org))).status).toBe(201);
  });

  it('limits requests without a known token by address, and an enrolled device from that address is not held up', async () => {
    // Setting the server up was one request from this address; two guesses fill its budget of 3.
    const server = await start({ rateLimit: { max: 3, timeWindowMs: MINUTE_MS } });
    const s = await sealedSubmission(server.org);
    const statuses: number[] = [];
    for (const token of [b64(32), 'not-a-token', b64(32)]) {
      const response = await postSealed(server, s, { token });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses).toEqual([401, 401, 429]);
    expect((await postSealed(server, s, { token: null })).status).toBe(429);
    expect((await postSealed(server, s)).status).toBe(201);
  });

  it(
    'lets one device sync a backlog of 1,000 reports under the default limits without a single 429',
    async () => {
      expect(DEVICE_RATE_LIMIT.max).toBeGreaterThanOrEqual(2 * 1_000);
      const server = await start({ rateLimit: DEFAULT_RATE_LIMIT });
      const backlog = await Promise.all(Array.from({ length: 1_000 }, () => sealedSubmission(server.org)));
      // As the outbox sends: SYNC_CONCURRENCY requests at a time, one device token.
      const statuses: number[] = [];
      const queue = [...backlog];
      await Promise.all(
        Array.from({ length: SYNC_CONCURRENCY }, async () => {
          for (let s = queue.shift(); s; s = queue.shift()) {
            const response = await postSealed(server, s);
            statuses.push(response.status);
            await response.body?.cancel();
          }
        }),
      );
      expect(statuses.filter((status) => status !== 201)).toEqual([]);
      expect(await server.app.sealedReports.sealedCount()).toBe(1_000);
    },
    BACKLOG_TEST_TIMEOUT_MS,
  );
});

describe('the budgets of the v2 routes', () => {
  it('hold a device to its own window and an officer to theirs: Retry-After tells each its own wait', async () => {
    const server = await start({
      rateLimit: { max: 3, timeWindowMs: 10_000 },
      deviceRateLimit: { max: 4, timeWindowMs: 10 * MINUTE_MS },
    });
    const device = await statusesOf(server.url, ORG_PATHS.deviceStatus, 5, server.deviceToken);
    expect(device.statuses).toEqual([200, 200, 200, 200, 429]);
    expect(device.retryAfterS).toBeGreaterThan(60);
    expect(device.retryAfterS).toBeLessThanOrEqual(600);
    // The officer has spent 1 (enrolling the device).
    const officer = await statusesOf(server.url, ORG_PATHS.me, 3, server.session.token);
    expect(officer.statuses).toEqual([200, 200, 429]);
    expect(officer.retryAfterS).toBeGreaterThan(0);
    expect(officer.retryAfterS).toBeLessThanOrEqual(10);
  });

  it('give each officer a budget of their own', async () => {
    const server = await start({ rateLimit: { max: 5, timeWindowMs: MINUTE_MS } });
    const other = await joinAsNewOfficer(server, 'bo@example.org');
    // The first officer has spent 2 (enrolling the device and the invite).
    expect((await statusesOf(server.url, ORG_PATHS.me, 4, server.session.token)).statuses).toEqual([
      200, 200, 200, 429,
    ]);
    expect((await statusesOf(server.url, ORG_PATHS.me, 1, other.session.token)).statuses).toEqual([200]);
  });

  it('give each address a budget of its own for callers without a known token', async () => {
    const server = await start({ trustProxy: true, rateLimit: { max: 2, timeWindowMs: MINUTE_MS } });
    const from = (address: string, times: number) =>
      statusesOf(server.url, ORG_PATHS.org, times, undefined, { 'X-Forwarded-For': address });
    expect((await from('203.0.113.7', 3)).statuses).toEqual([200, 200, 429]);
    expect((await from('203.0.113.8', 1)).statuses).toEqual([200]);
  });

  it('are all off when rate limiting is turned off, the device budget too', async () => {
    const server = await start({ rateLimit: false, deviceRateLimit: { max: 1, timeWindowMs: MINUTE_MS } });
    const device = await statusesOf(server.url, ORG_PATHS.deviceStatus, 3, server.deviceToken);
    expect(device.statuses).toEqual([200, 200, 200]);
    expect((await statusesOf(server.url, ORG_PATHS.org, 3)).statuses).toEqual([200, 200, 200]);
  });
});
