// Races the PostgreSQL engine decides with its locks, made to happen every time: a connection of the test holds a lock
// (as another server process would, mid-transaction), the store's call is seen waiting behind it (pg_blocking_pids),
// then the holder commits or rolls back. A save under way when an officer erases its report, or when the retention
// sweep takes it; two confirmed officers removing each other at once, and an officer confirming a new colleague while
// another rotates the key. And a burst of device requests, whose "last seen" notes go to the database as one statement.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPORT_LOCK_CLASS } from '../../../server/storage/pg-schema.ts';
import type { Store } from '../../../server/storage/types.ts';
import { newSealedReport, officerRecord, setUpStore, testDatabasesPerTest } from '../fixtures.ts';

const fresh = testDatabasesPerTest();
const RECEIVED = '2026-11-01T10:05:01.000Z';
const REVIEWED = '2026-11-02T00:00:00.000Z';
const CUT_OFF = '2026-11-10T00:00:00.000Z';
const LATER = '2026-12-01T00:00:00.000Z';

/** A connection with an open transaction, as another server process mid-way through its work. */
const holders: pg.Client[] = [];
afterEach(async () => {
  for (const client of holders.splice(0)) await client.end();
});
const openHolder = async (address: string) => {
  const client = new pg.Client({ connectionString: address });
  await client.connect();
  holders.push(client);
  await client.query('BEGIN');
  const [row] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
  return { client, pid: row?.pid ?? 0, address };
};

/**
 * Resolves once `n` statements wait behind the holder, directly or behind one that does, or once `settled` says the
 * store's calls finished without waiting (then the test's answers show what went wrong).
 */
const waiting = async (holder: { pid: number; address: string }, n: number, settled: () => boolean) => {
  const probe = new pg.Client({ connectionString: holder.address });
  await probe.connect();
  holders.push(probe);
  await vi.waitFor(
    async () => {
      if (settled()) return;
      const [row] = (
        await probe.query<{ n: number }>(
          `SELECT COUNT(*)::int AS n FROM pg_stat_activity w
           WHERE $1 = ANY(pg_blocking_pids(w.pid))
              OR EXISTS (SELECT 1 FROM pg_stat_activity m
                         WHERE $1 = ANY(pg_blocking_pids(m.pid)) AND m.pid = ANY(pg_blocking_pids(w.pid)))`,
          [holder.pid],
        )
      ).rows;
      expect(row?.n).toBeGreaterThanOrEqual(n);
    },
    { timeout: 10_000, interval: 10 },
  );
};

/** Follows a promise so the test can ask whether it finished. */
const tracked = <T>(promise: Promise<T>) => {
  const state = { done: false, promise };
  promise.then(
    () => (state.done = true),
    () => (state.done = true),
  );
  return state;
};

/** What a save of revision 2 does inside its transaction: the report's lock, shared, and the new row. */
const saveUnderWay = async (client: pg.Client, id: string, keyId: string) => {
  await client.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [REPORT_LOCK_CLASS, id]);
  await client.query(
    `INSERT INTO reports (id, revision, schema_version, key_id, device_id, created_at, submitted_at, received_at,
                          urgency, enc, ciphertext, body_hash)
     VALUES ($1, 2, 1, $2, 'device-1', $3, $3, $3, 'routine', 'enc', 'ct', 'second')`,
    [id, keyId, RECEIVED],
  );
};

const reviewedReport = async (store: Store) => {
  const { keyId, officer } = await setUpStore(store);
  const report = newSealedReport(keyId);
  await store.saveSealed(report, RECEIVED);
  await store.markReviewed(report.id, { officerId: officer.id, at: REVIEWED });
  return { keyId, officer, report };
};

describe('PostgreSQL: a save under way when its report ends', () => {
  it('erases the revision a save was writing too, once the save commits, and remembers it as erased', async () => {
    const database = await fresh('postgres');
    const store = await database.open();
    const { keyId, officer, report } = await reviewedReport(store);
    const holder = await openHolder(database.address);
    await saveUnderWay(holder.client, report.id, keyId);
    const erasing = tracked(store.eraseReport(report.id, { officerId: officer.id, at: LATER }));
    await waiting(holder, 1, () => erasing.done);
    await holder.client.query('COMMIT');
    expect(await erasing.promise).toBe('erased');
    expect(await store.sealedCount()).toBe(0);
    // The revision the save wrote counts as erased: sent again, it is answered and not stored.
    const resent = newSealedReport(keyId, { id: report.id, revision: 2, bodyHash: 'second' });
    expect(await store.saveSealed(resent, RECEIVED)).toEqual({ kind: 'replayed', receivedAt: LATER });
    expect(await store.sealedCount()).toBe(0);
  });

  it('keeps a reviewed report past the cut-off when a new revision arrives while the sweep waits for it', async () => {
    const database = await fresh('postgres');
    const store = await database.open();
    const { keyId, officer, report } = await reviewedReport(store);
    const other = newSealedReport(keyId);
    await store.saveSealed(other, RECEIVED);
    await store.markReviewed(other.id, { officerId: officer.id, at: REVIEWED });
    const holder = await openHolder(database.address);
    await saveUnderWay(holder.client, report.id, keyId);
    const sweeping = tracked(store.expireReviewed(CUT_OFF, LATER, 10));
    await waiting(holder, 1, () => sweeping.done);
    await holder.client.query('COMMIT');
    // The report with a revision still waiting stays whole; the other one goes, in the sweep's one audit row.
    expect(await sweeping.promise).toEqual([other.id]);
    expect(await store.sealedCount()).toBe(2);
    const rows = (await store.auditLog()).filter((r) => r.action === 'reports-expired');
    expect(rows.map((r) => r.detail)).toEqual([{ ids: [other.id] }]);
  });
});

const JOINED = '2026-11-01T09:30:00.000Z';

/** An officer invited by `lead` who accepted, not yet confirmed. */
const joined = async (store: Store, lead: string) => {
  const invite = { id: randomUUID(), name: 'Kim', email: `${randomUUID()}@example.org`, invitedBy: lead };
  await store.createInvite({ ...invite, createdAt: JOINED, expiresAt: LATER }, invite.id);
  const officer = officerRecord({ confirmed: false });
  await store.acceptInvite(invite.id, officer);
  return officer;
};

describe('PostgreSQL: two officers at once', () => {
  it('keeps the last confirmed officer when two confirmed officers remove each other at once', async () => {
    const database = await fresh('postgres');
    const [a, b] = [await database.open(), await database.open()];
    const { officer: lead, keyId } = await setUpStore(a);
    const kim = await joined(a, lead.id);
    await a.confirmOfficer(kim.id, [{ kid: keyId, sealed: 'g' }], lead.id, JOINED);
    // Another process is changing officers' rows: both removals get as far as they can meanwhile.
    const holder = await openHolder(database.address);
    await holder.client.query('SELECT 1 FROM officers FOR UPDATE');
    const removals = [
      tracked(a.removeOfficer(kim.id, lead.id, LATER)),
      tracked(b.removeOfficer(lead.id, kim.id, LATER)),
    ];
    await waiting(holder, 2, () => removals.every((r) => r.done));
    await holder.client.query('ROLLBACK');
    const outcomes = await Promise.all(removals.map((r) => r.promise));
    expect(outcomes.sort()).toEqual(['last-confirmed', 'removed']);
    expect((await a.listOfficers()).filter((o) => o.confirmed)).toHaveLength(1);
  });

  it('makes a confirmation that arrives during a key rotation wait for it, then refuses it for missing the new key', async () => {
    const database = await fresh('postgres');
    const [a, b] = [await database.open(), await database.open()];
    const { officer: lead, keyId } = await setUpStore(a);
    const kim = await joined(a, lead.id);
    // Another process holds the new key's id for a moment: the rotation waits there, part-way through.
    const key = { kid: 'k-new', publicKey: 'p'.repeat(87), createdAt: LATER, signature: 's'.repeat(86) };
    const holder = await openHolder(database.address);
    await holder.client.query("INSERT INTO encryption_keys VALUES ('k-new', 'x', $1, 'x')", [LATER]);
    const rotating = tracked(a.rotateKey(key, [{ officerId: lead.id, kid: 'k-new', sealed: 'n' }], lead.id, LATER));
    await waiting(holder, 1, () => rotating.done);
    // The confirmation was prepared before the rotation: it grants the old key only.
    const confirming = tracked(b.confirmOfficer(kim.id, [{ kid: keyId, sealed: 'g' }], lead.id, JOINED));
    await waiting(holder, 2, () => confirming.done);
    await holder.client.query('ROLLBACK');
    expect(await rotating.promise).toBe('rotated');
    expect(await confirming.promise).toBe('keys-changed');
    expect(await b.officerById(kim.id)).toMatchObject({ confirmed: false });
  });
});

describe('PostgreSQL: a burst of device requests', () => {
  it('notes each device seen once, at its latest time, even when the earlier note of a burst comes last', async () => {
    const store = await (await fresh('postgres')).open();
    const { officer } = await setUpStore(store);
    const enrol = async (name: string) => {
      const device = { id: randomUUID(), name, createdAt: REVIEWED, lastSeenAt: null, revokedAt: null };
      await store.enrolDevice({ ...device, enrolledBy: officer.id }, `${name}-token`);
      return device.id;
    };
    const [hall, van] = [await enrol('hall'), await enrol('van')];
    await Promise.all([
      store.markDeviceSeen(hall, '2026-11-02T10:02:00.000Z'),
      store.markDeviceSeen(van, '2026-11-02T10:03:00.000Z'),
      store.markDeviceSeen(hall, '2026-11-02T10:01:00.000Z'),
    ]);
    const seen = await Promise.all([store.deviceByTokenHash('hall-token'), store.deviceByTokenHash('van-token')]);
    expect(seen.map((d) => d?.lastSeenAt)).toEqual(['2026-11-02T10:02:00.000Z', '2026-11-02T10:03:00.000Z']);
  });
});
