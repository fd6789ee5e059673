// The storage contract, published guidance: the same tests on SQLite and on a real PostgreSQL. Every publication is
// kept and the newest served, each with its 'guidance-published' audit row written in the same transaction.
import { describe, expect, it } from 'vitest';
import type { GuidancePublication } from '../../../server/storage/types.ts';
import { ENGINES, setUpStore, testDatabasesPerTest } from '../fixtures.ts';

const fresh = testDatabasesPerTest();

const publication = (version: string, publishedBy: string, publishedAt: string): GuidancePublication => ({
  body: JSON.stringify({ version, signed: 'opaque' }),
  etag: `"${version}-etag"`,
  version,
  publishedAt,
  publishedBy,
});

describe.each(ENGINES)('storage contract on %s: published guidance', (engine) => {
  it('has none before the first publication, then serves the newest and audits each', async () => {
    const store = await (await fresh(engine)).open();
    const { officer } = await setUpStore(store);
    expect(await store.publishedGuidance()).toBeUndefined();

    const first = publication('2026.11.1', officer.id, '2026-11-01T10:00:00.000Z');
    const second = publication('2026.11.2', officer.id, '2026-11-02T10:00:00.000Z');
    await store.publishGuidance(first);
    expect(await store.publishedGuidance()).toEqual(first);
    await store.publishGuidance(second);
    expect(await store.publishedGuidance()).toEqual(second);

    const audit = await store.auditPage({ limit: 10, action: 'guidance-published' });
    expect(audit.rows.map((row) => [row.officerId, row.subjectId, row.at])).toEqual([
      [officer.id, '2026.11.2', second.publishedAt],
      [officer.id, '2026.11.1', first.publishedAt],
    ]);
  });

  it('keeps the publication visible to a second store on the same database (another server process)', async () => {
    const database = await fresh(engine);
    const [a, b] = [await database.open(), await database.open()];
    const { officer } = await setUpStore(a);
    const published = publication('2026.11.3', officer.id, '2026-11-03T10:00:00.000Z');
    await a.publishGuidance(published);
    expect(await b.publishedGuidance()).toEqual(published);
  });
});
