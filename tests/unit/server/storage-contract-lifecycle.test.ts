// The storage contract, a report's whole life and group commits: the same tests on SQLite and on a real PostgreSQL.
// Key rotation (exactly the confirmed officers, only a newer key), confirming an officer without the newest key
// refused, erasure and retention (a resend of an erased revision answered, never stored again), and saves grouped in
// one transaction answering each as a single save would.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../server/storage/types.ts';
import type { OrgEncryptionKey } from '../../../src/domain/org-protocol.ts';
import { ENGINES, newSealedReport, officerRecord, setUpStore, testDatabasesPerTest } from '../fixtures.ts';

const fresh = testDatabasesPerTest();
const RECEIVED = '2026-11-01T10:05:01.000Z';
const AT_ROTATION = '2026-12-01T00:00:00.000Z';

const newKey = (kid: string, createdAt: string): OrgEncryptionKey => ({
  kid,
  publicKey: 'p'.repeat(87),
  createdAt,
  signature: 's'.repeat(86),
});

const JOINED_AT = '2026-11-01T09:30:00.000Z';

/** An officer invited by `lead` who accepted, not yet confirmed. */
const joined = async (store: Store, lead: string) => {
  const invite = { id: randomUUID(), name: 'Alex', email: `${randomUUID()}@example.org`, invitedBy: lead };
  await store.createInvite({ ...invite, createdAt: JOINED_AT, expiresAt: '2026-11-08T00:00:00.000Z' }, invite.id);
  const officer = officerRecord({ confirmed: false });
  await store.acceptInvite(invite.id, officer);
  return officer;
};

describe.each(ENGINES)('storage contract on %s: key rotation', (engine) => {
  it('rotates to a newer key sealed to exactly the confirmed officers; refuses another set or an older key', async () => {
    const store = await (await fresh(engine)).open();
    const { officer } = await setUpStore(store);
    const key = newKey('k-new', '2026-12-01T00:00:00.000Z');
    const grant = { officerId: officer.id, kid: 'k-new', sealed: 'sealed-new' };
    expect(await store.rotateKey(key, [grant, { ...grant, officerId: 'someone' }], officer.id, key.createdAt)).toBe(
      'officers-changed',
    );
    expect(
      await store.rotateKey(
        newKey('k-old', '2020-01-01T00:00:00.000Z'),
        [{ ...grant, kid: 'k-old' }],
        officer.id,
        key.createdAt,
      ),
    ).toBe('not-newest');
    expect(await store.rotateKey(key, [grant], officer.id, key.createdAt)).toBe('rotated');
    expect((await store.organisation())?.encryptionKeys.map((k) => k.kid).at(-1)).toBe('k-new');
    expect(await store.grantsOf(officer.id)).toContainEqual({ kid: 'k-new', sealed: 'sealed-new' });
    expect((await store.auditLog()).at(-1)).toMatchObject({ action: 'key-rotated', subjectId: 'k-new' });
  });

  it('refuses a rotation naming an officer twice, granting another key, reusing a key id or no newer than the newest', async () => {
    const store = await (await fresh(engine)).open();
    const { officer, keyId } = await setUpStore(store);
    const key = newKey('k-new', '2026-12-01T00:00:00.000Z');
    const grant = { officerId: officer.id, kid: 'k-new', sealed: 'sealed-new' };
    expect(await store.rotateKey(key, [grant, grant], officer.id, key.createdAt)).toBe('officers-changed');
    expect(await store.rotateKey(key, [{ ...grant, kid: 'k-other' }], officer.id, key.createdAt)).toBe(
      'officers-changed',
    );
    const newest = (await store.organisation())?.encryptionKeys.at(-1);
    if (!newest) throw new Error('no key');
    const again = newKey(keyId, '2027-01-01T00:00:00.000Z');
    expect(await store.rotateKey(again, [{ ...grant, kid: keyId }], officer.id, again.createdAt)).toBe('not-newest');
    const sameTime = newKey('k-same', newest.createdAt);
    expect(await store.rotateKey(sameTime, [{ ...grant, kid: 'k-same' }], officer.id, AT_ROTATION)).toBe('not-newest');
    expect((await store.organisation())?.encryptionKeys.map((k) => k.kid)).toEqual([keyId]);
    expect((await store.auditLog()).map((r) => r.action)).toEqual(['setup']);
  });

  it('with two confirmed officers, refuses grants for one of them, or for one and a stranger, or with one wrong key id', async () => {
    const store = await (await fresh(engine)).open();
    const { officer: lead, keyId } = await setUpStore(store);
    const kim = await joined(store, lead.id);
    await store.confirmOfficer(kim.id, [{ kid: keyId, sealed: 'g' }], lead.id, JOINED_AT);
    const key = newKey('k-new', '2026-12-01T00:00:00.000Z');
    const to = (officerId: string, kid = 'k-new') => ({ officerId, kid, sealed: `sealed-${officerId}` });
    for (const grants of [[to(lead.id)], [to(lead.id), to('stranger')], [to(lead.id), to(kim.id, 'k-other')]]) {
      expect(await store.rotateKey(key, grants, lead.id, key.createdAt)).toBe('officers-changed');
    }
    expect(await store.rotateKey(key, [to(lead.id), to(kim.id)], lead.id, key.createdAt)).toBe('rotated');
    // Between the two keys it now has: older than the newest, so refused.
    const between = newKey('k-between', '2026-11-15T00:00:00.000Z');
    const grants = [to(lead.id, 'k-between'), to(kim.id, 'k-between')];
    expect(await store.rotateKey(between, grants, lead.id, between.createdAt)).toBe('not-newest');
  });

  it('refuses to confirm an officer whose grants miss a key rotated in meanwhile', async () => {
    const store = await (await fresh(engine)).open();
    const { officer: lead, keyId } = await setUpStore(store);
    const at = JOINED_AT;
    const joiner = await joined(store, lead.id);
    const key = newKey('k-new', '2026-12-01T00:00:00.000Z');
    await store.rotateKey(key, [{ officerId: lead.id, kid: 'k-new', sealed: 'x' }], lead.id, key.createdAt);
    const old = [{ kid: keyId, sealed: 'g' }];
    expect(await store.confirmOfficer(joiner.id, old, lead.id, at)).toBe('keys-changed');
    expect(await store.confirmOfficer(joiner.id, [...old, { kid: 'k-new', sealed: 'g2' }], lead.id, at)).toBe(
      'confirmed',
    );
  });
});

describe.each(ENGINES)('storage contract on %s: erasure and retention', (engine) => {
  it('erases every revision with its alerts, answers a resend of an erased revision with a receipt, stores a later one', async () => {
    const store = await (await fresh(engine)).open();
    const { keyId, officer } = await setUpStore(store);
    const me = { officerId: officer.id, at: '2026-11-02T00:00:00.000Z' };
    const report = newSealedReport(keyId);
    await store.saveSealed(report, RECEIVED, ['webhook']);
    await store.saveSealed({ ...report, revision: 2, bodyHash: 'two' }, RECEIVED, ['webhook']);
    expect(await store.eraseReport(report.id, me)).toBe('erased');
    expect(await store.eraseReport(report.id, me)).toBe('unknown');
    expect(await store.sealedCount()).toBe(0);
    expect(await store.alerts()).toEqual([]);
    expect(await store.saveSealed(report, RECEIVED)).toEqual({ kind: 'replayed', receivedAt: me.at });
    expect(await store.sealedCount()).toBe(0);
    expect((await store.saveSealed({ ...report, revision: 3, bodyHash: 'three' }, RECEIVED)).kind).toBe('created');
    expect((await store.auditLog()).map((r) => r.action)).toContain('report-erased');
  });

  it('expires only reports whose every revision was reviewed before the cut-off, up to the limit, in one audit row', async () => {
    const store = await (await fresh(engine)).open();
    const { keyId, officer } = await setUpStore(store);
    const early = { officerId: officer.id, at: '2026-11-02T00:00:00.000Z' };
    const [a, b, waiting] = [newSealedReport(keyId), newSealedReport(keyId), newSealedReport(keyId)];
    for (const r of [a, b, waiting]) await store.saveSealed(r, RECEIVED);
    await store.markReviewed(a.id, early);
    await store.markReviewed(b.id, early);
    await store.markReviewed(waiting.id, early);
    await store.saveSealed({ ...waiting, revision: 2, bodyHash: 'new' }, RECEIVED);
    const at = '2026-12-01T00:00:00.000Z';
    const first = await store.expireReviewed('2026-11-10T00:00:00.000Z', at, 1);
    const second = await store.expireReviewed('2026-11-10T00:00:00.000Z', at, 10);
    expect([...first, ...second].sort()).toEqual([a.id, b.id].sort());
    expect(await store.expireReviewed('2026-11-10T00:00:00.000Z', at, 10)).toEqual([]);
    expect(await store.sealedCount()).toBe(2);
    const rows = (await store.auditLog()).filter((r) => r.action === 'reports-expired');
    expect(rows.map((r) => r.detail?.ids)).toEqual([first, second]);
  });
});

describe.each(ENGINES)('storage contract on %s: group commit', (engine) => {
  it('saves a group in one call, each answered as a single save would be, in the order asked', async () => {
    const database = await fresh(engine);
    const [a, b] = [await database.open(), await database.open()];
    const { keyId } = await setUpStore(a);
    const stored = newSealedReport(keyId);
    await a.saveSealed(stored, RECEIVED);
    const fresh1 = newSealedReport(keyId);
    const outcomes = await a.saveSealedMany(
      [
        { report: fresh1, receivedAt: RECEIVED },
        { report: stored, receivedAt: 'later' },
        { report: { ...stored, bodyHash: 'other' }, receivedAt: 'later' },
        { report: newSealedReport('no-key'), receivedAt: RECEIVED },
        { report: fresh1, receivedAt: 'later' },
      ],
      ['email'],
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['created', 'replayed', 'conflict', 'unknown-key', 'replayed']);
    expect(outcomes[4]).toEqual({ kind: 'replayed', receivedAt: RECEIVED });
    // Two groups sharing revisions, at once, from two stores: each revision once.
    const shared = Array.from({ length: 20 }, () => newSealedReport(keyId));
    const groups = await Promise.all([
      a.saveSealedMany(shared.map((report) => ({ report, receivedAt: RECEIVED }))),
      b.saveSealedMany([...shared].reverse().map((report) => ({ report, receivedAt: RECEIVED }))),
    ]);
    expect(groups.flat().filter((o) => o.kind === 'created')).toHaveLength(20);
    expect(await b.sealedCount()).toBe(22);
    expect(await b.alerts()).toHaveLength(1);
  });
});
