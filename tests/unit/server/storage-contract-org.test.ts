// The storage contract, organisation side: the same tests on SQLite and on a real PostgreSQL. Setup once, sessions,
// devices, secrets shared by every process on one database, invites, confirmation and removal, and the audit log's
// pages. Each action's audit row is written with it.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ENGINES,
  expectAppError,
  newOrganisation,
  officerRecord,
  setUpStore,
  testDatabasesPerTest,
} from '../fixtures.ts';

const fresh = testDatabasesPerTest();
const AT = '2026-11-01T09:30:00.000Z';

describe.each(ENGINES)('storage contract on %s: organisation', (engine) => {
  it('sets up once: the descriptor, the first officer, their grants and session; a second setup writes nothing', async () => {
    const database = await fresh(engine);
    const [a, b] = [await database.open(), await database.open()];
    expect(await a.organisation()).toBeUndefined();
    // Two setups racing, as from two server processes: whichever commits first is the organisation.
    const [first, second] = [newOrganisation(), newOrganisation()];
    const outcomes = await Promise.all([a.setUp(first.org, first.session), b.setUp(second.org, second.session)]);
    expect(outcomes.sort()).toEqual(['created', 'exists']);
    const winner = (await a.organisation())?.name;
    expect(winner).toBe('Riverside Family Support');
    const descriptor = await b.organisation();
    expect(descriptor?.encryptionKeys).toHaveLength(1);
    const officerId = (await a.listOfficers())[0]?.id ?? '';
    expect(await a.officerById(officerId)).toMatchObject({ confirmed: true, name: 'Sam Lead' });
    const officer = [first, second].find((o) => o.org.officer.id === officerId)?.org.officer;
    expect((await a.officerById(officerId))?.keys).toEqual(officer?.keys);
    expect((await a.grantsOf(officerId)).map((g) => g.kid)).toContain('signing');
    expect((await a.auditLog()).map((row) => row.action)).toEqual(['setup']);
  });

  it('starts, touches and ends sessions, auditing sign-in, sign-out and failed sign-ins', async () => {
    const store = await (await fresh(engine)).open();
    const { officer, session } = await setUpStore(store);
    expect(await store.officerByEmail(officer.email)).toMatchObject({ id: officer.id, authHash: officer.authHash });
    const next = { ...session, tokenHash: 'second-session', createdAt: AT, lastUsedAt: AT };
    await store.startSession(next);
    await store.touchSession('second-session', '2026-11-01T09:40:00.000Z');
    expect(await store.sessionByHash('second-session')).toMatchObject({ lastUsedAt: '2026-11-01T09:40:00.000Z' });
    await store.endSession(next, '2026-11-01T09:50:00.000Z');
    expect(await store.sessionByHash('second-session')).toBeUndefined();
    await store.recordFailedSignIn(null, AT);
    expect((await store.auditLog()).map((row) => [row.action, row.officerId])).toEqual([
      ['setup', officer.id],
      ['sign-in', officer.id],
      ['sign-out', officer.id],
      ['sign-in-failed', null],
    ]);
  });

  it('answers AppError(storage-unavailable) for an officer row it cannot read, on every read of it', async () => {
    const database = await fresh(engine);
    const store = await database.open();
    const { officer } = await setUpStore(store);
    await database.exec("UPDATE officers SET kdf = '{not json'");
    await expectAppError(store.officerByEmail(officer.email), 'storage-unavailable');
    await expectAppError(store.officerById(officer.id), 'storage-unavailable');
    await expectAppError(store.listOfficers(), 'storage-unavailable');
  });

  it('enrols devices newest first, revokes once (first time kept, one audit row) and never marks a revoked one seen', async () => {
    const store = await (await fresh(engine)).open();
    const { officer } = await setUpStore(store);
    const device = (name: string, createdAt: string) => ({
      id: randomUUID(),
      name,
      createdAt,
      lastSeenAt: null,
      revokedAt: null,
      enrolledBy: officer.id,
    });
    const hall = device('Hall laptop', AT);
    const van = device('Van tablet', AT);
    await store.enrolDevice(hall, 'hall-token');
    await store.enrolDevice(van, 'van-token');
    expect((await store.listDevices()).map((d) => d.name)).toEqual(['Van tablet', 'Hall laptop']);
    expect(await store.deviceByTokenHash('hall-token')).toMatchObject({ id: hall.id });
    await store.markDeviceSeen(hall.id, '2026-11-01T10:00:00.000Z');
    expect((await store.revokeDevice(hall.id, officer.id, '2026-11-01T11:00:00.000Z'))?.revokedAt).toBe(
      '2026-11-01T11:00:00.000Z',
    );
    expect((await store.revokeDevice(hall.id, officer.id, '2026-11-01T12:00:00.000Z'))?.revokedAt).toBe(
      '2026-11-01T11:00:00.000Z',
    );
    await store.markDeviceSeen(hall.id, '2026-11-01T13:00:00.000Z');
    expect((await store.deviceByTokenHash('hall-token'))?.lastSeenAt).toBe('2026-11-01T10:00:00.000Z');
    expect(await store.revokeDevice('nothing', officer.id, AT)).toBeUndefined();
    const actions = (await store.auditLog()).map((row) => row.action);
    expect(actions.filter((a) => a === 'device-revoked')).toHaveLength(1);
    expect(actions.filter((a) => a === 'device-enrolled')).toHaveLength(2);
  });

  it('makes a server secret once: every store on the database gets the same 32 bytes', async () => {
    const database = await fresh(engine);
    const [a, b] = [await database.open(), await database.open()];
    const [x, y] = await Promise.all([a.secret('salt'), b.secret('salt')]);
    expect(x).toHaveLength(32);
    expect(Buffer.compare(x, y)).toBe(0);
    expect(Buffer.compare(await b.secret('other'), x)).not.toBe(0);
  });
});

describe.each(ENGINES)('storage contract on %s: more officers and the audit log', (engine) => {
  const invite = (invitedBy: string, email = 'new@example.org') => ({
    id: randomUUID(),
    name: 'Alex New',
    email,
    invitedBy,
    createdAt: AT,
    expiresAt: '2026-11-08T09:30:00.000Z',
  });

  it('invites, accepts once, confirms once and removes an officer; refuses a taken email, yourself and the last confirmed', async () => {
    const store = await (await fresh(engine)).open();
    const { officer: lead, keyId } = await setUpStore(store);
    expect(await store.createInvite(invite(lead.id, lead.email), 'taken-hash')).toBe('email-taken');
    const open = invite(lead.id);
    expect(await store.createInvite(open, 'invite-hash')).toBe('created');
    expect((await store.openInvites(AT)).map((i) => i.id)).toEqual([open.id]);
    expect(await store.inviteByTokenHash('invite-hash', '2026-11-09T00:00:00.000Z')).toMatchObject({
      state: 'expired',
    });

    const joiner = officerRecord({ confirmed: false, createdAt: '2026-11-01T10:00:00.000Z' });
    expect(await store.acceptInvite('invite-hash', joiner)).toBe('accepted');
    expect(await store.acceptInvite('invite-hash', officerRecord())).toBe('used');
    expect(await store.acceptInvite('no-hash', officerRecord())).toBe('unknown');
    expect(await store.officerById(joiner.id)).toMatchObject({ email: 'new@example.org', confirmed: false });

    const grants = [
      { kid: keyId, sealed: 'sealed-key' },
      { kid: 'signing', sealed: 'sealed-grant' },
    ];
    expect(await store.confirmOfficer(joiner.id, grants, lead.id, AT)).toBe('confirmed');
    expect(await store.confirmOfficer(joiner.id, grants, lead.id, AT)).toBe('already-confirmed');
    expect(await store.grantsOf(joiner.id)).toEqual(grants);

    expect(await store.removeOfficer(lead.id, lead.id, AT)).toBe('self');
    expect(await store.removeOfficer(joiner.id, lead.id, AT)).toBe('removed');
    expect(await store.officerById(joiner.id)).toBeUndefined();
    expect(await store.grantsOf(joiner.id)).toEqual([]);
    expect((await store.officerNames()).map((o) => o.id).sort()).toEqual([lead.id, joiner.id].sort());
    expect(await store.removeOfficer(joiner.id, lead.id, AT)).toBe('unknown');
    // The one confirmed officer left cannot be removed by a second, unconfirmed one.
    const second = officerRecord({ confirmed: false });
    await store.createInvite(invite(lead.id, 'second@example.org'), 'second-hash');
    await store.acceptInvite('second-hash', second);
    expect(await store.removeOfficer(lead.id, second.id, AT)).toBe('last-confirmed');
    expect(await store.confirmOfficer('nobody', grants, lead.id, AT)).toBe('unknown');
    expect((await store.auditLog()).map((r) => r.action)).toEqual([
      'setup',
      'officer-invited',
      'invite-accepted',
      'officer-confirmed',
      'officer-removed',
      'officer-invited',
      'invite-accepted',
    ]);
  });

  it('counts an invite expired from the very moment it expires', async () => {
    const store = await (await fresh(engine)).open();
    const { officer: lead } = await setUpStore(store);
    const open = invite(lead.id);
    await store.createInvite(open, 'invite-hash');
    const justBefore = new Date(Date.parse(open.expiresAt) - 1).toISOString();
    expect(await store.inviteByTokenHash('invite-hash', justBefore)).toMatchObject({ state: 'open' });
    expect(await store.inviteByTokenHash('invite-hash', open.expiresAt)).toMatchObject({ state: 'expired' });
    expect(await store.acceptInvite('invite-hash', officerRecord({ createdAt: open.expiresAt }))).toBe('expired');
    expect(await store.inviteByTokenHash('no-hash', justBefore)).toBeUndefined();
  });

  it('removes an officer not yet confirmed while only one is confirmed; lists open invites newest first', async () => {
    const store = await (await fresh(engine)).open();
    const { officer: lead } = await setUpStore(store);
    const older = { ...invite(lead.id, 'older@example.org'), createdAt: '2026-11-01T09:00:00.000Z' };
    const newer = invite(lead.id);
    await store.createInvite(older, 'older-hash');
    await store.createInvite(newer, 'newer-hash');
    expect((await store.openInvites(AT)).map((i) => i.id)).toEqual([newer.id, older.id]);
    expect(await store.openInvites(newer.expiresAt)).toEqual([]);
    const joiner = officerRecord({ confirmed: false });
    await store.acceptInvite('newer-hash', joiner);
    expect((await store.openInvites(AT)).map((i) => i.id)).toEqual([older.id]);
    expect(await store.removeOfficer(joiner.id, lead.id, AT)).toBe('removed');
  });

  it('refuses to accept an invite whose email an officer took in the meantime', async () => {
    const store = await (await fresh(engine)).open();
    const { officer: lead } = await setUpStore(store);
    await store.createInvite(invite(lead.id, 'same@example.org'), 'first-hash');
    await store.createInvite(invite(lead.id, 'same@example.org'), 'second-hash');
    expect(await store.acceptInvite('first-hash', officerRecord({ confirmed: false }))).toBe('accepted');
    expect(await store.acceptInvite('second-hash', officerRecord({ confirmed: false }))).toBe('email-taken');
  });

  it('ends a session without a sign-out row when no sign-out time is given (it expired)', async () => {
    const store = await (await fresh(engine)).open();
    const { session } = await setUpStore(store);
    await store.endSession(session);
    expect(await store.sessionByHash(session.tokenHash)).toBeUndefined();
    expect((await store.auditLog()).map((r) => r.action)).toEqual(['setup']);
  });

  it('ends a removed officer’s sessions with the reason', async () => {
    const store = await (await fresh(engine)).open();
    const { officer: lead } = await setUpStore(store);
    await store.createInvite(invite(lead.id), 'invite-hash');
    const joiner = officerRecord({ confirmed: false });
    await store.acceptInvite('invite-hash', joiner);
    await store.startSession({ tokenHash: 'joiner-session', officerId: joiner.id, createdAt: AT, lastUsedAt: AT });
    await store.removeOfficer(joiner.id, lead.id, AT);
    expect(await store.sessionByHash('joiner-session')).toMatchObject({ endedBecause: 'removed' });
  });

  it('pages the audit log newest first, filtered by officer and action', async () => {
    const store = await (await fresh(engine)).open();
    const { officer } = await setUpStore(store);
    for (let i = 0; i < 5; i++) await store.recordFailedSignIn(null, AT);
    await store.recordAudit(AT, officer.id, 'audit-exported', { rows: 7 });
    const first = await store.auditPage({ limit: 4 });
    expect(first.rows.map((r) => r.action)).toEqual(['audit-exported', ...Array(3).fill('sign-in-failed')]);
    const rest = await store.auditPage({ limit: 4, before: first.nextBefore });
    expect(rest.rows.map((r) => r.action)).toEqual(['sign-in-failed', 'sign-in-failed', 'setup']);
    expect(rest.nextBefore).toBeUndefined();
    const mine = await store.auditPage({ limit: 10, officer: officer.id });
    expect(mine.rows.map((r) => r.action)).toEqual(['audit-exported', 'setup']);
    expect(mine.rows[0]?.detail).toEqual({ rows: 7 });
    const failed = await store.auditPage({ limit: 2, action: 'sign-in-failed' });
    expect(failed.rows).toHaveLength(2);
    expect(failed.nextBefore).toBeDefined();
    // Both filters at once, and a page that ends the log exactly has no next one.
    const both = await store.auditPage({ limit: 2, officer: officer.id, action: 'setup' });
    expect(both.rows.map((r) => r.action)).toEqual(['setup']);
    const exact = await store.auditPage({ limit: 7 });
    expect(exact.rows).toHaveLength(7);
    expect(exact.nextBefore).toBeUndefined();
  });
});
