// The Reports screens' port over the real encrypted repository (fake-indexeddb, real WebCrypto): create with the
// organisation's details, autosave, submit queues in one write, correction as revision + 1, and a failed save.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createAutosaver, type SaveState } from '../../../../src/app/reports/autosave.ts';
import { createReportsPort } from '../../../../src/app/reports/reports-port.ts';
import { failureMessages } from '../../../../src/app/reports/status.tsx';
import { ERROR_MESSAGES, messageFor } from '../../../../src/domain/errors.ts';
import { emptyDraft, REPORT_SCHEMA_VERSION, ReportDraftSchema } from '../../../../src/domain/report-schema.ts';
import { createOutboxRepo } from '../../../../src/store/outbox-repo.ts';
import { createReportRepo } from '../../../../src/store/report-repo.ts';
import {
  closeAfterTest,
  failWrites,
  ORG,
  openTestDb,
  openTestVault,
  PLAINTEXT_MARKER,
  rawText,
  readRawDatabase,
  STRONG_PASSPHRASE,
} from '../../fixtures.ts';

const setup = async () => {
  // The failure switch must be installed before the database opens.
  const db = openTestDb();
  const quota = failWrites(db, 'reports');
  const vault = await openTestVault(db);
  await vault.create(STRONG_PASSPHRASE);
  closeAfterTest(db, vault);
  const repo = createReportRepo(db, vault, { schema: ReportDraftSchema, schemaVersion: REPORT_SCHEMA_VERSION });
  const outbox = createOutboxRepo(db);
  let queuedCalls = 0;
  let nextId = 0;
  let clock = 1_700_000_000_000;
  const port = createReportsPort({
    repo,
    emptyDraft: async () => emptyDraft(ORG),
    newId: () => `00000000-0000-4000-8000-00000000000${++nextId}`,
    afterQueued: () => {
      queuedCalls++;
    },
    now: () => ++clock,
  });
  return { db, repo, outbox, port, quota, queuedCalls: () => queuedCalls };
};

describe('reports port', () => {
  it('creates a stored draft prefilled with the organisation details, revision 1', async () => {
    const { port } = await setup();
    const record = await port.create();
    expect(record).toMatchObject({ status: 'draft', revision: 1 });
    expect(record.data.orgName).toBe(ORG.orgName);
    expect(await port.get(record.id)).toEqual(record);
  });

  it('submits the final text and queues it for sync in one write, then a correction is revision 2 with no outbox row', async () => {
    const { port, outbox, queuedCalls } = await setup();
    const record = await port.create();
    const queued = await port.submit(record, { ...record.data, description: 'final words' });
    expect(queued.status).toBe('queued');
    expect((await port.get(record.id))?.data.description).toBe('final words');
    expect(await outbox.get(record.id)).toMatchObject({ reportId: record.id, revision: 1 });
    expect(queuedCalls()).toBe(1);

    const corrected = await port.correct(queued);
    expect(corrected).toMatchObject({ id: record.id, status: 'draft', revision: 2 });
    expect((await port.get(record.id))?.data.description).toBe('final words');
    expect(await outbox.get(record.id)).toBeUndefined();
  });

  it('keeps the last saved version in storage and tells the worker in plain words when a save hits the quota', async () => {
    const { port, quota, db } = await setup();
    const record = await port.create();
    let base = record;
    const states: SaveState[] = [];
    const saver = createAutosaver({
      save: async (data: typeof record.data) => {
        const next = { ...base, data, updatedAt: base.updatedAt + 1 };
        await port.save(next);
        base = next;
      },
      onState: (s) => states.push(s),
      delayMs: 0,
    });
    saver.change({ ...record.data, description: 'first version' });
    await saver.flush();
    quota.on = true;
    saver.change({ ...record.data, description: `second version ${PLAINTEXT_MARKER}` });
    await saver.flush();

    const last = states.at(-1);
    expect(last?.kind).toBe('error');
    expect(last?.kind === 'error' && messageFor(last.error)).toBe(ERROR_MESSAGES['quota-exceeded']);
    expect((await port.get(record.id))?.data.description).toBe('first version');
    expect(rawText(await readRawDatabase(db.name))).not.toContain(PLAINTEXT_MARKER);

    quota.on = false;
    await saver.flush();
    expect((await port.get(record.id))?.data.description).toBe(`second version ${PLAINTEXT_MARKER}`);
  });

  it('deletes a report', async () => {
    const { port } = await setup();
    const record = await port.create();
    await port.remove(record.id);
    expect(await port.get(record.id)).toBeUndefined();
    expect((await port.list()).records).toEqual([]);
  });
});

describe('failureMessages', () => {
  it.each([
    [undefined, []],
    [{ lastError: null, issues: [] }, []],
    [{ lastError: 'unreachable' }, [ERROR_MESSAGES.unreachable]],
    [{ lastError: 'http-418' }, ['http-418']],
    [{ issues: [{ path: 'report.unknownField', message: 'Not allowed' }] }, ['Not allowed']],
    [
      { issues: [{ path: 'report.description', message: 'Enter a description of the incident' }] },
      ['Description of incident: Enter a description of the incident'],
    ],
    [
      {
        issues: [{ path: '', message: 'The server already holds a different version of this report.' }],
        lastError: 'conflict',
      },
      ['The server already holds a different version of this report.'],
    ],
  ])('%j reads as %j', (failure, expected) => {
    expect(failureMessages(failure)).toEqual(expected);
  });
});
