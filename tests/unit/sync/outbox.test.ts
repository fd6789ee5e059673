// The sync engine end to end: the real store and vault (fake-indexeddb) on one side, the real reference server on
// 127.0.0.1 on the other, with a fault-injecting proxy between them where a test needs the network to misbehave.
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_MESSAGES } from '../../../src/domain/errors.ts';
import type { SyncState } from '../../../src/sync/outbox.ts';
import {
  createMutexLock,
  createSyncEngine,
  type OutboxPort,
  SYNC_READ_BATCH,
  SYNC_SEND_BATCH,
} from '../../../src/sync/outbox.ts';
import {
  completeDraft,
  DEVICE_TOKEN,
  enrolDirectly,
  manualClock,
  queueReport,
  startReferenceServer,
  type TestStore,
} from '../fixtures.ts';
import { engineFor, useEngineHarness } from './engine-harness.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const { cleanups, server, proxyTo, http, store } = useEngineHarness();

/** `n` outbox rows all due now, for an in-memory port. */
const dueRows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    reportId: `r${i}`,
    revision: 1,
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
  }));

const statusOf = async (s: TestStore, id: string) => (await s.db.reports.get(id))?.status;

describe('sync engine with the reference server', () => {
  it('delivers a queued report once, stores its receipt, then removes it from the device', async () => {
    const clock = manualClock();
    const srv = await server();
    const s = await store({ clock, endpoint: `${srv.url}/` });
    const id = await queueReport(s, clock);
    const engine = engineFor(s, clock);
    const seen: SyncState[] = [];
    engine.state.subscribe((state) => seen.push(state));

    expect(await engine.runOnce()).toEqual({ stopped: 'done', sent: 1, failed: 0, retried: 0 });

    expect(await srv.count()).toBe(1);
    expect(await srv.receivedAt(id)).toHaveLength(1);
    expect(await s.db.reports.get(id)).toBeUndefined();
    expect(await s.outbox.count()).toBe(0);
    expect(engine.state.get()).toMatchObject({
      running: false,
      sent: 1,
      total: 1,
      waiting: 0,
      lastSuccessAt: clock.now(),
      needsToken: false,
      lastError: null,
    });
    expect(seen.some((state) => state.running && state.total === 1 && state.sent === 0)).toBe(true);
  });

  it('keeps a delivered report read-only as synced, with its receipt, until its retention has passed', async () => {
    const clock = manualClock();
    const srv = await server();
    const s = await store({ clock, endpoint: srv.url, keepSyncedDays: 7 });
    const id = await queueReport(s, clock);
    const engine = engineFor(s, clock);

    await engine.runOnce();
    const row = await s.db.reports.get(id);
    expect(row?.status).toBe('synced');
    expect(row?.receipt).toEqual({ revision: 1, receivedAt: (await srv.receivedAt(id))[0] });
    expect(await s.outbox.count()).toBe(0);

    // The retention counts from the receipt (the server's clock), so move the device clock to there first.
    const receivedAt = Date.parse(row?.receipt?.receivedAt ?? '');
    clock.advance(receivedAt - clock.now() + 7 * DAY_MS - 1_000);
    expect(await engine.purgeExpired()).toBe(0);
    expect(await statusOf(s, id)).toBe('synced');
    clock.advance(2_000);
    expect(await engine.purgeExpired()).toBe(1);
    expect(await s.db.reports.get(id)).toBeUndefined();
  });

  it('shows progress as "Sending n of total" while it sends several reports', async () => {
    const clock = manualClock();
    const srv = await server();
    const s = await store({ clock, endpoint: srv.url });
    for (let i = 0; i < 3; i++) await queueReport(s, clock);
    const engine = engineFor(s, clock);
    await engine.refresh();
    expect(engine.state.get().waiting).toBe(3);
    const progress: string[] = [];
    engine.state.subscribe((state) => {
      if (state.running && state.total > 0) progress.push(`${state.sent}/${state.total}`);
    });
    await engine.runOnce();
    expect([...new Set(progress)]).toEqual(['0/3', '1/3', '2/3', '3/3']);
    expect(engine.state.get()).toMatchObject({ running: false, waiting: 0 });
  });

  it('keeps the report while the server is down and delivers it exactly once when it is back', async () => {
    const clock = manualClock();
    const first = await startReferenceServer();
    const { url, port } = first;
    await first.close();
    const s = await store({ clock, endpoint: url });
    const id = await queueReport(s, clock);
    const engine = engineFor(s, clock);

    expect((await engine.runOnce()).stopped).toBe('unreachable');
    expect(await statusOf(s, id)).toBe('queued');
    const row = await s.outbox.get(id);
    // Full jitter with random 0.5 on the first failure: half of the 5 s base window.
    expect(row).toMatchObject({ attempts: 1, nextAttemptAt: clock.now() + 2_500, lastError: 'unreachable' });
    expect(engine.state.get()).toMatchObject({ lastError: 'unreachable', waiting: 1 });

    const back = await startReferenceServer({}, port);
    cleanups.push(() => back.close());
    // Not due yet: nothing is sent.
    expect((await engine.runOnce()).sent).toBe(0);
    expect(await back.count()).toBe(0);
    clock.advance(2_500);
    expect((await engine.runOnce()).sent).toBe(1);
    expect(await back.count()).toBe(1);
    expect(await s.db.reports.get(id)).toBeUndefined();
    expect(engine.state.get().lastError).toBeNull();
  });

  it('resends after the connection dropped before the reply, gets 200 with the same receipt, and the server holds one row', async () => {
    const clock = manualClock();
    const srv = await server();
    const proxy = await proxyTo(srv.url, ['drop-after-forward']);
    const s = await store({ clock, endpoint: proxy.url, keepSyncedDays: 1 });
    const id = await queueReport(s, clock);
    const engine = engineFor(s, clock);

    const first = await engine.runOnce();
    expect(first.retried).toBe(1);
    // The server has it, but the device never heard: it must keep the report.
    expect(await srv.count()).toBe(1);
    expect(await statusOf(s, id)).toBe('queued');
    expect((await s.outbox.get(id))?.attempts).toBe(1);

    clock.advance(60_000);
    expect((await engine.runOnce()).sent).toBe(1);
    expect(await srv.count()).toBe(1);
    const receivedAt = await srv.receivedAt(id);
    expect(receivedAt).toHaveLength(1);
    expect((await s.db.reports.get(id))?.receipt).toEqual({ revision: 1, receivedAt: receivedAt[0] });
    expect(proxy.seen).toEqual([expect.stringMatching(/^POST .* drop-after-forward$/), expect.stringMatching(/pass$/)]);
  });

  it('backs off after 500s, then waits exactly as long as a 429 Retry-After says, then delivers once', async () => {
    const clock = manualClock();
    const srv = await server();
    const proxy = await proxyTo(srv.url, [
      { status: 500 },
      { status: 500 },
      { status: 429, headers: { 'Retry-After': '3' } },
    ]);
    const s = await store({ clock, endpoint: proxy.url });
    const id = await queueReport(s, clock);
    const engine = engineFor(s, clock);

    await engine.runOnce();
    expect(await s.outbox.get(id)).toMatchObject({ attempts: 1, nextAttemptAt: clock.now() + 2_500 });
    clock.advance(2_500);
    await engine.runOnce();
    expect(await s.outbox.get(id)).toMatchObject({ attempts: 2, nextAttemptAt: clock.now() + 5_000 });
    clock.advance(5_000);
    expect((await engine.runOnce()).stopped).toBe('held');
    expect(await s.outbox.get(id)).toMatchObject({ attempts: 3, nextAttemptAt: clock.now() + 3_000 });
    expect(engine.state.get().lastError).toBe('rate-limited');

    clock.advance(2_999);
    expect((await engine.runOnce()).stopped).toBe('held');
    expect(proxy.seen).toHaveLength(3);
    clock.advance(1);
    expect((await engine.runOnce()).sent).toBe(1);
    expect(proxy.seen).toHaveLength(4);
    expect(await srv.count()).toBe(1);
    expect(await s.db.reports.get(id)).toBeUndefined();
  });

  it('stops on a refused token, keeps every report, and says the token needs changing', async () => {
    const clock = manualClock();
    const srv = await server();
    const s = await store({ clock, endpoint: srv.url, token: 'not-the-token' });
    const ids = [await queueReport(s, clock), await queueReport(s, clock)];
    const engine = engineFor(s, clock);

    expect((await engine.runOnce()).stopped).toBe('needs-token');
    expect(engine.state.get()).toMatchObject({ needsToken: true, lastError: 'unauthorised', waiting: 2 });
    expect(ERROR_MESSAGES[engine.state.get().lastError ?? 'invalid']).toMatch(/did not accept the access token/);
    expect(await srv.count()).toBe(0);
    for (const id of ids) {
      expect(await statusOf(s, id)).toBe('queued');
      expect((await s.outbox.get(id))?.attempts).toBe(0);
    }

    // The device is enrolled again with the right token and the worker presses "Sync now".
    await enrolDirectly(s.settingsRepo, srv.url, DEVICE_TOKEN);
    expect((await engine.syncNow()).sent).toBe(2);
    expect(await srv.count()).toBe(2);
    expect(engine.state.get()).toMatchObject({ needsToken: false, lastError: null, waiting: 0 });
  });

  it('marks a refused report failed with the reasons and still sends the next ones', async () => {
    const clock = manualClock();
    const srv = await server();
    const s = await store({ clock, endpoint: srv.url, keepSyncedDays: 1 });
    // Passes the device's submit rules, but the server wants a UUID id: a 400 with the server's reasons.
    const refused = await queueReport(s, clock, { id: 'report-not-a-uuid' });
    clock.advance(1);
    // Fails the submit rules on the device (e.g. saved by an older version): failed without being sent.
    const incomplete = await queueReport(s, clock, { data: completeDraft({ description: '' }) });
    clock.advance(1);
    const good = await queueReport(s, clock);
    const engine = engineFor(s, clock);

    expect(await engine.runOnce()).toEqual({ stopped: 'done', sent: 1, failed: 2, retried: 0 });

    const refusedRow = (await s.db.reports.get(refused)) as { status: string; syncIssues?: unknown };
    expect(refusedRow.status).toBe('failed');
    expect(refusedRow.syncIssues).toEqual([{ path: 'id', message: expect.any(String) }]);
    const incompleteRow = (await s.db.reports.get(incomplete)) as { status: string; syncIssues?: unknown };
    expect(incompleteRow.status).toBe('failed');
    expect(incompleteRow.syncIssues).toEqual([
      { path: 'report.description', message: 'Enter a description of the incident' },
    ]);
    expect(await statusOf(s, good)).toBe('synced');
    expect(await srv.count()).toBe(1);
    // Failed reports leave the outbox: they wait for the worker, not for the timer.
    expect(await s.outbox.count()).toBe(0);
  });

  it('fails a report queued before enrolment whose ciphertext was damaged (it cannot be sealed) and still sends the others', async () => {
    const clock = manualClock();
    const srv = await server();
    const s = await store({ clock, endpoint: '' });
    const damaged = await queueReport(s, clock);
    clock.advance(1);
    const good = await queueReport(s, clock);
    const row = await s.db.reports.get(damaged);
    if (!row) throw new Error('row missing');
    row.ciphertext[0] = (row.ciphertext[0] ?? 0) ^ 1;
    await s.db.reports.put(row);
    await enrolDirectly(s.settingsRepo, srv.url, DEVICE_TOKEN);

    expect(await engineFor(s, clock).runOnce()).toMatchObject({ stopped: 'done', sent: 1, failed: 1 });
    const after = await s.db.reports.get(damaged);
    expect(after?.status).toBe('failed');
    expect(after?.syncIssues).toEqual([{ path: '', message: ERROR_MESSAGES.tampered }]);
    expect(await s.db.reports.get(good)).toBeUndefined();
    expect(await srv.count()).toBe(1);
  });

  it('marks a conflict and carries on with the others', async () => {
    const clock = manualClock();
    const srv = await server();
    const s = await store({ clock, endpoint: srv.url });
    const id = await queueReport(s, clock);
    const other = await queueReport(s, clock);
    // Another device (or an old install) already sent this id and revision with different content.
    const elsewhere = await store({ clock, endpoint: srv.url });
    await queueReport(elsewhere, clock, { id, data: completeDraft({ description: 'A different account.' }) });
    await engineFor(elsewhere, clock).runOnce();

    expect(await engineFor(s, clock).runOnce()).toMatchObject({ sent: 1, failed: 1 });
    expect(await statusOf(s, id)).toBe('conflict');
    expect(await s.db.reports.get(other)).toBeUndefined();
    expect(await srv.count()).toBe(2);
  });

  it('never removes a report whose receipt could not be stored', async () => {
    const clock = manualClock();
    const srv = await server();
    const s = await store({ clock, endpoint: srv.url });
    const id = await queueReport(s, clock);
    let failOnce = true;
    const port: OutboxPort = {
      ...s.port,
      markAccepted: async (item, receipt, removeNow) => {
        if (failOnce) {
          failOnce = false;
          throw new AppError('quota-exceeded');
        }
        await s.port.markAccepted(item, receipt, removeNow);
      },
    };
    const engine = engineFor(s, clock, { port });

    expect((await engine.runOnce()).stopped).toBe('storage');
    expect(engine.state.get().lastError).toBe('quota-exceeded');
    expect(await s.db.reports.get(id)).toBeDefined();
    expect(await s.outbox.count()).toBe(1);

    expect((await engine.runOnce()).sent).toBe(1);
    expect(await s.db.reports.get(id)).toBeUndefined();
    expect(await srv.count()).toBe(1);
  });

  it('stops the run when a batch cannot be read (the vault locked meanwhile), with nothing of it still going on once the run has ended', async () => {
    const due = dueRows(3 * SYNC_READ_BATCH);
    const reads: number[] = [];
    let ended = false;
    let lateCalls = 0;
    const port: OutboxPort = {
      listDue: async () => due,
      countWaiting: async () => due.length,
      nextDueAt: async () => 0,
      loadSubmissions: async (items) => {
        if (ended) lateCalls++;
        reads.push(items.length);
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (reads.length === 2) throw new AppError('locked');
        // Nothing to send in this batch (each row stale): the engine goes straight on to the next one.
        return items.map(() => null);
      },
      markAccepted: async () => undefined,
      markFailed: async () => undefined,
      markConflict: async () => undefined,
      reschedule: async () => undefined,
      purgeSynced: async () => 0,
    };
    const engine = createSyncEngine({
      port,
      settings: async () => ({ endpoint: 'https://example.org', token: DEVICE_TOKEN, keepSyncedDays: 0 }),
      lock: createMutexLock(),
      fetch: async () => {
        throw new Error('nothing is sent');
      },
    });

    const summary = await engine.runOnce();
    ended = true;
    expect(summary).toMatchObject({ stopped: 'locked', sent: 0 });
    expect(engine.state.get().lastError).toBe('locked');
    expect(reads).toEqual([SYNC_READ_BATCH, SYNC_READ_BATCH]);
    expect(lateCalls).toBe(0);
  });

  it('stops the run with the storage error when an answer cannot be recorded (a full disk), and never throws', async () => {
    const due = dueRows(2);
    const engine = createSyncEngine({
      port: {
        listDue: async () => due,
        countWaiting: async () => due.length,
        nextDueAt: async () => 0,
        // Both fail the submit rules: each is marked failed without being sent, and that write fails.
        loadSubmissions: async (items) => items.map(() => ({ ok: false, issues: [{ path: '', message: 'no' }] })),
        markAccepted: async () => undefined,
        markFailed: async () => {
          throw new AppError('quota-exceeded');
        },
        markConflict: async () => undefined,
        reschedule: async () => undefined,
        purgeSynced: async () => 0,
      },
      settings: async () => ({ endpoint: 'https://example.org', token: DEVICE_TOKEN, keepSyncedDays: 0 }),
      lock: createMutexLock(),
      fetch: async () => {
        throw new Error('nothing is sent');
      },
    });

    expect(await engine.runOnce()).toEqual({ stopped: 'storage', sent: 0, failed: 0, retried: 0 });
    expect(engine.state.get()).toMatchObject({ running: false, lastError: 'quota-exceeded', waiting: 2 });
  });

  it('reads, sends and rewrites nothing more once stop() comes during a read, and ends the run as stopped', async () => {
    const due = dueRows(2 * SYNC_READ_BATCH);
    let reads = 0;
    const touched: string[] = [];
    const touch = async (item: { reportId: string }) => {
      touched.push(item.reportId);
    };
    const engine = createSyncEngine({
      port: {
        listDue: async () => due,
        countWaiting: async () => due.length,
        nextDueAt: async () => 0,
        loadSubmissions: async (items) => {
          reads++;
          // The app closes (or the vault locks) while the first batch is being read.
          engine.stop();
          return items.map((item) => ({ ok: true, submission: { id: item.reportId, revision: 1, body: '{}' } }));
        },
        markAccepted: touch,
        markFailed: touch,
        markConflict: touch,
        reschedule: touch,
        purgeSynced: async () => 0,
      },
      settings: async () => ({ endpoint: 'https://example.org', token: DEVICE_TOKEN, keepSyncedDays: 0 }),
      lock: createMutexLock(),
      fetch: async () => {
        throw new Error('nothing is sent');
      },
    });

    expect(await engine.runOnce()).toEqual({ stopped: 'stopped', sent: 0, failed: 0, retried: 0 });
    expect(reads).toBe(1);
    expect(touched).toEqual([]);
    expect(engine.state.get()).toMatchObject({ running: false, lastError: null, waiting: due.length });
  });

  it('puts a report back, attempt not counted, when the app stops mid-send; a slow server is a timeout', async () => {
    const clock = manualClock();
    const silent = await http((req) => req.resume());
    const s = await store({ clock, endpoint: silent.url });
    const id = await queueReport(s, clock);

    const engine = engineFor(s, clock);
    const pending = engine.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 50));
    engine.stop();
    expect((await pending).stopped).toBe('stopped');
    expect(await statusOf(s, id)).toBe('queued');
    expect((await s.outbox.get(id))?.attempts).toBe(0);

    const impatient = engineFor(s, clock, { timeoutMs: 50 });
    expect((await impatient.runOnce()).stopped).toBe('unreachable');
    expect(await s.outbox.get(id)).toMatchObject({ attempts: 1, lastError: 'timeout' });
    expect(await statusOf(s, id)).toBe('queued');
  });

  it('sends nothing and keeps everything while the vault is locked', async () => {
    const clock = manualClock();
    const srv = await server();
    const s = await store({ clock, endpoint: srv.url });
    const id = await queueReport(s, clock);
    s.vault.lock();
    const engine = engineFor(s, clock);
    expect((await engine.runOnce()).stopped).toBe('locked');
    expect(engine.state.get()).toMatchObject({ lastError: 'locked', waiting: 1 });
    expect(await statusOf(s, id)).toBe('queued');
    expect(await srv.count()).toBe(0);
  });

  it('lets only one of two tabs send at a time: each report is posted once', async () => {
    const clock = manualClock();
    const srv = await server();
    const proxy = await proxyTo(srv.url, []);
    const tabA = await store({ clock, endpoint: proxy.url });
    const tabB = await store({ clock, endpoint: proxy.url, name: tabA.name });
    for (let i = 0; i < 6; i++) await queueReport(i % 2 === 0 ? tabA : tabB, clock);
    const lock = createMutexLock();
    const a = engineFor(tabA, clock, { lock });
    const b = engineFor(tabB, clock, { lock });

    const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(ra.sent + rb.sent).toBe(6);
    // The first tab sends all six in one batch; the second, after it, finds nothing due.
    expect(proxy.seen.filter((line) => line.startsWith('POST'))).toEqual(['POST /v2/reports/batch pass']);
    expect(await srv.count()).toBe(6);
    expect(await tabA.db.reports.count()).toBe(0);
  });

  it('delivers 200 queued reports, each exactly once', { timeout: 20_000 }, async () => {
    const clock = manualClock();
    const srv = await server();
    const s = await store({ clock, endpoint: srv.url });
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) ids.add(await queueReport(s, clock));
    const reads: number[] = [];
    const port: OutboxPort = {
      ...s.port,
      loadSubmissions: (items) => {
        reads.push(items.length);
        return s.port.loadSubmissions(items);
      },
    };
    const engine = engineFor(s, clock, { port });

    expect(await engine.runOnce()).toEqual({ stopped: 'done', sent: 200, failed: 0, retried: 0 });
    // Read ahead in batches (one transaction each), not one read per report.
    expect(reads).toEqual(Array.from({ length: 200 / SYNC_READ_BATCH }, () => SYNC_READ_BATCH));
    expect(await srv.count()).toBe(200);
    for (const id of ids) expect(await srv.receivedAt(id)).toHaveLength(1);
    expect(await s.db.reports.count()).toBe(0);
    expect(await s.outbox.count()).toBe(0);
  });

  it('sends a backlog in batches, one request per batch, and each report once', async () => {
    const clock = manualClock();
    const srv = await server();
    const proxy = await proxyTo(srv.url, []);
    const s = await store({ clock, endpoint: proxy.url });
    const ids: string[] = [];
    for (let i = 0; i < SYNC_SEND_BATCH + 5; i++) ids.push(await queueReport(s, clock));
    const engine = engineFor(s, clock);

    expect(await engine.runOnce()).toEqual({ stopped: 'done', sent: ids.length, failed: 0, retried: 0 });
    expect(proxy.seen).toEqual(['POST /v2/reports/batch pass', 'POST /v2/reports/batch pass']);
    for (const id of ids) expect(await srv.receivedAt(id)).toHaveLength(1);
    expect(await s.outbox.count()).toBe(0);
  });

  it('sends each report alone when the server has no batch route (an older server)', async () => {
    const clock = manualClock();
    const srv = await server();
    const proxy = await proxyTo(srv.url, [{ status: 404 }]);
    const s = await store({ clock, endpoint: proxy.url });
    const ids = [await queueReport(s, clock), await queueReport(s, clock), await queueReport(s, clock)];
    const engine = engineFor(s, clock);

    expect(await engine.runOnce()).toEqual({ stopped: 'done', sent: 3, failed: 0, retried: 0 });
    expect(proxy.seen).toEqual([
      'POST /v2/reports/batch 404',
      'POST /v2/reports pass',
      'POST /v2/reports pass',
      'POST /v2/reports pass',
    ]);
    for (const id of ids) expect(await srv.receivedAt(id)).toHaveLength(1);
  });

  it('keeps every report of a batch the server could not store (503 Retry-After), then delivers each once', async () => {
    const clock = manualClock();
    const srv = await server();
    const proxy = await proxyTo(srv.url, [{ status: 503, headers: { 'Retry-After': '30' } }]);
    const s = await store({ clock, endpoint: proxy.url });
    const ids = [await queueReport(s, clock), await queueReport(s, clock)];
    const engine = engineFor(s, clock);

    expect(await engine.runOnce()).toMatchObject({ stopped: 'held', sent: 0, retried: 2 });
    for (const id of ids) {
      expect(await statusOf(s, id)).toBe('queued');
      expect(await s.outbox.get(id)).toMatchObject({ attempts: 1, nextAttemptAt: clock.now() + 30_000 });
    }
    expect(await srv.count()).toBe(0);
    clock.advance(30_000);
    expect(await engine.runOnce()).toMatchObject({ stopped: 'done', sent: 2 });
    for (const id of ids) expect(await srv.receivedAt(id)).toHaveLength(1);
  });

  it('keeps a report submitted before enrolment, says the device is not enrolled, and sends it sealed once enrolled', async () => {
    const clock = manualClock();
    const srv = await server();
    const s = await store({ clock, endpoint: '', keepSyncedDays: 0 });
    const id = await queueReport(s, clock, { data: completeDraft({ description: 'Said the word lighthouse.' }) });
    const engine = engineFor(s, clock);
    expect((await engine.runOnce()).stopped).toBe('not-configured');
    expect(engine.state.get()).toMatchObject({ notEnrolled: true, waiting: 1 });

    await enrolDirectly(s.settingsRepo, srv.url, DEVICE_TOKEN);
    expect(await engine.runOnce()).toMatchObject({ stopped: 'done', sent: 1 });
    expect(engine.state.get().notEnrolled).toBe(false);
    expect(await srv.openedDescriptions(id)).toEqual(['Said the word lighthouse.']);
    // Its content has gone (no retention); its receipt stays, with the incident types.
    expect(await s.db.reports.get(id)).toBeUndefined();
    expect(await s.reports.listReceipts()).toEqual([
      { id, revision: 1, receivedAt: (await srv.receivedAt(id))[0], incidentTypes: ['bullying'] },
    ]);
  });

  it('does not start a run without an endpoint, and refuses plain http to another host', async () => {
    const clock = manualClock();
    const s = await store({ clock, endpoint: '' });
    await queueReport(s, clock);
    const engine = engineFor(s, clock);
    expect((await engine.runOnce()).stopped).toBe('not-configured');
    expect(engine.state.get().lastError).toBeNull();
    await enrolDirectly(s.settingsRepo, 'http://sync.example.org', DEVICE_TOKEN);
    expect((await engine.runOnce()).stopped).toBe('not-configured');
    expect(engine.state.get()).toMatchObject({ lastError: 'insecure-endpoint', waiting: 1 });
  });
});
