// The server as compiled JavaScript (`npm run build:server`: tsc into dist-server/), run by plain node with no tsx:
// it starts, answers both health checks and takes an organisation's set-up.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchText, serverProcessesPerTest } from '../fixtures.ts';
import { SETUP_CODE, setUpOrganisationOn } from '../sync/org-setup.ts';

const processes = serverProcessesPerTest();
// Inside the checkout (ignored by git), so node finds node_modules from the compiled files.
mkdirSync('.tsbuild', { recursive: true });
const outDir = mkdtempSync(join('.tsbuild', 'server-compiled-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the compiled server', () => {
  it('runs under plain node: health answers and the organisation can be set up', { timeout: 90_000 }, async () => {
    execFileSync(
      process.execPath,
      ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.server-build.json', '--outDir', outDir],
      {
        stdio: 'pipe',
      },
    );
    const proc = processes.start(
      { SAFEVISIT_DB: join(processes.dataDir(), 'db.sqlite'), SAFEVISIT_SETUP_CODE: SETUP_CODE },
      { entry: join(outDir, 'server', 'main.js') },
    );
    const url = await proc.url();
    expect((await fetchText(`${url}/v2/health`)).text).toBe('{"ok":true}');
    expect((await fetchText(`${url}/v1/health`)).response.status).toBe(200);
    expect((await setUpOrganisationOn(url)).org.name).toBe('Riverside Family Support');
  });
});
