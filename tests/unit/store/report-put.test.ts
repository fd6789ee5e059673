import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { type ReportRow, SafeVisitDb } from '../../../src/store/db.ts';
import { REVISION_INDEX_KEYS } from '../../../src/store/revision-index.ts';
import {
  buildReport,
  caught,
  closeAfterTest,
  expectAppError,
  failWrites,
  openTestDb,
  openTestVault,
  relock,
  reportRepoSetup,
  STRONG_PASSPHRASE,
  testReportRepo,
} from '../fixtures.ts';

const RECEIPT = { revision: 1, receivedAt: '2026-01-05T10:00:00.000Z' };

describe('saving a report', () => {
  it('keeps the receipt of a delivered report through every later save', async () => {
    const { db, repo } = await reportRepoSetup();
    await repo.put(buildReport({ id: 'sent', status: 'queued' }));
    // As the sync records a delivery: the receipt in clear and in the report's sealed control.
    const row = (await db.reports.get('sent')) as ReportRow;
    const delivered: ReportRow = { ...row, status: 'synced', receipt: RECEIPT };
    delivered.control = await repo.control.sealReport(delivered);
    await db.reports.put(delivered);

    await repo.put(buildReport({ id: 'sent', status: 'synced', data: { description: 'A note after sending.' } }));
    await repo.put(buildReport({ id: 'sent', status: 'synced', data: { description: 'Another note.' } }));
    const saved = (await db.reports.get('sent')) as ReportRow;
    expect(saved.receipt).toEqual(RECEIPT);
    expect(await repo.control.checkReport(saved)).toBe(true);
    expect((await repo.get('sent'))?.data.description).toBe('Another note.');
  });

  it('drops a receipt written in clear outside the app, which its sealed control does not vouch for', async () => {
    const { db, repo } = await reportRepoSetup();
    await repo.put(buildReport({ id: 'forged' }));
    await db.reports.update('forged', { receipt: RECEIPT });
    await repo.put(buildReport({ id: 'forged', data: { description: 'Saved again.' } }));
    const saved = (await db.reports.get('forged')) as ReportRow;
    expect(saved.receipt).toBeUndefined();
    expect(await repo.control.checkReport(saved)).toBe(true);
  });

  it('writes after another tab’s index entries when that tab saved since this page last did', async () => {
    const { db, vault, repo } = await reportRepoSetup();
    const otherDb = new SafeVisitDb(db.name);
    const otherVault = await openTestVault(otherDb);
    closeAfterTest(otherDb, otherVault);
    await otherVault.unlock(STRONG_PASSPHRASE);
    const other = testReportRepo(otherDb, otherVault);

    await repo.put(buildReport({ id: 'a' }));
    await other.put(buildReport({ id: 'b' }));
    // No read in between: this page's save finds the log moved, catches up and appends after the other tab's entry.
    await repo.put(buildReport({ id: 'c' }));
    await repo.put(buildReport({ id: 'a', revision: 2 }));
    await relock(vault);
    const listed = (await repo.list()).records.map((r) => [r.id, r.revision]).sort();
    expect(listed).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 1],
    ]);
  });

  it('writes the row, its outbox row and its index entry together, or none of them', async () => {
    const db = openTestDb();
    const failing = failWrites(db, 'secrets');
    const vault = await openTestVault(db);
    await vault.create(STRONG_PASSPHRASE);
    closeAfterTest(db, vault);
    const repo = testReportRepo(db, vault);
    await repo.put(buildReport({ id: 'r1', data: { description: 'First words.' } }));
    const indexBefore = await db.secrets.where(':id').between(REVISION_INDEX_KEYS.from, REVISION_INDEX_KEYS.to).keys();

    failing.on = true;
    expect((await caught(repo.put(buildReport({ id: 'r2', status: 'queued' })))).code).toBe('quota-exceeded');
    expect((await caught(repo.put(buildReport({ id: 'r1', revision: 2, data: { description: 'Later.' } })))).code).toBe(
      'quota-exceeded',
    );
    failing.on = false;
    expect(await db.reports.get('r2')).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.secrets.where(':id').between(REVISION_INDEX_KEYS.from, REVISION_INDEX_KEYS.to).keys()).toEqual(
      indexBefore,
    );
    await relock(vault);
    expect((await repo.get('r1'))?.data.description).toBe('First words.');
  });

  it('still refuses an older copy put back after saves that read nothing first', async () => {
    const { db, vault, repo } = await reportRepoSetup();
    await repo.put(buildReport({ id: 'r1', data: { description: 'First words.' } }));
    const first = (await db.reports.get('r1')) as ReportRow;
    await repo.put(buildReport({ id: 'r1', revision: 2, data: { description: 'Corrected.' } }));
    await db.reports.put(first);
    await expectAppError(repo.get('r1'), 'rolled-back');
    await relock(vault);
    await expectAppError(repo.get('r1'), 'rolled-back');
  });
});
