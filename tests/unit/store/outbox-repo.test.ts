import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createOutboxRepo } from '../../../src/store/outbox-repo.ts';
import { createReportRepo } from '../../../src/store/report-repo.ts';
import { buildReport, closeAfterTest, createdVault, TestReportSchema } from '../fixtures.ts';

const setup = async () => {
  const { db, vault } = await createdVault();
  closeAfterTest(db, vault);
  let now = 1_000;
  const reports = createReportRepo(db, vault, { schema: TestReportSchema, schemaVersion: 1, now: () => now });
  return {
    db,
    vault,
    reports,
    outbox: createOutboxRepo(db),
    setNow: (ms: number) => {
      now = ms;
    },
  };
};

describe('outbox repository', () => {
  it('lists due rows earliest first and counts waiting reports while locked', async () => {
    const { vault, reports, outbox, setNow } = await setup();
    setNow(300);
    await reports.put(buildReport({ id: 'late', status: 'queued' }));
    setNow(100);
    await reports.put(buildReport({ id: 'early', status: 'queued' }));
    vault.lock();
    expect(await outbox.count()).toBe(2);
    expect((await outbox.due(200)).map((r) => r.reportId)).toEqual(['early']);
    expect((await outbox.due(300)).map((r) => r.reportId)).toEqual(['early', 'late']);
  });

  it('records a failed send', async () => {
    const { reports, outbox } = await setup();
    await reports.put(buildReport({ id: 'r1', status: 'queued' }));
    await outbox.recordFailure('r1', { nextAttemptAt: 5_000, lastError: 'server-error' });
    expect(await outbox.get('r1')).toMatchObject({ attempts: 1, nextAttemptAt: 5_000, lastError: 'server-error' });
  });
});
