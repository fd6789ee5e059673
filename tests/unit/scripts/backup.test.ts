// `npm run backup`: an online copy of the SQLite database taken while the server runs holds every report stored
// before it, opens as a database of its own, is owner-only, and a second backup never overwrites the first.
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../server/storage/sqlite.ts';
import { dbFilesPerTest, postSealed, type SealedServer, sealedSubmission, startSealedServer } from '../fixtures.ts';

const run = promisify(execFile);
const dbFile = dbFilesPerTest();
let server: SealedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('npm run backup', () => {
  it('copies the running database with every stored report, owner-only, and never overwrites', async () => {
    const dbPath = dbFile();
    server = await startSealedServer({ dbPath });
    for (let i = 0; i < 3; i++) expect((await postSealed(server, await sealedSubmission(server.org))).status).toBe(201);
    const dest = join(dirname(dbPath), 'backups', 'copy.sqlite');
    const env = { ...process.env, SAFEVISIT_DB: dbPath };

    const { stdout } = await run(process.execPath, ['scripts/backup.mjs', dest], { env });
    expect(stdout).toMatch(/Backed up .* to .*copy\.sqlite/);
    expect(statSync(dest).mode & 0o777).toBe(0o600);
    const copy = openSqliteStore({ path: dest });
    expect(await copy.sealedCount()).toBe(3);
    expect((await copy.organisation())?.name).toBe((await server.app.orgStore.organisation())?.name);
    await copy.close();

    const again = await run(process.execPath, ['scripts/backup.mjs', dest], { env }).catch((error) => error);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });
});
