// server/main.ts as a real process: the one-time setup code it prints works once, and a bad guidance file stops the
// start with a clear message instead of serving a pack devices would refuse.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ORG_PATHS } from '../../../src/domain/org-protocol.ts';
import { SEALED_PATHS } from '../../../src/domain/sealed-protocol.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';
import { fetchText, send, serverProcessesPerTest, setupRequest } from '../fixtures.ts';

const processes = serverProcessesPerTest();
let dir = '';
beforeEach(() => {
  dir = processes.dataDir();
});
const run = (env: Record<string, string>) => processes.start({ SAFEVISIT_DB: join(dir, 'db.sqlite'), ...env });

describe('server/main.ts', () => {
  it('prints a one-time setup code and the officer address on an empty database, and nothing secret after setup', {
    timeout: 30_000,
  }, async () => {
    const proc = run({});
    await proc.waitForStdout(/setup code: \S+/);
    const { stdout } = proc.output();
    const url = await proc.url();
    const code = /setup code: (\S+)/.exec(stdout)?.[1] ?? '';
    expect(stdout).toContain(`${url}/officer/`);
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(stdout).not.toMatch(/token/i);
    expect((await send(url, SEALED_PATHS.reports, { token: 'something-else-0123456789', body: {} })).status).toBe(401);
    expect((await send(url, ORG_PATHS.setup, { body: setupRequest({ setupCode: 'WRONG-CODE' }) })).status).toBe(403);
    expect((await send(url, ORG_PATHS.setup, { body: setupRequest({ setupCode: code }) })).status).toBe(201);

    // Set up: a restart prints no code, and the old code is refused.
    proc.child.kill('SIGTERM');
    await proc.exited;
    const again = run({});
    const url2 = await again.url();
    expect(again.output().stdout).not.toMatch(/setup code/i);
    expect((await send(url2, ORG_PATHS.setup, { body: setupRequest({ setupCode: code }) })).status).toBe(403);
  });

  it('takes the setup code from SAFEVISIT_SETUP_CODE without printing it, and refuses a short one', {
    timeout: 30_000,
  }, async () => {
    const proc = run({ SAFEVISIT_SETUP_CODE: 'operator-chosen-code-42' });
    await proc.waitForStdout(/SAFEVISIT_SETUP_CODE/);
    expect(proc.output().stdout).not.toContain('operator-chosen-code-42');
    const url = await proc.url();
    const body = setupRequest({ setupCode: 'operator-chosen-code-42' });
    expect((await send(url, ORG_PATHS.setup, { body })).status).toBe(201);
    proc.child.kill('SIGTERM');
    await proc.exited;

    const short = run({ SAFEVISIT_SETUP_CODE: 'abc' });
    expect(await short.exited).toBe(1);
    expect(short.output().stderr).toMatch(/SAFEVISIT_SETUP_CODE must be at least 8 characters/);
  });

  it('uses SAFEVISIT_GUIDANCE_FILE when it holds a valid pack', { timeout: 30_000 }, async () => {
    const file = join(dir, 'pack.json');
    writeFileSync(file, JSON.stringify({ ...BUNDLED_PACK, version: 'from-file-1' }));
    const proc = run({ SAFEVISIT_GUIDANCE_FILE: file, SAFEVISIT_TOKENS: 'a-configured-device-token' });
    const url = await proc.url();
    expect(proc.output().stdout).not.toMatch(/token/i);
    expect(JSON.parse((await fetchText(`${url}/v1/guidance`)).text).version).toBe('from-file-1');
  });

  it.each([
    ['not a pack', JSON.stringify({ ...BUNDLED_PACK, articles: [] }), /not a valid guidance pack[\s\S]*articles/],
    ['not JSON', '{ "version": ', /not valid JSON/],
  ])('refuses to start when the guidance file is %s', { timeout: 30_000 }, async (_name, content, message) => {
    const file = join(dir, 'pack.json');
    writeFileSync(file, content);
    const proc = run({ SAFEVISIT_GUIDANCE_FILE: file });
    expect(await proc.exited).toBe(1);
    expect(proc.output().stderr).toMatch(/SafeVisit server cannot start/);
    expect(proc.output().stderr).toMatch(message);
  });

  it('says at start how long reviewed reports are kept (SAFEVISIT_RETENTION_DAYS)', { timeout: 30_000 }, async () => {
    const kept = run({ SAFEVISIT_RETENTION_DAYS: '90' });
    await kept.waitForStdout(/Reviewed reports are deleted 90 days after their review\./);
    kept.child.kill('SIGTERM');
    await kept.exited;
    const unset = run({});
    await unset.waitForStdout(/Reviewed reports are kept until an officer erases them/);
  });
});
