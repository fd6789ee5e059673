// How due rows are grouped into one batch request: at most the batch size, at most the protocol's report limit, and
// never a body over the batch byte limit (the first row always goes, so an oversized report is still tried alone).
import { describe, expect, it } from 'vitest';
import { SEALED_BATCH_MAX_BYTES, SEALED_BATCH_MAX_REPORTS } from '../../../src/domain/sealed-protocol.ts';
import { type Ready, takeBatch } from '../../../src/sync/outbox-send.ts';

/** A loaded row whose kept body is `bytes` characters long. */
const row = (n: number, bytes = 10): Ready => ({
  item: { reportId: `r${n}`, revision: 1, attempts: 0, nextAttemptAt: 0, lastError: null },
  loaded: { ok: true, submission: { id: `r${n}`, revision: 1, body: 'x'.repeat(bytes) } },
});
const ids = (rows: readonly Ready[]) => rows.map((r) => r.item.reportId);

describe('takeBatch', () => {
  it('takes up to the batch size, oldest first, and leaves the rest in order', () => {
    const ready = [row(0), row(1), row(2), row(3)];
    expect(ids(takeBatch(ready, 3))).toEqual(['r0', 'r1', 'r2']);
    expect(ids(ready)).toEqual(['r3']);
    expect(ids(takeBatch(ready, 3))).toEqual(['r3']);
    expect(takeBatch(ready, 3)).toEqual([]);
  });

  it('never takes more than the protocol allows in one batch', () => {
    const ready = Array.from({ length: SEALED_BATCH_MAX_REPORTS + 2 }, (_, i) => row(i));
    expect(takeBatch(ready, SEALED_BATCH_MAX_REPORTS + 2)).toHaveLength(SEALED_BATCH_MAX_REPORTS);
    expect(ready).toHaveLength(2);
  });

  it('fills a batch up to the byte limit exactly (each body plus its comma), and no further', () => {
    // Two bodies that together with their commas make exactly the limit, then a one-byte body.
    const half = SEALED_BATCH_MAX_BYTES / 2 - 1;
    const ready = [row(0, half), row(1, half), row(2, 0)];
    expect(ids(takeBatch(ready, 10))).toEqual(['r0', 'r1']);
    expect(ids(ready)).toEqual(['r2']);
    // One byte more and the second waits for the next batch.
    const over = [row(0, half), row(1, half + 1)];
    expect(ids(takeBatch(over, 10))).toEqual(['r0']);
    expect(ids(takeBatch(over, 10))).toEqual(['r1']);
  });

  it('sends a body over the byte limit alone rather than never', () => {
    const ready = [row(0, SEALED_BATCH_MAX_BYTES + 5), row(1)];
    expect(ids(takeBatch(ready, 10))).toEqual(['r0']);
    expect(ids(takeBatch(ready, 10))).toEqual(['r1']);
  });

  it('counts no bytes for a row with nothing to send or one that failed the checks', () => {
    const failed: Ready = { item: row(1).item, loaded: { ok: false, issues: [{ path: '', message: 'no' }] } };
    const stale: Ready = { item: row(2).item, loaded: null };
    const full = SEALED_BATCH_MAX_BYTES - 1;
    const ready = [row(0, full), failed, stale, row(3, 0)];
    expect(ids(takeBatch(ready, 10))).toEqual(['r0', 'r1', 'r2']);
    expect(ids(ready)).toEqual(['r3']);
  });
});
