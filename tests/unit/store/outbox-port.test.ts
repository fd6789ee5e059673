import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_VERSION, type ReportDraft, ReportDraftSchema } from '../../../src/domain/report-schema.ts';
import { createOutboxPort } from '../../../src/store/outbox-port.ts';
import { createOutboxRepo } from '../../../src/store/outbox-repo.ts';
import { createReportRepo } from '../../../src/store/report-repo.ts';
import type { OutboxPort } from '../../../src/sync/outbox.ts';
import { completeDraft } from '../domain/report-fixtures.ts';
import { closeAfterTest, createdVault, manualClock } from '../fixtures.ts';

const RECEIVED_AT = '2026-01-05T09:00:00.000Z';

const setup = async () => {
  const { db, vault } = await createdVault();
  closeAfterTest(db, vault);
  const clock = manualClock();
  const reports = createReportRepo(db, vault, {
    schema: ReportDraftSchema,
    schemaVersion: REPORT_SCHEMA_VERSION,
    now: clock.now,
  });
  // Typed as the engine's port: the store implements sync's OutboxPort by shape, without importing sync.
  const port: OutboxPort = createOutboxPort({ db, reports, outbox: createOutboxRepo(db) });
  const queue = async (
    id: string,
    { revision = 1, data = completeDraft() }: { revision?: number; data?: ReportDraft } = {},
  ) => {
    await reports.put({ id, status: 'queued', createdAt: clock.now(), updatedAt: clock.now(), revision, data });
    const [item] = (await port.listDue(Number.POSITIVE_INFINITY)).filter((row) => row.reportId === id);
    if (!item) throw new Error(`no outbox row for ${id}`);
    return item;
  };
  return { db, vault, reports, port, queue };
};

describe('the store’s outbox port', () => {
  it('hands out a queued report as its submission and marks it sending in the same write', async () => {
    const { db, port, queue } = await setup();
    const item = await queue('r1', { revision: 2 });
    const loaded = await port.loadSubmission(item);
    expect(loaded).toMatchObject({ ok: true, submission: { id: 'r1', revision: 2, schemaVersion: 1 } });
    expect((await db.reports.get('r1'))?.status).toBe('sending');
  });

  it('drops a stale outbox row whose report went back to a draft, and sends nothing for it', async () => {
    const { db, port, queue, reports } = await setup();
    const item = await queue('r1');
    const staleRow = await db.outbox.get('r1');
    await reports.setStatus('r1', 'draft');
    // Another tab's sealed row, written before the report went back to a draft.
    if (staleRow) await db.outbox.put(staleRow);
    expect(await port.loadSubmission(item)).toBeNull();
    expect(await db.outbox.get('r1')).toBeUndefined();
    expect((await db.reports.get('r1'))?.status).toBe('draft');
  });

  it('keeps the outbox row and the report when the status was edited to a draft outside the app', async () => {
    const { db, port, queue, reports } = await setup();
    const item = await queue('r1');
    await db.reports.update('r1', { status: 'draft' });
    expect(await port.loadSubmission(item)).toBeNull();
    expect(await db.outbox.get('r1')).toBeDefined();
    expect(reports.control.changed.get().has('r1')).toBe(true);
  });

  it('fails a report that no longer passes the submit rules without sending it', async () => {
    const { port, queue } = await setup();
    const item = await queue('r1', { data: completeDraft({ description: '' }) });
    const loaded = await port.loadSubmission(item);
    expect(loaded?.ok).toBe(false);
  });

  it('keeps a delivered report with its receipt, or removes it in the same write when nothing is kept', async () => {
    const { db, port, queue } = await setup();
    const kept = await queue('kept');
    const gone = await queue('gone');
    await port.markAccepted(kept, { id: 'kept', revision: 1, receivedAt: RECEIVED_AT }, false);
    await port.markAccepted(gone, { id: 'gone', revision: 1, receivedAt: RECEIVED_AT }, true);
    expect(await db.reports.get('kept')).toMatchObject({ status: 'synced', receipt: { revision: 1 } });
    expect(await db.reports.get('gone')).toBeUndefined();
    expect(await port.countWaiting()).toBe(0);
  });

  it('marks a refused report failed with the reasons, and leaves a report queued again at a newer revision alone', async () => {
    const { db, reports, port, queue } = await setup();
    const refused = await queue('refused');
    const moved = await queue('moved');
    const record = await reports.get('moved');
    if (!record) throw new Error('report missing');
    await reports.put({ ...record, status: 'queued', revision: 2 });
    const issues = [{ path: 'report.description', message: 'Enter a description of the incident' }];
    await port.markFailed(refused, issues);
    await port.markFailed(moved, issues);
    expect(await db.reports.get('refused')).toMatchObject({ status: 'failed', syncIssues: issues });
    expect(await db.outbox.get('refused')).toBeUndefined();
    expect(await db.reports.get('moved')).toMatchObject({ status: 'queued', revision: 2 });
    expect(await db.outbox.get('moved')).toMatchObject({ revision: 2 });
  });

  it('puts a report back in the queue with the new schedule', async () => {
    const { db, port, queue } = await setup();
    const item = await queue('r1');
    await port.loadSubmission(item);
    await port.reschedule(item, { attempts: 1, nextAttemptAt: 42, lastError: 'server-error' });
    expect((await db.reports.get('r1'))?.status).toBe('queued');
    expect(await db.outbox.get('r1')).toMatchObject({ attempts: 1, nextAttemptAt: 42, lastError: 'server-error' });
    expect(await port.nextDueAt()).toBe(42);
  });

  it('purges only synced reports whose receipt is older than the cut-off', async () => {
    const { db, port, queue } = await setup();
    const old = await queue('old');
    const recent = await queue('recent');
    await queue('waiting');
    await port.markAccepted(old, { id: 'old', revision: 1, receivedAt: '2026-01-01T00:00:00.000Z' }, false);
    await port.markAccepted(recent, { id: 'recent', revision: 1, receivedAt: '2026-01-10T00:00:00.000Z' }, false);
    expect(await port.purgeSynced(Date.parse('2026-01-05T00:00:00.000Z'))).toBe(1);
    expect((await db.reports.toArray()).map((r) => r.id).sort()).toEqual(['recent', 'waiting']);
  });
});
