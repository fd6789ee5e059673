// The retention sweep against a real SQLite store: reports reviewed longer ago than the retention are deleted a batch
// at a time until none is due, the sweep repeats on its timer until stopped, and a sweep that fails is told in one
// plain line and tried again (the store's failure is injected around the real store; the sweep itself is real).
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DAY_MS, RETENTION_BATCH, startRetention, sweepExpired } from '../../../server/retention.ts';
import { openSqliteStore } from '../../../server/storage/sqlite.ts';
import type { RetentionStore, Store } from '../../../server/storage/types.ts';
import { dbFilesPerTest, manualClock, newSealedReport, setUpStore } from '../fixtures.ts';

const RECEIVED = '2026-11-01T10:06:00.000Z';
const stores: Store[] = [];
const dbFile = dbFilesPerTest();
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const store of stores.splice(0)) await store.close();
});

/** A store with `count` reports each reviewed at `reviewedAt`; their ids. */
const storeWithReviewed = async (count: number, reviewedAt: string, path = ':memory:') => {
  const store = openSqliteStore({ path });
  stores.push(store);
  const { keyId, officer } = await setUpStore(store);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const report = newSealedReport(keyId);
    await store.saveSealed(report, RECEIVED);
    await store.markReviewed(report.id, { officerId: officer.id, at: reviewedAt });
    ids.push(report.id);
  }
  return { store, keyId, officer, ids };
};

const expiredRows = async (store: Store) => (await store.auditLog()).filter((r) => r.action === 'reports-expired');

/** The retention store with its expireReviewed failing while `failing()` says so (a disk gone, a lock held). */
const failingWhile = (store: Store, failing: () => boolean): RetentionStore & { calls: number } => {
  const wrapped = {
    calls: 0,
    eraseReport: store.eraseReport.bind(store),
    expireReviewed: async (before: string, at: string, limit: number) => {
      wrapped.calls += 1;
      if (failing()) throw new Error('SQLITE_IOERR: disk I/O error');
      return store.expireReviewed(before, at, limit);
    },
  };
  return wrapped;
};

describe('sweepExpired', () => {
  it('deletes reports reviewed more than `days` ago, keeps those reviewed since, and stamps the audit row now', async () => {
    const clock = manualClock(Date.parse('2026-12-01T00:00:00.000Z'));
    const { store, keyId, officer, ids } = await storeWithReviewed(1, '2026-11-20T23:59:59.000Z');
    const recent = newSealedReport(keyId);
    await store.saveSealed(recent, RECEIVED);
    await store.markReviewed(recent.id, { officerId: officer.id, at: '2026-11-21T00:00:01.000Z' });

    expect(await sweepExpired(store, clock.date, 10)).toEqual(ids);
    const rows = await expiredRows(store);
    expect(rows).toEqual([expect.objectContaining({ at: '2026-12-01T00:00:00.000Z', detail: { ids } })]);
    expect(await store.sealedCount()).toBe(1);
    clock.advance(DAY_MS);
    expect(await sweepExpired(store, clock.date, 10)).toEqual([recent.id]);
  });

  it('goes on batch after batch until a batch is short: one more than a batch is two transactions', async () => {
    const clock = manualClock(Date.parse('2026-12-01T00:00:00.000Z'));
    const { store, ids } = await storeWithReviewed(RETENTION_BATCH + 1, '2026-11-02T00:00:00.000Z');
    const deleted = await sweepExpired(store, clock.date, 7);
    expect(deleted.sort()).toEqual([...ids].sort());
    expect((await expiredRows(store)).map((r) => ((r.detail?.ids ?? []) as string[]).length)).toEqual([
      RETENTION_BATCH,
      1,
    ]);
    expect(await store.sealedCount()).toBe(0);
  });
});

describe('sweepExpired on a database file', () => {
  it('leaves no byte of the expired envelopes in the file or its WAL, and keeps the reports not due', async () => {
    const path = dbFile();
    const clock = manualClock(Date.parse('2026-12-01T00:00:00.000Z'));
    const { store, keyId, officer } = await storeWithReviewed(0, '2026-11-02T00:00:00.000Z', path);
    const due = [newSealedReport(keyId), newSealedReport(keyId)];
    const kept = newSealedReport(keyId);
    for (const report of [...due, kept]) await store.saveSealed(report, RECEIVED);
    for (const report of due)
      await store.markReviewed(report.id, { officerId: officer.id, at: '2026-11-02T00:00:00.000Z' });
    const files = () => Buffer.concat([path, `${path}-wal`].filter(existsSync).map((f) => readFileSync(f)));
    const pieces = (r: typeof kept) => [r.enc, r.ciphertext.slice(0, 64), r.ciphertext.slice(-64)];
    // The scan reads what is stored: before the sweep every piece is there.
    for (const piece of due.flatMap(pieces)) expect(files().includes(piece)).toBe(true);

    expect((await sweepExpired(store, clock.date, 7)).sort()).toEqual(due.map((r) => r.id).sort());
    const after = files();
    for (const piece of due.flatMap(pieces)) expect(after.includes(piece), piece).toBe(false);
    for (const piece of pieces(kept)) expect(after.includes(piece)).toBe(true);
  });
});

describe('startRetention', () => {
  it('sweeps at start and again every `everyMs` until stopped', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const clock = manualClock(Date.parse('2026-12-01T00:00:00.000Z'));
    const { store, ids } = await storeWithReviewed(1, '2026-11-02T00:00:00.000Z');
    const counted = failingWhile(store, () => false);
    const worker = startRetention(counted, clock.date, { days: 7, everyMs: 1_000 });
    await vi.waitFor(async () => expect(await store.sealedCount()).toBe(0));
    expect((await expiredRows(store)).map((r) => r.detail?.ids)).toEqual([ids]);
    expect(counted.calls).toBe(1);

    vi.advanceTimersByTime(999);
    expect(counted.calls).toBe(1);
    vi.advanceTimersByTime(1);
    await vi.waitFor(() => expect(counted.calls).toBe(2));
    await worker.sweep();
    expect(counted.calls).toBe(3);

    await worker.stop();
    vi.advanceTimersByTime(10_000);
    // One turn of the event loop: a sweep the timer started would have reached the store by then.
    await new Promise((resolve) => setImmediate(resolve));
    expect(counted.calls).toBe(3);
  });

  it('sweeps hourly unless told', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { store } = await storeWithReviewed(0, '2026-11-02T00:00:00.000Z');
    const counted = failingWhile(store, () => false);
    const worker = startRetention(counted, manualClock().date, { days: 7 });
    await vi.waitFor(() => expect(counted.calls).toBe(1));
    vi.advanceTimersByTime(60 * 60 * 1000 - 1);
    expect(counted.calls).toBe(1);
    vi.advanceTimersByTime(1);
    await vi.waitFor(() => expect(counted.calls).toBe(2));
    await worker.stop();
  });

  it('tells a failed sweep in one plain line and deletes at the next sweep', async () => {
    const clock = manualClock(Date.parse('2026-12-01T00:00:00.000Z'));
    const { store, ids } = await storeWithReviewed(1, '2026-11-02T00:00:00.000Z');
    let failing = true;
    const lines: string[] = [];
    const worker = startRetention(
      failingWhile(store, () => failing),
      clock.date,
      { days: 7, log: (line) => lines.push(line) },
    );
    await vi.waitFor(() =>
      expect(lines).toEqual(['SafeVisit could not delete reports past retention now; it will try again.']),
    );
    // The failed sweep is still the last one run: the next one starts after it all the same.
    failing = false;
    expect(await worker.sweep()).toEqual(ids);
    expect(await store.sealedCount()).toBe(0);
    await worker.stop();
  });

  it('tells a failed sweep on console.warn when given no log, and stop() waits for the failed sweep quietly', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { store } = await storeWithReviewed(0, '2026-11-02T00:00:00.000Z');
    const worker = startRetention(
      failingWhile(store, () => true),
      manualClock().date,
      { days: 7 },
    );
    await worker.stop();
    await vi.waitFor(() =>
      expect(warn).toHaveBeenCalledWith('SafeVisit could not delete reports past retention now; it will try again.'),
    );
    await expect(worker.sweep()).rejects.toThrow(/disk I\/O/);
  });
});
