// Group commit of sealed reports for real: the SQLite store on a database file behind a running server, envelopes
// sealed by the real HPKE. Saves that arrive together share one transaction; each is answered only once it has
// committed; a group whose transaction fails keeps nothing (its alerts included) and every request in it gets 503.
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../server/auth.ts';
import { createGroupCommitter, GROUP_COMMIT_MAX_SAVES } from '../../../server/group-commit.ts';
import { openSqliteStore } from '../../../server/storage/sqlite.ts';
import type { SealedReportStore, SealedSave } from '../../../server/storage/types.ts';
import { canonicalJson, ErrorBodySchema, ReceiptSchema } from '../../../src/domain/protocol.ts';
import { SEALED_PATHS, type SealedSubmission, sealedContent } from '../../../src/domain/sealed-protocol.ts';
import { dbFilesPerTest, postSealed, type SealedServer, sealedServersPerTest, sealedSubmission } from '../fixtures.ts';

const start = sealedServersPerTest();
const dbFile = dbFilesPerTest();
const RECEIVED_AT = '2026-11-30T10:00:00.000Z';

const saveOf = (server: SealedServer, s: SealedSubmission, receivedAt = RECEIVED_AT): SealedSave => ({
  report: { ...s, deviceId: server.deviceId, bodyHash: sha256Hex(canonicalJson(sealedContent(s))) },
  receivedAt,
});

/** The store behind the server, counting its group commits. */
const countingStore = (server: SealedServer) => {
  const store = server.app.sealedReports;
  const groups: number[] = [];
  const counted: Pick<SealedReportStore, 'saveSealedMany'> = {
    saveSealedMany: (saves, channels) => {
      groups.push(saves.length);
      return store.saveSealedMany(saves, channels);
    },
  };
  return { counted, groups };
};

/** A trigger (made through a second connection) that makes any transaction inserting report `id` fail. */
const poison = (dbPath: string, id: string) => {
  const other = new Database(dbPath);
  other.exec(
    `CREATE TRIGGER poison BEFORE INSERT ON reports WHEN NEW.id = '${id}' BEGIN SELECT RAISE(ABORT, 'no'); END`,
  );
  return () => {
    other.exec('DROP TRIGGER poison');
    other.close();
  };
};

const postBatch = (server: SealedServer, bodies: unknown[]) =>
  fetch(`${server.url}${SEALED_PATHS.reportsBatch}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.deviceToken}` },
    body: JSON.stringify({ reports: bodies }),
  });

describe('group commit of sealed reports', () => {
  it('commits the saves that arrive together in one transaction, each with its own outcome and alert', async () => {
    const server = await start({ dbPath: dbFile() });
    const { counted, groups } = countingStore(server);
    const committer = createGroupCommitter(counted, ['webhook']);
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => sealedSubmission(server.org)));
    const answers = await Promise.all([a, b, c].map((s) => committer.save([saveOf(server, s as SealedSubmission)])));
    expect(groups).toEqual([3]);
    expect(answers).toEqual([1, 2, 3].map(() => [{ kind: 'created', receivedAt: RECEIVED_AT }]));
    expect(await server.app.sealedReports.sealedCount()).toBe(3);
    expect((await server.app.alertStore.alerts()).map((alert) => alert.reportId).sort()).toEqual(
      [a, b, c].map((s) => s?.id).sort(),
    );
    // One commit scheduled for the three, not one each: no empty transaction follows in the next turn.
    await new Promise((resolve) => setImmediate(resolve));
    expect(groups).toEqual([3]);
  });

  it('answers a replay in the same group with the same receipt, and other bytes with a conflict', async () => {
    const server = await start({ dbPath: dbFile() });
    const { counted, groups } = countingStore(server);
    const committer = createGroupCommitter(counted, ['webhook']);
    const s = await sealedSubmission(server.org, { words: 'first' });
    const other = await sealedSubmission(server.org, { id: s.id, words: 'other' });
    const answers = await Promise.all([
      committer.save([saveOf(server, s)]),
      committer.save([saveOf(server, s, '2026-11-30T10:00:01.000Z')]),
      committer.save([saveOf(server, other)]),
    ]);
    expect(groups).toEqual([3]);
    expect(answers).toEqual([
      [{ kind: 'created', receivedAt: RECEIVED_AT }],
      [{ kind: 'replayed', receivedAt: RECEIVED_AT }],
      [{ kind: 'conflict' }],
    ]);
    // One row and one alert: a replay queues none.
    expect(await server.app.sealedReports.sealedCount()).toBe(1);
    expect(await server.app.alertStore.alerts()).toHaveLength(1);
  });

  it('keeps nothing of a group whose transaction fails, rejects every save in it, and commits the next group', async () => {
    const dbPath = dbFile();
    const server = await start({ dbPath });
    const committer = createGroupCommitter(server.app.sealedReports, ['webhook']);
    const [good, bad, later] = await Promise.all([1, 2, 3].map(() => sealedSubmission(server.org)));
    const cure = poison(dbPath, (bad as SealedSubmission).id);
    const group = [good, bad].map((s) => committer.save([saveOf(server, s as SealedSubmission)]));
    for (const answer of await Promise.allSettled(group)) {
      expect(answer).toMatchObject({ status: 'rejected', reason: { code: 'storage-unavailable' } });
    }
    // Rolled back: the good report of the failed group and its alert are not there either.
    expect(await server.app.sealedReports.sealedCount()).toBe(0);
    expect(await server.app.alertStore.alerts()).toEqual([]);
    cure();
    expect(await committer.save([saveOf(server, later as SealedSubmission)])).toEqual([
      { kind: 'created', receivedAt: RECEIVED_AT },
    ]);
    expect(await server.app.sealedReports.sealedCount()).toBe(1);
  });

  it('answers 503 for every report of a batch whose commit fails, stores none of them, and 201 once it can', async () => {
    const dbPath = dbFile();
    const server = await start({ dbPath });
    const [good, bad] = await Promise.all([1, 2].map(() => sealedSubmission(server.org)));
    const cure = poison(dbPath, (bad as SealedSubmission).id);
    const refused = await postBatch(server, [good, bad]);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(ErrorBodySchema.parse(await refused.json()).error.code).toBe('storage-unavailable');
    expect(await server.app.sealedReports.sealedCount()).toBe(0);
    cure();
    const accepted = await postBatch(server, [good, bad]);
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as { results: { status: number }[] }).results.map((r) => r.status)).toEqual([
      201, 201,
    ]);
  });

  it(`splits whole requests into transactions of at most ${GROUP_COMMIT_MAX_SAVES} saves, and never splits a request`, async () => {
    const server = await start({ dbPath: dbFile() });
    const { counted, groups } = countingStore(server);
    const committer = createGroupCommitter(counted);
    const sealed = await sealedSubmission(server.org);
    // Copies under new ids: the store checks the key id and the hash, not the seal, so one envelope serves them all.
    const request = (size: number) =>
      Array.from({ length: size }, () => saveOf(server, { ...sealed, id: randomUUID() }));
    const created = (answers: unknown[][]) =>
      answers.every((a) => a.every((o) => (o as { kind: string }).kind === 'created'));

    // Exactly the limit goes together; one more request starts the next transaction.
    const exactly = await Promise.all(
      [...Array.from({ length: 10 }, () => request(50)), request(1)].map(committer.save),
    );
    expect(groups).toEqual([500, 1]);
    expect(exactly.map((a) => a.length)).toEqual([...Array.from({ length: 10 }, () => 50), 1]);
    expect(created(exactly)).toBe(true);

    // A request larger than the limit goes whole, and alone; the ones after it wait for the next group.
    groups.length = 0;
    const large = await Promise.all([request(600), request(2), request(3)].map(committer.save));
    expect(groups).toEqual([600, 5]);
    expect(large.map((a) => a.length)).toEqual([600, 2, 3]);
    expect(created(large)).toBe(true);
    expect(await server.app.sealedReports.sealedCount()).toBe(1_106);
    // No alert channel given: none queued.
    expect(await server.app.alertStore.alerts()).toEqual([]);
  });

  it('answers an empty save at once, without a transaction', async () => {
    const server = await start({ dbPath: dbFile() });
    const { counted, groups } = countingStore(server);
    const committer = createGroupCommitter(counted);
    expect(await committer.save([])).toEqual([]);
    const s = await sealedSubmission(server.org);
    const [none, one] = await Promise.all([committer.save([]), committer.save([saveOf(server, s)])]);
    expect(none).toEqual([]);
    expect(one).toEqual([{ kind: 'created', receivedAt: RECEIVED_AT }]);
    expect(groups).toEqual([1]);
  });

  it('loses nothing it acknowledged: every receipt given to concurrent singles and batches is in the file after close', async () => {
    const dbPath = dbFile();
    const server = await start({ dbPath });
    const singles = await Promise.all(Array.from({ length: 40 }, () => sealedSubmission(server.org)));
    const batches = await Promise.all(
      Array.from({ length: 4 }, () => Promise.all(Array.from({ length: 10 }, () => sealedSubmission(server.org)))),
    );
    const acknowledged = new Map<string, string>();
    await Promise.all([
      ...singles.map(async (s) => {
        const response = await postSealed(server, s);
        expect(response.status).toBe(201);
        const receipt = ReceiptSchema.parse(await response.json());
        acknowledged.set(receipt.id, receipt.receivedAt);
      }),
      ...batches.map(async (batch) => {
        const response = await postBatch(server, batch);
        expect(response.status).toBe(200);
        for (const result of ((await response.json()) as { results: { receipt: unknown }[] }).results) {
          const receipt = ReceiptSchema.parse(result.receipt);
          acknowledged.set(receipt.id, receipt.receivedAt);
        }
      }),
    ]);
    expect(acknowledged.size).toBe(80);
    await server.close();

    const reopened = openSqliteStore({ path: dbPath });
    try {
      expect(await reopened.sealedCount()).toBe(80);
      for (const [id, receivedAt] of acknowledged) {
        const stored = await reopened.openSealed(id, { officerId: 'test', at: RECEIVED_AT });
        expect(stored?.revisions[0]?.receivedAt).toBe(receivedAt);
      }
    } finally {
      await reopened.close();
    }
  });
});
