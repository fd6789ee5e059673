import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { AppError, ErrorCode } from '../../../src/domain/errors.ts';
import type { ReportRow, SafeVisitDb } from '../../../src/store/db.ts';
import { createReportRepo } from '../../../src/store/report-repo.ts';
import { REVISION_INDEX_KEYS } from '../../../src/store/revision-index.ts';
import { createSettingsRepo } from '../../../src/store/settings-repo.ts';
import { createVaultStorage } from '../../../src/store/vault-storage.ts';
import {
  boundRecordAad,
  createDataKey,
  decrypt,
  deriveWrappingKey,
  type Envelope,
  encrypt,
  KDF_DEFAULTS,
  randomBytes,
  recordAad,
  SALT_BYTES,
  unwrapDataKey,
  utf8,
} from '../../../src/vault/crypto.ts';
import { encodeBase64Url } from '../../../src/vault/encoding.ts';
import { Vault, type VaultHeader } from '../../../src/vault/vault.ts';
import {
  buildReport,
  closeAfterTest,
  createdVault,
  expectAppError,
  OTHER_STRONG_PASSPHRASE,
  openTestDb,
  openTestVault,
  STRONG_PASSPHRASE,
  TEST_KDF_ITERATIONS,
  TestReportSchema,
} from '../fixtures.ts';

const ORG = {
  orgName: 'Northside Family Service',
  orgAddress: '1 High Street',
  coordinatorName: 'Jo Example',
  orgContact: '020 7946 0000',
};

const caught = (promise: Promise<unknown>, code: ErrorCode) => expectAppError(promise, code) as Promise<AppError>;

const reposOf = (db: SafeVisitDb, vault: Vault) => ({
  reports: createReportRepo(db, vault, {
    schema: TestReportSchema,
    schemaVersion: 1,
    summarise: (data) => ({ incidentTypes: data.incidentTypes }),
  }),
  settings: createSettingsRepo(db, vault),
});

/** Reports (some queued, so with outbox rows), a receipt and a secret: every kind of encrypted record. */
const fill = async (db: SafeVisitDb, vault: Vault, count: number) => {
  const { reports, settings } = reposOf(db, vault);
  const records = Array.from({ length: count }, (_, i) =>
    buildReport({ id: `r${String(i).padStart(3, '0')}`, status: i % 3 === 0 ? 'queued' : 'draft' }),
  );
  for (const record of records) await reports.put(record);
  const sent = await db.reports.get('r001');
  await db.receipts.put({ id: 'r001', revision: 1, receivedAt: '2026-01-05T09:00:00.000Z', summary: sent?.summary });
  await settings.setSecret('orgDefaults', ORG);
  return records;
};

/** The data key id of every envelope in the database. */
const keyIdsIn = async (db: SafeVisitDb): Promise<Set<number | undefined>> => {
  const ids = new Set<number | undefined>();
  const add = (envelope: Pick<Envelope, 'kid'> | undefined) => envelope && ids.add(envelope.kid);
  for (const row of await db.reports.toArray()) [row, row.control, row.summary].forEach(add);
  for (const row of await db.outbox.toArray()) add(row.control);
  for (const row of await db.receipts.toArray()) add(row.summary);
  for (const envelope of await db.secrets.toArray()) add(envelope);
  return ids;
};

/** The data key ids of the revision index's records (its snapshot and log). */
const indexKeyIds = async (db: SafeVisitDb): Promise<Set<number | undefined>> =>
  new Set(
    (await db.secrets.where(':id').between(REVISION_INDEX_KEYS.from, REVISION_INDEX_KEYS.to, true, true).toArray()).map(
      (envelope) => envelope.kid,
    ),
  );

/** Every record opens and every sealed control still vouches for its row. */
const expectAllOpen = async (db: SafeVisitDb, vault: Vault, records: ReturnType<typeof buildReport>[]) => {
  const { reports, settings } = reposOf(db, vault);
  const { records: opened, damaged } = await reports.list();
  expect(damaged).toEqual([]);
  expect(opened.map((r) => r.data).sort((a, b) => a.childName.localeCompare(b.childName))).toEqual(
    records.map((r) => r.data).sort((a, b) => a.childName.localeCompare(b.childName)),
  );
  expect(await reports.control.scan()).toBe(0);
  expect((await reports.listReceipts()).map((r) => r.incidentTypes)).toEqual([['bullying']]);
  expect(await settings.getSecret('orgDefaults')).toEqual(ORG);
};

/** The vault's storage, with the re-key pass in batches of 3 that "closes the app" after `batches` of them. */
const closingAfter = (db: SafeVisitDb, batches: number) => {
  const storage = createVaultStorage(db);
  let done = 0;
  return {
    ...storage,
    reencryptAll: (crypto: Parameters<typeof storage.reencryptAll>[0], options: { afterBatch?: () => void }) =>
      storage.reencryptAll(crypto, {
        ...(options as Parameters<typeof storage.reencryptAll>[1]),
        batchSize: 3,
        afterBatch: () => {
          options.afterBatch?.();
          if (++done >= batches) throw new Error('app closed');
        },
      }),
  };
};

describe('Re-keying on a passphrase change', () => {
  it('re-encrypts every record under a new data key and deletes the old one from the header', async () => {
    const { db, vault } = await createdVault();
    closeAfterTest(db, vault);
    const records = await fill(db, vault, 7);
    expect(await keyIdsIn(db)).toEqual(new Set([0]));

    await vault.changePassphrase(STRONG_PASSPHRASE, OTHER_STRONG_PASSPHRASE);
    const header = await db.meta.get('vault');
    expect(header).toMatchObject({ keyId: 1 });
    expect(header?.retiring).toBeUndefined();
    expect(await keyIdsIn(db)).toEqual(new Set([1]));
    await expectAllOpen(db, vault, records);
  });

  it('an old copy of the header with the old passphrase opens nothing written since, nor anything re-encrypted', async () => {
    const { db, vault } = await createdVault();
    closeAfterTest(db, vault);
    await fill(db, vault, 2);
    const oldHeader = (await db.meta.get('vault')) as VaultHeader;
    await vault.changePassphrase(STRONG_PASSPHRASE, OTHER_STRONG_PASSPHRASE);
    const { reports } = reposOf(db, vault);
    await reports.put(buildReport({ id: 'written-after' }));

    // The attacker's way in: the old header, the old passphrase, and the stored rows.
    const oldKey = await unwrapDataKey(
      await deriveWrappingKey(STRONG_PASSPHRASE, oldHeader.salt, oldHeader.kdf),
      oldHeader.wrappedKey,
    );
    const tryOpen = (row: ReportRow) =>
      caught(
        decrypt(
          oldKey,
          { v: row.v, iv: row.iv, ct: row.ciphertext },
          boundRecordAad(row.kid ?? 0, { table: 'reports', id: row.id, schemaVersion: 1, revision: row.revision }),
        ),
        'tampered',
      );
    const rows = await db.reports.toArray();
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.kid).toBe(1);
      await tryOpen(row);
    }
    // And the old header put back in place does not open the vault for the old passphrase either way round.
    vault.lock();
    await db.meta.put(oldHeader, 'vault');
    await vault.unlock(STRONG_PASSPHRASE);
    await caught(reports.get('written-after'), 'tampered');
  });

  it('finishes at the next unlock with the new passphrase when the app was closed midway, nothing lost', async () => {
    const db = openTestDb();
    const first = await Vault.open(closingAfter(db, 2), { testOnlyKdfIterations: TEST_KDF_ITERATIONS, channel: null });
    closeAfterTest(db, first);
    await first.create(STRONG_PASSPHRASE);
    const records = await fill(db, first, 10);

    await expect(first.changePassphrase(STRONG_PASSPHRASE, OTHER_STRONG_PASSPHRASE)).rejects.toThrow('app closed');
    first.close();
    // Midway: both keys in the header (both wrapped under the new passphrase), records under each.
    const midway = await db.meta.get('vault');
    expect(midway).toMatchObject({ keyId: 1, retiring: [{ keyId: 0 }] });
    expect(await keyIdsIn(db)).toEqual(new Set([0, 1]));

    const next = await openTestVault(db);
    closeAfterTest(db, next);
    await caught(next.unlock(STRONG_PASSPHRASE), 'wrong-passphrase');
    await next.unlock(OTHER_STRONG_PASSPHRASE);
    // Readable at once (both keys held), and re-encrypted in the background.
    expect((await reposOf(db, next).reports.get('r004'))?.data).toEqual(records[4]?.data);
    await next.whenRekeyed();
    expect((await db.meta.get('vault'))?.retiring).toBeUndefined();
    expect(await keyIdsIn(db)).toEqual(new Set([1]));
    await expectAllOpen(db, next, records);
  });

  it('keeps a save made while the pass runs, and leaves a record no key opens as damaged as it was', async () => {
    const db = openTestDb();
    const storage = createVaultStorage(db);
    let saving: Promise<void> | null = null;
    const edited = buildReport({ id: 'r003', revision: 2, data: { description: 'Edited during the change.' } });
    const vault = await Vault.open(
      {
        ...storage,
        // After the first batch (rows r000-r001 done), the worker saves r003: a row the pass has not reached yet.
        reencryptAll: (crypto, options) =>
          storage.reencryptAll(crypto, {
            ...options,
            batchSize: 2,
            afterBatch: () => {
              options.afterBatch?.();
              saving ??= reposOf(db, vault).reports.put(edited);
            },
          }),
      },
      { testOnlyKdfIterations: TEST_KDF_ITERATIONS, channel: null },
    );
    closeAfterTest(db, vault);
    await vault.create(STRONG_PASSPHRASE);
    const records = await fill(db, vault, 5);
    const broken = (await db.reports.get('r002')) as ReportRow;
    await db.reports.put({ ...broken, ciphertext: broken.ciphertext.map((b, i) => (i === 0 ? b ^ 1 : b)) as never });

    await vault.changePassphrase(STRONG_PASSPHRASE, OTHER_STRONG_PASSPHRASE);
    await saving;
    expect(saving).not.toBeNull();
    const { reports } = reposOf(db, vault);
    expect((await db.meta.get('vault'))?.retiring).toBeUndefined();
    expect((await reports.get('r003'))?.data.description).toBe('Edited during the change.');
    const { records: opened, damaged } = await reports.list();
    expect(damaged.map((d) => d.id)).toEqual(['r002']);
    expect(opened).toHaveLength(records.length - 1);
    expect((await db.reports.get('r002'))?.kid).toBe(0);
  });
});

describe('The revision in the additional data', () => {
  it('refuses an older body of the same report put back under its current revision', async () => {
    const { db, vault } = await createdVault();
    closeAfterTest(db, vault);
    const { reports } = reposOf(db, vault);
    await reports.put(buildReport({ id: 'r1', revision: 1, data: { description: 'First words.' } }));
    const older = (await db.reports.get('r1')) as ReportRow;
    await reports.put(buildReport({ id: 'r1', revision: 2, data: { description: 'Corrected words.' } }));
    const current = (await db.reports.get('r1')) as ReportRow;

    await db.reports.put({ ...current, iv: older.iv, ciphertext: older.ciphertext, kid: older.kid as number });
    await caught(reports.get('r1'), 'tampered');
    expect((await reports.list()).damaged.map((d) => d.id)).toEqual(['r1']);

    // The whole older row (its clear revision and sealed control with it) is consistent in itself; the sealed revision
    // index says revision 2 is the latest (store/revision-index.ts).
    await db.reports.put(older);
    await caught(reports.get('r1'), 'rolled-back');
  });
});

/** A vault as the version before key ids left it: header version 1 (no keyId), records in envelope version 1. */
const legacyVault = async (db: SafeVisitDb) => {
  const salt = randomBytes(SALT_BYTES);
  const kdf = { ...KDF_DEFAULTS, iterations: TEST_KDF_ITERATIONS };
  const { key, wrappedKey } = await createDataKey(await deriveWrappingKey(STRONG_PASSPHRASE, salt, kdf));
  const v1 = async (table: string, id: string, value: unknown): Promise<Envelope> => {
    const { iv, ct } = await encrypt(key, utf8(JSON.stringify(value)), recordAad(table, id, 1));
    return { v: 1, iv, ct };
  };
  await db.meta.put(
    { kdf, salt, wrap: 'AES-KW', wrappedKey, failedAttempts: 0, lastFailedAt: null, schemaVersion: 1, createdAt: 1 },
    'vault',
  );
  const records = [buildReport({ id: 'old-1' }), buildReport({ id: 'old-2', status: 'queued' })];
  for (const record of records) {
    const body = await v1('reports', record.id, record.data);
    const control = { status: record.status, revision: 1, receipt: null, body: encodeBase64Url(body.iv) };
    await db.reports.put({
      id: record.id,
      status: record.status,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      revision: 1,
      schemaVersion: 1,
      v: 1,
      iv: body.iv,
      ciphertext: body.ct,
      control: await v1('reports-control', record.id, control),
      summary: await v1('report-summary', record.id, { incidentTypes: record.data.incidentTypes }),
    });
  }
  await db.outbox.put({
    reportId: 'old-2',
    revision: 1,
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
    control: await v1('outbox-control', 'old-2', { revision: 1 }),
  });
  await db.secrets.put(await v1('secrets', 'orgDefaults', ORG), 'orgDefaults');
  await db.receipts.put({
    id: 'old-1',
    revision: 1,
    receivedAt: '2026-01-05T09:00:00.000Z',
    summary: await v1('report-summary', 'old-1', { incidentTypes: ['bullying'] }),
  });
  return records;
};

describe('Records written before key ids and the revision binding', () => {
  it('still open, and are all re-encrypted under a new key at the next unlock; a version 1 copy put back then fails', async () => {
    const db = openTestDb();
    const records = await legacyVault(db);
    const oldCopy = (await db.reports.get('old-1')) as ReportRow;
    const vault = await openTestVault(db);
    closeAfterTest(db, vault);
    await vault.unlock(STRONG_PASSPHRASE);
    await vault.whenRekeyed();

    expect(await db.meta.get('vault')).toMatchObject({ keyId: 1, schemaVersion: 2 });
    expect((await db.meta.get('vault'))?.retiring).toBeUndefined();
    expect(await keyIdsIn(db)).toEqual(new Set([1]));
    await expectAllOpen(db, vault, records);
    const outbox = await db.outbox.get('old-2');
    expect(outbox && (await reposOf(db, vault).reports.control.openOutbox(outbox))).toEqual({ revision: 1 });

    // Key 0 is gone: the version 1 envelope (no revision bound) cannot be put back.
    await db.reports.put(oldCopy);
    expect((await caught(reposOf(db, vault).reports.get('old-1'), 'tampered')).detail).toMatchObject({
      reason: 'key-retired',
    });
  });

  it('open before the pass has run (a locked vault reads them with key 0)', async () => {
    const db = openTestDb();
    const records = await legacyVault(db);
    const storage = closingAfter(db, 1);
    const vault = await Vault.open(
      { ...storage, reencryptAll: () => Promise.reject(new Error('app closed')) },
      { testOnlyKdfIterations: TEST_KDF_ITERATIONS, channel: null },
    );
    closeAfterTest(db, vault);
    await vault.unlock(STRONG_PASSPHRASE);
    await expect(vault.whenRekeyed()).rejects.toThrow('app closed');
    expect(await db.meta.get('vault')).toMatchObject({ keyId: 1, retiring: [{ keyId: 0 }] });
    await expectAllOpen(db, vault, records);
  });
});

describe('The revision index through a re-key', () => {
  it('is re-encrypted with the records: every report still reads, and an older copy is still refused', async () => {
    const { db, vault } = await createdVault();
    closeAfterTest(db, vault);
    const records = await fill(db, vault, 4);
    const { reports } = reposOf(db, vault);
    await reports.put(buildReport({ ...records[1], revision: 2 }));
    const revision2 = (await db.reports.get('r001')) as ReportRow;
    await reports.put(buildReport({ ...records[1], revision: 3 }));

    await vault.changePassphrase(STRONG_PASSPHRASE, OTHER_STRONG_PASSPHRASE);
    expect(await indexKeyIds(db)).toEqual(new Set([1]));
    expect((await reports.get('r001'))?.revision).toBe(3);
    await db.reports.put(revision2);
    await caught(reports.get('r001'), 'rolled-back');
  });

  it('is right after a re-key the app was closed in and the next unlock finished', async () => {
    const db = openTestDb();
    const first = await Vault.open(closingAfter(db, 2), { testOnlyKdfIterations: TEST_KDF_ITERATIONS, channel: null });
    closeAfterTest(db, first);
    await first.create(STRONG_PASSPHRASE);
    const records = await fill(db, first, 10);
    await reposOf(db, first).reports.put(buildReport({ ...records[4], revision: 2 }));
    const revision2 = (await db.reports.get('r004')) as ReportRow;
    await expect(first.changePassphrase(STRONG_PASSPHRASE, OTHER_STRONG_PASSPHRASE)).rejects.toThrow('app closed');
    first.close();

    const next = await openTestVault(db);
    closeAfterTest(db, next);
    await next.unlock(OTHER_STRONG_PASSPHRASE);
    const { reports } = reposOf(db, next);
    // Midway, under either key: the index opens and lists revision 2.
    expect((await reports.get('r004'))?.revision).toBe(2);
    await reports.put(buildReport({ ...records[4], revision: 3 }));
    await next.whenRekeyed();
    expect(await indexKeyIds(db)).toEqual(new Set([1]));
    expect((await reports.list()).damaged).toEqual([]);
    await db.reports.put(revision2);
    await caught(reports.get('r004'), 'rolled-back');
  });
});
