// The pack the server publishes (server/guidance.ts): validated once, served as canonical JSON with a strong ETag of
// exactly those bytes; a guidance file that is missing, not JSON or not a pack is refused with a sentence saying so.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { publishGuidance, readGuidanceFile } from '../../../server/guidance.ts';
import { AppError } from '../../../src/domain/errors.ts';
import { canonicalJson } from '../../../src/domain/protocol.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';
import { fetchText, startServer } from '../fixtures.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const fileWith = (text: string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'safevisit-guidance-'));
  dirs.push(dir);
  const path = join(dir, 'pack.json');
  writeFileSync(path, text);
  return path;
};

describe('publishGuidance', () => {
  it('serves the canonical JSON of the pack with a quoted sha-256 of exactly those bytes as its ETag', () => {
    const published = publishGuidance(JSON.parse(JSON.stringify(BUNDLED_PACK)));
    expect(published.body).toBe(canonicalJson(published.pack));
    expect(JSON.parse(published.body)).toEqual(JSON.parse(JSON.stringify(BUNDLED_PACK)));
    const hex = createHash('sha256').update(published.body, 'utf8').digest('hex');
    expect(published.etag).toBe(`"${hex}"`);
  });

  it('refuses a pack that fails validation with AppError invalid naming every problem', () => {
    const broken = { ...JSON.parse(JSON.stringify(BUNDLED_PACK)), version: -1, articles: 'none' };
    let thrown: unknown;
    try {
      publishGuidance(broken);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('invalid');
    const detail = (thrown as AppError).detail as string[];
    expect(detail.length).toBeGreaterThanOrEqual(2);
    expect(detail.join('\n')).toMatch(/version/);
    expect(detail.join('\n')).toMatch(/articles/);
  });
});

describe('the pack the build wrote beside the app', () => {
  it('is published from <staticDir>/guidance-pack.json, the name vite.config.ts writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'safevisit-static-'));
    dirs.push(dir);
    const pack = JSON.parse(JSON.stringify(BUNDLED_PACK));
    writeFileSync(join(dir, 'guidance-pack.json'), JSON.stringify(pack));
    const server = await startServer({ staticDir: dir, guidancePack: undefined });
    try {
      const { response, text } = await fetchText(`${server.url}/v1/guidance`);
      expect(response.status).toBe(200);
      expect(text).toBe(publishGuidance(pack).body);
    } finally {
      await server.close();
    }
  });
});

describe('readGuidanceFile', () => {
  it('reads the JSON of a guidance file', () => {
    expect(readGuidanceFile(fileWith('{"version": 3, "items": [1, 2]}'))).toEqual({ version: 3, items: [1, 2] });
  });

  it('says the file cannot be read, naming it and why, when it is missing', () => {
    const path = join(tmpdir(), `safevisit-no-such-${Date.now()}.json`);
    expect(() => readGuidanceFile(path)).toThrow(new RegExp(`^Cannot read the guidance file ${path}: .*ENOENT`));
  });

  it('says the file is not valid JSON, naming it and the parser’s reason', () => {
    const path = fileWith('{"version": 3,');
    expect(() => readGuidanceFile(path)).toThrow(new RegExp(`^The guidance file ${path} is not valid JSON: .+`));
  });
});
