// What sealed submissions cost the PostgreSQL engine, counted where it is paid: statements sent to the database (each
// one round trip). Requests that arrive together share one token lookup, one "last seen" note and one
// insert-or-select statement, so a burst of submissions or of replays takes a few statements in all, not two or three
// per request as one statement per lookup, per "last seen" and per save did.
import { connect, type Socket } from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SealedSubmission } from '../../../src/domain/sealed-protocol.ts';
import {
  rawSealedRequest,
  type SealedServer,
  sealedServersPerTest,
  sealedSubmission,
  testDatabasesPerTest,
} from '../fixtures.ts';

const fresh = testDatabasesPerTest();
const startSealed = sealedServersPerTest();
/** Requests sent at once: a sync's burst, or 32 devices at one moment. */
const BURST = 32;
/** At most this many statements for a whole burst (one per lookup, one per save and a transaction: 103 for 32 new). */
const MAX_STATEMENTS_PER_BURST = 6;

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * POSTs each submission on its own connection, every request written in one turn of the event loop (as requests
 * from many devices reach a busy server together); resolves with the statuses once every answer has come.
 */
const burstOf = async (server: SealedServer, submissions: readonly SealedSubmission[]) => {
  const { port } = new URL(server.url);
  const open = () => new Promise<number>((resolve) => server.app.server.getConnections((_e, n) => resolve(n)));
  const before = await open();
  const sockets = await Promise.all(
    submissions.map(
      () =>
        new Promise<Socket>((resolve, reject) => {
          const socket = connect(Number(port), '127.0.0.1');
          socket.once('connect', () => resolve(socket)).once('error', reject);
        }),
    ),
  );
  // Accepted by the server (reading each), so the requests below reach it together.
  await vi.waitFor(async () => expect(await open()).toBe(before + submissions.length), { interval: 5 });
  const answers = sockets.map(
    (socket) =>
      new Promise<number>((resolve, reject) => {
        let answer = '';
        socket.on('data', (chunk) => {
          answer += chunk;
        });
        socket.once('error', reject).once('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3}) /.exec(answer)?.[1])));
      }),
  );
  submissions.forEach((s, i) => {
    (sockets[i] as Socket).write(rawSealedRequest(server, s, { close: true }));
  });
  return Promise.all(answers);
};

describe('round trips to PostgreSQL per sealed submission', () => {
  it(`answers a burst of ${BURST} new submissions, then their replays, with a few statements for all of them`, async () => {
    const database = await fresh('postgres');
    const server = await startSealed(database.serverOptions);
    const burst = await Promise.all(Array.from({ length: BURST }, () => sealedSubmission(server.org)));
    const statements = vi.spyOn(pg.Client.prototype, 'query');
    const statementsFor = async (expected: number) => {
      statements.mockClear();
      expect(await burstOf(server, burst)).toEqual(burst.map(() => expected));
      return statements.mock.calls.length;
    };

    // New: the token lookup, the device's "last seen" (it was never seen), the insert of all 32.
    expect(await statementsFor(201)).toBeLessThanOrEqual(MAX_STATEMENTS_PER_BURST);
    // Replays: the token lookup and one statement that finds all 32 stored and writes nothing.
    expect(await statementsFor(200)).toBeLessThanOrEqual(MAX_STATEMENTS_PER_BURST);
    expect(await server.app.sealedReports.sealedCount()).toBe(BURST);
  });
});
