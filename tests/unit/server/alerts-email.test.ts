// Alerts by email, for real: nodemailer in the server sends to an SMTP sink (smtp-server) on 127.0.0.1. One mail per
// new report, none for a replay, nothing of the report in it, and a sink that refuses at first gets it later.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ALERT_MAX_RETRY_MS } from '../../../server/alerts.ts';
import {
  manualTime,
  postSealed,
  type SealedServer,
  sealedServersPerTest,
  sealedSubmission,
  startSmtpSink,
} from '../fixtures.ts';

const LEAD = 'lead@example.org';
const INBOX = 'https://safevisit.example.org/officer/';
const WAIT = { timeout: 5_000, interval: 10 };

const start = sealedServersPerTest();
const sinks: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  for (const sink of sinks.splice(0)) await sink.close();
});

const emailServer = async (refuse?: (n: number) => boolean) => {
  const sink = await startSmtpSink(refuse);
  sinks.push(sink);
  const time = manualTime();
  const server = await start({
    now: time.now,
    alerts: {
      email: { smtpUrl: sink.url, to: LEAD, from: 'alerts@example.org' },
      inboxUrl: INBOX,
      timers: time.timers,
    },
  });
  return { server, sink, time };
};

const rows = (server: SealedServer) => server.app.alertStore.alerts();

describe('an email alert per new report', () => {
  it('mails the lead once per new report: urgency and inbox link, nothing of the report', async () => {
    const { server, sink } = await emailServer();
    const s = await sealedSubmission(server.org, { urgency: 'immediate', words: 'Quokka-secret-4411' });
    expect((await postSealed(server, s)).status).toBe(201);
    await vi.waitFor(() => expect(sink.mails).toHaveLength(1), WAIT);
    const [mail] = sink.mails;
    expect(mail?.to).toEqual([LEAD]);
    expect(mail?.raw).toMatch(/^Subject: SafeVisit: a report arrived \(urgency immediate\)/m);
    expect(mail?.raw).toContain(INBOX);
    for (const secret of ['Quokka-secret-4411', s.keyId, s.ciphertext, server.deviceId]) {
      expect(mail?.raw).not.toContain(secret);
    }

    expect((await postSealed(server, s)).status).toBe(200);
    await server.app.alertWorker?.settled();
    expect(sink.mails).toHaveLength(1);
    const second = await sealedSubmission(server.org);
    expect((await postSealed(server, second)).status).toBe(201);
    await vi.waitFor(() => expect(sink.mails).toHaveLength(2), WAIT);
  });

  it('retries when the mail server refuses, and mails once when it accepts', async () => {
    const { server, sink, time } = await emailServer((n) => n === 1);
    const s = await sealedSubmission(server.org);
    expect((await postSealed(server, s)).status).toBe(201);
    await vi.waitFor(async () => expect((await rows(server))[0]?.attempts).toBe(1), WAIT);
    expect((await rows(server))[0]?.lastError).toBe('The mail server refused the alert (451).');
    expect(sink.mails).toHaveLength(0);

    time.advance(ALERT_MAX_RETRY_MS);
    await vi.waitFor(() => expect(sink.mails).toHaveLength(1), WAIT);
    await server.app.alertWorker?.settled();
    expect((await rows(server))[0]).toMatchObject({ attempts: 2, lastError: null });
    expect(sink.attempts()).toBe(2);
  });
});
