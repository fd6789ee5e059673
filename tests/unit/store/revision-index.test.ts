import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ReportDraft } from '../../../src/domain/report-schema.ts';
import { type OutboxRow, type ReportRow, SafeVisitDb } from '../../../src/store/db.ts';
import { createOutboxPort } from '../../../src/store/outbox-port.ts';
import { createOutboxRepo } from '../../../src/store/outbox-repo.ts';
import type { ReportRepo } from '../../../src/store/report-repo.ts';
import {
  LEGACY_REVISION_INDEX_KEY,
  REVISION_INDEX_KEYS,
  REVISION_SNAPSHOT_KEY,
  revisionLogKey,
} from '../../../src/store/revision-index.ts';
import type { Envelope } from '../../../src/vault/crypto.ts';
import {
  buildReport,
  closeAfterTest,
  expectAppError,
  openTestVault,
  relock,
  reportRepoSetup,
  STRONG_PASSPHRASE,
  testReportRepo,
} from '../fixtures.ts';

/** The keys of every record of the index (legacy record, snapshot, log), in order. */
const indexRows = (db: SafeVisitDb) =>
  db.secrets.where(':id').between(REVISION_INDEX_KEYS.from, REVISION_INDEX_KEYS.to, true, true).primaryKeys();

const logKeys = async (db: SafeVisitDb) =>
  (await indexRows(db)).filter((key) => key.startsWith(revisionLogKey(0).slice(0, -16)));

const deleteIndex = (db: SafeVisitDb) =>
  db.secrets.where(':id').between(REVISION_INDEX_KEYS.from, REVISION_INDEX_KEYS.to, true, true).delete();

/** Report r1 at revision 1, then corrected to revision 2: returns the whole row (and outbox row) of each. */
const twoRevisions = async (db: SafeVisitDb, repo: ReturnType<typeof testReportRepo>) => {
  await repo.put(buildReport({ id: 'r1', revision: 1, status: 'queued', data: { description: 'First words.' } }));
  const first = { report: (await db.reports.get('r1')) as ReportRow, outbox: (await db.outbox.get('r1')) as OutboxRow };
  await repo.put(buildReport({ id: 'r1', revision: 2, status: 'queued', data: { description: 'Corrected words.' } }));
  return first;
};

describe('the sealed revision index', () => {
  it('refuses an older copy of the whole report put back (body, clear revision, control), in get and in the list', async () => {
    const { db, repo } = await reportRepoSetup();
    const first = await twoRevisions(db, repo);
    await db.reports.put(first.report);

    const refused = await expectAppError(repo.get('r1'), 'rolled-back');
    expect(refused.message).toMatch(/^This report was replaced by an older copy/);
    const { records, damaged } = await repo.list();
    expect(records).toEqual([]);
    expect(damaged.map((d) => [d.id, d.problem])).toEqual([['r1', 'rolled-back']]);
    expect(await repo.isLatest(first.report)).toBe(false);
  });

  it('never hands an older copy to the sync, and tells the worker its sending state changed', async () => {
    const { db, vault, repo } = await reportRepoSetup();
    const first = await twoRevisions(db, repo);
    // The older report row and its outbox row, both consistent with their own sealed controls.
    await db.reports.put(first.report);
    await db.outbox.put(first.outbox);
    const reports = repo as unknown as ReportRepo<ReportDraft>;
    const port = createOutboxPort({
      db,
      reports,
      outbox: createOutboxRepo(db),
      // Reaching the sealer would mean the older copy was about to be sent.
      seal: () => Promise.reject(new Error('the older copy was about to be sealed and sent')),
    });
    expect(vault.state).toBe('unlocked');
    expect(await port.loadSubmissions([{ reportId: 'r1', revision: 1 }])).toEqual([null]);
    expect(repo.control.changed.get()).toEqual(new Set(['r1']));
  });

  it('keeps the normal edit path working: saves of one revision, a correction, status changes and a delete', async () => {
    const { db, repo } = await reportRepoSetup();
    await repo.put(buildReport({ id: 'r1', revision: 1, data: { description: 'One.' } }));
    await repo.put(buildReport({ id: 'r1', revision: 1, data: { description: 'One, saved again.' } }));
    await repo.queue('r1');
    await repo.put(buildReport({ id: 'r1', revision: 2, data: { description: 'Corrected.' } }));
    await repo.setStatus('r1', 'queued');
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => repo.put(buildReport({ id }))));
    expect((await repo.get('r1'))?.data.description).toBe('Corrected.');
    const { records, damaged } = await repo.list();
    expect(damaged).toEqual([]);
    expect(records.map((r) => r.id).sort()).toEqual(['a', 'b', 'c', 'd', 'r1']);

    // A deleted report put back is refused: the index no longer lists it.
    const deleted = (await db.reports.get('b')) as ReportRow;
    await repo.delete('b');
    await db.reports.put(deleted);
    await expectAppError(repo.get('b'), 'rolled-back');
  });

  it('records a report the sync removed after its receipt as gone at once, so a copy put back is refused', async () => {
    const { db, repo } = await reportRepoSetup();
    await repo.put(buildReport({ id: 'sent', revision: 1 }));
    const sent = (await db.reports.get('sent')) as ReportRow;
    const port = createOutboxPort({
      db,
      reports: repo as unknown as ReportRepo<ReportDraft>,
      outbox: createOutboxRepo(db),
      seal: () => Promise.reject(new Error('nothing is sealed here')),
    });
    await port.markAccepted(
      { reportId: 'sent', revision: 1 },
      { id: 'sent', revision: 1, receivedAt: '2026-01-05T09:00:00.000Z' },
      true,
    );
    expect(await db.reports.get('sent')).toBeUndefined();
    await db.reports.put(sent);
    await expectAppError(repo.get('sent'), 'rolled-back');
  });

  it('records at the next unlock a report removed while it could not (locked, or the app closed midway)', async () => {
    const { db, vault, repo } = await reportRepoSetup();
    await repo.put(buildReport({ id: 'gone', revision: 1 }));
    await repo.put(buildReport({ id: 'kept', revision: 1 }));
    const gone = (await db.reports.get('gone')) as ReportRow;
    vault.lock();
    await repo.delete('gone');
    await vault.unlock(STRONG_PASSPHRASE);
    expect((await repo.get('kept'))?.id).toBe('kept');
    await db.reports.put(gone);
    await expectAppError(repo.get('gone'), 'rolled-back');
  });

  it('is itself sealed by this vault: another vault’s snapshot or entry put in its place is refused at the next unlock', async () => {
    const { db, vault, repo } = await reportRepoSetup();
    await twoRevisions(db, repo);
    const other = await reportRepoSetup();
    await other.repo.put(buildReport({ id: 'r1', revision: 1 }));
    // The other vault's snapshot says revision 1 for r1: it would let revision 1 back in.
    const theirs = (await other.db.secrets.get(REVISION_SNAPSHOT_KEY)) as Envelope;
    const ours = (await db.secrets.get(REVISION_SNAPSHOT_KEY)) as Envelope;
    await db.secrets.put(theirs, REVISION_SNAPSHOT_KEY);
    await relock(vault);
    expect((await expectAppError(repo.get('r1'), 'tampered')).detail).toMatchObject({ reason: 'revision-index' });

    // Their entry 1 in place of ours.
    await db.secrets.put(ours, REVISION_SNAPSHOT_KEY);
    await db.secrets.put((await other.db.secrets.get(revisionLogKey(1))) as Envelope, revisionLogKey(1));
    await relock(vault);
    expect((await expectAppError(repo.get('r1'), 'tampered')).detail).toMatchObject({ reason: 'revision-index' });
  });

  it('refuses a log with an entry taken out, or moved to another number', async () => {
    const { db, vault, repo } = await reportRepoSetup();
    const first = await twoRevisions(db, repo);
    await repo.put(buildReport({ id: 'r2' }));
    const keys = await logKeys(db);
    expect(keys).toEqual([revisionLogKey(0), revisionLogKey(1), revisionLogKey(2), revisionLogKey(3)]);
    // Entry 2 sets r1 to revision 2: without it, revision 1 would be the latest again.
    const second = (await db.secrets.get(revisionLogKey(2))) as Envelope;
    await db.secrets.delete(revisionLogKey(2));
    await db.reports.put(first.report);
    await relock(vault);
    expect((await expectAppError(repo.get('r1'), 'tampered')).detail).toMatchObject({ reason: 'revision-index-gap' });

    // The same entry under the number of the last one, the last one deleted: it does not open there.
    await db.secrets.put(second, revisionLogKey(3));
    await db.secrets.put((await db.secrets.get(revisionLogKey(1))) as Envelope, revisionLogKey(2));
    await relock(vault);
    expect((await expectAppError(repo.get('r1'), 'tampered')).detail).toMatchObject({ reason: 'revision-index' });
  });

  it('tells a log cut back to an earlier entry from the rows written since: they are newer than it says', async () => {
    const { db, vault, repo } = await reportRepoSetup();
    await twoRevisions(db, repo);
    await db.secrets.delete(revisionLogKey(2));
    await relock(vault);
    expect((await expectAppError(repo.get('r1'), 'tampered')).detail).toMatchObject({
      reason: 'revision-index-behind',
    });
  });

  it('cannot be deleted to let an older copy back in: the reports’ sealed controls say an index existed', async () => {
    const { db, vault, repo } = await reportRepoSetup();
    const first = await twoRevisions(db, repo);
    await deleteIndex(db);
    await db.reports.put(first.report);
    expect((await expectAppError(repo.get('r1'), 'tampered')).detail).toMatchObject({
      reason: 'revision-index-missing',
    });
    await relock(vault);
    expect((await expectAppError(repo.list(), 'tampered')).detail).toMatchObject({
      reason: 'revision-index-missing',
    });
  });

  it('is built once, from the rows as they are, for a vault that had reports before it existed', async () => {
    const { db, vault, repo } = await reportRepoSetup();
    await repo.put(buildReport({ id: 'r1', revision: 3 }));
    // As the version before the index left it: no index, a control that never mentions one.
    const row = (await db.reports.get('r1')) as ReportRow;
    const { indexed, ...control } = (await vault.decryptJson('reports-control', 'r1', 1, row.control as never)) as {
      indexed?: true;
    };
    expect(indexed).toBe(true);
    await db.reports.put({ ...row, control: await vault.encryptJson('reports-control', 'r1', 1, control) });
    await deleteIndex(db);

    vault.lock();
    const next = await openTestVault(db);
    closeAfterTest(db, next);
    await next.unlock(STRONG_PASSPHRASE);
    expect((await testReportRepo(db, next).get('r1'))?.revision).toBe(3);
    expect(await db.secrets.get(REVISION_SNAPSHOT_KEY)).toBeDefined();
  });
});

describe('the revision index written one entry at a time', () => {
  it('adds one small sealed entry per save, whatever the number of reports, and rewrites the whole map only now and then', async () => {
    const { db, repo } = await reportRepoSetup();
    const entrySizes: number[] = [];
    let removed: ReportRow | undefined;
    for (let i = 0; i < 140; i++) {
      await repo.put(buildReport({ id: `report-${String(i).padStart(3, '0')}` }));
      if (i === 5) {
        // Removed without the index (as the sync's removal, had its entry not followed): the snapshot leaves it out.
        removed = await db.reports.get('report-005');
        await db.reports.delete('report-005');
      }
      const keys = await logKeys(db);
      const last = (await db.secrets.get(keys[keys.length - 1] as string)) as Envelope;
      entrySizes.push(last.ct.byteLength);
    }
    // The same size for the 1st report as for the 100th (the ids are all as long).
    expect(new Set(entrySizes.slice(0, 127)).size).toBe(1);
    // At entry 128 the map became the snapshot and the entries before it went; the log goes on from there.
    expect(await logKeys(db)).toEqual(Array.from({ length: 13 }, (_, i) => revisionLogKey(128 + i)));
    // A save that changes no revision writes nothing to the index.
    const before = await indexRows(db);
    await repo.put(buildReport({ id: 'report-000', data: { description: 'Saved again.' } }));
    expect(await indexRows(db)).toEqual(before);

    const { records, damaged } = await repo.list();
    expect([records.length, damaged.length]).toEqual([139, 0]);
    await db.reports.put(removed as ReportRow);
    await expectAppError(repo.get('report-005'), 'rolled-back');
  });

  it('follows another tab’s saves: each tab reads the other’s reports and writes after them', async () => {
    const { db, repo } = await reportRepoSetup();
    // A second page over the same database, with its own copy of the index (the vault's key is shared for the test).
    const otherDb = new SafeVisitDb(db.name);
    const otherVault = await openTestVault(otherDb);
    closeAfterTest(otherDb, otherVault);
    await otherVault.unlock(STRONG_PASSPHRASE);
    const other = testReportRepo(otherDb, otherVault);

    await repo.put(buildReport({ id: 'mine', revision: 1 }));
    expect((await other.get('mine'))?.revision).toBe(1);
    await other.put(buildReport({ id: 'mine', revision: 2 }));
    await other.put(buildReport({ id: 'theirs' }));
    expect((await repo.get('mine'))?.revision).toBe(2);
    // This page's copy is behind the log: its save notices, catches up and writes after the other tab's entries.
    await repo.put(buildReport({ id: 'mine', revision: 3 }));
    await other.put(buildReport({ id: 'theirs', revision: 2 }));
    expect((await other.get('mine'))?.revision).toBe(3);
    expect((await repo.list()).records.map((r) => [r.id, r.revision]).sort()).toEqual([
      ['mine', 3],
      ['theirs', 2],
    ]);
  });
});

describe('a vault whose index is the one whole record of earlier versions', () => {
  it('moves to the log at unlock: nothing lost, older copies still refused, the old record gone and ignored if put back', async () => {
    const { db, vault, repo } = await reportRepoSetup();
    const first = await twoRevisions(db, repo);
    await repo.put(buildReport({ id: 'r2' }));
    await repo.put(buildReport({ id: 'r3' }));
    // As earlier versions left it: the whole index in one record, no snapshot and no log.
    const legacy = (reports: Record<string, number>) =>
      vault.encryptJson('secrets', LEGACY_REVISION_INDEX_KEY, 1, { v: 1, reports });
    const older = await legacy({ r1: 1, r2: 1 });
    await deleteIndex(db);
    await db.secrets.put(await legacy({ r1: 2, r2: 1, r3: 1 }), LEGACY_REVISION_INDEX_KEY);

    await relock(vault);
    await repo.control.scan();
    expect(await indexRows(db)).toEqual([revisionLogKey(0), REVISION_SNAPSHOT_KEY]);
    const { records, damaged } = await repo.list();
    expect(damaged).toEqual([]);
    expect(records.map((r) => [r.id, r.revision]).sort()).toEqual([
      ['r1', 2],
      ['r2', 1],
      ['r3', 1],
    ]);

    // The older whole record and the older row put back: the log stands, the old record is not read.
    await db.secrets.put(older, LEGACY_REVISION_INDEX_KEY);
    await db.reports.put(first.report);
    await relock(vault);
    await expectAppError(repo.get('r1'), 'rolled-back');
    expect((await repo.get('r3'))?.revision).toBe(1);
  });
});
