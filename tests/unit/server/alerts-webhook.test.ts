// Alerts by webhook, for real: a sealed report from an enrolled device into a server on 127.0.0.1, and a receiver on
// 127.0.0.1 that gets one signed alert per new report (never a replay), whatever it does first: refuse connections,
// answer 500, hang or redirect. Time is moved by hand (clock and timers together); nothing sleeps.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SIGNATURE_HEADER } from '../../../server/alert-senders.ts';
import { ALERT_GIVE_UP_MS, ALERT_MAX_RETRY_MS, ALERT_TIMEOUT_MS, type AlertOptions } from '../../../server/alerts.ts';
import {
  manualTime,
  postSealed,
  type Receiver,
  type SealedServer,
  sealedServersPerTest,
  sealedSubmission,
  startReceiver,
} from '../fixtures.ts';

const SECRET = 'webhook-secret-for-tests-0123456789abcdef';
const INBOX = 'https://safevisit.example.org/officer/';
/** Every wait on the network is bounded. */
const WAIT = { timeout: 5_000, interval: 10 };

const start = sealedServersPerTest();
const receivers: Receiver[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.stop();
});

const alertingServer = async (receiver: Receiver, extra: Partial<AlertOptions> = {}) => {
  const time = manualTime();
  const server = await start({
    now: time.now,
    alerts: { webhook: { url: receiver.url, secret: SECRET }, inboxUrl: INBOX, timers: time.timers, ...extra },
  });
  return { server, time };
};

const receiver = async (...args: Parameters<typeof startReceiver>) => {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
};

/** Checks the signature as a receiver would: HMAC-SHA256 over "<t>.<raw body>", compared in constant time. */
const signatureHolds = (header: string | string[] | undefined, body: string): boolean => {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(header));
  if (!match) return false;
  const expected = createHmac('sha256', SECRET).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2] ?? '', 'hex'));
};

const settled = (server: SealedServer) => server.app.alertWorker?.settled();

describe('a webhook alert per new report', () => {
  it('posts one signed alert with routing fields only, and none for a replay', async () => {
    const hook = await receiver();
    const { server } = await alertingServer(hook);
    const s = await sealedSubmission(server.org, { urgency: 'immediate', words: 'Quokka-secret-4411' });

    expect((await postSealed(server, s)).status).toBe(201);
    await vi.waitFor(() => expect(hook.received).toHaveLength(1), WAIT);
    const [alert] = hook.received;
    if (!alert) throw new Error('no alert');
    expect(signatureHolds(alert.headers[SIGNATURE_HEADER.toLowerCase()], alert.body)).toBe(true);
    expect(
      signatureHolds(alert.headers[SIGNATURE_HEADER.toLowerCase()], alert.body.replace('immediate', 'routine')),
    ).toBe(false);
    const body = JSON.parse(alert.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['event', 'id', 'inboxUrl', 'receivedAt', 'revision', 'urgency']);
    expect(body).toMatchObject({
      event: 'report-received',
      id: s.id,
      revision: 1,
      urgency: 'immediate',
      inboxUrl: INBOX,
    });
    for (const secret of ['Quokka-secret-4411', s.keyId, s.ciphertext, server.deviceId]) {
      expect(alert.body).not.toContain(secret);
    }

    expect((await postSealed(server, s)).status).toBe(200);
    await settled(server);
    expect(hook.received).toHaveLength(1);
    const [row] = await server.app.alertStore.alerts();
    expect(row).toMatchObject({ reportId: s.id, channel: 'webhook', attempts: 1, lastError: null });
    expect(row?.deliveredAt).not.toBeNull();
  });
});

describe('a receiver that fails first', () => {
  /** Posts a new report and waits until the worker has recorded its first attempt. */
  const firstAttemptFails = async (server: SealedServer) => {
    const s = await sealedSubmission(server.org);
    expect((await postSealed(server, s)).status).toBe(201);
    await vi.waitFor(async () => expect((await server.app.alertStore.alerts())[0]?.attempts).toBe(1), WAIT);
    return (await server.app.alertStore.alerts())[0];
  };

  it('retries a receiver that refused connections for a while, and delivers once when it is up', async () => {
    const hook = await receiver();
    await hook.stop();
    const { server, time } = await alertingServer(hook);
    const failed = await firstAttemptFails(server);
    expect(failed?.lastError).toMatch(/could not be reached/);
    expect(failed?.deliveredAt).toBeNull();
    time.advance(ALERT_MAX_RETRY_MS);
    await vi.waitFor(async () => expect((await server.app.alertStore.alerts())[0]?.attempts).toBe(2), WAIT);

    await hook.start();
    time.advance(ALERT_MAX_RETRY_MS);
    await vi.waitFor(() => expect(hook.received).toHaveLength(1), WAIT);
    await settled(server);
    time.advance(ALERT_MAX_RETRY_MS);
    await settled(server);
    expect(hook.received).toHaveLength(1);
    expect((await server.app.alertStore.alerts())[0]).toMatchObject({ attempts: 3, lastError: null });
  });

  it('retries after a 500 and stops at the 200', async () => {
    const hook = await receiver((n) => (n === 1 ? 500 : 200));
    const { server, time } = await alertingServer(hook);
    const failed = await firstAttemptFails(server);
    expect(failed?.lastError).toBe('The webhook receiver answered 500.');
    time.advance(ALERT_MAX_RETRY_MS);
    await vi.waitFor(() => expect(hook.received).toHaveLength(2), WAIT);
    await settled(server);
    expect((await server.app.alertStore.alerts())[0]?.deliveredAt).not.toBeNull();
  });

  it('gives up on a receiver that hangs after the timeout, and retries', async () => {
    const hook = await receiver((n) => (n === 1 ? 'hang' : 200));
    const { server, time } = await alertingServer(hook);
    const s = await sealedSubmission(server.org);
    expect((await postSealed(server, s)).status).toBe(201);
    await vi.waitFor(() => expect(hook.received).toHaveLength(1), WAIT);
    expect((await server.app.alertStore.alerts())[0]?.attempts).toBe(0);

    time.advance(ALERT_TIMEOUT_MS);
    await vi.waitFor(async () => expect((await server.app.alertStore.alerts())[0]?.attempts).toBe(1), WAIT);
    expect((await server.app.alertStore.alerts())[0]?.lastError).toBe(
      'The webhook receiver did not answer within 10 s.',
    );
    time.advance(ALERT_MAX_RETRY_MS);
    await vi.waitFor(() => expect(hook.received).toHaveLength(2), WAIT);
    await settled(server);
    expect((await server.app.alertStore.alerts())[0]?.deliveredAt).not.toBeNull();
  });

  it('does not follow a redirect: it counts as a failure', async () => {
    const elsewhere = await receiver();
    const hook = await receiver((n) => (n === 1 ? { redirect: elsewhere.url } : 200));
    const { server, time } = await alertingServer(hook);
    const failed = await firstAttemptFails(server);
    expect(failed?.lastError).toBe('The webhook receiver answered 302, a redirect, which is not followed.');
    expect(elsewhere.received).toHaveLength(0);
    time.advance(ALERT_MAX_RETRY_MS);
    await vi.waitFor(() => expect(hook.received).toHaveLength(2), WAIT);
    expect(elsewhere.received).toHaveLength(0);
  });

  it('gives up after days with one plain log line, holding no content', async () => {
    const hook = await receiver(() => 500);
    const lines: string[] = [];
    const { server, time } = await alertingServer(hook, { log: (line) => lines.push(line) });
    const failed = await firstAttemptFails(server);
    time.advance(ALERT_GIVE_UP_MS);
    await vi.waitFor(async () => expect((await server.app.alertStore.alerts())[0]?.gaveUpAt).not.toBeNull(), WAIT);
    expect(lines).toEqual([
      `SafeVisit gave up the webhook alert for report ${failed?.reportId} revision 1 (received ${failed?.createdAt}) after 2 attempts: The webhook receiver answered 500.`,
    ]);
    const count = hook.received.length;
    time.advance(ALERT_GIVE_UP_MS);
    await settled(server);
    expect(hook.received).toHaveLength(count);
  });
});
