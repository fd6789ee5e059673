// The alert worker on its own, over a real SQLite store, a real receiver and SMTP sink on 127.0.0.1, with time moved
// by hand: the backoff's figures, when it wakes (a retry due, a poll for alerts another process queued), what a stop
// in the middle of a delivery gives back, and a database that fails for a moment.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ALERT_FIRST_RETRY_MS,
  ALERT_MAX_RETRY_MS,
  ALERT_POLL_MS,
  type AlertOptions,
  retryDelayMs,
  startAlertWorker,
} from '../../../server/alerts.ts';
import { openSqliteStore } from '../../../server/storage/sqlite.ts';
import type { AlertStore, Store } from '../../../server/storage/types.ts';
import { type Answer, manualTime, newSealedReport, setUpStore, startReceiver, startSmtpSink } from '../fixtures.ts';

const SECRET = 'webhook-secret-for-tests-0123456789abcdef';
const INBOX = 'https://safevisit.example.org/officer/';
const WAIT = { timeout: 5_000, interval: 10 };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A real store with an organisation, and a way to queue one webhook alert as a new report does. */
const alertStore = async () => {
  const store: Store = openSqliteStore({ path: ':memory:' });
  closers.push(() => store.close());
  const { keyId } = await setUpStore(store);
  const queue = async (receivedAt: string) => {
    const report = newSealedReport(keyId);
    await store.saveSealed(report, receivedAt, ['webhook']);
    return report.id;
  };
  return { store, queue };
};

const receiver = async (answer?: (n: number) => Answer) => {
  const r = await startReceiver(answer);
  closers.push(r.stop);
  return r;
};

const worker = (store: AlertStore, time: ReturnType<typeof manualTime>, options: Partial<AlertOptions>) => {
  const w = startAlertWorker(store, time.now, { inboxUrl: INBOX, timers: time.timers, ...options });
  closers.push(w.stop);
  return w;
};

describe('retryDelayMs', () => {
  it.each([
    [1, 0, ALERT_FIRST_RETRY_MS / 2],
    [1, 0.5, (ALERT_FIRST_RETRY_MS * 3) / 4],
    [1, 0.999_999_9, ALERT_FIRST_RETRY_MS],
    [2, 0, ALERT_FIRST_RETRY_MS],
    [3, 0, ALERT_FIRST_RETRY_MS * 2],
    [0, 0, ALERT_FIRST_RETRY_MS / 2],
    [-4, 0, ALERT_FIRST_RETRY_MS / 2],
    [10, 0, (ALERT_FIRST_RETRY_MS * 512) / 2],
    [11, 0, ALERT_MAX_RETRY_MS / 2],
    [11, 0.999_999_9, ALERT_MAX_RETRY_MS],
    [5_000, 0.5, (ALERT_MAX_RETRY_MS * 3) / 4],
  ])('attempt %i with jitter %d waits %i ms', (attempts, random, ms) => {
    expect(retryDelayMs(attempts, () => random)).toBe(ms);
  });
});

describe('the alert worker', () => {
  it('wakes exactly when the retry falls due, not before', async () => {
    const hook = await receiver((n) => (n === 1 ? 500 : 200));
    const { store, queue } = await alertStore();
    const time = manualTime();
    await queue(time.now().toISOString());
    const w = worker(store, time, { webhook: { url: hook.url, secret: SECRET }, random: () => 0 });
    await vi.waitFor(async () => expect((await store.alerts())[0]?.attempts).toBe(1), WAIT);
    await w.settled();
    expect((await store.alerts())[0]?.nextAttemptAt).toBe(
      new Date(time.now().getTime() + ALERT_FIRST_RETRY_MS / 2).toISOString(),
    );

    time.advance(ALERT_FIRST_RETRY_MS / 2 - 1);
    await w.settled();
    expect(hook.received).toHaveLength(1);
    time.advance(1);
    await vi.waitFor(() => expect(hook.received).toHaveLength(2), WAIT);
    await w.settled();
    expect((await store.alerts())[0]).toMatchObject({ attempts: 2, lastError: null, claimedUntil: null });
  });

  it('polls for alerts another process queued: found at the poll, not before', async () => {
    const hook = await receiver();
    const { store, queue } = await alertStore();
    const time = manualTime();
    const w = worker(store, time, { webhook: { url: hook.url, secret: SECRET } });
    await w.settled();
    await queue(time.now().toISOString());
    time.advance(ALERT_POLL_MS - 1);
    await w.settled();
    expect(hook.received).toHaveLength(0);
    time.advance(1);
    await vi.waitFor(() => expect(hook.received).toHaveLength(1), WAIT);
    // A kick delivers at once, without waiting for the poll.
    await queue(time.now().toISOString());
    w.kick();
    await vi.waitFor(() => expect(hook.received).toHaveLength(2), WAIT);
  });

  it('gives the lease back, counting no attempt, when stopped in the middle of a delivery', async () => {
    const hook = await receiver(() => 'hang');
    const { store, queue } = await alertStore();
    const time = manualTime();
    await queue(time.now().toISOString());
    const w = worker(store, time, { webhook: { url: hook.url, secret: SECRET } });
    await vi.waitFor(() => expect(hook.received).toHaveLength(1), WAIT);
    expect((await store.alerts())[0]?.claimedUntil).not.toBeNull();
    await w.stop();
    expect((await store.alerts())[0]).toMatchObject({ attempts: 0, claimedUntil: null, lastError: null });
    // Stopped means stopped: no kick and no poll delivers any more.
    w.kick();
    time.advance(ALERT_POLL_MS);
    await w.settled();
    expect(hook.received).toHaveLength(1);
  });

  it('tries again at the next poll when the database fails for a moment', async () => {
    const hook = await receiver();
    const { store, queue } = await alertStore();
    const time = manualTime();
    await queue(time.now().toISOString());
    let failing = true;
    const flaky: AlertStore = {
      claimAlert: (...args) => (failing ? Promise.reject(new Error('SQLITE_BUSY')) : store.claimAlert(...args)),
      finishAlert: (...args) => store.finishAlert(...args),
      releaseAlert: (...args) => store.releaseAlert(...args),
      nextAlertAt: (...args) => store.nextAlertAt(...args),
      alerts: () => store.alerts(),
    };
    const w = worker(flaky, time, { webhook: { url: hook.url, secret: SECRET } });
    await w.settled();
    failing = false;
    time.advance(ALERT_POLL_MS - 1);
    await w.settled();
    expect(hook.received).toHaveLength(0);
    time.advance(1);
    await vi.waitFor(() => expect(hook.received).toHaveLength(1), WAIT);
  });

  it('delivers nothing with no channel configured, or when told not to deliver', async () => {
    const hook = await receiver();
    const { store, queue } = await alertStore();
    const time = manualTime();
    await queue(time.now().toISOString());
    const none = worker(store, time, {});
    expect(none.channels).toEqual([]);
    const held = worker(store, time, { webhook: { url: hook.url, secret: SECRET }, deliver: false });
    expect(held.channels).toEqual(['webhook']);
    held.kick();
    none.kick();
    time.advance(ALERT_POLL_MS);
    await held.settled();
    await none.settled();
    expect(hook.received).toHaveLength(0);
    expect((await store.alerts())[0]).toMatchObject({ attempts: 0, claimedUntil: null });
  });

  it('mails from the lead’s own address when no sender is given', async () => {
    const sink = await startSmtpSink();
    closers.push(sink.close);
    const store: Store = openSqliteStore({ path: ':memory:' });
    closers.push(() => store.close());
    const { keyId } = await setUpStore(store);
    const time = manualTime();
    await store.saveSealed(newSealedReport(keyId), time.now().toISOString(), ['email']);
    const w = worker(store, time, { email: { smtpUrl: sink.url, to: 'lead@example.org' } });
    expect(w.channels).toEqual(['email']);
    await vi.waitFor(() => expect(sink.mails).toHaveLength(1), WAIT);
    expect(sink.mails[0]).toMatchObject({ from: 'lead@example.org', to: ['lead@example.org'] });
  });
});
