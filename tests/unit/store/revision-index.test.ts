import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ReportDraft } from '../../../src/domain/report-schema.ts';
import type { OutboxRow, ReportRow, SafeVisitDb } from '../../../src/store/db.ts';
import { createOutboxPort } from '../../../src/store/outbox-port.ts';
import { createOutboxRepo } from '../../../src/store/outbox-repo.ts';
import { createReportRepo, type ReportRepo } from '../../../src/store/report-repo.ts';
import { REVISION_INDEX_KEY } from '../../../src/store/revision-index.ts';
import type { Vault } from '../../../src/vault/vault.ts';
import {
  buildReport,
  closeAfterTest,
  createdVault,
  expectAppError,
  openTestVault,
  STRONG_PASSPHRASE,
  TestReportSchema,
} from '../fixtures.ts';

const repoOf = (db: SafeVisitDb, vault: Vault) =>
  createReportRepo(db, vault, { schema: TestReportSchema, schemaVersion: 1 });

const setup = async () => {
  const { db, vault } = await createdVault();
  closeAfterTest(db, vault);
  return { db, vault, repo: repoOf(db, vault) };
};

/** Report r1 at revision 1, then corrected to revision 2: returns the whole row (and outbox row) of each. */
const twoRevisions = async (db: SafeVisitDb, repo: ReturnType<typeof repoOf>) => {
  await repo.put(buildReport({ id: 'r1', revision: 1, status: 'queued', data: { description: 'First words.' } }));
  const first = { report: (await db.reports.get('r1')) as ReportRow, outbox: (await db.outbox.get('r1')) as OutboxRow };
  await repo.put(buildReport({ id: 'r1', revision: 2, status: 'queued', data: { description: 'Corrected words.' } }));
  return first;
};

describe('the sealed revision index', () => {
  it('refuses an older copy of the whole report put back (body, clear revision, control), in get and in the list', async () => {
    const { db, repo } = await setup();
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
    const { db, vault, repo } = await setup();
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
    const { db, repo } = await setup();
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

  it('drops the entry of a report removed by the sync at the next index write, so it cannot be put back', async () => {
    const { db, repo } = await setup();
    await repo.put(buildReport({ id: 'sent', revision: 1 }));
    const sent = (await db.reports.get('sent')) as ReportRow;
    // As the sync removes a report once its receipt is stored: the row goes, the index is not written.
    await db.reports.delete('sent');
    await repo.put(buildReport({ id: 'next-report' }));
    await db.reports.put(sent);
    await expectAppError(repo.get('sent'), 'rolled-back');
    expect((await repo.get('next-report'))?.id).toBe('next-report');
  });

  it('is itself sealed by this vault: another vault’s index put in its place is refused, not trusted', async () => {
    const { db, repo } = await setup();
    await twoRevisions(db, repo);
    const other = await setup();
    await other.repo.put(buildReport({ id: 'r1', revision: 1 }));
    // The other vault's index says revision 1 for r1: it would let revision 1 back in.
    await db.secrets.put((await other.db.secrets.get(REVISION_INDEX_KEY)) as never, REVISION_INDEX_KEY);
    expect((await expectAppError(repo.get('r1'), 'tampered')).detail).toMatchObject({ reason: 'revision-index' });
  });

  it('cannot be deleted to let an older copy back in: the reports’ sealed controls say an index existed', async () => {
    const { db, repo } = await setup();
    const first = await twoRevisions(db, repo);
    await db.secrets.delete(REVISION_INDEX_KEY);
    await db.reports.put(first.report);
    expect((await expectAppError(repo.get('r1'), 'tampered')).detail).toMatchObject({
      reason: 'revision-index-missing',
    });
  });

  it('is built once, from the rows as they are, for a vault that had reports before it existed', async () => {
    const { db, vault, repo } = await setup();
    await repo.put(buildReport({ id: 'r1', revision: 3 }));
    // As the version before the index left it: no index, a control that never mentions one.
    const row = (await db.reports.get('r1')) as ReportRow;
    const { indexed, ...control } = (await vault.decryptJson('reports-control', 'r1', 1, row.control as never)) as {
      indexed?: true;
    };
    expect(indexed).toBe(true);
    await db.reports.put({ ...row, control: await vault.encryptJson('reports-control', 'r1', 1, control) });
    await db.secrets.delete(REVISION_INDEX_KEY);

    vault.lock();
    const next = await openTestVault(db);
    closeAfterTest(db, next);
    await next.unlock(STRONG_PASSPHRASE);
    expect((await repoOf(db, next).get('r1'))?.revision).toBe(3);
    expect(await db.secrets.get(REVISION_INDEX_KEY)).toBeDefined();
  });
});
