// The alert worker on its own, over a real SQLite store, a real receiver and SMTP sink on 127.0.0.1, with time moved
// by hand: the backoff's figures, when it wakes (a retry due, a poll for alerts another process queued), what a stop
// in the middle of a delivery gives back, and a database that fails for a moment.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ALERT_FIRST_RETRY_MS,
  ALERT_GIVE_UP_MS,
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

/** The store's methods, each passed through: a test overrides the one whose moment it needs. */
const bound = (store: AlertStore): AlertStore => ({
  claimAlert: (...args) => store.claimAlert(...args),
  finishAlert: (...args) => store.finishAlert(...args),
  releaseAlert: (...args) => store.releaseAlert(...args),
  nextAlertAt: (...args) => store.nextAlertAt(...args),
  alerts: () => store.alerts(),
});

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
      ...bound(store),
      claimAlert: (...args) => (failing ? Promise.reject(new Error('SQLITE_BUSY')) : store.claimAlert(...args)),
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
    // Neither polls the database: no timer is waiting.
    expect(time.pending()).toBe(0);
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

describe('the alert worker, at the edges of a pass', () => {
  it('signs each alert with the clock’s time in unix seconds', async () => {
    const hook = await receiver();
    const { store, queue } = await alertStore();
    const time = manualTime(Date.parse('2026-11-30T12:00:00.750Z'));
    await queue(time.now().toISOString());
    worker(store, time, { webhook: { url: hook.url, secret: SECRET } });
    await vi.waitFor(() => expect(hook.received).toHaveLength(1), WAIT);
    const seconds = Math.floor(Date.parse('2026-11-30T12:00:00.750Z') / 1000);
    expect(hook.received[0]?.headers['safevisit-signature']).toMatch(new RegExp(`^t=${seconds},v1=`));
  });

  it('delivers an alert queued while a pass is finishing, without waiting for the poll', async () => {
    const hook = await receiver();
    const { store, queue } = await alertStore();
    const time = manualTime();
    let late: Promise<void> | undefined;
    let w: ReturnType<typeof worker> | undefined;
    const finishing: AlertStore = {
      ...bound(store),
      // Past its last claim, the pass looks for the next alert due: a report arrives at that moment.
      nextAlertAt: async (...args) => {
        const next = await store.nextAlertAt(...args);
        late ??= queue(time.now().toISOString()).then(() => w?.kick());
        await late;
        return next;
      },
    };
    w = worker(finishing, time, { webhook: { url: hook.url, secret: SECRET } });
    await vi.waitFor(async () => expect((await store.alerts())[0]?.deliveredAt).not.toBeNull(), WAIT);
    await w.settled();
    expect(hook.received).toHaveLength(1);
  });

  it('gives up with one line on the console when no log is given', async () => {
    const hook = await receiver(() => 500);
    const { store, queue } = await alertStore();
    const time = manualTime();
    const id = await queue(new Date(time.now().getTime() - ALERT_GIVE_UP_MS).toISOString());
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const w = worker(store, time, { webhook: { url: hook.url, secret: SECRET } });
      await vi.waitFor(async () => expect((await store.alerts())[0]?.gaveUpAt).not.toBeNull(), WAIT);
      await w.settled();
      expect(warn.mock.calls).toEqual([
        [expect.stringMatching(new RegExp(`^SafeVisit gave up the webhook alert for report ${id} revision 1 `))],
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('a stopped alert worker', () => {
  type Stopper = { stop: () => Promise<void> };
  const cases: [string, (store: AlertStore, stopper: () => Stopper) => AlertStore][] = [
    ['after a delivery', (store) => store],
    [
      'while it looks for the next alert due',
      (store, stopper) => ({
        ...bound(store),
        nextAlertAt: async (...args) => {
          const next = await store.nextAlertAt(...args);
          void stopper().stop();
          return next;
        },
      }),
    ],
    [
      'while the database fails',
      (store, stopper) => ({
        ...bound(store),
        claimAlert: async () => {
          await Promise.resolve();
          void stopper().stop();
          throw new Error('SQLITE_BUSY');
        },
      }),
    ],
  ];

  it.each(cases)('leaves no timer waiting when stopped %s', async (_when, wrap) => {
    const hook = await receiver();
    const { store, queue } = await alertStore();
    const time = manualTime();
    await queue(time.now().toISOString());
    // Stopped once only: a second stop would clear what the first one left behind.
    let stopping: Promise<void> | undefined;
    let w: ReturnType<typeof worker> | undefined;
    const stopOnce = (): Stopper => ({ stop: () => (stopping ??= w?.stop() ?? Promise.resolve()) });
    w = worker(wrap(store, stopOnce), time, { webhook: { url: hook.url, secret: SECRET } });
    await w.settled();
    await stopOnce().stop();
    expect(time.pending()).toBe(0);
  });

  it('with the real timers: retries after the delay, and stopping leaves no timer running', async () => {
    const hook = await receiver((n) => (n === 1 ? 500 : 200));
    const { store, queue } = await alertStore();
    const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timeouts();
    await queue(new Date().toISOString());
    const w = startAlertWorker(store, () => new Date(), {
      inboxUrl: INBOX,
      webhook: { url: hook.url, secret: SECRET },
      random: () => 0,
    });
    closers.push(w.stop);
    await vi.waitFor(() => expect(hook.received).toHaveLength(2), { timeout: ALERT_FIRST_RETRY_MS * 2, interval: 50 });
    await vi.waitFor(async () => expect((await store.alerts())[0]?.deliveredAt).not.toBeNull(), WAIT);
    await w.stop();
    await hook.stop();
    // Timers of the test runner may come and go; none of the worker's (a poll, a delivery's timeout) is left.
    expect(timeouts()).toBeLessThanOrEqual(before);
  });
});
