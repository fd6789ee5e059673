// The server under bad conditions, for real: a connection that drops after the report was stored, a restart, a
// locked database, a burst of concurrent and duplicated submissions, and the rate limiter.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBodySchema, idempotencyKey, ReceiptSchema, type Submission } from '../../../src/domain/protocol.ts';
import {
  ADMIN_TOKEN,
  DEVICE_TOKEN,
  getJson,
  isUp,
  OTHER_DEVICE_TOKEN,
  postReport,
  startServer,
  submission,
  type TestServer,
} from './server-fixtures.ts';

let dir: string;
const servers: TestServer[] = [];
const start = async (options: Parameters<typeof startServer>[0] = {}) => {
  const server = await startServer({ dbPath: join(dir, 'safevisit.sqlite'), ...options });
  servers.push(server);
  return server;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'safevisit-server-'));
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends a whole POST on a raw socket and returns the socket unread, so the test decides when it drops. */
const sendRaw = async (url: string, s: Submission) => {
  const { port } = new URL(url);
  const body = JSON.stringify(s);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const head = [
    'POST /v1/reports HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    `Authorization: Bearer ${DEVICE_TOKEN}`,
    `Idempotency-Key: ${idempotencyKey(s.id, s.revision)}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    '',
  ].join('\r\n');
  await new Promise<void>((resolve, reject) => socket.write(head + body, (err) => (err ? reject(err) : resolve())));
  return socket;
};

describe('lost replies', () => {
  it('gives the stored receipt (200) when the connection dropped after the server stored the report', async () => {
    const server = await start();
    const s = submission();
    const socket = await sendRaw(server.url, s);
    // Wait until the row exists, then drop the connection without ever reading the 201.
    await vi.waitFor(async () => expect(await server.app.reportStore.revisions(s.id)).toHaveLength(1));
    socket.destroy();
    const [stored] = await server.app.reportStore.revisions(s.id);

    const retry = await postReport(server.url, s);
    expect(retry.status).toBe(200);
    expect(ReceiptSchema.parse(await retry.json())).toEqual({ id: s.id, revision: 1, receivedAt: stored?.receivedAt });
    expect(await server.app.reportStore.count()).toBe(1);
    expect(await isUp(server.url)).toBe(true);
  });

  it('stores exactly one row when the connection drops at once and the device retries', async () => {
    const server = await start();
    const s = submission();
    (await sendRaw(server.url, s)).destroy();
    const retry = await postReport(server.url, s);
    expect([200, 201]).toContain(retry.status);
    // The dropped request may still be in flight: once both are done there is one row and one receipt.
    await vi.waitFor(async () => expect(await server.app.reportStore.count()).toBe(1));
    const again = await postReport(server.url, s);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await retry.json());
  });
});

describe('storage', () => {
  it('keeps reports across a restart with a file database', async () => {
    const first = await start();
    const s = submission();
    const receipt = await (await postReport(first.url, s)).json();
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    const second = await start();
    const replay = await postReport(second.url, s);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual(receipt);
    const { body } = await getJson(`${second.url}/v1/reports/${s.id}`, ADMIN_TOKEN);
    expect(body).toMatchObject({ id: s.id, revisions: [{ revision: 1, report: s.report }] });
  });

  it('answers 503 with Retry-After while the database is locked, and stores once it is free', async () => {
    const server = await start({ dbBusyTimeoutMs: 100 });
    const other = new Database(join(dir, 'safevisit.sqlite'));
    try {
      other.exec('BEGIN EXCLUSIVE');
      const s = submission();
      const response = await postReport(server.url, s);
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('storage-unavailable');
      other.exec('ROLLBACK');
      expect((await postReport(server.url, s)).status).toBe(201);
    } finally {
      other.close();
    }
  });

  it('answers 503, not 500, when the storage has gone away, and stays up', async () => {
    const server = await start();
    await server.app.reportStore.close();
    const response = await postReport(server.url, submission());
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).not.toBeNull();
    expect((await getJson(`${server.url}/v1/reports`, ADMIN_TOKEN)).response.status).toBe(503);
    expect(await isUp(server.url)).toBe(true);
  });

  it('stores exactly one row per revision from 200 concurrent submissions, some duplicated, across two servers', async () => {
    // Two servers on one database file: only the database's key can keep them from storing a revision twice.
    const [a, b] = [await start(), await start()];
    const unique = Array.from({ length: 120 }, () => submission());
    const sends = [...unique, ...unique.slice(0, 80)];
    // Originals alternate between the servers; each duplicate goes to the server its original did not.
    const serverFor = (i: number) => ((i < 120 ? i : i - 119) % 2 === 0 ? a : b);
    const responses = await Promise.all(sends.map((s, i) => postReport(serverFor(i).url, s)));
    const receipts = await Promise.all(responses.map((r) => r.json()));

    expect(responses.filter((r) => r.status === 201)).toHaveLength(120);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(80);
    expect(await a.app.reportStore.count()).toBe(120);
    // Every duplicate got the receipt of its original, whichever server answered it.
    for (let i = 0; i < 80; i++) expect(receipts[120 + i]).toEqual(receipts[i]);
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After past the limit, per token, and lets other tokens through', async () => {
    const server = await start({ rateLimit: { max: 3, timeWindowMs: 60_000 } });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 4; i++) {
      const response = await postReport(server.url, submission());
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(ErrorBodySchema.parse(await limited?.json()).error.code).toBe('rate-limited');
    expect((await postReport(server.url, submission(), { token: OTHER_DEVICE_TOKEN })).status).toBe(201);
  });

  it('limits callers without a valid token by address, so tokens cannot be guessed quickly', async () => {
    const server = await start({ rateLimit: { max: 2, timeWindowMs: 60_000 } });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await postReport(server.url, submission(), { token: `guess-${i}` })).status);
    expect(statuses).toEqual([401, 401, 429]);
  });
});
