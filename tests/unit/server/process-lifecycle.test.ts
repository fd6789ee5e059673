// The server as a real process through its ends: a SIGTERM lets a request in flight finish (201, stored) while new
// connections are refused, then exits 0; a SIGKILL in the middle of a load of sealed submissions loses no report the
// server had acknowledged. Run on every engine serverEngines() names (SQLite, PostgreSQL).
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { idempotencyKey, type Receipt, ReceiptSchema } from '../../../src/domain/protocol.ts';
import { SEALED_PATHS, type SealedSubmission } from '../../../src/domain/sealed-protocol.ts';
import { postSealed, sealedSubmission, serverEngines, serverProcessesPerTest, startSetUpProcess } from '../fixtures.ts';

const processes = serverProcessesPerTest();

/** Submissions in the SIGKILL load, how many run at once, and how many acknowledgements come before the kill. */
const LOAD = { reports: 800, concurrency: 16, killAfterAcks: 200 } as const;
/** Set-up, sealing, the load, a restart and the replays, on a shared 2-core machine. */
const KILL_TEST_TIMEOUT_MS = 90_000;

/** A POST /v2/reports whose body is only half sent: `finish()` sends the rest and resolves with the status line. */
const halfSentReport = async (url: string, token: string, s: SealedSubmission) => {
  const { port } = new URL(url);
  const body = Buffer.from(JSON.stringify(s));
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let answer = '';
  socket.on('data', (chunk) => {
    answer += chunk;
  });
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const head = [
    `POST ${SEALED_PATHS.reports} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    `Authorization: Bearer ${token}`,
    `Idempotency-Key: ${idempotencyKey(s.id, s.revision)}`,
    'Content-Type: application/json',
    `Content-Length: ${body.length}`,
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  const half = Math.floor(body.length / 2);
  socket.write(Buffer.concat([Buffer.from(head), body.subarray(0, half)]));
  return {
    finish: async () => {
      socket.write(body.subarray(half));
      await ended;
      return answer;
    },
  };
};

describe.each(serverEngines())('server process on $name', (engine) => {
  it('on SIGTERM refuses new connections, finishes the request in flight, stores it and exits 0', {
    timeout: 60_000,
  }, async () => {
    const env = { ...(await engine.env(processes.dataDir())), SAFEVISIT_LOG: '1' };
    const server = await startSetUpProcess(processes, env);
    const s = await sealedSubmission(server.org, { words: 'sent while the server stopped' });
    const request = await halfSentReport(server.url, server.deviceToken, s);
    // The server has the request (its log says so) before it is told to stop.
    await server.proc.waitForStdout(/"url":"\/v2\/reports"[^\n]*"msg":"incoming request"/);
    server.proc.child.kill('SIGTERM');
    await server.proc.waitForStdout(/SIGTERM: stopping/);
    await expect(fetch(`${server.url}/v2/health`)).rejects.toThrow();

    const answer = await request.finish();
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
    const receipt = ReceiptSchema.parse(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)));
    expect(await server.proc.exited).toBe(0);
    expect(server.proc.output().stdout).toMatch(/Stopped\./);

    // Stored: after a restart the same bytes are a replay with the same receipt.
    const again = processes.start(env);
    const replay = await postSealed({ url: await again.url(), deviceToken: server.deviceToken }, s);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual(receipt);
  });

  it('loses no acknowledged report when killed with SIGKILL in the middle of a load', {
    timeout: KILL_TEST_TIMEOUT_MS,
  }, async () => {
    // Limits off: the load is one device sending as fast as it can.
    const env = { ...(await engine.env(processes.dataDir())), SAFEVISIT_RATE_LIMIT_PER_MIN: '0' };
    const server = await startSetUpProcess(processes, env);
    const reports = await Promise.all(Array.from({ length: LOAD.reports }, () => sealedSubmission(server.org)));
    const acknowledged = new Map<string, Receipt>();
    let next = 0;
    const sender = async () => {
      while (next < reports.length) {
        const s = reports[next++] as SealedSubmission;
        try {
          const response = await postSealed(server, s);
          if (response.status !== 201 && response.status !== 200) continue;
          acknowledged.set(s.id, ReceiptSchema.parse(await response.json()));
          if (acknowledged.size === LOAD.killAfterAcks) server.proc.child.kill('SIGKILL');
        } catch {
          // The connection died with the process: this report was never acknowledged.
        }
      }
    };
    await Promise.all(Array.from({ length: LOAD.concurrency }, sender));
    expect(await server.proc.exited).toBeNull();
    expect(server.proc.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(LOAD.killAfterAcks);
    expect(acknowledged.size).toBeLessThan(LOAD.reports);

    // Every acknowledged report is there after a restart: its bytes again are a replay (200), with the same receipt.
    const again = processes.start(env);
    const url = await again.url();
    const lost: string[] = [];
    for (const s of reports.filter((r) => acknowledged.has(r.id))) {
      const replay = await postSealed({ url, deviceToken: server.deviceToken }, s);
      const receipt = replay.status === 200 ? ReceiptSchema.parse(await replay.json()) : undefined;
      if (receipt?.receivedAt !== acknowledged.get(s.id)?.receivedAt) lost.push(s.id);
    }
    expect(lost).toEqual([]);
  });
});
