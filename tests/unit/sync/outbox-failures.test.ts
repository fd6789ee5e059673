// The sync engine when the network or the server fails part-way: how many requests travel at once, when a run stops
// early and when it carries on, how a server's "wait" pauses every send, and which error the worker is left with.
// The real store and vault (fake-indexeddb) against the reference server on 127.0.0.1, through a fault-injecting
// proxy or a hand-written HTTP server where a test needs answers the reference server never gives.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../../src/domain/errors.ts';
import {
  createMutexLock,
  createSyncEngine,
  type OutboxItem,
  type OutboxPort,
  SYNC_CONCURRENCY,
  SYNC_READ_BATCH,
  SYNC_SEND_BATCH,
} from '../../../src/sync/outbox.ts';
import {
  DEVICE_TOKEN,
  enrolDirectly,
  type ManualClock,
  manualClock,
  queueReport,
  startReferenceServer,
  type TestStore,
} from '../fixtures.ts';
import { engineFor, useEngineHarness } from './engine-harness.ts';

const { server, proxyTo, http, store } = useEngineHarness();

/** Queues `n` reports one millisecond apart, so they fall due (and are sent) in this order. */
const queueMany = async (s: TestStore, clock: ManualClock, n: number) => {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(await queueReport(s, clock));
    clock.advance(1);
  }
  return ids;
};

const posts = (seen: readonly string[]) => seen.filter((line) => line.startsWith('POST'));

describe('sync engine when the network or the server fails part-way', () => {
  it(`never has more than ${SYNC_CONCURRENCY} requests in flight, however many reports are due`, async () => {
    // Enough due reports for one more full batch than there are workers.
    const due: OutboxItem[] = Array.from({ length: (SYNC_CONCURRENCY + 1) * SYNC_SEND_BATCH }, (_, i) => ({
      reportId: `r${i}`,
      revision: 1,
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
    }));
    const rescheduled: string[] = [];
    const port: OutboxPort = {
      listDue: async () => due,
      countWaiting: async () => due.length,
      nextDueAt: async () => 0,
      loadSubmissions: async (items) =>
        items.map((item) => ({ ok: true, submission: { id: item.reportId, revision: 1, body: '{}' } })),
      markAccepted: async () => undefined,
      markFailed: async () => undefined,
      markConflict: async () => undefined,
      reschedule: async (item, next) => {
        rescheduled.push(`${item.reportId} ${next.lastError}`);
      },
      purgeSynced: async () => 0,
    };
    // The server holds every request until SYNC_CONCURRENCY are in flight, then asks everyone to wait (503 with
    // Retry-After), which ends the run: a request more would arrive before that, or at the latest with it.
    const held: ServerResponse[] = [];
    let arrived = 0;
    const busy = await http((req, res) => {
      arrived++;
      req.resume();
      held.push(res);
      if (held.length < SYNC_CONCURRENCY) return;
      for (const r of held.splice(0)) {
        r.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '60' });
        r.end(JSON.stringify({ error: { code: 'server-error', message: 'busy' } }));
      }
    });
    const engine = createSyncEngine({
      port,
      settings: async () => ({ endpoint: busy.url, token: DEVICE_TOKEN, keepSyncedDays: 0 }),
      lock: createMutexLock(),
      random: () => 0.5,
    });

    expect(await engine.runOnce()).toMatchObject({ stopped: 'held', sent: 0 });
    expect(arrived).toBe(SYNC_CONCURRENCY);
    expect(rescheduled).toHaveLength(SYNC_CONCURRENCY * SYNC_SEND_BATCH);
    expect(new Set(rescheduled.map((line) => line.split(' ')[1]))).toEqual(new Set(['server-error']));
  });

  it('keeps at most two read batches loaded ahead of the requests while a backlog drains', async () => {
    // A long backlog against a server that takes every batch: each check stays close to its send.
    const due: OutboxItem[] = Array.from({ length: 20 * SYNC_SEND_BATCH }, () => ({
      reportId: randomUUID(),
      revision: 1,
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
    }));
    let loaded = 0;
    let handedOver = 0;
    let mostAhead = 0;
    const port: OutboxPort = {
      listDue: async () => due,
      countWaiting: async () => 0,
      nextDueAt: async () => null,
      loadSubmissions: async (items) => {
        loaded += items.length;
        // Measured once every report already taken from the loaded rows has started its request.
        const loadedNow = loaded;
        setImmediate(() => {
          mostAhead = Math.max(mostAhead, loadedNow - handedOver);
        });
        return items.map(({ reportId: id }) => ({
          ok: true,
          submission: { id, revision: 1, body: JSON.stringify({ id }) },
        }));
      },
      markAccepted: async () => undefined,
      markFailed: async () => undefined,
      markConflict: async () => undefined,
      reschedule: async () => undefined,
      purgeSynced: async () => 0,
    };
    const takesAll = await http((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const { reports } = JSON.parse(Buffer.concat(chunks).toString()) as { reports: { id: string }[] };
        const receivedAt = '2026-11-23T10:00:01.000Z';
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            results: reports.map(({ id }) => ({ status: 201, receipt: { id, revision: 1, receivedAt } })),
          }),
        );
      });
    });
    const engine = createSyncEngine({
      port,
      settings: async () => ({ endpoint: takesAll.url, token: DEVICE_TOKEN, keepSyncedDays: 0 }),
      lock: createMutexLock(),
      // The real fetch, counting the reports each request hands over as it starts.
      fetch: (url, init) => {
        handedOver += (JSON.parse(String(init?.body)) as { reports: unknown[] }).reports.length;
        return fetch(url, init);
      },
    });

    expect(await engine.runOnce()).toEqual({ stopped: 'done', sent: due.length, failed: 0, retried: 0 });
    expect(loaded).toBe(due.length);
    expect(mostAhead).toBeLessThanOrEqual(2 * SYNC_READ_BATCH);
  });

  it.each([
    ['over its body limit (413): the next batch is tried as a batch again', 413, 3],
    ['without a batch route (404): the rest of the run goes one by one', 404, 2],
  ])('sends a refused batch one by one when the server is %s', async (_name, status, batches) => {
    // Three batches' worth of due reports; the third is read only once the engine has dealt with the first answers.
    const due: OutboxItem[] = Array.from({ length: 3 * SYNC_SEND_BATCH }, () => ({
      reportId: randomUUID(),
      revision: 1,
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
    }));
    let firstSingle: () => void = () => undefined;
    const singleSeen = new Promise<void>((resolve) => {
      firstSingle = resolve;
    });
    let reads = 0;
    const accepted: string[] = [];
    const port: OutboxPort = {
      listDue: async () => due,
      countWaiting: async () => due.length - accepted.length,
      nextDueAt: async () => null,
      loadSubmissions: async (items) => {
        if (reads++ > 0) await singleSeen;
        return items.map((item) => ({
          ok: true,
          submission: { id: item.reportId, revision: 1, body: JSON.stringify({ id: item.reportId }) },
        }));
      },
      markAccepted: async (item) => {
        accepted.push(item.reportId);
      },
      markFailed: async () => undefined,
      markConflict: async () => undefined,
      reschedule: async () => undefined,
      purgeSynced: async () => 0,
    };
    const receipt = (id: string) => ({ id, revision: 1, receivedAt: '2026-11-23T10:00:01.000Z' });
    let batchRequests = 0;
    let singles = 0;
    const older = await http((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as { id: string; reports: { id: string }[] };
        res.setHeader('Content-Type', 'application/json');
        if (req.url?.endsWith('/batch')) {
          batchRequests++;
          if (batchRequests <= 2) {
            res.writeHead(status);
            res.end(JSON.stringify({ error: { code: 'refused', message: 'no' } }));
            return;
          }
          res.end(JSON.stringify({ results: body.reports.map((r) => ({ status: 201, receipt: receipt(r.id) })) }));
          return;
        }
        singles++;
        firstSingle();
        res.writeHead(201);
        res.end(JSON.stringify(receipt(body.id)));
      });
    });
    const engine = createSyncEngine({
      port,
      settings: async () => ({ endpoint: older.url, token: DEVICE_TOKEN, keepSyncedDays: 0 }),
      lock: createMutexLock(),
    });

    expect(await engine.runOnce()).toEqual({ stopped: 'done', sent: due.length, failed: 0, retried: 0 });
    expect(new Set(accepted).size).toBe(due.length);
    expect(batchRequests).toBe(batches);
    expect(singles).toBe(due.length - (batches - 2) * SYNC_SEND_BATCH);
  });

  it('stops at the first report the server does not answer and leaves the rest due, untouched', async () => {
    const clock = manualClock();
    const seen: string[] = [];
    // An older server (no batch route) that then goes away: every connection is cut before an answer.
    const flaky = await http((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url?.endsWith('/batch')) {
        req.resume();
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'not-found', message: 'no such route' } }));
        return;
      }
      req.socket.destroy();
    });
    const s = await store({ clock, endpoint: flaky.url });
    const [first, ...rest] = await queueMany(s, clock, 3);
    const engine = engineFor(s, clock);

    expect(await engine.runOnce()).toEqual({ stopped: 'unreachable', sent: 0, failed: 0, retried: 1 });
    expect(seen).toEqual(['POST /v2/reports/batch', 'POST /v2/reports']);
    expect(await s.outbox.get(first as string)).toMatchObject({ attempts: 1, lastError: 'unreachable' });
    for (const id of rest) {
      expect(await s.outbox.get(id)).toMatchObject({ attempts: 0, lastError: null });
      expect((await s.outbox.get(id))?.nextAttemptAt).toBeLessThanOrEqual(clock.now());
    }
    expect(engine.state.get()).toMatchObject({ lastError: 'unreachable', waiting: 3 });
  });

  it('stops at the first report when the address is not a SafeVisit server (404 everywhere)', async () => {
    const clock = manualClock();
    const seen: string[] = [];
    const elsewhere = await http((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      req.resume();
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<h1>Not found</h1>');
    });
    const s = await store({ clock, endpoint: elsewhere.url });
    const [first, second] = await queueMany(s, clock, 2);
    const engine = engineFor(s, clock);

    expect(await engine.runOnce()).toEqual({ stopped: 'unreachable', sent: 0, failed: 0, retried: 1 });
    expect(seen).toEqual(['POST /v2/reports/batch', 'POST /v2/reports']);
    expect(await s.outbox.get(first as string)).toMatchObject({ attempts: 1, lastError: 'not-safevisit' });
    expect(await s.outbox.get(second as string)).toMatchObject({ attempts: 0, lastError: null });
    expect(engine.state.get().lastError).toBe('not-safevisit');
  });

  it('stops at the first report that timed out and leaves the rest due, untouched', async () => {
    const clock = manualClock();
    const seen: string[] = [];
    const hanging: ServerResponse[] = [];
    // An older server (no batch route) that takes each report and never answers.
    const slow = await http((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      req.resume();
      if (!req.url?.endsWith('/batch')) return void hanging.push(res);
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'not-found', message: 'no such route' } }));
    });
    const s = await store({ clock, endpoint: slow.url });
    const [first, ...rest] = await queueMany(s, clock, 3);
    const engine = engineFor(s, clock, { timeoutMs: 100 });

    expect(await engine.runOnce()).toEqual({ stopped: 'unreachable', sent: 0, failed: 0, retried: 1 });
    for (const res of hanging) res.destroy();
    expect(seen).toEqual(['POST /v2/reports/batch', 'POST /v2/reports']);
    expect(await s.outbox.get(first as string)).toMatchObject({ attempts: 1, lastError: 'timeout' });
    for (const id of rest) expect(await s.outbox.get(id)).toMatchObject({ attempts: 0, lastError: null });
    expect(engine.state.get().lastError).toBe('timeout');
  });

  it('stops for good when the enrolment was withdrawn (403 revoked): every report kept, no attempt counted', async () => {
    const clock = manualClock();
    const seen: string[] = [];
    const withdrawn = await http((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      req.resume();
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'revoked', message: 'This device was withdrawn.' } }));
    });
    const s = await store({ clock, endpoint: withdrawn.url });
    const ids = await queueMany(s, clock, 2);
    const engine = engineFor(s, clock);

    expect(await engine.runOnce()).toEqual({ stopped: 'revoked', sent: 0, failed: 0, retried: 0 });
    expect(seen).toEqual(['POST /v2/reports/batch']);
    for (const id of ids) {
      expect(await s.outbox.get(id)).toMatchObject({ attempts: 0, lastError: 'revoked' });
      expect((await s.outbox.get(id))?.nextAttemptAt).toBeLessThanOrEqual(clock.now());
    }
    expect(engine.state.get()).toMatchObject({ revoked: true, needsToken: false, lastError: 'revoked', waiting: 2 });
    // Nothing more is tried with this token.
    expect((await engine.runOnce()).stopped).toBe('revoked');
    expect(seen).toHaveLength(1);
  });

  it('holds a withdrawal against that enrolment only: moved to another server with the same token, it sends again', async () => {
    const clock = manualClock();
    const withdrawn = await http((req, res) => {
      req.resume();
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'revoked', message: 'This device was withdrawn.' } }));
    });
    const s = await store({ clock, endpoint: withdrawn.url });
    const [id] = await queueMany(s, clock, 1);
    const engine = engineFor(s, clock);
    expect((await engine.runOnce()).stopped).toBe('revoked');

    const srv = await server();
    await enrolDirectly(s.settingsRepo, srv.url, DEVICE_TOKEN);
    expect(await engine.syncNow()).toEqual({ stopped: 'done', sent: 1, failed: 0, retried: 0 });
    expect(await srv.receivedAt(id as string)).toHaveLength(1);
    expect(engine.state.get()).toMatchObject({ revoked: false, lastError: null, waiting: 0 });
  });

  it('drops the token warning after a run the server answered with only a 500, and keeps the server error', async () => {
    const clock = manualClock();
    const srv = await server();
    const proxy = await proxyTo(srv.url, [
      { status: 401, body: JSON.stringify({ error: { code: 'unauthorised', message: 'no' } }) },
      { status: 500 },
    ]);
    const s = await store({ clock, endpoint: proxy.url });
    const [id] = await queueMany(s, clock, 1);
    const engine = engineFor(s, clock);
    expect((await engine.runOnce()).stopped).toBe('needs-token');
    expect(engine.state.get()).toMatchObject({ needsToken: true, lastError: 'unauthorised' });

    // The token was accepted this time; the server failed on the report itself.
    expect(await engine.syncNow()).toEqual({ stopped: 'done', sent: 0, failed: 0, retried: 1 });
    expect(engine.state.get()).toMatchObject({ needsToken: false, lastError: 'server-error', waiting: 1 });
    expect(await s.outbox.get(id as string)).toMatchObject({ attempts: 1, lastError: 'server-error' });
  });

  it('drops the token warning and the last error with the first report delivered, before the run is over', async () => {
    const clock = manualClock();
    const srv = await server();
    const proxy = await proxyTo(srv.url, [
      { status: 401, body: JSON.stringify({ error: { code: 'unauthorised', message: 'no' } }) },
    ]);
    const s = await store({ clock, endpoint: proxy.url });
    await queueMany(s, clock, 2);
    const engine = engineFor(s, clock);
    expect((await engine.runOnce()).stopped).toBe('needs-token');
    expect(engine.state.get()).toMatchObject({ needsToken: true, lastError: 'unauthorised' });

    // The worker sees the warning go as soon as a report is through, not only when the whole run ends.
    const firstDelivery: { running: boolean; needsToken: boolean; lastError: string | null }[] = [];
    const unsubscribe = engine.state.subscribe(({ sent, running, needsToken, lastError }) => {
      if (sent === 1 && firstDelivery.length === 0) firstDelivery.push({ running, needsToken, lastError });
    });
    expect(await engine.syncNow()).toEqual({ stopped: 'done', sent: 2, failed: 0, retried: 0 });
    unsubscribe();
    expect(firstDelivery).toEqual([{ running: true, needsToken: false, lastError: null }]);
  });

  it('keeps every report of a batch the server never answered, each with one attempt counted', async () => {
    const clock = manualClock();
    const gone = await startReferenceServer();
    await gone.close();
    const s = await store({ clock, endpoint: gone.url });
    const ids = await queueMany(s, clock, 3);

    expect(await engineFor(s, clock).runOnce()).toEqual({ stopped: 'unreachable', sent: 0, failed: 0, retried: 3 });
    for (const id of ids) {
      expect(await s.outbox.get(id)).toMatchObject({
        attempts: 1,
        nextAttemptAt: clock.now() + 2_500,
        lastError: 'unreachable',
      });
    }
  });

  it('carries on after a 500 on one report, and the worker still sees the server error once the run is done', async () => {
    const clock = manualClock();
    const srv = await server();
    // No batch route (an older server): each report alone; the middle one meets a 500, the next is delivered.
    const proxy = await proxyTo(srv.url, [{ status: 404 }, 'pass', { status: 500 }, 'pass']);
    const s = await store({ clock, endpoint: proxy.url });
    const [a, b, c] = await queueMany(s, clock, 3);
    const engine = engineFor(s, clock);

    expect(await engine.runOnce()).toEqual({ stopped: 'done', sent: 2, failed: 0, retried: 1 });
    expect(posts(proxy.seen)).toHaveLength(4);
    expect(await srv.receivedAt(a as string)).toHaveLength(1);
    expect(await srv.receivedAt(c as string)).toHaveLength(1);
    expect(await s.outbox.get(b as string)).toMatchObject({ attempts: 1, lastError: 'server-error' });
    expect(engine.state.get()).toMatchObject({ lastError: 'server-error', sent: 2, waiting: 1 });
    expect(engine.state.get().lastSuccessAt).toBe(clock.now());
  });

  it('pauses every send after a 429 without Retry-After until its backoff has passed', async () => {
    const clock = manualClock();
    const srv = await server();
    const proxy = await proxyTo(srv.url, [{ status: 429 }]);
    const s = await store({ clock, endpoint: proxy.url });
    const first = await queueReport(s, clock);
    const engine = engineFor(s, clock);

    expect(await engine.runOnce()).toMatchObject({ stopped: 'held', retried: 1 });
    expect(await s.outbox.get(first)).toMatchObject({ attempts: 1, nextAttemptAt: clock.now() + 2_500 });
    expect(engine.state.get().lastError).toBe('rate-limited');
    // A report queued meanwhile is due at once, but nothing is sent while the server asked to wait.
    await queueReport(s, clock);
    clock.advance(2_499);
    expect(await engine.runOnce()).toEqual({ stopped: 'held', sent: 0, failed: 0, retried: 0 });
    expect(engine.state.get().waiting).toBe(2);
    expect(posts(proxy.seen)).toEqual(['POST /v2/reports 429']);
    clock.advance(1);
    expect(await engine.runOnce()).toMatchObject({ stopped: 'done', sent: 2 });
    expect(await srv.count()).toBe(2);
  });

  it('pauses every send after a 503 with Retry-After for exactly that long', async () => {
    const clock = manualClock();
    const srv = await server();
    const proxy = await proxyTo(srv.url, [{ status: 503, headers: { 'Retry-After': '30' } }]);
    const s = await store({ clock, endpoint: proxy.url });
    await queueReport(s, clock);
    const engine = engineFor(s, clock);

    expect(await engine.runOnce()).toMatchObject({ stopped: 'held', retried: 1 });
    expect(engine.state.get().lastError).toBe('server-error');
    await queueReport(s, clock);
    clock.advance(29_999);
    expect((await engine.runOnce()).stopped).toBe('held');
    expect(posts(proxy.seen)).toHaveLength(1);
    clock.advance(1);
    expect(await engine.runOnce()).toEqual({ stopped: 'done', sent: 2, failed: 0, retried: 0 });
    expect(engine.state.get().lastError).toBeNull();
  });

  it('wakes up by itself when the wait the server asked for ends, not before, even with a report due sooner', {
    timeout: 15_000,
  }, async () => {
    const clock = manualClock();
    const srv = await server();
    // An older server (no batch route): the first report meets a 503 asking for 1 s; the second is left due now.
    const proxy = await proxyTo(srv.url, [{ status: 404 }, { status: 503, headers: { 'Retry-After': '1' } }]);
    const s = await store({ clock, endpoint: proxy.url });
    const ids = await queueMany(s, clock, 2);
    // The device's own clock and timers: the wake-up is a real timer.
    const engine = createSyncEngine({ port: s.port, settings: s.settings, random: () => 0.5, lock: createMutexLock() });
    const delivered = new Promise<number>((resolve) => {
      engine.state.subscribe((state) => {
        if (state.sent === ids.length) resolve(Date.now());
      });
    });

    const startedAt = Date.now();
    engine.start({ intervalMs: 60 * 60 * 1000 });
    expect((await delivered) - startedAt).toBeGreaterThanOrEqual(1_000);
    engine.stop();
    expect(posts(proxy.seen)).toEqual([
      'POST /v2/reports/batch 404',
      'POST /v2/reports 503',
      'POST /v2/reports/batch pass',
    ]);
    for (const id of ids) expect(await srv.receivedAt(id)).toHaveLength(1);
  });

  it('sends a batch over the server body limit (413) one by one, and fails only the report too large alone', async () => {
    const clock = manualClock();
    const srv = await server();
    const proxy = await proxyTo(srv.url, [{ status: 413 }, { status: 413 }]);
    const s = await store({ clock, endpoint: proxy.url });
    const [big, fine] = await queueMany(s, clock, 2);
    const engine = engineFor(s, clock);

    expect(await engine.runOnce()).toEqual({ stopped: 'done', sent: 1, failed: 1, retried: 0 });
    expect(posts(proxy.seen)).toEqual(['POST /v2/reports/batch 413', 'POST /v2/reports 413', 'POST /v2/reports pass']);
    const row = await s.db.reports.get(big as string);
    expect(row?.status).toBe('failed');
    expect(row?.syncIssues).toEqual([{ path: '', message: ERROR_MESSAGES['too-large'] }]);
    expect(await srv.receivedAt(fine as string)).toHaveLength(1);
    expect(await s.outbox.count()).toBe(0);
  });

  it('drops a stale outbox row (its report was deleted) without sending or failing anything, and sends the others', async () => {
    const clock = manualClock();
    const srv = await server();
    const s = await store({ clock, endpoint: srv.url });
    const [gone, kept] = await queueMany(s, clock, 2);
    await s.db.reports.delete(gone as string);
    const engine = engineFor(s, clock);

    expect(await engine.runOnce()).toEqual({ stopped: 'done', sent: 1, failed: 0, retried: 0 });
    expect(await srv.receivedAt(kept as string)).toHaveLength(1);
    expect(await srv.count()).toBe(1);
    expect(await s.outbox.count()).toBe(0);
    expect(engine.state.get()).toMatchObject({ total: 2, sent: 1, waiting: 0, lastError: null });
  });
});
