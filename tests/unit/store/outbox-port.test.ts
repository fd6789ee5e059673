import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_VERSION, type ReportDraft, ReportDraftSchema } from '../../../src/domain/report-schema.ts';
import { type SealedSubmission, SealedSubmissionSchema } from '../../../src/domain/sealed-protocol.ts';
import { createOutboxPort } from '../../../src/store/outbox-port.ts';
import { createOutboxRepo } from '../../../src/store/outbox-repo.ts';
import { createReportRepo } from '../../../src/store/report-repo.ts';
import { createReportSealer, sealingOptions } from '../../../src/store/report-sealer.ts';
import type { OutboxPort } from '../../../src/sync/outbox.ts';
import { openReport } from '../../../src/vault/org.ts';
import {
  buildOrganisation,
  closeAfterTest,
  completeDraft,
  createdVault,
  manualClock,
  rawText,
  readRawDatabase,
} from '../fixtures.ts';

const RECEIVED_AT = '2026-01-05T09:00:00.000Z';
const MARKER = 'SEALED-BODY-MARKER-5c1e';
const organisation = buildOrganisation();

/** The store as the session wires it; `enrolled` false: no enrolment yet (it can be given later with `enrol`). */
const setup = async ({ enrolled = true }: { enrolled?: boolean } = {}) => {
  const { db, vault } = await createdVault();
  closeAfterTest(db, vault);
  const clock = manualClock();
  const org = await organisation;
  let enrolment = enrolled ? { org: org.descriptor } : null;
  const seal = createReportSealer(async () => enrolment);
  const reports = createReportRepo(db, vault, {
    schema: ReportDraftSchema,
    schemaVersion: REPORT_SCHEMA_VERSION,
    now: clock.now,
    ...sealingOptions(seal),
  });
  // Typed as the engine's port: the store implements sync's OutboxPort by shape, without importing sync.
  const port: OutboxPort = createOutboxPort({ db, reports, outbox: createOutboxRepo(db), seal });
  const enrol = () => {
    enrolment = { org: org.descriptor };
  };
  const queue = async (
    id: string,
    { revision = 1, data = completeDraft() }: { revision?: number; data?: ReportDraft } = {},
  ) => {
    await reports.put({ id, status: 'queued', createdAt: clock.now(), updatedAt: clock.now(), revision, data });
    const [item] = (await port.listDue(Number.POSITIVE_INFINITY)).filter((row) => row.reportId === id);
    if (!item) throw new Error(`no outbox row for ${id}`);
    return item;
  };
  return { db, vault, reports, port, queue, enrol, org };
};

type Org = Awaited<typeof organisation>;

/** Opens a sent body with the organisation's private keys, as the officer's browser does. */
const opened = async (org: Org, body: string): Promise<{ submission: SealedSubmission; report: unknown }> => {
  const submission = SealedSubmissionSchema.parse(JSON.parse(body));
  const bytes = await openReport(org.privateKeys, submission, submission);
  return { submission, report: JSON.parse(new TextDecoder().decode(bytes)) };
};

type Item = Parameters<OutboxPort['loadSubmissions']>[0][number];

/** One row's submission through the batch read the engine uses. */
const loadOne = async (port: OutboxPort, item: Item) => (await port.loadSubmissions([item]))[0] ?? null;

const bodyOf = async (port: OutboxPort, item: Item): Promise<string> => {
  const loaded = await loadOne(port, item);
  if (!loaded?.ok) throw new Error(`not loaded: ${JSON.stringify(loaded)}`);
  return loaded.submission.body;
};

const ID = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';

describe('sealed at submit', () => {
  it('seals once at submit: two retries send identical bytes, which the organisation opens to this report', async () => {
    const { port, queue, org } = await setup();
    const item = await queue(ID, { data: completeDraft({ description: `Said ${MARKER}` }) });
    const first = await bodyOf(port, item);
    await port.reschedule(item, { attempts: 1, nextAttemptAt: 0, lastError: 'timeout' });
    const second = await bodyOf(port, item);
    expect(second).toBe(first);
    const { submission, report } = await opened(org, first);
    expect(submission).toMatchObject({ id: ID, revision: 1, schemaVersion: REPORT_SCHEMA_VERSION, urgency: 'routine' });
    expect(submission.keyId).toBe(org.descriptor.encryptionKeys[0]?.kid);
    expect(report).toMatchObject({ description: `Said ${MARKER}`, incidentTypes: ['bullying'] });
  });

  it('carries the urgency of the next-steps rules in clear', async () => {
    const { port, queue, org } = await setup();
    const item = await queue(ID, { data: completeDraft({ concerns: ['meeting-imminent'] }) });
    expect((await opened(org, await bodyOf(port, item))).submission.urgency).toBe('immediate');
  });

  it('keeps no plaintext of the sealed body and no key that opens it in the device’s store', async () => {
    const { db, port, queue, org } = await setup();
    const item = await queue(ID, { data: completeDraft({ description: `Said ${MARKER}` }) });
    const body = await bodyOf(port, item);
    const { submission } = await opened(org, body);
    const stored = rawText(await readRawDatabase(db.name));
    expect(stored).not.toContain(MARKER);
    // The envelope is kept inside the data key's encryption too: not even its ciphertext is in clear.
    expect(stored).not.toContain(submission.ciphertext);
    expect(stored).not.toContain(submission.enc);
    // The organisation's private key (its JWK `d`) is nowhere on the device.
    const privateKey = org.privateKeys.encryption.get(submission.keyId);
    if (!privateKey) throw new Error('no private key');
    const { d } = await crypto.subtle.exportKey('jwk', privateKey);
    expect(d).toBeTruthy();
    expect(stored).not.toContain(d);
  });

  it('queues a report submitted before enrolment unsealed, seals it at its first send after, then resends those bytes', async () => {
    const { db, port, queue, enrol, org } = await setup({ enrolled: false });
    const item = await queue(ID);
    expect(await db.outbox.get(ID)).toBeDefined();
    enrol();
    const first = await bodyOf(port, item);
    await port.reschedule(item, { attempts: 1, nextAttemptAt: 0, lastError: 'timeout' });
    expect(await bodyOf(port, item)).toBe(first);
    expect((await opened(org, first)).submission.id).toBe(ID);
  });

  it('keeps a receipt with the incident types, encrypted, after the report itself is removed', async () => {
    const { db, reports, port, queue } = await setup();
    const item = await queue(ID, { data: completeDraft({ incidentTypes: ['grooming', 'bullying'] }) });
    await port.markAccepted(item, { id: ID, revision: 1, receivedAt: RECEIVED_AT }, true);
    expect(await db.reports.get(ID)).toBeUndefined();
    expect(await reports.listReceipts()).toEqual([
      { id: ID, revision: 1, receivedAt: RECEIVED_AT, incidentTypes: ['grooming', 'bullying'] },
    ]);
    expect(rawText(await db.receipts.toArray())).not.toContain('grooming');
  });
});

describe('the store’s outbox port', () => {
  it('hands out a queued report as its sealed submission without writing anything, and the same bytes again after a send the app did not live to record', async () => {
    const { db, port, queue } = await setup();
    const item = await queue('r1', { revision: 2 });
    const before = rawText([await db.reports.get('r1'), await db.outbox.get('r1')]);
    const loaded = await loadOne(port, item);
    expect(loaded).toMatchObject({ ok: true, submission: { id: 'r1', revision: 2 } });
    // Still queued, both rows as they were: a send the app dies in leaves nothing to repair.
    expect(rawText([await db.reports.get('r1'), await db.outbox.get('r1')])).toBe(before);
    const again = await loadOne(port, item);
    expect(again).toEqual(loaded);
  });

  it('reads a batch of due reports in one transaction and hands out each one whose two rows vouch for it, none edited outside the app', async () => {
    const { db, port, queue, reports } = await setup();
    const items = await Promise.all(['a', 'b', 'c', 'd'].map((id) => queue(id)));
    await db.reports.update('b', { status: 'draft' });
    await db.outbox.update('c', { revision: 7 });
    const transaction = db.transaction.bind(db);
    const modes: string[] = [];
    db.transaction = ((mode: string, ...rest: unknown[]) => {
      modes.push(mode);
      return (transaction as (...a: unknown[]) => unknown)(mode, ...rest);
    }) as typeof db.transaction;
    const loaded = await port.loadSubmissions(items);
    db.transaction = transaction;
    expect(modes).toEqual(['r']);
    expect(loaded.map((l) => (l?.ok ? l.submission.id : l))).toEqual(['a', null, null, 'd']);
    expect(await db.outbox.get('b')).toBeDefined();
    expect(reports.control.changed.get()).toEqual(new Set(['b']));
  });

  it('stores receipts that arrive together in one write, and acts on none whose report was edited outside the app', async () => {
    const { db, port, queue, reports } = await setup();
    const items = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => queue(id)));
    await db.reports.update('c', { status: 'draft' });
    const transaction = db.transaction.bind(db);
    let writes = 0;
    db.transaction = ((mode: string, ...rest: unknown[]) => {
      // Writes of receipts (the revision index records the removed reports in a write of its own after each).
      if (mode === 'rw' && rest.includes(db.receipts)) writes++;
      return (transaction as (...a: unknown[]) => unknown)(mode, ...rest);
    }) as typeof db.transaction;
    await Promise.all(
      items.map((item) => port.markAccepted(item, { id: item.reportId, revision: 1, receivedAt: RECEIVED_AT }, true)),
    );
    db.transaction = transaction;
    // The first receipt is written at once, the four that came while it was written together after it.
    expect(writes).toBe(2);
    expect((await db.receipts.toArray()).map((r) => r.id).sort()).toEqual(['a', 'b', 'd', 'e']);
    expect(await db.reports.get('c')).toMatchObject({ status: 'draft' });
    expect(await db.outbox.get('c')).toBeDefined();
    expect(reports.control.changed.get().has('c')).toBe(true);
  });

  it('drops a stale outbox row whose report went back to a draft, and sends nothing for it', async () => {
    const { db, port, queue, reports } = await setup();
    const item = await queue('r1');
    const staleRow = await db.outbox.get('r1');
    await reports.setStatus('r1', 'draft');
    // Another tab's sealed row, written before the report went back to a draft.
    if (staleRow) await db.outbox.put(staleRow);
    expect(await loadOne(port, item)).toBeNull();
    expect(await db.outbox.get('r1')).toBeUndefined();
    expect((await db.reports.get('r1'))?.status).toBe('draft');
  });

  it('keeps the outbox row and the report when the status was edited to a draft outside the app', async () => {
    const { db, port, queue, reports } = await setup();
    const item = await queue('r1');
    await db.reports.update('r1', { status: 'draft' });
    expect(await loadOne(port, item)).toBeNull();
    expect(await db.outbox.get('r1')).toBeDefined();
    expect(reports.control.changed.get().has('r1')).toBe(true);
  });

  it('fails a report that does not pass the submit rules without sealing or sending it', async () => {
    const { port, queue } = await setup();
    const item = await queue('r1', { data: completeDraft({ description: '' }) });
    const loaded = await loadOne(port, item);
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
    await loadOne(port, item);
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
