import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../server/security-headers.ts';
import { startServer, type TestServer } from '../fixtures.ts';

describe('the officer’s page on the same server', () => {
  let dir: string;
  let server: TestServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'safevisit-static-'));
    mkdirSync(join(dir, 'officer'));
    writeFileSync(join(dir, 'index.html'), '<title>worker app</title>');
    writeFileSync(join(dir, 'officer', 'index.html'), '<title>officer screens</title>');
    server = await startServer({ staticDir: dir });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['/officer/', '/officer'])(
    'serves the officer’s own entry page at %s, revalidated, under the strict CSP',
    async (path) => {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('officer screens');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const directives = (response.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim());
      expect(directives).toEqual(contentSecurityPolicy().split('; '));
    },
  );

  it('keeps serving the worker’s app at the root', async () => {
    const response = await fetch(`${server.url}/`);
    expect(await response.text()).toContain('worker app');
  });
});
