// The folder walls hold at any depth: a fixture file at a real path is linted with the project's own biome.json.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { breaches } from '../../../scripts/check-walls.mjs';

const BIOME = resolve('node_modules/.bin/biome');
const workspace = mkdtempSync(join(tmpdir(), 'safevisit-walls-'));
copyFileSync('biome.json', join(workspace, 'biome.json'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

/** Lints one file holding `import { x } from '<from>'` at `path`, with only the import rule on. */
const lintImport = (path: string, from: string) => {
  const file = join(workspace, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `import { x } from '${from}';\n\nexport const y = x;\n`);
  const result = spawnSync(BIOME, ['lint', '--only=style/noRestrictedImports', path], {
    cwd: workspace,
    encoding: 'utf8',
  });
  rmSync(file);
  return { failed: result.status !== 0, output: `${result.stdout}${result.stderr}` };
};

describe('the import walls', () => {
  it.each([
    ['src/store/x.ts', '../app/reports/autosave.ts', 'Nothing imports src/app'],
    ['src/store/deep/x.ts', '../../app/reports/editor/y.ts', 'Nothing imports src/app'],
    ['src/store/x.ts', '../sync/outbox.ts', 'src/store never imports src/sync'],
    ['src/vault/x.ts', '../store/db.ts', 'src/vault never imports src/store'],
    ['src/guidance/content/x.ts', '../../store/guidance-repo.ts', 'src/guidance is published content'],
    ['src/domain/x.ts', '../guidance/content/camden.ts', 'src/domain is pure'],
    ['src/app/reports/x.ts', '../../officer/screens/y.tsx', "never loads the officer's screens"],
    ['src/officer/screens/x.ts', '../../store/db.ts', "The officer's screens keep nothing"],
    ['server/x.ts', '../src/guidance/pack.ts', 'server/ shares only src/domain'],
    ['server/storage/x.ts', '../../src/store/db.ts', 'server/ shares only src/domain'],
  ])('%s importing %s fails the lint', (path, from, message) => {
    const { failed, output } = lintImport(path, from);
    expect(failed).toBe(true);
    expect(output).toContain(message);
  });

  it.each([
    ['src/store/x.ts', '../vault/vault.ts'],
    ['server/storage/x.ts', '../../src/domain/protocol.ts'],
  ])('%s importing %s passes', (path, from) => {
    expect(lintImport(path, from)).toMatchObject({ failed: false });
  });
});

describe('the walls the linter cannot hold', () => {
  it.each([
    ['src/sync/x.ts', 'const open = indexedDB.open("safevisit");', 'IndexedDB'],
    ['src/app/x.ts', 'const key = await crypto.subtle.importKey(a, b, c, d, e);', 'WebCrypto'],
    ['src/app/x.ts', 'localStorage.setItem("k", v);', 'Web Storage'],
    ['src/store/x.ts', 'console.log(record);', 'logging'],
  ])('%s with `%s` is a breach', (file, line, why) => {
    expect(breaches(file, `const a = 1;\n${line}\n`)).toEqual([
      expect.stringMatching(new RegExp(`^${file}:2: .*${why}`, 'i')),
    ]);
  });

  it('allows IndexedDB in src/store and WebCrypto in src/vault, and ignores comments', () => {
    expect(breaches('src/store/db.ts', 'const r = indexedDB.databases();')).toEqual([]);
    expect(breaches('src/vault/crypto.ts', 'const s = crypto.subtle;')).toEqual([]);
    expect(breaches('src/app/x.ts', '// indexedDB is read through the store')).toEqual([]);
  });
});
