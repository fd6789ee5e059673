// When the engine runs: on start, on `online`, on the user's return to the app, on its timer, when a retry falls due,
// and on "Sync now".
// Timing logic only (fake timers); delivery itself is tested against the real server in outbox.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createObservable } from '../../../src/domain/observable.ts';
import { createMutexLock, createSyncEngine, type OutboxPort, type SyncSettings } from '../../../src/sync/outbox.ts';
import { WAKE_COALESCE_MS, watchWakeEvents } from '../../../src/sync/wake-events.ts';

/** An empty outbox that only answers when the next retry is due. */
const emptyOutbox = (nextDueAt: () => number | null = () => null): OutboxPort => ({
  listDue: async () => [],
  countWaiting: async () => 0,
  nextDueAt: async () => nextDueAt(),
  loadSubmissions: async (items) => items.map(() => null),
  markAccepted: async () => undefined,
  markFailed: async () => undefined,
  markConflict: async () => undefined,
  reschedule: async () => undefined,
  purgeSynced: async () => 0,
});

/** Counts runs by the settings reads (each run reads them once, first). */
const setup = (settings: SyncSettings = { endpoint: '', token: null, keepSyncedDays: 0 }, port = emptyOutbox()) => {
  let runs = 0;
  const engine = createSyncEngine({
    port,
    settings: async () => {
      runs++;
      return settings;
    },
    lock: createMutexLock(),
  });
  return { engine, runs: () => runs };
};

/** An engine over an empty outbox whose next retry falls due `ms` from now. */
const setupDueIn = (ms: number) => {
  const due = Date.now() + ms;
  return setup(
    undefined,
    emptyOutbox(() => due),
  );
};

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-23T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('sync triggers', () => {
  it('runs on start, on every interval while online, again when the connection comes back, and not while offline', async () => {
    const { engine, runs } = setup();
    const online = createObservable(true);
    const stop = engine.start({ connectivity: online, intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs()).toBe(2);

    online.set(false);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(runs()).toBe(2);
    online.set(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(3);

    stop();
    online.set(false);
    online.set(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs()).toBe(3);
  });

  it('checks the outbox every two minutes when started with no interval of its own', async () => {
    const { engine, runs } = setup();
    engine.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(1);
    await vi.advanceTimersByTimeAsync(2 * 60 * 1000 - 1);
    expect(runs()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs()).toBe(2);
    engine.stop();
  });

  it('does not run on start while offline', async () => {
    const { engine, runs } = setup();
    engine.start({ connectivity: createObservable(false), intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(2_500);
    expect(runs()).toBe(0);
    engine.stop();
  });

  it('coalesces many "Sync now" presses during a run into one more run', async () => {
    const { engine, runs } = setup();
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => engine.syncNow()));
    expect(runs()).toBe(2);
    expect(results.every((r) => r.stopped === 'not-configured')).toBe(true);
    await engine.onBackgroundSyncRequested();
    expect(runs()).toBe(3);
  });

  it('wakes up once when the next retry falls due, before the interval, however many runs came before', async () => {
    const { engine, runs } = setupDueIn(3_000);
    engine.start({ intervalMs: 60_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(1);
    // A second run before the retry falls due sets the same wake-up again, not a second one.
    await engine.syncNow();
    expect(runs()).toBe(2);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(runs()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs()).toBe(3);
    await vi.advanceTimersByTimeAsync(56_999);
    expect(runs()).toBe(3);
    engine.stop();
  });

  it('runs at once when the retry fell due while the run was finishing (a slow device), then waits for the interval', async () => {
    const due = Date.now() + 3_000;
    let runs = 0;
    const engine = createSyncEngine({
      port: emptyOutbox(() => due),
      settings: async () => {
        runs++;
        // The first run takes 5 s of the device's time: the retry falls due before it ends.
        if (runs === 1) vi.setSystemTime(Date.now() + 5_000);
        return { endpoint: '', token: null, keepSyncedDays: 0 };
      },
      lock: createMutexLock(),
    });
    engine.start({ intervalMs: 60_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(2);
    // The second run began after the retry was due: no third run before the interval.
    await vi.advanceTimersByTimeAsync(59_999);
    expect(runs).toBe(2);
    engine.stop();
  });

  it.each([
    ['a row is due now that a run did not send (a retry delay of 0 ms against a down server)', () => Date.now()],
    [
      'the next due time cannot be read',
      () => {
        throw new TypeError('the database went away');
      },
    ],
  ])('waits for the interval, without looping, when %s', async (_when, nextDueAt) => {
    const { engine, runs } = setup(undefined, emptyOutbox(nextDueAt));
    engine.start({ intervalMs: 60_000 });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(runs()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs()).toBe(2);
    engine.stop();
  });

  it('fires no retry timer after stop()', async () => {
    const { engine, runs } = setupDueIn(3_000);
    engine.start({ intervalMs: 60_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(1);
    engine.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(runs()).toBe(1);
  });

  it('sets no retry timer when stop() comes while the next due time is being read', async () => {
    let answer: (at: number) => void = () => undefined;
    const port = emptyOutbox();
    const { engine, runs } = setup(undefined, {
      ...port,
      nextDueAt: () =>
        new Promise<number>((resolve) => {
          answer = resolve;
        }),
    });
    engine.start({ intervalMs: 60_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(1);
    engine.stop();
    answer(Date.now() + 3_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs()).toBe(1);
  });

  it('sets no retry timer for a run asked before start (Sync now alone)', async () => {
    const { engine, runs } = setupDueIn(3_000);
    await engine.syncNow();
    expect(runs()).toBe(1);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(runs()).toBe(1);
  });

  it('sets no wake-up for the end of a server wait when nothing is left waiting (the held report was deleted)', async () => {
    const held = { reportId: 'r1', revision: 1, attempts: 0, nextAttemptAt: 0, lastError: null };
    let runs = 0;
    const engine = createSyncEngine({
      // Nothing waits once the run is over (nextDueAt null), though the server asked for 30 s.
      port: {
        ...emptyOutbox(),
        listDue: async () => (runs === 1 ? [held] : []),
        loadSubmissions: async (items) =>
          items.map(() => ({ ok: true as const, submission: { id: 'r1', revision: 1, body: '{}' } })),
      },
      settings: async () => {
        runs++;
        return { endpoint: 'https://sync.example.org', token: 'device-token', keepSyncedDays: 0 };
      },
      lock: createMutexLock(),
      fetch: async () => new Response(null, { status: 503, headers: { 'Retry-After': '30' } }),
    });
    engine.start({ intervalMs: 10 * 60_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    expect(engine.state.get().lastError).toBe('server-error');
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(runs).toBe(1);
    engine.stop();
  });

  it('pauses automatic runs while a token is missing or refused, but "Sync now" still tries', async () => {
    const { engine, runs } = setup({ endpoint: 'https://sync.example.org', token: null, keepSyncedDays: 0 });
    engine.start({ intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(1);
    expect(engine.state.get().needsToken).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs()).toBe(1);
    expect((await engine.syncNow()).stopped).toBe('not-configured');
    expect(engine.state.get()).toMatchObject({ needsToken: true, lastError: null });
    expect(runs()).toBe(2);
    engine.stop();
  });

  it('starts a sync run when the user comes back while online, and none while offline or after stop', async () => {
    const { engine, runs } = setup();
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as const });
    const online = createObservable(true);
    const stop = engine.start({ connectivity: online, intervalMs: 60 * 60 * 1000, wake: watchWakeEvents(win, doc) });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(1);

    win.dispatchEvent(new Event('focus'));
    await vi.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(2);

    online.set(false);
    await vi.advanceTimersByTimeAsync(WAKE_COALESCE_MS);
    doc.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(2);

    online.set(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(3);
    stop();
    await vi.advanceTimersByTimeAsync(WAKE_COALESCE_MS);
    win.dispatchEvent(new Event('pageshow'));
    await vi.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(3);
  });
});

describe('createMutexLock', () => {
  it('runs holders of one name one after another, and other names alongside', async () => {
    const lock = createMutexLock();
    const order: string[] = [];
    const hold = (name: string, tag: string, ms: number) =>
      lock(name, async () => {
        order.push(`${tag}+`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        order.push(`${tag}-`);
      });
    const all = Promise.all([hold('a', 'a1', 20), hold('a', 'a2', 5), hold('b', 'b1', 5)]);
    await vi.advanceTimersByTimeAsync(50);
    await all;
    expect(order).toEqual(['a1+', 'b1+', 'b1-', 'a1-', 'a2+', 'a2-']);
  });

  it('releases the lock when a holder throws', async () => {
    const lock = createMutexLock();
    await expect(lock('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lock('a', async () => 'next')).toBe('next');
  });
});
