// The sync engine's own decisions around a run, with an in-memory outbox port: the state before any run, what a run
// does with each kind of settings, a storage port that fails (and the run that stops for it), the hook before sending,
// and the retention purge.
// Delivery itself is tested against the real server in outbox.test.ts and outbox-failures.test.ts.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.ts';
import {
  createMutexLock,
  createSyncEngine,
  type OutboxPort,
  purgeAfterOf,
  SYNC_CONCURRENCY,
  SYNC_LOCK_NAME,
  SYNC_SEND_BATCH,
  type SyncEngineDeps,
  type SyncSettings,
} from '../../../src/sync/outbox.ts';
import { DEVICE_TOKEN, manualClock } from '../fixtures.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const RECEIVED_AT = '2026-11-30T10:00:00.000Z';

/** An empty outbox; `purged` records each purgeSynced cut-off. */
const memoryPort = (overrides: Partial<OutboxPort> = {}) => {
  const purged: number[] = [];
  const port: OutboxPort = {
    listDue: async () => [],
    countWaiting: async () => 4,
    nextDueAt: async () => null,
    loadSubmissions: async (items) => items.map(() => null),
    markAccepted: async () => undefined,
    markFailed: async () => undefined,
    markConflict: async () => undefined,
    reschedule: async () => undefined,
    purgeSynced: async (before) => {
      purged.push(before);
      return 2;
    },
    ...overrides,
  };
  return { port, purged };
};

const ENROLLED: SyncSettings = { endpoint: 'https://sync.example.org/', token: DEVICE_TOKEN, keepSyncedDays: 0 };

const engineWith = (settings: SyncSettings | (() => Promise<SyncSettings>), extra: Partial<SyncEngineDeps> = {}) => {
  const clock = manualClock();
  const { port, purged } = memoryPort();
  const engine = createSyncEngine({
    port,
    settings: typeof settings === 'function' ? settings : async () => settings,
    now: clock.now,
    lock: createMutexLock(),
    ...extra,
  });
  return { engine, purged, clock };
};

describe('sync engine state and settings', () => {
  it('says nothing is known before its first run', () => {
    const { engine } = engineWith(ENROLLED);
    expect(engine.state.get()).toEqual({
      running: false,
      sent: 0,
      total: 0,
      waiting: 0,
      lastSuccessAt: null,
      needsToken: false,
      revoked: false,
      notEnrolled: false,
      lastError: null,
    });
  });

  it('counts an endpoint of spaces as no enrolment, not as an insecure address', async () => {
    const { engine } = engineWith({ ...ENROLLED, endpoint: '   ' });
    expect(await engine.runOnce()).toEqual({ stopped: 'not-configured', sent: 0, failed: 0, retried: 0 });
    expect(engine.state.get()).toMatchObject({ notEnrolled: true, lastError: null, needsToken: false, waiting: 4 });
  });

  it('clears the error of the run before once a run meets nothing wrong, even with nothing to send', async () => {
    let settings: SyncSettings = { ...ENROLLED, endpoint: 'http://sync.example.org/' };
    const { engine } = engineWith(async () => settings);
    expect((await engine.runOnce()).stopped).toBe('not-configured');
    expect(engine.state.get().lastError).toBe('insecure-endpoint');
    settings = ENROLLED;
    expect(await engine.runOnce()).toEqual({ stopped: 'done', sent: 0, failed: 0, retried: 0 });
    expect(engine.state.get()).toMatchObject({ lastError: null, needsToken: false });
  });

  it('asks for a token when the enrolment has none, with no error, and clears that once one is there', async () => {
    let token: string | null = '';
    const { engine } = engineWith(async () => ({ ...ENROLLED, token }));
    expect((await engine.runOnce()).stopped).toBe('not-configured');
    expect(engine.state.get()).toMatchObject({ needsToken: true, lastError: null, notEnrolled: false });
    token = DEVICE_TOKEN;
    expect((await engine.runOnce()).stopped).toBe('done');
    expect(engine.state.get()).toMatchObject({ needsToken: false, lastError: null, running: false });
  });

  it('calls the hook before sending with the run signal, goes on when it fails, and skips it when not enrolled', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    let settings: SyncSettings = { ...ENROLLED, endpoint: '' };
    const { engine } = engineWith(async () => settings, {
      beforeSend: async (signal) => {
        signals.push(signal);
        throw new AppError('unreachable');
      },
    });
    expect((await engine.runOnce()).stopped).toBe('not-configured');
    expect(signals).toEqual([]);
    settings = ENROLLED;
    expect(await engine.runOnce()).toEqual({ stopped: 'done', sent: 0, failed: 0, retried: 0 });
    expect(signals).toHaveLength(1);
    expect(signals[0]).toBeInstanceOf(AbortSignal);
    expect(signals[0]?.aborted).toBe(false);
    expect(engine.state.get().lastError).toBeNull();
  });

  it('reports a storage failure that is not an AppError as storage unavailable, and never throws', async () => {
    const clock = manualClock();
    const { port } = memoryPort({
      listDue: async () => {
        throw new TypeError('the database went away');
      },
      countWaiting: async () => {
        throw new TypeError('the database went away');
      },
    });
    const engine = createSyncEngine({ port, settings: async () => ENROLLED, now: clock.now, lock: createMutexLock() });
    expect(await engine.runOnce()).toEqual({ stopped: 'storage', sent: 0, failed: 0, retried: 0 });
    expect(engine.state.get()).toMatchObject({ lastError: 'storage-unavailable', running: false, waiting: 0 });
    await expect(engine.refresh()).resolves.toBeUndefined();
  });

  it('takes no more reports once a receipt could not be stored, and ends with no read still going', async () => {
    const due = Array.from({ length: (SYNC_CONCURRENCY + 2) * SYNC_SEND_BATCH }, () => ({
      reportId: randomUUID(),
      revision: 1,
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
    }));
    const turns = async (n: number) => {
      for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    let reads = 0;
    let readsGoing = 0;
    const { port } = memoryPort({
      listDue: async () => due,
      // A read takes a turn of the event loop (IndexedDB), a send ten; the fifth read, started while every worker
      // is sending, takes longer than the sends.
      loadSubmissions: async (items) => {
        reads++;
        readsGoing++;
        await turns(reads === 5 ? 40 : 1);
        readsGoing--;
        return items.map(({ reportId: id }) => ({
          ok: true as const,
          submission: { id, revision: 1, body: JSON.stringify({ id }) },
        }));
      },
      markAccepted: async () => {
        throw new TypeError('the disk is full');
      },
    });
    // The server takes every batch (a hand-written answer: this is about the engine, not the wire).
    const sent: string[] = [];
    const fetch: typeof globalThis.fetch = async (_url, init) => {
      const { reports } = JSON.parse(String(init?.body)) as { reports: { id: string }[] };
      sent.push(...reports.map((r) => r.id));
      await turns(10);
      return Response.json({
        results: reports.map(({ id }) => ({ status: 201, receipt: { id, revision: 1, receivedAt: RECEIVED_AT } })),
      });
    };
    const clock = manualClock();
    const engine = createSyncEngine({
      port,
      settings: async () => ENROLLED,
      now: clock.now,
      lock: createMutexLock(),
      fetch,
    });
    expect((await engine.runOnce()).stopped).toBe('storage');
    expect(readsGoing).toBe(0);
    // Each worker's first batch may be under way when the failure lands; none goes back for another.
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThanOrEqual(SYNC_CONCURRENCY * SYNC_SEND_BATCH);
  });

  it('purges every synced report when none is kept, else those past the retention days', async () => {
    let keepSyncedDays = 0;
    const { engine, purged, clock } = engineWith(async () => ({ ...ENROLLED, keepSyncedDays }));
    expect(await engine.purgeExpired()).toBe(2);
    keepSyncedDays = 7;
    expect(await engine.purgeExpired()).toBe(2);
    expect(purged).toEqual([Number.POSITIVE_INFINITY, clock.now() - 7 * DAY_MS]);
    // Every run purges first, with the same rule.
    await engine.runOnce();
    expect(purged).toHaveLength(3);
    expect(purged[2]).toBe(clock.now() - 7 * DAY_MS);
  });

  it('purges nothing while the vault is locked, and says so', async () => {
    const { engine, purged } = engineWith(async () => {
      throw new AppError('locked');
    });
    expect(await engine.purgeExpired()).toBe(0);
    expect(purged).toEqual([]);
    expect(engine.state.get().lastError).toBe('locked');
    expect(await engine.runOnce()).toEqual({ stopped: 'locked', sent: 0, failed: 0, retried: 0 });
  });

  it('runs under the one sync lock name every tab and the service worker share', async () => {
    const names: string[] = [];
    const { engine } = engineWith(ENROLLED, {
      lock: async (name, fn) => {
        names.push(name);
        return fn();
      },
    });
    await engine.runOnce();
    expect(names).toEqual([SYNC_LOCK_NAME]);
    expect(SYNC_LOCK_NAME).toBe('safevisit-sync');
  });
});

describe('purgeAfterOf', () => {
  it('is the receipt time plus the retention days, and the receipt time itself for none or a negative count', () => {
    const receipt = { receivedAt: '2026-11-23T10:00:00.000Z' };
    const at = Date.parse(receipt.receivedAt);
    expect(purgeAfterOf(receipt, 7)).toBe(at + 7 * DAY_MS);
    expect(purgeAfterOf(receipt, 0)).toBe(at);
    expect(purgeAfterOf(receipt, -3)).toBe(at);
  });
});
