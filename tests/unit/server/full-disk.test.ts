// A full disk under the SQLite file, for real: the database lives on a tiny tmpfs (root mounts it; CI and the
// developers' machines run as root), sealed reports arrive until the disk is full, and then the server answers 503
// with Retry-After and a plain message, keeps every report it acknowledged, and stores the refused one once there
// is room again.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorBodySchema, type Receipt, ReceiptSchema } from '../../../src/domain/protocol.ts';
import { postSealed, type SealedServer, sealedSubmission, startSealedServer } from '../fixtures.ts';

/** Room for the organisation's set-up and some reports, so the disk fills after a few dozen. */
const TINY_DISK = '640k';
const ROOMY_DISK = '16m';
/** More than ever fit on TINY_DISK: past it the disk never filled and the test is broken. */
const MAX_REPORTS = 400;

const mountTmpfs = (size: string): string | undefined => {
  if (process.getuid?.() !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'safevisit-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const canMount = (() => {
  const probe = mountTmpfs('64k');
  if (!probe) return false;
  execFileSync('umount', [probe]);
  rmSync(probe, { recursive: true, force: true });
  return true;
})();

describe('a full disk under the SQLite database', () => {
  it.skipIf(!canMount)(
    'answers 503 with Retry-After and a plain message, loses nothing, and stores the report once there is room',
    {
      timeout: 60_000,
    },
    async () => {
      const disk = mountTmpfs(TINY_DISK) as string;
      cleanups.push(() => {
        execFileSync('umount', [disk]);
        rmSync(disk, { recursive: true, force: true });
      });
      const dbPath = join(disk, 'safevisit.sqlite');
      const server: SealedServer = await startSealedServer({ dbPath });
      cleanups.push(() => server.close());

      const acknowledged = new Map<string, Receipt>();
      let refused: { response: Response; report: Awaited<ReturnType<typeof sealedSubmission>> } | undefined;
      for (let i = 0; i < MAX_REPORTS && !refused; i++) {
        const report = await sealedSubmission(server.org, { words: `report ${i}` });
        const response = await postSealed(server, report);
        if (response.status === 201) acknowledged.set(report.id, ReceiptSchema.parse(await response.json()));
        else refused = { response, report };
      }
      if (!refused) throw new Error(`the disk never filled after ${MAX_REPORTS} reports`);
      expect(acknowledged.size).toBeGreaterThan(0);
      expect(refused.response.status).toBe(503);
      expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(ErrorBodySchema.parse(await refused.response.json()).error).toEqual({
        code: 'storage-unavailable',
        message: 'The server cannot store reports right now; try again later.',
      });

      // The operator makes room; the device retries the same bytes: stored now, and every earlier one is still there.
      execFileSync('mount', ['-o', `remount,size=${ROOMY_DISK}`, disk]);
      expect((await postSealed(server, refused.report)).status).toBe(201);
      for (const [id, receipt] of acknowledged) {
        const stored = await server.app.sealedReports.openSealed(id, { officerId: 'test', at: receipt.receivedAt });
        expect(stored?.revisions[0]?.receivedAt).toBe(receipt.receivedAt);
      }
      expect(await server.app.sealedReports.sealedCount()).toBe(acknowledged.size + 1);
    },
  );
});
