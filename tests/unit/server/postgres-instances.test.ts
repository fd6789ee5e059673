// Real server processes (server/main.ts) on one PostgreSQL: the same 200 submissions sent to two at once are each
// stored once and every device gets one receipt from either; each new report's alert is delivered once although both
// processes deliver alerts; and a wrong DATABASE_URL stops the start with a sentence that never shows the password.
// SIGTERM and SIGKILL of a process on each engine: process-lifecycle.test.ts.
import { describe, expect, inject, it, vi } from 'vitest';
import { ORG_PATHS, SessionResponseSchema } from '../../../src/domain/org-protocol.ts';
import type { Receipt } from '../../../src/domain/protocol.ts';
import {
  buildOrganisation,
  enrolDevice,
  postSealed,
  SETUP_CODE,
  type SetUpServer,
  sealedSubmission,
  send,
  serverProcessesPerTest,
  setupRequest,
  startReceiver,
  testDatabasesPerTest,
} from '../fixtures.ts';

const fresh = testDatabasesPerTest();
const processes = serverProcessesPerTest();
const run = processes.start;
/** Two processes started through tsx, 200 envelopes sealed and sent, 120 webhooks, on a shared 2-core machine. */
const TWO_INSTANCES_TIMEOUT_MS = 90_000;

describe('two server processes on one PostgreSQL', () => {
  it(
    'store each of 200 concurrent submissions once, give each device the same receipt from either, and deliver each alert once',
    async () => {
      const database = await fresh('postgres');
      const receiver = await startReceiver();
      const env = {
        DATABASE_URL: database.address,
        SAFEVISIT_SETUP_CODE: SETUP_CODE,
        SAFEVISIT_RATE_LIMIT_PER_MIN: '0',
        SAFEVISIT_DEVICE_RATE_LIMIT_PER_MIN: '100000',
        SAFEVISIT_ALERT_WEBHOOK: receiver.url,
        SAFEVISIT_ALERT_WEBHOOK_SECRET: 'w'.repeat(40),
      };
      const [one, two] = [run(env), run(env)];
      const [a, b] = await Promise.all([one.url(), two.url()]);

      const org = await buildOrganisation();
      const setup = await send(a, ORG_PATHS.setup, { body: setupRequest({ organisation: org.organisation }) });
      expect(setup.status).toBe(201);
      const officer = { url: a, session: SessionResponseSchema.parse(await setup.json()) } as SetUpServer;
      const devices = await Promise.all([1, 2, 3, 4].map((n) => enrolDevice(officer, `Laptop ${n}`)));
      const unique = await Promise.all(Array.from({ length: 120 }, () => sealedSubmission(org)));
      const sends = [...unique, ...unique.slice(0, 80)];
      // Report i belongs to device i % 4; originals alternate between the processes, each duplicate goes to the other.
      const deviceFor = (i: number) => devices[(i % 120) % devices.length]?.deviceToken ?? '';
      const urlFor = (i: number) => ((i < 120 ? i : i + 1) % 2 === 0 ? a : b);
      const responses = await Promise.all(
        sends.map((s, i) => postSealed({ url: urlFor(i), deviceToken: deviceFor(i) }, s)),
      );
      const receipts = (await Promise.all(responses.map((r) => r.json()))) as Receipt[];

      expect(responses.filter((r) => r.status === 201)).toHaveLength(120);
      expect(responses.filter((r) => r.status === 200)).toHaveLength(80);
      for (let i = 0; i < 80; i++) expect(receipts[120 + i]).toEqual(receipts[i]);
      const store = await database.open();
      expect(await store.sealedCount()).toBe(120);

      // Both processes deliver; the lease in the database lets each alert out once.
      await vi.waitFor(
        async () => expect((await store.alerts()).filter((alert) => alert.deliveredAt !== null)).toHaveLength(120),
        { timeout: 30_000, interval: 100 },
      );
      const delivered = receiver.received.map((r) => (JSON.parse(r.body) as { id: string }).id);
      expect(delivered).toHaveLength(120);
      expect(new Set(delivered)).toEqual(new Set(unique.map((s) => s.id)));
      await receiver.stop();
    },
    TWO_INSTANCES_TIMEOUT_MS,
  );

  it('refuses to start on a wrong DATABASE_URL with a plain sentence that never prints the password', async () => {
    const base = new URL(inject('postgresUrl'));
    const password = 'Hidden-Pass-4471';
    const where = `${base.hostname}:${base.port}/no_such_db`;
    const proc = run({ DATABASE_URL: `postgres://${base.username}:${password}@${where}` });
    expect(await proc.exited).toBe(1);
    const { stdout, stderr } = proc.output();
    expect(stderr).toContain(
      `SafeVisit server cannot start: the PostgreSQL database postgres://${base.username}@${where} (DATABASE_URL) cannot be used: `,
    );
    expect(stdout + stderr).not.toContain(password);
  });
});
