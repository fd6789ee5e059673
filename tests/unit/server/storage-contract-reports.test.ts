// The storage contract, reports and alerts: the same tests on SQLite and on a real PostgreSQL. Idempotency held by
// the database across two stores on one database (two server processes), the inbox's order and paging, reviews and
// exports with their audit rows, the alert lease, "try again later" from a store whose database has gone, and group
// commits (saveSealedMany) answering each save as a single one would.
import { describe, expect, it } from 'vitest';
import type { AlertChannel, ClaimedAlert } from '../../../server/storage/types.ts';
import { ENGINES, expectAppError, newSealedReport, setUpStore, testDatabasesPerTest } from '../fixtures.ts';

const fresh = testDatabasesPerTest();
const RECEIVED = '2026-11-01T10:05:01.000Z';
const reader = { officerId: 'officer-1', at: '2026-11-01T12:00:00.000Z' };
const BOTH: readonly AlertChannel[] = ['webhook', 'email'];

describe.each(ENGINES)('storage contract on %s: sealed reports', (engine) => {
  it('stores a revision once: created, then replayed with the first receipt, conflict for another body, unknown key refused', async () => {
    const store = await (await fresh(engine)).open();
    const { keyId } = await setUpStore(store);
    const report = newSealedReport(keyId);
    expect(await store.saveSealed(report, RECEIVED)).toEqual({ kind: 'created', receivedAt: RECEIVED });
    expect(await store.saveSealed(report, '2026-11-02T00:00:00.000Z')).toEqual({
      kind: 'replayed',
      receivedAt: RECEIVED,
    });
    expect(await store.saveSealed({ ...report, bodyHash: 'other' }, RECEIVED)).toEqual({ kind: 'conflict' });
    expect(await store.saveSealed(newSealedReport('no-such-key'), RECEIVED)).toEqual({ kind: 'unknown-key' });
    expect(await store.sealedCount()).toBe(1);
  });

  it('stores each of 40 revisions once when two stores on one database get each of them 3 times at once; every answer carries the first receipt', async () => {
    const database = await fresh(engine);
    const [a, b] = [await database.open(), await database.open()];
    const { keyId } = await setUpStore(a);
    const reports = Array.from({ length: 40 }, () => newSealedReport(keyId));
    const outcomes = await Promise.all(
      reports.flatMap((report, i) =>
        [a, b, i % 2 ? a : b].map((store, n) => store.saveSealed(report, `2026-11-01T10:00:0${n}.000Z`, BOTH)),
      ),
    );
    expect(outcomes.filter((o) => o.kind === 'created')).toHaveLength(40);
    expect(outcomes.filter((o) => o.kind === 'replayed')).toHaveLength(80);
    for (let i = 0; i < 40; i++) {
      const three = outcomes.slice(i * 3, i * 3 + 3).map((o) => ('receivedAt' in o ? o.receivedAt : o.kind));
      expect(new Set(three).size).toBe(1);
    }
    expect(await b.sealedCount()).toBe(40);
    // A replay queues no alert: one per channel per revision.
    expect(await a.alerts()).toHaveLength(80);
  });

  it('lists the newest revision of each report, urgent first then newest, in pages, and audits each read', async () => {
    const store = await (await fresh(engine)).open();
    const { keyId } = await setUpStore(store);
    const routine = newSealedReport(keyId);
    await store.saveSealed(routine, RECEIVED);
    await store.saveSealed({ ...routine, revision: 2, bodyHash: 'second' }, RECEIVED);
    const urgent = newSealedReport(keyId, { urgency: 'immediate' });
    await store.saveSealed(urgent, RECEIVED);
    const later = newSealedReport(keyId);
    await store.saveSealed(later, RECEIVED);

    const first = await store.inbox({ limit: 2 }, reader);
    expect(first.items.map((i) => [i.id, i.revision])).toEqual([
      [urgent.id, 1],
      [later.id, 1],
    ]);
    const second = await store.inbox({ limit: 2, cursor: first.nextCursor }, reader);
    expect(second.items.map((i) => [i.id, i.revision, i.revisions])).toEqual([[routine.id, 2, 2]]);
    expect(second.nextCursor).toBeUndefined();
    const reads = (await store.auditLog()).filter((row) => row.action === 'inbox-read');
    expect(reads).toHaveLength(2);
  });

  it('pages past arrival numbers of two digits, and gives no cursor for a page that ends the list exactly', async () => {
    const store = await (await fresh(engine)).open();
    const { keyId } = await setUpStore(store);
    const reports = Array.from({ length: 12 }, () => newSealedReport(keyId));
    for (const report of reports) await store.saveSealed(report, RECEIVED);
    const newestFirst = reports.map((r) => r.id).reverse();
    const seen: string[] = [];
    let cursor: string | undefined;
    for (const limit of [1, 3, 8]) {
      const page = await store.inbox({ limit, cursor }, reader);
      seen.push(...page.items.map((i) => i.id));
      expect(page.items.every((i) => i.status === 'new' && i.reviewedBy === null)).toBe(true);
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(newestFirst);
    expect(cursor).toBeUndefined();
  });

  it('reads a cursor it did not make as the first page', async () => {
    const store = await (await fresh(engine)).open();
    const { keyId } = await setUpStore(store);
    const routine = newSealedReport(keyId);
    await store.saveSealed(routine, RECEIVED);
    const urgent = newSealedReport(keyId, { urgency: 'immediate' });
    await store.saveSealed(urgent, RECEIVED);
    const whole = [urgent.id, routine.id];
    expect((await store.inbox({ limit: 10 }, reader)).items.map((i) => i.id)).toEqual(whole);
    // Each would be "after the first urgent one" if read loosely: only the routine report would be listed.
    for (const cursor of ['x1.1', '1.1x', '3.1', '1.', '.1', '1.12345678901234567', '1.9007199254740993', '']) {
      expect(
        (await store.inbox({ limit: 10, cursor }, reader)).items.map((i) => i.id),
        cursor,
      ).toEqual(whole);
    }
  });

  it('shows a review by someone who is not an officer by id, with no name', async () => {
    const store = await (await fresh(engine)).open();
    const { keyId } = await setUpStore(store);
    const report = newSealedReport(keyId);
    await store.saveSealed(report, RECEIVED);
    expect(await store.markReviewed(report.id, reader)).toMatchObject({
      status: 'reviewed',
      reviewedAt: reader.at,
      reviewedBy: { id: reader.officerId, name: '' },
    });
  });

  it('opens every revision newest first, marks a report reviewed once, and records exports of known ids only', async () => {
    const store = await (await fresh(engine)).open();
    const { keyId, officer } = await setUpStore(store);
    const me = { officerId: officer.id, at: '2026-11-01T12:00:00.000Z' };
    const report = newSealedReport(keyId);
    await store.saveSealed(report, RECEIVED);
    await store.saveSealed({ ...report, revision: 2, bodyHash: 'second' }, RECEIVED);

    const opened = await store.openSealed(report.id, me);
    expect(opened?.revisions.map((r) => r.revision)).toEqual([2, 1]);
    expect(opened?.revisions[1]).toMatchObject({
      enc: report.enc,
      ciphertext: report.ciphertext,
      receivedAt: RECEIVED,
    });
    expect(await store.openSealed('nothing', me)).toBeUndefined();

    const reviewed = await store.markReviewed(report.id, me);
    expect(reviewed).toMatchObject({
      id: report.id,
      status: 'reviewed',
      reviewedBy: { id: officer.id, name: 'Sam Lead' },
    });
    const again = await store.markReviewed(report.id, { ...me, at: '2026-11-02T00:00:00.000Z' });
    expect(again?.reviewedAt).toBe(me.at);
    expect(await store.markReviewed('nothing', me)).toBeUndefined();

    expect(await store.recordExport([report.id, report.id], 'csv', me)).toBe('recorded');
    expect(await store.recordExport([report.id, 'nothing'], 'json', me)).toBe('unknown');
    const actions = (await store.auditLog()).map((row) => row.action);
    expect(actions).toEqual(['setup', 'report-opened', 'report-reviewed', 'reports-exported']);
    expect((await store.auditLog()).at(-1)?.detail).toEqual({ ids: [report.id], format: 'csv' });
  });

  it('answers AppError(storage-unavailable) once its database has gone', async () => {
    const store = await (await fresh(engine)).open();
    const { keyId } = await setUpStore(store);
    await store.close();
    await expectAppError(store.saveSealed(newSealedReport(keyId), RECEIVED), 'storage-unavailable');
    const error = await expectAppError(store.organisation(), 'storage-unavailable');
    // The engine's own error stays as the cause, for the server's log.
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('keeps the audit log append-only in the database itself', async () => {
    const database = await fresh(engine);
    const store = await database.open();
    await store.recordFailedSignIn(null, '2026-11-01T09:00:00.000Z');
    await expect(database.exec("UPDATE audit SET action = 'sign-in'")).rejects.toThrow(/append-only/);
    await expect(database.exec('DELETE FROM audit')).rejects.toThrow(/append-only/);
    expect((await store.auditLog()).map((row) => row.action)).toEqual(['sign-in-failed']);
  });
});

describe.each(ENGINES)('storage contract on %s: alerts', (engine) => {
  const NOW = '2026-11-01T10:10:00.000Z';
  const LEASE = '2026-11-01T10:11:00.000Z';

  it('leases each due alert to one claimer: 30 alerts claimed by two stores at once go out once each', async () => {
    const database = await fresh(engine);
    const [a, b] = [await database.open(), await database.open()];
    const { keyId } = await setUpStore(a);
    for (let i = 0; i < 30; i++) await a.saveSealed(newSealedReport(keyId), RECEIVED, ['webhook']);
    const claimed: ClaimedAlert[] = [];
    const drain = async (store: typeof a) => {
      for (let alert = await store.claimAlert(['webhook'], NOW, LEASE); alert; ) {
        claimed.push(alert);
        alert = await store.claimAlert(['webhook'], NOW, LEASE);
      }
    };
    await Promise.all([drain(a), drain(b), drain(a), drain(b)]);
    expect(claimed).toHaveLength(30);
    expect(new Set(claimed.map((c) => c.seq)).size).toBe(30);
    expect(await a.claimAlert(['webhook'], NOW, LEASE)).toBeUndefined();
    expect(await b.nextAlertAt(['webhook'])).toBe(LEASE);
  });

  it('records an attempt only under its own lease, retries when due, and gives the lease back on release', async () => {
    const store = await (await fresh(engine)).open();
    const { keyId } = await setUpStore(store);
    await store.saveSealed(newSealedReport(keyId, { urgency: 'soon' }), RECEIVED, ['email']);
    expect(await store.claimAlert(['webhook'], NOW, LEASE)).toBeUndefined();
    const first = await store.claimAlert(['email'], NOW, LEASE);
    expect(first).toMatchObject({ channel: 'email', urgency: 'soon', receivedAt: RECEIVED, attempts: 0 });
    if (!first) throw new Error('no alert claimed');
    // The lease ran out and another process took it: the first one's result is not written.
    const second = await store.claimAlert(['email'], LEASE, '2026-11-01T10:12:00.000Z');
    expect(second?.seq).toBe(first.seq);
    expect(await store.finishAlert(first, { kind: 'delivered', at: LEASE })).toBe(false);
    if (!second) throw new Error('no alert claimed');
    const retryAt = '2026-11-01T10:20:00.000Z';
    expect(
      await store.finishAlert(second, { kind: 'retry', error: 'The receiver refused.', nextAttemptAt: retryAt }),
    ).toBe(true);
    expect(await store.nextAlertAt(['email'])).toBe(retryAt);
    expect(await store.claimAlert(['email'], NOW, LEASE)).toBeUndefined();
    const third = await store.claimAlert(['email'], retryAt, '2026-11-01T10:21:00.000Z');
    if (!third) throw new Error('no alert claimed');
    await store.releaseAlert(third);
    const fourth = await store.claimAlert(['email'], retryAt, '2026-11-01T10:21:00.000Z');
    if (!fourth) throw new Error('released alert not claimable');
    expect(await store.finishAlert(fourth, { kind: 'delivered', at: retryAt })).toBe(true);
    const [row] = await store.alerts();
    expect(row).toMatchObject({ attempts: 2, deliveredAt: retryAt, lastError: null, claimedUntil: null });
    expect(await store.nextAlertAt(['email'])).toBeUndefined();
  });
});

describe.each(ENGINES)('storage contract on %s: alerts given up', (engine) => {
  it('keeps an alert given up as such, never offered again, and a retry without a give-up time', async () => {
    const store = await (await fresh(engine)).open();
    const { keyId } = await setUpStore(store);
    await store.saveSealed(newSealedReport(keyId), RECEIVED, ['webhook', 'email']);
    const now = '2026-11-01T10:10:00.000Z';
    const lease = '2026-11-01T10:11:00.000Z';
    const first = await store.claimAlert(['webhook'], now, lease);
    if (!first) throw new Error('no alert claimed');
    const gaveUp = { kind: 'gave-up' as const, error: 'No answer.', at: now, nextAttemptAt: now };
    expect(await store.finishAlert(first, gaveUp)).toBe(true);
    const second = await store.claimAlert(['email'], now, lease);
    if (!second) throw new Error('no alert claimed');
    expect(await store.finishAlert(second, { kind: 'retry', error: 'Busy.', nextAttemptAt: lease })).toBe(true);
    expect((await store.alerts()).map((a) => [a.channel, a.gaveUpAt, a.lastError])).toEqual([
      ['webhook', now, 'No answer.'],
      ['email', null, 'Busy.'],
    ]);
    expect(await store.claimAlert(['webhook'], lease, '2026-11-01T10:12:00.000Z')).toBeUndefined();
    expect(await store.nextAlertAt(['webhook'])).toBeUndefined();
  });
});

describe.each(ENGINES)('storage contract on %s: group commit', (engine) => {
  it('saves a group in one call, each answered as a single save would be, in the order asked', async () => {
    const a = await (await fresh(engine)).open();
    const { keyId } = await setUpStore(a);
    const stored = newSealedReport(keyId);
    await a.saveSealed(stored, RECEIVED);
    const newer = newSealedReport(keyId);
    const outcomes = await a.saveSealedMany(
      [
        { report: newer, receivedAt: RECEIVED },
        { report: stored, receivedAt: 'later' },
        { report: { ...stored, bodyHash: 'other' }, receivedAt: 'later' },
        { report: newSealedReport('no-key'), receivedAt: RECEIVED },
        { report: newer, receivedAt: 'later' },
      ],
      ['email'],
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['created', 'replayed', 'conflict', 'unknown-key', 'replayed']);
    expect(outcomes[4]).toEqual({ kind: 'replayed', receivedAt: RECEIVED });
    expect(await a.alerts()).toHaveLength(1);
  });

  it('stores each revision once when two groups sharing them, in opposite orders, arrive at once from two stores', async () => {
    const database = await fresh(engine);
    const [a, b] = [await database.open(), await database.open()];
    const { keyId } = await setUpStore(a);
    const shared = Array.from({ length: 20 }, () => newSealedReport(keyId));
    const groups = await Promise.all([
      a.saveSealedMany(shared.map((report) => ({ report, receivedAt: RECEIVED }))),
      b.saveSealedMany([...shared].reverse().map((report) => ({ report, receivedAt: RECEIVED }))),
    ]);
    expect(groups.flat().filter((o) => o.kind === 'created')).toHaveLength(20);
    expect(groups.flat().filter((o) => o.kind === 'replayed')).toHaveLength(20);
    expect(await b.sealedCount()).toBe(20);
  });
});
