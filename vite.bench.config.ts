// Builds the benchmark page (bench/page) into bench/out/page, served at /bench/ by `npm run bench`.
// Never part of the app's build or its precache: the app's own vite.config.ts does not see this page.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./bench/page'),
  base: '/bench/',
  publicDir: false,
  mode: 'production',
  logLevel: 'warn',
  build: {
    outDir: here('./bench/out/page'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // One file: the page is opened once per run, and a modulepreload polyfill is not wanted under the CSP.
    modulePreload: { polyfill: false },
  },
});
