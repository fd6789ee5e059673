// The end of a report's life on the server, over a real socket: an officer erases one report at once (typed
// confirmation, audited, gone from the inbox with its alerts, its envelope bytes gone from the database file and its
// WAL), and the retention sweep deletes reviewed reports past the retention period, never one still waiting.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { DAY_MS } from '../../../server/retention.ts';
import { openSqliteStore } from '../../../server/storage/sqlite.ts';
import { LIFECYCLE_PATHS } from '../../../src/domain/lifecycle-protocol.ts';
import { SEALED_PATHS, type SealedSubmission } from '../../../src/domain/sealed-protocol.ts';
import {
  dbFilesPerTest,
  manualClock,
  postSealed,
  type SealedServer,
  sealedServersPerTest,
  sealedSubmission,
  send,
  startSealedServer,
} from '../fixtures.ts';

const start = sealedServersPerTest();
const dbFile = dbFilesPerTest();

const submit = async (server: SealedServer, options: Parameters<typeof sealedSubmission>[1] = {}) => {
  const s = await sealedSubmission(server.org, options);
  expect((await postSealed(server, s)).status).toBe(201);
  return s;
};

const erase = (server: SealedServer, id: string, body: unknown = { confirm: 'ERASE' }) =>
  send(server.url, LIFECYCLE_PATHS.erase(id), { token: server.session.token, body });

/** Reviews through the store at the server's clock (days pass in these tests: a session would have ended). */
const review = async (server: SealedServer, id: string, at: Date) =>
  expect(
    await server.app.sealedReports.markReviewed(id, { officerId: server.session.officer.id, at: at.toISOString() }),
  ).toMatchObject({
    status: 'reviewed',
  });

const listed = async (server: SealedServer) =>
  (
    await server.app.sealedReports.inbox(
      { limit: 1_000 },
      { officerId: server.session.officer.id, at: new Date().toISOString() },
    )
  ).items.map((r) => r.id);

const actions = async (server: SealedServer, action: string) =>
  (await server.app.orgStore.auditLog()).filter((row) => row.action === action);

describe('POST /v2/officer/reports/:id/erase', () => {
  it('erases every revision and its alerts at once, writes report-erased, and the inbox no longer lists it', async () => {
    const server = await start();
    const kept = await submit(server, { words: 'kept' });
    const gone = await submit(server, { words: 'to be erased' });
    const store = server.app.sealedReports;
    const second = await sealedSubmission(server.org, { id: gone.id, revision: 2, words: 'corrected' });
    // A revision stored with its alert queued, as the route does when alerts are on.
    await store.saveSealed({ ...second, deviceId: server.deviceId, bodyHash: 'r2' }, new Date().toISOString(), [
      'webhook',
    ]);
    expect((await server.app.alertStore.alerts()).map((a) => a.reportId)).toEqual([gone.id]);

    const answer = await erase(server, gone.id);
    expect(answer.status).toBe(204);
    expect(await listed(server)).toEqual([kept.id]);
    expect((await send(server.url, SEALED_PATHS.report(gone.id), { token: server.session.token })).status).toBe(404);
    expect(await store.sealedCount()).toBe(1);
    expect(await server.app.alertStore.alerts()).toEqual([]);
    expect(await actions(server, 'report-erased')).toEqual([
      expect.objectContaining({ officerId: server.session.officer.id, subjectId: gone.id, detail: null }),
    ]);
    // Erasing it again finds nothing and writes nothing.
    expect((await erase(server, gone.id)).status).toBe(404);
    expect(await actions(server, 'report-erased')).toHaveLength(1);
  });

  it('answers a resend of an erased revision with a receipt and stores nothing; a later revision is new', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    const s = await submit(server, { words: 'erased, then resent' });
    clock.advance(60_000);
    expect((await erase(server, s.id)).status).toBe(204);
    const erasedAt = clock.date().toISOString();
    clock.advance(60_000);
    // The device never stored its receipt and sends the same bytes again: it is told the server has it.
    const resent = await postSealed(server, s);
    expect(resent.status).toBe(200);
    expect(await resent.json()).toEqual({ id: s.id, revision: 1, receivedAt: erasedAt });
    expect(await server.app.sealedReports.sealedCount()).toBe(0);
    expect(await listed(server)).toEqual([]);
    // A correction made after the erasure is new information: it is stored.
    const corrected = await sealedSubmission(server.org, { id: s.id, revision: 2, words: 'a correction' });
    expect((await postSealed(server, corrected)).status).toBe(201);
    expect(await listed(server)).toEqual([s.id]);
  });

  it('erases nothing without the typed confirmation, for an unknown id, or without a session', async () => {
    const server = await start();
    const s = await submit(server);
    for (const body of [{}, { confirm: 'erase' }, { confirm: s.id }]) {
      const refused = await erase(server, s.id, body);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
        'Type ERASE to confirm the erasure.',
      );
    }
    expect((await erase(server, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await erase(server, 'not-a-uuid')).status).toBe(404);
    const anonymous = await send(server.url, LIFECYCLE_PATHS.erase(s.id), { body: { confirm: 'ERASE' } });
    expect(anonymous.status).toBe(401);
    expect(await listed(server)).toEqual([s.id]);
    expect(await actions(server, 'report-erased')).toEqual([]);
  });

  it('leaves no byte of the erased envelopes in the database file or its WAL', async () => {
    const path = dbFile();
    const server = await start({ dbPath: path });
    // One small envelope and one that spills onto overflow pages (about 25 KB).
    const small = await submit(server, { words: 'small one' });
    const large = await submit(server, { words: 'A long description of what happened. '.repeat(500) });
    const kept = await submit(server, { words: 'kept' });
    const files = () => Buffer.concat([path, `${path}-wal`].filter(existsSync).map((f) => readFileSync(f)));
    const pieces = (s: SealedSubmission) => [
      s.enc,
      s.ciphertext.slice(0, 64),
      s.ciphertext.slice(Math.floor(s.ciphertext.length / 2), Math.floor(s.ciphertext.length / 2) + 64),
      s.ciphertext.slice(-64),
    ];
    // The scan reads what is stored: before the erasure every piece is there.
    for (const piece of [...pieces(small), ...pieces(large)]) expect(files().includes(piece)).toBe(true);

    expect((await erase(server, small.id)).status).toBe(204);
    expect((await erase(server, large.id)).status).toBe(204);

    const after = files();
    for (const piece of [...pieces(small), ...pieces(large)]) expect(after.includes(piece), piece).toBe(false);
    // The report kept is still whole, so the scan did read the files.
    for (const piece of pieces(kept)) expect(after.includes(piece)).toBe(true);
  });
});

describe('retention (SAFEVISIT_RETENTION_DAYS)', () => {
  it('deletes reports reviewed longer ago than the retention, never one waiting for review, with an audit row', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date, retentionDays: 30 });
    const oldReviewed = await submit(server, { words: 'reviewed long ago' });
    const waiting = await submit(server, { words: 'never reviewed' });
    const corrected = await submit(server, { words: 'reviewed, then corrected' });
    await review(server, oldReviewed.id, clock.date());
    await review(server, corrected.id, clock.date());
    clock.advance(DAY_MS);
    // A new revision makes the report new again: it waits for review, however old its first review.
    expect(
      (await postSealed(server, await sealedSubmission(server.org, { id: corrected.id, revision: 2 }))).status,
    ).toBe(201);
    clock.advance(20 * DAY_MS);
    const recent = await submit(server, { words: 'reviewed recently' });
    await review(server, recent.id, clock.date());

    clock.advance(10 * DAY_MS);
    // 31 days after the first reviews, 10 after the last.
    expect(await server.app.retention?.sweep()).toEqual([oldReviewed.id]);
    expect((await listed(server)).sort()).toEqual([waiting.id, corrected.id, recent.id].sort());
    expect(await actions(server, 'reports-expired')).toEqual([
      expect.objectContaining({ officerId: null, subjectId: null, detail: { ids: [oldReviewed.id] } }),
    ]);

    // Nothing more is due: a sweep deletes nothing and writes no row.
    expect(await server.app.retention?.sweep()).toEqual([]);
    expect(await actions(server, 'reports-expired')).toHaveLength(1);
    clock.advance(30 * DAY_MS);
    expect(await server.app.retention?.sweep()).toEqual([recent.id]);
    expect((await listed(server)).sort()).toEqual([waiting.id, corrected.id].sort());
  });

  it('sweeps at start: a server started with a retention deletes what was already due', async () => {
    const path = dbFile();
    const clock = manualClock();
    const first = await startSealedServer({ dbPath: path, now: clock.date });
    const s = await sealedSubmission(first.org);
    expect((await postSealed(first, s)).status).toBe(201);
    await review(first, s.id, clock.date());
    await first.close();

    clock.advance(8 * DAY_MS);
    const store = openSqliteStore({ path });
    try {
      const { buildApp } = await import('../../../server/app.ts');
      const app = await buildApp({ store, now: clock.date, retentionDays: 7, rateLimit: false });
      await vi.waitFor(async () => expect(await store.sealedCount()).toBe(0));
      await app.close();
    } finally {
      await store.close();
    }
  });

  it('deletes at most `limit` reports a transaction, one audit row naming each batch', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await submit(server)).id);
    for (const id of ids) await review(server, id, clock.date());
    const store = server.app.orgStore as unknown as import('../../../server/storage/types.ts').RetentionStore;
    const later = new Date(clock.now() + 1).toISOString();
    const batches = [
      await store.expireReviewed(later, later, 2),
      await store.expireReviewed(later, later, 2),
      await store.expireReviewed(later, later, 2),
      await store.expireReviewed(later, later, 2),
    ];
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1, 0]);
    expect(batches.flat().sort()).toEqual([...ids].sort());
    expect((await actions(server, 'reports-expired')).map((row) => row.detail?.ids)).toEqual(batches.slice(0, 3));
  });
});
