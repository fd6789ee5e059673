// The two front ends stay apart in the build (CONVENTIONS 14): nothing of the officer's screens in the worker's
// first load or in the worker's precache, and nothing of the worker's app in the officer's first load.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = 'dist';
const read = (file: string) => readFileSync(join(DIST, file), 'utf8');

/** Words only the officer's code holds, and only the worker's app holds. */
const OFFICER_MARKERS = ['Set up organisation', 'QR code of the enrolment link', 'Enrol a device', 'Mark reviewed'];
const WORKER_MARKERS = ['Unlock SafeVisit', 'Description of incident', 'Search guidance'];

/** The files a page loads before anything lazy: its scripts, preloads and styles, then their static imports. */
const firstLoad = (page: string): string[] => {
  const html = read(page);
  const files = new Set<string>();
  const queue = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  while (queue.length) {
    const file = queue.shift() as string;
    if (files.has(file)) continue;
    files.add(file);
    if (!file.endsWith('.js')) continue;
    // Static imports only (`import"./x.js"`, `from"./x.js"`); `import("./x.js")` is lazy and excluded.
    for (const m of read(file).matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)) queue.push(`assets/${m[1]}`);
  }
  return [...files];
};

const holding = (files: string[], markers: string[]) =>
  files.filter((file) => markers.some((marker) => read(file).includes(marker)));

const gzipKb = (files: string[]) =>
  Math.round(files.reduce((sum, file) => sum + gzipSync(readFileSync(join(DIST, file))).length, 0) / 102.4) / 10;

describe('the build keeps the worker’s app and the officer’s screens apart', () => {
  const worker = firstLoad('index.html');
  const officer = firstLoad('officer/index.html');

  it('builds both entry pages, each with its own entry chunk', () => {
    expect(worker.some((f) => f.endsWith('.js'))).toBe(true);
    expect(officer.some((f) => f.endsWith('.js'))).toBe(true);
    expect(holding(officer, OFFICER_MARKERS).length).toBeGreaterThan(0);
    expect(holding(worker, WORKER_MARKERS.slice(0, 1)).length).toBeGreaterThan(0);
  });

  it('puts no officer code in the worker’s first load', () => {
    expect(holding(worker, OFFICER_MARKERS)).toEqual([]);
  });

  it('puts no worker app code in the officer’s first load', () => {
    expect(holding(officer, WORKER_MARKERS)).toEqual([]);
    expect(read('officer/index.html')).not.toMatch(/registerSW|manifest\.webmanifest/);
  });

  it('keeps the officer’s page and chunks out of the worker’s precache', () => {
    const sw = read('sw.js');
    const precached = [...sw.matchAll(/"?url"?:\s*"([^"]+)"/g)].map((m) => m[1] as string);
    expect(precached).toContain('index.html');
    expect(precached).not.toContain('officer/index.html');
    const jsAndCss = precached.filter((url) => /\.(js|css)$/.test(url) && url !== 'sw.js');
    expect(holding(jsAndCss, OFFICER_MARKERS)).toEqual([]);
    // Sizes for the report (gzip): the worker's first load must not grow by the officer's kit.
    console.log(`first load gzip: worker ${gzipKb(worker)} KB, officer ${gzipKb(officer)} KB`);
  });
});
