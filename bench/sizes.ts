// Builds the current app (into bench/out/app, so the shared dist/ is left alone) and the bench page, and reads
// the two size figures from the build output: the JS of the first load and the whole precache, gzipped.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'vite';

export const APP_OUT_DIR = 'bench/out/app';
export const PAGE_OUT_DIR = 'bench/out/page';

/** The rendered size of each module of each chunk, straight from the bundler (no source maps needed). */
export type ChunkModules = Map<string, { module: string; bytes: number }[]>;

const collectModules = (into: ChunkModules): Plugin => ({
  name: 'safevisit-bench-module-sizes',
  apply: 'build',
  generateBundle(_options, bundle) {
    for (const [fileName, output] of Object.entries(bundle)) {
      if (output.type !== 'chunk') continue;
      const modules = Object.entries(output.modules)
        .map(([id, m]) => ({ module: relative(process.cwd(), id.replace(/\?.*$/, '')), bytes: m.renderedLength }))
        .filter((m) => m.bytes > 0)
        .sort((a, b) => b.bytes - a.bytes);
      into.set(fileName, modules);
    }
  },
});

/** Builds the app with its own vite.config.ts (production) and the bench page with vite.bench.config.ts. */
export const buildAll = async (): Promise<ChunkModules> => {
  const modules: ChunkModules = new Map();
  await build({
    configFile: 'vite.config.ts',
    mode: 'production',
    logLevel: 'warn',
    build: { outDir: APP_OUT_DIR, emptyOutDir: true },
    plugins: [collectModules(modules)],
  });
  await build({ configFile: 'vite.bench.config.ts', mode: 'production', logLevel: 'warn' });
  return modules;
};

const gzipKb = (path: string): number => gzipSync(readFileSync(path), { level: 9 }).byteLength / 1024;

/** Static imports of a built chunk (`import ... from "./x.js"`, `import "./x.js"`), as asset file names. */
const staticImports = (code: string): string[] =>
  [...code.matchAll(/(?:^|[;\s}])import\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([^"']+\.js)["']/g)].map(
    (m) => `assets/${m[1]}`,
  );

export type FirstLoad = {
  kb: number;
  files: { file: string; gzipKb: number; rawKb: number }[];
  /** Chunks the entry imports statically but index.html does not modulepreload (still loaded eagerly). */
  notPreloaded: string[];
};

/**
 * The JS the page loads before it can run: the entry script of index.html, every modulepreload'ed chunk, and
 * (to be safe) every chunk reachable from the entry through static imports. Dynamic import() chunks are not counted.
 */
export const firstLoadJs = (outDir = APP_OUT_DIR): FirstLoad => {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/<script[^>]*type="module"[^>]*src="\/([^"]+)"/g)].map((m) => m[1] as string);
  const preloaded = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  const seen = new Set<string>([...entry, ...preloaded]);
  const queue = [...seen];
  const notPreloaded: string[] = [];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    for (const dep of staticImports(readFileSync(join(outDir, file), 'utf8'))) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      notPreloaded.push(dep);
      queue.push(dep);
    }
  }
  const files = [...seen].map((file) => ({
    file,
    gzipKb: gzipKb(join(outDir, file)),
    rawKb: readFileSync(join(outDir, file)).byteLength / 1024,
  }));
  return { kb: files.reduce((sum, f) => sum + f.gzipKb, 0), files, notPreloaded };
};

export type Precache = { kb: number; files: { file: string; gzipKb: number }[] };

/** Every file of the service worker's precache manifest (injected into sw.js by workbox), gzipped one by one. */
export const precache = (outDir = APP_OUT_DIR): Precache => {
  const sw = readFileSync(join(outDir, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/\{"revision":(?:"[^"]*"|null),"url":"([^"]+)"\}/g)].map((m) => m[1] as string);
  if (urls.length === 0) throw new Error('no precache manifest found in sw.js');
  // The bench page has its own build; finding it here would mean it leaked into the app's precache.
  if (urls.some((url) => url.includes('bench'))) throw new Error('the bench page is in the app precache');
  const files = urls.map((file) => ({ file, gzipKb: gzipKb(join(outDir, file)) }));
  return { kb: files.reduce((sum, f) => sum + f.gzipKb, 0), files };
};
