// POST /v2/reports under bad conditions, for real: envelopes sealed by the real HPKE from enrolled devices, over a
// connection that drops, across a restart, into a locked or closed database, and 200 at once into two servers on one
// database file. The rate limits of the v2 routes are in v2-rate-limits.test.ts.
import { connect } from 'node:net';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStore } from '../../../server/storage/sqlite.ts';
import { ErrorBodySchema, type Receipt, ReceiptSchema } from '../../../src/domain/protocol.ts';
import type { SealedSubmission } from '../../../src/domain/sealed-protocol.ts';
import {
  dbFilesPerTest,
  enrolDevice,
  isUp,
  openedDescription,
  postSealed,
  rawSealedRequest,
  type SealedServer,
  sealedSubmission,
  startSealedServer,
  startServer,
  type TestServer,
} from '../fixtures.ts';

/** 200 envelopes sealed and sent to two servers, on a shared 2-core machine. */
const BURST_TEST_TIMEOUT_MS = 30_000;
const dbFile = dbFilesPerTest();
const running: TestServer[] = [];
const track = <T extends TestServer>(server: T): T => {
  running.push(server);
  return server;
};
const stop = async (server: TestServer) => {
  running.splice(running.indexOf(server), 1);
  await server.close();
};
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

/** Stored envelopes of a report, read straight from the engine (the test plays the officer). */
const storedRevisions = async (server: TestServer, id: string) =>
  (await server.app.sealedReports.openSealed(id, { officerId: 'test', at: '2026-11-01T12:00:00.000Z' }))?.revisions ??
  [];

/** Sends a whole POST /v2/reports on a raw socket and returns the socket unread, so the test decides when it drops. */
const sendRaw = async (server: SealedServer, s: SealedSubmission) => {
  const { port } = new URL(server.url);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  await new Promise<void>((resolve, reject) =>
    socket.write(rawSealedRequest(server, s), (err) => (err ? reject(err) : resolve())),
  );
  return socket;
};

describe('lost replies on POST /v2/reports', () => {
  it('gives the stored receipt (200) when the connection dropped after the server stored the envelope', async () => {
    const server = track(await startSealedServer());
    const s = await sealedSubmission(server.org);
    const socket = await sendRaw(server, s);
    // Wait until the row exists, then drop the connection without ever reading the 201.
    await vi.waitFor(async () => expect(await server.app.sealedReports.sealedCount()).toBe(1));
    socket.destroy();
    const [stored] = await storedRevisions(server, s.id);

    const retry = await postSealed(server, s);
    expect(retry.status).toBe(200);
    expect(ReceiptSchema.parse(await retry.json())).toEqual({ id: s.id, revision: 1, receivedAt: stored?.receivedAt });
    expect(await server.app.sealedReports.sealedCount()).toBe(1);
    expect(await isUp(server.url)).toBe(true);
  });

  it('stores exactly one row when the connection drops at once and the device retries', async () => {
    const server = track(await startSealedServer());
    const s = await sealedSubmission(server.org);
    (await sendRaw(server, s)).destroy();
    const retry = await postSealed(server, s);
    expect([200, 201]).toContain(retry.status);
    // The dropped request may still be in flight: once both are done there is one row and one receipt.
    await vi.waitFor(async () => expect(await server.app.sealedReports.sealedCount()).toBe(1));
    const again = await postSealed(server, s);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await retry.json());
  });
});

describe('the database behind POST /v2/reports', () => {
  it('keeps envelopes and receipts across a restart on the same file: the replay answers 200 with the first receipt', async () => {
    const dbPath = dbFile();
    const first = track(await startSealedServer({ dbPath }));
    const s = await sealedSubmission(first.org, { words: 'kept across a restart' });
    const created = await postSealed(first, s);
    expect(created.status).toBe(201);
    const receipt = ReceiptSchema.parse(await created.json());
    await stop(first);

    // A new process on the same file: the organisation, the device's enrolment and the envelope are all there.
    const second = track(await startServer({ dbPath }));
    const replay = await postSealed({ url: second.url, deviceToken: first.deviceToken }, s);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual(receipt);
    const [stored] = await storedRevisions(second, s.id);
    expect(stored).toMatchObject({ enc: s.enc, ciphertext: s.ciphertext, receivedAt: receipt.receivedAt });
    expect(await openedDescription(first.org.privateKeys, stored ?? s)).toBe('The child said: kept across a restart');
    expect(await second.app.sealedReports.sealedCount()).toBe(1);
  });

  it('answers 503 with Retry-After while another connection holds the write lock, writes nothing, and stores once it is free', async () => {
    const dbPath = dbFile();
    const server = track(await startSealedServer({ dbPath, dbBusyTimeoutMs: 100 }));
    const s = await sealedSubmission(server.org);
    const other = new Database(dbPath);
    try {
      other.exec('BEGIN EXCLUSIVE');
      const response = await postSealed(server, s);
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('storage-unavailable');
      other.exec('ROLLBACK');
      // Nothing half-written: no row, and the first real attempt is still the one that creates it.
      expect(await server.app.sealedReports.sealedCount()).toBe(0);
      expect((await postSealed(server, s)).status).toBe(201);
      expect(await server.app.sealedReports.sealedCount()).toBe(1);
    } finally {
      other.close();
    }
  });

  it('answers 503 with Retry-After, not 500, when the database has gone away, and stays up', async () => {
    // The test owns the store, so it can close the database under the running server.
    const store = openSqliteStore({ path: ':memory:' });
    const server = track(await startSealedServer({ store }));
    const s = await sealedSubmission(server.org);
    await store.close();
    const response = await postSealed(server, s);
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('storage-unavailable');
    expect(await isUp(server.url)).toBe(true);
  });

  it(
    'stores each of 200 concurrent submissions once across two servers on one file; each device gets one receipt from either',
    async () => {
      // Two servers on one database file: only the database's key can keep them from storing a revision twice.
      const dbPath = dbFile();
      const a = track(await startSealedServer({ dbPath }));
      const b = track(await startServer({ dbPath }));
      const devices = [
        { deviceToken: a.deviceToken, deviceId: a.deviceId },
        ...(await Promise.all([1, 2, 3].map((n) => enrolDevice(a, `Laptop ${n}`)))),
      ];
      const unique = await Promise.all(Array.from({ length: 120 }, () => sealedSubmission(a.org)));
      const sends = [...unique, ...unique.slice(0, 80)];
      // Report i belongs to device i % 4; originals alternate between the servers and each duplicate goes to the other.
      const deviceFor = (i: number) => devices[(i % 120) % devices.length]?.deviceToken ?? '';
      const urlFor = (i: number) => ((i < 120 ? i : i + 1) % 2 === 0 ? a.url : b.url);
      const responses = await Promise.all(
        sends.map((s, i) => postSealed({ url: urlFor(i), deviceToken: deviceFor(i) }, s)),
      );
      const receipts = (await Promise.all(responses.map((r) => r.json()))) as Receipt[];

      expect(responses.filter((r) => r.status === 201)).toHaveLength(120);
      expect(responses.filter((r) => r.status === 200)).toHaveLength(80);
      expect(await a.app.sealedReports.sealedCount()).toBe(120);
      // Every duplicate got the receipt of its original, from the other server.
      for (let i = 0; i < 80; i++) expect(receipts[120 + i]).toEqual(receipts[i]);
      // And each row names the device that sent it.
      const [row] = await storedRevisions(b, unique[1]?.id ?? '');
      expect(row?.deviceId).toBe(devices[1]?.deviceId);
    },
    BURST_TEST_TIMEOUT_MS,
  );
});
