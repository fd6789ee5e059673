// What an attacker can do to a locked device's IndexedDB, and what the unlocked app then does: edits of a report's
// status, an outbox row or the endpoint are found, nothing is sent or deleted on their strength, and the worker is
// told. Also: a token an officer revoked stops sending and keeps every report. Real server, real WebCrypto.
import { afterEach, describe, expect, it } from 'vitest';
import { createMutexLock, createSyncEngine } from '../../../src/sync/outbox.ts';
import {
  completeDraft,
  enrolDirectly,
  type ManualClock,
  manualClock,
  openTestStore,
  queueReport,
  type RunningServer,
  STRONG_PASSPHRASE,
  startOrgServer,
  startReferenceServer,
  type TestStore,
} from '../fixtures.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const server = async (): Promise<RunningServer> => {
  const srv = await startReferenceServer();
  closers.push(srv.close);
  return srv;
};

const store = async (options: Parameters<typeof openTestStore>[0]): Promise<TestStore> => {
  const s = await openTestStore(options);
  closers.push(async () => {
    s.vault.close();
    s.db.close();
  });
  return s;
};

const engineFor = (s: TestStore, clock: ManualClock) =>
  createSyncEngine({ port: s.port, settings: s.settings, now: clock.now, random: () => 0.5, lock: createMutexLock() });

/** Lock, let `edit` change the raw database as an attacker would, unlock again. */
const whileLocked = async (s: TestStore, edit: () => Promise<unknown>) => {
  s.vault.lock();
  await edit();
  await s.vault.unlock(STRONG_PASSPHRASE);
};

const draft = async (s: TestStore, clock: ManualClock, id: string) =>
  s.reports.put({
    id,
    status: 'draft',
    createdAt: clock.now(),
    updatedAt: clock.now(),
    revision: 1,
    data: completeDraft(),
  });

describe('control data edited while the device was locked', () => {
  it('does not purge a queued report flipped to synced with a made-up receipt, and tells the worker', async () => {
    const clock = manualClock();
    const srv = await server();
    const s = await store({ clock, endpoint: srv.url, token: 'not-the-token' });
    const id = await queueReport(s, clock);
    await whileLocked(s, async () => {
      await s.db.reports.update(id, { status: 'synced', receipt: { revision: 1, receivedAt: '2026-01-01T00:00:00Z' } });
      await s.db.outbox.delete(id);
    });
    expect(await s.reports.control.scan()).toBe(1);
    expect(await s.port.purgeSynced(Number.POSITIVE_INFINITY)).toBe(0);
    await engineFor(s, clock).purgeExpired();
    expect(await s.db.reports.get(id)).toBeDefined();
    expect(s.reports.control.changed.get().has(id)).toBe(true);
  });

  it('does not send a draft flipped to queued with a forged outbox row', async () => {
    const clock = manualClock();
    const srv = await server();
    const s = await store({ clock, endpoint: srv.url });
    await draft(s, clock, 'd1');
    await whileLocked(s, async () => {
      await s.db.reports.update('d1', { status: 'queued' });
      await s.db.outbox.put({ reportId: 'd1', revision: 1, attempts: 0, nextAttemptAt: 0, lastError: null });
    });
    const run = await engineFor(s, clock).runOnce();
    expect(run.sent).toBe(0);
    expect(await srv.count()).toBe(0);
    expect(s.reports.control.changed.get().has('d1')).toBe(true);
    // Nothing was dropped on its strength either.
    expect(await s.db.reports.get('d1')).toBeDefined();
    expect(await s.db.outbox.get('d1')).toBeDefined();
  });

  it('refuses an outbox row whose revision was edited, or whose sealed control was moved from another report', async () => {
    const clock = manualClock();
    const srv = await server();
    const s = await store({ clock, endpoint: srv.url });
    const a = await queueReport(s, clock);
    const b = await queueReport(s, clock, { revision: 2 });
    await whileLocked(s, async () => {
      await s.db.outbox.update(a, { revision: 7 });
      await s.db.reports.update(a, { revision: 7 });
      const rowA = await s.db.outbox.get(a);
      await s.db.outbox.update(b, { control: rowA?.control });
    });
    expect((await engineFor(s, clock).runOnce()).sent).toBe(0);
    expect(await srv.count()).toBe(0);
    expect([...s.reports.control.changed.get()].sort()).toEqual([a, b].sort());
  });

  it('cannot redirect reports by editing the endpoint: it is not in clear, and a clear one is ignored', async () => {
    const clock = manualClock();
    const srv = await server();
    const evil = await server();
    const s = await store({ clock, endpoint: srv.url });
    await queueReport(s, clock);
    await whileLocked(s, async () => {
      await s.db.settings.put(evil.url, 'endpointUrl');
    });
    await expect(s.settingsRepo.update({ endpointUrl: evil.url } as never)).rejects.toMatchObject({ code: 'invalid' });
    expect((await engineFor(s, clock).runOnce()).sent).toBe(1);
    expect(await evil.count()).toBe(0);
    expect(await srv.count()).toBe(1);
  });

  it('still sends an untouched report beside a changed one, and a report saved again is trusted again', async () => {
    const clock = manualClock();
    const srv = await server();
    const s = await store({ clock, endpoint: srv.url });
    const good = await queueReport(s, clock);
    const edited = await queueReport(s, clock);
    await whileLocked(s, () => s.db.reports.update(edited, { status: 'sending' }));
    const engine = engineFor(s, clock);
    expect((await engine.runOnce()).sent).toBe(1);
    expect(await srv.receivedAt(good)).toHaveLength(1);
    expect(await srv.receivedAt(edited)).toHaveLength(0);
    // The worker opens it and submits it again: a new sealed state from their own action.
    const record = await s.reports.get(edited);
    if (!record) throw new Error('missing');
    await s.reports.put({ ...record, status: 'queued', revision: 2, updatedAt: clock.now() });
    expect((await engine.runOnce()).sent).toBe(1);
    expect(await srv.receivedAt(edited)).toHaveLength(1);
  });
});

describe('a device whose enrolment was revoked', () => {
  it('stops sending, keeps every report and says access was withdrawn', async () => {
    const clock = manualClock();
    const org = await startOrgServer();
    closers.push(org.close);
    const { id: deviceId, token } = await org.enrolDevice();
    const s = await store({ clock, endpoint: '' });
    await enrolDirectly(s.settingsRepo, org.url, token, org);
    const engine = engineFor(s, clock);
    await queueReport(s, clock);
    expect((await engine.runOnce()).sent).toBe(1);

    await org.revoke(deviceId);
    const ids = [await queueReport(s, clock), await queueReport(s, clock)];
    const run = await engine.runOnce();
    expect(run).toMatchObject({ stopped: 'revoked', sent: 0 });
    expect(engine.state.get()).toMatchObject({ revoked: true, lastError: 'revoked', waiting: 2 });
    expect(await org.count()).toBe(1);
    for (const id of ids) expect((await s.db.reports.get(id))?.status).toBe('queued');
    // "Sync now" does not try the withdrawn token again; a new enrolment does.
    expect((await engine.syncNow()).stopped).toBe('revoked');
    await enrolDirectly(s.settingsRepo, org.url, (await org.enrolDevice('Work phone 2')).token, org);
    expect((await engine.syncNow()).sent).toBe(2);
  });
});

describe('a report control already opened', () => {
  it('vouches again without opening only for the very same row: another field, another envelope or a lock opens it again', async () => {
    const clock = manualClock();
    const s = await store({ clock, endpoint: '' });
    const { checkReport } = s.reports.control;
    const row = await s.db.reports.get(await queueReport(s, clock));
    const other = await s.db.reports.get(await queueReport(s, clock));
    if (!row || !other) throw new Error('the reports were not stored');
    expect(await checkReport(row)).toBe(true);
    // The same envelope with a clear field changed, or another report's envelope with the same clear fields.
    expect(await checkReport({ ...row, status: 'synced' })).toBe(false);
    expect(await checkReport({ ...row, control: other.control })).toBe(false);
    expect(await checkReport(row)).toBe(true);
    s.vault.lock();
    await expect(checkReport(row)).rejects.toMatchObject({ code: 'locked' });
  });
});
