// Loading the report list a chunk at a time: the first chunk shown at once, input let through between chunks, every
// report in the end, a damaged one reported beside the rest, a reload that never shows a part, a failure shown.
import { describe, expect, it } from 'vitest';
import type { DraftRecord } from '../../../../src/app/reports/reports-port.ts';
import { type LoadedList, loadReportList } from '../../../../src/app/reports/use-report-list.ts';
import { AppError, ERROR_MESSAGES } from '../../../../src/domain/errors.ts';
import type { ReportChunk, ReportMeta } from '../../../../src/store/index.ts';
import { completeDraft } from '../../fixtures.ts';

const record = (n: number): DraftRecord => ({
  id: `r${n}`,
  status: 'draft',
  createdAt: n,
  updatedAt: n,
  revision: 1,
  data: completeDraft(),
});
const meta = (n: number): ReportMeta => ({
  id: `r${n}`,
  status: 'draft',
  createdAt: n,
  updatedAt: n,
  revision: 1,
  schemaVersion: 1,
});

/** A port whose list comes in the given chunks; `log` says when each chunk was read. */
const chunkedPort = (chunks: Omit<ReportChunk<DraftRecord['data']>, 'total'>[], log: string[] = []) => {
  const total = chunks.reduce((n, c) => n + c.records.length + c.damaged.length, 0);
  return {
    receipts: async () => [],
    listChunks: async function* () {
      for (const [i, chunk] of chunks.entries()) {
        log.push(`chunk ${i}`);
        yield { ...chunk, total };
      }
    },
  };
};

const ids = (loaded: LoadedList) => (loaded.kind === 'ready' ? loaded.records.map((r) => r.id) : []);

describe('loading the report list in chunks', () => {
  it('shows the first chunk at once, lets input run before the next chunk and ends with every report', async () => {
    const log: string[] = [];
    const port = chunkedPort(
      [
        { records: [record(5), record(4)], damaged: [] },
        { records: [record(3), record(2)], damaged: [] },
        { records: [record(1)], damaged: [] },
      ],
      log,
    );
    const shown: LoadedList[] = [];
    await loadReportList(port, (loaded) => {
      shown.push(loaded);
      // A keystroke arriving while the first chunk is on screen.
      if (shown.length === 1) setTimeout(() => log.push('input'), 0);
    });
    expect(shown.map(ids)).toEqual([
      ['r5', 'r4'],
      ['r5', 'r4', 'r3', 'r2', 'r1'],
    ]);
    expect(shown.map((s) => s.kind === 'ready' && [s.complete, s.total])).toEqual([
      [false, 5],
      [true, 5],
    ]);
    expect(log).toEqual(['chunk 0', 'input', 'chunk 1', 'chunk 2']);
  });

  it('reports a damaged report in the middle beside the others instead of stopping', async () => {
    const port = chunkedPort([
      { records: [record(4)], damaged: [] },
      { records: [record(3)], damaged: [meta(2)] },
      { records: [record(1)], damaged: [] },
    ]);
    const shown: LoadedList[] = [];
    await loadReportList(port, (loaded) => shown.push(loaded), { pause: async () => undefined });
    const last = shown.at(-1) ?? { kind: 'loading' };
    expect(ids(last)).toEqual(['r4', 'r3', 'r1']);
    expect(last.kind === 'ready' && last.damaged.map((m) => m.id)).toEqual(['r2']);
    expect(last.kind === 'ready' && last.complete).toBe(true);
  });

  it('shows only the complete list on a reload, nothing once a newer load started, and a failure as its message', async () => {
    const chunks = [
      { records: [record(2)], damaged: [] },
      { records: [record(1)], damaged: [] },
    ];
    const shown: LoadedList[] = [];
    await loadReportList(chunkedPort(chunks), (l) => shown.push(l), { partial: false });
    expect(shown.map(ids)).toEqual([['r2', 'r1']]);

    const stale: LoadedList[] = [];
    await loadReportList(chunkedPort(chunks), (l) => stale.push(l), { current: () => false });
    expect(stale).toEqual([]);

    const failed: LoadedList[] = [];
    const broken = {
      receipts: async () => [],
      listChunks: async function* (): AsyncGenerator<ReportChunk<DraftRecord['data']>> {
        yield* [];
        throw new AppError('locked');
      },
    };
    await loadReportList(broken, (l) => failed.push(l));
    expect(failed).toEqual([{ kind: 'error', message: ERROR_MESSAGES.locked }]);
  });
});
