// The storage contract, what setting up the organisation and confirming an officer leave behind: the same tests on
// SQLite and on a real PostgreSQL. The first officer is signed in by the setup itself, with the session the setup route
// handed over; a setup or a confirmation that fails part-way leaves nothing of itself, and the next try succeeds.
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

describe.each(ENGINES)('storage contract on %s: setup', (engine) => {
  it('signs the first officer in: the session of the setup is found by its hash, for that officer', async () => {
    const store = await (await fresh(engine)).open();
    const { org, session } = newOrganisation();
    expect(await store.setUp(org, session)).toBe('created');
    expect(await store.sessionByHash(session.tokenHash)).toMatchObject({
      officerId: org.officer.id,
      createdAt: session.createdAt,
      lastUsedAt: session.lastUsedAt,
    });
    // The setup is not a sign-in of its own: its one audit row says setup.
    expect((await store.auditLog()).map((row) => row.action)).toEqual(['setup']);
  });

  it('leaves no organisation, officer, session or audit row when a setup fails part-way; the next setup succeeds', async () => {
    const store = await (await fresh(engine)).open();
    const { org, session } = newOrganisation();
    // The same key granted twice: the second grant row breaks the transaction after the organisation's rows.
    const twice = [
      { kid: 'signing', sealed: 'sealed-once' },
      { kid: 'signing', sealed: 'sealed-twice' },
    ];
    const broken = { ...org, grants: twice };
    await expectAppError(store.setUp(broken, session), 'storage-unavailable');
    expect(await store.organisation()).toBeUndefined();
    expect(await store.listOfficers()).toEqual([]);
    expect(await store.sessionByHash(session.tokenHash)).toBeUndefined();
    expect(await store.auditLog()).toEqual([]);
    expect(await store.setUp(org, session)).toBe('created');
  });

  it('leaves an officer unconfirmed, with no grants and no audit row, when the confirmation fails part-way', async () => {
    const store = await (await fresh(engine)).open();
    const { officer: lead, keyId } = await setUpStore(store);
    const at = '2026-11-01T09:30:00.000Z';
    const invite = { id: randomUUID(), name: 'Kim', email: 'kim@example.org', invitedBy: lead.id };
    await store.createInvite({ ...invite, createdAt: at, expiresAt: '2026-11-08T00:00:00.000Z' }, 'kim-invite');
    const kim = officerRecord({ confirmed: false });
    await store.acceptInvite('kim-invite', kim);
    const grant = { kid: keyId, sealed: 'sealed-for-kim' };
    await expectAppError(store.confirmOfficer(kim.id, [grant, grant], lead.id, at), 'storage-unavailable');
    expect(await store.officerById(kim.id)).toMatchObject({ confirmed: false });
    expect(await store.grantsOf(kim.id)).toEqual([]);
    expect((await store.auditLog()).map((row) => row.action)).toEqual(['setup', 'officer-invited', 'invite-accepted']);
    expect(await store.confirmOfficer(kim.id, [grant], lead.id, at)).toBe('confirmed');
    expect(await store.grantsOf(kim.id)).toEqual([grant]);
  });
});
