// The built app as the server sends it: precompressed copies chosen by Accept-Encoding, and the guidance pack the
// build wrote beside the app published by default.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../../scripts/precompress.ts';
import { BUILT_GUIDANCE_FILE } from '../../../server/guidance.ts';
import { ErrorBodySchema } from '../../../src/domain/protocol.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';
import { fetchText, startServer, type TestServer } from '../fixtures.ts';

const SCRIPT = `export const words = [${Array.from({ length: 400 }, (_, i) => `'word-${i}'`).join(', ')}];\n`;
const pack = { ...BUNDLED_PACK, version: 'built-2026.11.30' };

let dir: string;
let server: TestServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'safevisit-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>SafeVisit</title>');
  writeFileSync(join(dir, 'assets', 'app-1a2b.js'), SCRIPT);
  writeFileSync(join(dir, BUILT_GUIDANCE_FILE), JSON.stringify(pack));
  precompressDir(dir);
  server = await startServer({ staticDir: dir, guidancePack: undefined });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The raw body as sent (fetch would decompress it). */
const rawGet = (path: string, acceptEncoding: string) =>
  new Promise<{ headers: IncomingHttpHeaders; status: number; bytes: Buffer }>((resolve, reject) => {
    get(`${server.url}${path}`, { headers: { 'Accept-Encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ headers: response.headers, status: response.statusCode ?? 0, bytes: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });

describe('the app’s files', () => {
  it('are compressed at build time: a .br and a .gz beside every text file worth it', () => {
    expect(brotliDecompressSync(readFileSync(join(dir, 'assets', 'app-1a2b.js.br'))).toString()).toBe(SCRIPT);
    expect(gunzipSync(readFileSync(join(dir, 'assets', 'app-1a2b.js.gz'))).toString()).toBe(SCRIPT);
  });

  it('sends a script as brotli to a browser that accepts it, with the same bytes once decompressed', async () => {
    const { status, headers, bytes } = await rawGet('/assets/app-1a2b.js', 'gzip, deflate, br');
    expect(status).toBe(200);
    expect(headers['content-encoding']).toBe('br');
    expect(headers.vary?.toLowerCase()).toContain('accept-encoding');
    expect(headers['cache-control']).toContain('immutable');
    expect(bytes.length).toBeLessThan(SCRIPT.length / 2);
    expect(brotliDecompressSync(bytes).toString()).toBe(SCRIPT);
  });

  it('sends gzip when brotli is not accepted, and the plain file when neither is', async () => {
    const gzip = await rawGet('/assets/app-1a2b.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.bytes).toString()).toBe(SCRIPT);
    const plain = await rawGet('/assets/app-1a2b.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes.toString()).toBe(SCRIPT);
  });
});

describe('the guidance the server publishes', () => {
  it('is the pack the build wrote beside the app', async () => {
    const { response, text } = await fetchText(`${server.url}/v1/guidance`);
    expect(response.status).toBe(200);
    expect(JSON.parse(text).version).toBe(pack.version);
  });

  it('is none without a built pack or a pack option: 404 in JSON, so devices keep theirs', async () => {
    const bare = await startServer({ guidancePack: undefined });
    try {
      const response = await fetch(`${bare.url}/v1/guidance`);
      expect(response.status).toBe(404);
      expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('not-found');
    } finally {
      await bare.close();
    }
  });
});
