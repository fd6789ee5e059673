// server/main.ts as a real process: the demo token it prints works, and a bad guidance file stops the start with a
// clear message instead of serving a pack devices would refuse.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';
import { fetchText, postReport, submission } from './server-fixtures.ts';

let dir: string;
let child: ChildProcess | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'safevisit-main-'));
});
afterEach(() => {
  child?.kill('SIGTERM');
  child = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const run = (env: Record<string, string>) => {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      SAFEVISIT_DB: join(dir, 'db.sqlite'),
      SAFEVISIT_STATIC_DIR: join(dir, 'no-dist'),
      SAFEVISIT_TOKENS: '',
      SAFEVISIT_ADMIN_TOKEN: '',
      SAFEVISIT_GUIDANCE_FILE: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let stdout = '';
  let stderr = '';
  proc.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  proc.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const output = () => ({ stdout, stderr });
  return { exited, output };
};

const waitFor = async (check: () => boolean, timeoutMs = 20_000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('server/main.ts', () => {
  it('prints a demo access token that the running server accepts, the same after a restart', {
    timeout: 30_000,
  }, async () => {
    const proc = run({});
    await waitFor(() => /Demo officer token: \S+/.test(proc.output().stdout));
    const { stdout } = proc.output();
    const url = /running at (http:\/\/\S+?)\/?\n/.exec(stdout)?.[1] ?? '';
    const token = /Demo access token: (\S+)/.exec(stdout)?.[1] ?? '';
    expect(stdout).toContain('paste it into Settings > Access token');
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect((await postReport(url, submission(), { token })).status).toBe(201);
    expect((await postReport(url, submission(), { token: 'something-else' })).status).toBe(401);

    // After a restart the same demo token still works, so the one pasted into Settings stays valid.
    child?.kill('SIGTERM');
    await proc.exited;
    const again = run({});
    await waitFor(() => /Demo officer token: \S+/.test(again.output().stdout));
    expect(/Demo access token: (\S+)/.exec(again.output().stdout)?.[1]).toBe(token);
  });

  it('uses SAFEVISIT_GUIDANCE_FILE when it holds a valid pack', { timeout: 30_000 }, async () => {
    const file = join(dir, 'pack.json');
    writeFileSync(file, JSON.stringify({ ...BUNDLED_PACK, version: 'from-file-1' }));
    const proc = run({ SAFEVISIT_GUIDANCE_FILE: file, SAFEVISIT_TOKENS: 'a-configured-device-token' });
    await waitFor(() => proc.output().stdout.includes('running at'));
    expect(proc.output().stdout).not.toContain('Demo access token');
    const url = /running at (http:\/\/\S+?)\/?\n/.exec(proc.output().stdout)?.[1] ?? '';
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
});
