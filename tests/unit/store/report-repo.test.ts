import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { SafeVisitDb } from '../../../src/store/db.ts';
import { createReportRepo } from '../../../src/store/report-repo.ts';
import type { Vault } from '../../../src/vault/vault.ts';
import {
  buildReport,
  caught,
  closeAfterTest,
  createdVault,
  failWrites,
  openTestDb,
  openTestVault,
  PLAINTEXT_MARKER,
  rawText,
  readRawDatabase,
  STRONG_PASSPHRASE,
  TestReportSchema,
} from '../fixtures.ts';

const setup = async () => {
  const { db, vault } = await createdVault();
  closeAfterTest(db, vault);
  const now = 1_700_000_000_000;
  const repo = createReportRepo(db, vault, { schema: TestReportSchema, schemaVersion: 1, now: () => now });
  return { db, vault, repo, now };
};

describe('report repository', () => {
  it('round-trips a record and keeps only id, status, dates and revision in clear, beside their sealed control', async () => {
    const { db, repo } = await setup();
    const record = buildReport({ id: 'r1' });
    await repo.put(record);
    expect(await repo.get('r1')).toEqual(record);
    const row = await db.reports.get('r1');
    expect(Object.keys(row ?? {}).sort()).toEqual(
      [
        'ciphertext',
        'control',
        'createdAt',
        'id',
        'iv',
        'kid',
        'revision',
        'schemaVersion',
        'status',
        'updatedAt',
        'v',
      ].sort(),
    );
    expect(row?.ciphertext).toBeInstanceOf(Uint8Array);
  });

  it('stores no plaintext anywhere in the raw database', async () => {
    const { db, repo } = await setup();
    await repo.put(buildReport({ id: 'r1' }));
    await repo.put(buildReport({ id: 'r2', status: 'queued' }));
    const raw = await readRawDatabase(db.name);
    expect(Object.keys(raw).sort()).toEqual([
      'guidance',
      'meta',
      'outbox',
      'receipts',
      'reports',
      'secrets',
      'settings',
    ]);
    expect(raw.reports).toHaveLength(2);
    expect(rawText(raw)).not.toContain(PLAINTEXT_MARKER);
    expect(rawText(raw)).not.toContain('own words');
  });

  it('lists decrypted records newest first; lists clear metadata while locked', async () => {
    const { vault, repo } = await setup();
    await repo.put(buildReport({ id: 'old', updatedAt: 1 }));
    await repo.put(buildReport({ id: 'new', updatedAt: 3 }));
    await repo.put(buildReport({ id: 'mid', updatedAt: 2 }));
    const { records, damaged } = await repo.list();
    expect(records.map((r) => r.id)).toEqual(['new', 'mid', 'old']);
    expect(damaged).toEqual([]);

    vault.lock();
    expect((await repo.listMeta()).map((m) => [m.id, m.status])).toEqual([
      ['new', 'draft'],
      ['mid', 'draft'],
      ['old', 'draft'],
    ]);
  });

  it('lists in chunks, the newest first, ending with every record and reporting a damaged one in its chunk', async () => {
    const { db, repo } = await setup();
    for (let i = 1; i <= 7; i++) await repo.put(buildReport({ id: `r${i}`, updatedAt: i }));
    // r4 sits in the middle of the second chunk: its ciphertext no longer matches.
    const r4 = await db.reports.get('r4');
    const r5 = await db.reports.get('r5');
    if (!r4 || !r5) throw new Error('rows missing');
    await db.reports.put({ ...r4, iv: r5.iv, ciphertext: r5.ciphertext });

    const chunks = [];
    for await (const chunk of repo.listChunks({ first: 2, chunk: 3 })) chunks.push(chunk);
    expect(chunks.map((c) => c.records.map((r) => r.id))).toEqual([
      ['r7', 'r6'],
      ['r5', 'r3'],
      ['r2', 'r1'],
    ]);
    expect(chunks.map((c) => c.damaged.map((m) => m.id))).toEqual([[], ['r4'], []]);
    expect(chunks.every((c) => c.total === 7)).toBe(true);
    const all = await repo.list();
    expect(chunks.flatMap((c) => c.records)).toEqual(all.records);
  });

  it('lists in chunks without a report deleted after the order was taken, and yields nothing when there are none', async () => {
    const { repo } = await setup();
    for await (const _ of repo.listChunks({ first: 2, chunk: 2 })) throw new Error('an empty list yielded');
    for (let i = 1; i <= 4; i++) await repo.put(buildReport({ id: `r${i}`, updatedAt: i }));
    const seen: string[] = [];
    for await (const chunk of repo.listChunks({ first: 1, chunk: 2 })) {
      seen.push(...chunk.records.map((r) => r.id));
      if (seen.length === 1) await repo.delete('r2');
    }
    expect(seen).toEqual(['r4', 'r3', 'r1']);
  });

  it('refuses every read and write of report bodies while locked', async () => {
    const { vault, repo } = await setup();
    await repo.put(buildReport({ id: 'r1' }));
    vault.lock();
    expect((await caught(repo.get('r1'))).code).toBe('locked');
    expect((await caught(repo.list())).code).toBe('locked');
    expect((await caught(repo.listChunks({ first: 1, chunk: 1 }).next())).code).toBe('locked');
    expect((await caught(repo.put(buildReport({ id: 'r2' })))).code).toBe('locked');
  });

  it('refuses a ciphertext swapped between two record ids', async () => {
    const { db, repo } = await setup();
    await repo.put(buildReport({ id: 'a' }));
    await repo.put(buildReport({ id: 'b', data: { childName: 'Other child' } }));
    const a = await db.reports.get('a');
    const b = await db.reports.get('b');
    if (!a || !b) throw new Error('rows missing');
    await db.reports.put({ ...a, iv: b.iv, ciphertext: b.ciphertext });
    expect((await caught(repo.get('a'))).code).toBe('tampered');
    const { records, damaged } = await repo.list();
    expect(records.map((r) => r.id)).toEqual(['b']);
    expect(damaged.map((m) => m.id)).toEqual(['a']);
  });

  it('refuses a changed ciphertext byte or a relabelled schema version', async () => {
    const { db, repo } = await setup();
    await repo.put(buildReport({ id: 'r1' }));
    const row = await db.reports.get('r1');
    if (!row) throw new Error('row missing');
    const changed = new Uint8Array(row.ciphertext);
    changed[5] = (changed[5] ?? 0) ^ 0x80;
    await db.reports.put({ ...row, ciphertext: changed });
    expect((await caught(repo.get('r1'))).code).toBe('tampered');
    await db.reports.put({ ...row, schemaVersion: 2 });
    expect((await caught(repo.get('r1'))).code).toBe('tampered');
  });

  it('validates the body before encrypting and writes nothing when it is invalid', async () => {
    const { db, repo } = await setup();
    const bad = { ...buildReport({ id: 'r1' }), data: { childName: 3 } } as unknown as Parameters<typeof repo.put>[0];
    expect((await caught(repo.put(bad))).code).toBe('invalid');
    expect((await caught(repo.put({ ...buildReport(), id: '' }))).code).toBe('invalid');
    expect(await db.reports.count()).toBe(0);
  });

  it('queues a report and writes its outbox row together; a draft again leaves the outbox', async () => {
    const { db, repo, now } = await setup();
    await repo.put(buildReport({ id: 'r1', revision: 4 }));
    expect(await db.outbox.count()).toBe(0);
    await repo.queue('r1');
    expect((await db.reports.get('r1'))?.status).toBe('queued');
    expect(await db.outbox.get('r1')).toEqual({
      reportId: 'r1',
      revision: 4,
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      control: expect.objectContaining({ iv: expect.any(Uint8Array) }),
    });
    await repo.setStatus('r1', 'sending');
    expect(await db.outbox.count()).toBe(1);
    await repo.setStatus('r1', 'draft');
    expect(await db.outbox.count()).toBe(0);
    await repo.setStatus('r1', 'queued');
    expect(await db.outbox.count()).toBe(1);
  });

  it('shows sync issues in the clear metadata, and an edit of the report clears them', async () => {
    const { db, repo } = await setup();
    const record = buildReport({ id: 'r1', status: 'queued' });
    await repo.put(record);
    const syncIssues = [{ path: 'report.description', message: 'Required' }];
    await db.reports.update('r1', { status: 'failed', syncIssues });
    expect((await repo.listMeta())[0]).toMatchObject({ status: 'failed', syncIssues });
    await repo.put({ ...record, status: 'draft', revision: 2 });
    expect((await repo.listMeta())[0]?.syncIssues).toBeUndefined();
  });

  it('writes the outbox row when a record is put with status queued', async () => {
    const { db, repo } = await setup();
    await repo.put(buildReport({ id: 'r1', status: 'queued', revision: 2 }));
    expect((await db.outbox.get('r1'))?.revision).toBe(2);
  });

  it('refuses to queue a missing report and leaves no outbox row', async () => {
    const { db, repo } = await setup();
    expect((await caught(repo.queue('nope'))).code).toBe('not-found');
    expect((await caught(repo.setStatus('nope', 'failed'))).code).toBe('not-found');
    expect(await db.outbox.count()).toBe(0);
  });

  it('deletes a report and its outbox row together', async () => {
    const { db, repo } = await setup();
    await repo.put(buildReport({ id: 'r1', status: 'queued' }));
    await repo.delete('r1');
    expect(await db.reports.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('reads a body written under an older schema version through the upgrade function', async () => {
    const { db, vault } = await setup();
    const v1 = createReportRepo(db, vault, {
      schema: TestReportSchema.omit({ incidentTypes: true }),
      schemaVersion: 1,
    });
    await v1.put({ ...buildReport({ id: 'r1' }), data: { childName: 'A', description: 'B' } });
    const v2 = createReportRepo(db, vault, {
      schema: TestReportSchema,
      schemaVersion: 2,
      upgrade: (data, from) => (from === 1 ? { ...(data as object), incidentTypes: [] } : data),
    });
    expect((await v2.get('r1'))?.data).toEqual({ childName: 'A', description: 'B', incidentTypes: [] });
  });
});

describe('report repository under storage failure', () => {
  const setupFailing = async (table: string) => {
    const db: SafeVisitDb = openTestDb();
    const control = failWrites(db, table);
    const vault: Vault = await openTestVault(db);
    await vault.create(STRONG_PASSPHRASE);
    closeAfterTest(db, vault);
    return { db, vault, control, repo: createReportRepo(db, vault, { schema: TestReportSchema, schemaVersion: 1 }) };
  };

  it('maps a full disk to quota-exceeded and keeps the previous version', async () => {
    const { repo, control } = await setupFailing('reports');
    const first = buildReport({ id: 'r1', revision: 1, data: { description: 'first version' } });
    await repo.put(first);
    control.on = true;
    const error = await caught(repo.put({ ...first, revision: 2, data: { ...first.data, description: 'second' } }));
    expect(error.code).toBe('quota-exceeded');
    control.on = false;
    expect(await repo.get('r1')).toEqual(first);
  });

  it('rolls back the report write when the outbox write in the same transaction fails', async () => {
    const { db, repo, control } = await setupFailing('outbox');
    const draft = buildReport({ id: 'r1', revision: 1, data: { description: 'draft text' } });
    await repo.put(draft);
    control.on = true;
    const error = await caught(
      repo.put({ ...draft, status: 'queued', revision: 2, data: { ...draft.data, description: 'final text' } }),
    );
    expect(error.code).toBe('quota-exceeded');
    control.on = false;
    // The report never became queued without its outbox row: the old draft is intact.
    expect(await repo.get('r1')).toEqual(draft);
    expect(await db.outbox.count()).toBe(0);

    control.on = true;
    expect((await caught(repo.queue('r1'))).code).toBe('quota-exceeded');
    control.on = false;
    expect((await db.reports.get('r1'))?.status).toBe('draft');
  });
});
