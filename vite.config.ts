/// <reference types="vitest/config" />
// Builds the page and its service worker, the guidance pack the server publishes and the precompressed copies it
// serves; also holds the vitest projects (unit, e2e, engines).
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { precompressDir } from './scripts/precompress.ts';
import { BUILT_GUIDANCE_FILE } from './server/guidance.ts';
import { contentSecurityPolicy } from './server/security-headers.ts';
import { BUNDLED_PACK } from './src/guidance/pack.ts';

// The built page carries its CSP as a meta tag too, so it holds even behind a plain
// static host. Only on build: the dev server's hot reload needs inline code.
const cspMeta = (): Plugin => ({
  name: 'safevisit-csp-meta',
  apply: 'build',
  transformIndexHtml: (html) =>
    html.replace(
      '<meta charset="UTF-8" />',
      `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(['frame-ancestors'])}" />`,
    ),
});

// Two front ends (CONVENTIONS 14): the worker's app (index.html) and the officer's screens (officer/index.html).
// The files only the officer's page reaches are kept out of the worker's precache, so a device never downloads them.
const OFFICER_PAGE = 'officer/index.html';
const officerOnlyFiles = new Set<string>();

const filesReachedFrom = (bundle: Rolldown.OutputBundle, page: string): Set<string> => {
  const seen = new Set<string>();
  const visit = (fileName: string) => {
    const chunk = bundle[fileName];
    if (seen.has(fileName) || chunk?.type !== 'chunk') return;
    seen.add(fileName);
    for (const css of chunk.viteMetadata?.importedCss ?? []) seen.add(css);
    for (const asset of chunk.viteMetadata?.importedAssets ?? []) seen.add(asset);
    for (const next of [...chunk.imports, ...chunk.dynamicImports]) visit(next);
  };
  for (const chunk of Object.values(bundle)) {
    if (chunk.type === 'chunk' && chunk.isEntry && chunk.facadeModuleId === resolve(page)) visit(chunk.fileName);
  }
  return seen;
};

const splitEntries = (): Plugin => ({
  name: 'safevisit-split-entries',
  apply: 'build',
  enforce: 'post',
  generateBundle(_options, bundle) {
    // The web app manifest installs the worker's app; the officer's page must not offer it.
    const page = bundle[OFFICER_PAGE];
    if (page?.type === 'asset' && typeof page.source === 'string')
      page.source = page.source.replace(/\s*<link rel="manifest"[^>]*>/g, '');
    const officer = filesReachedFrom(bundle, OFFICER_PAGE);
    if (officer.size === 0) return;
    const worker = filesReachedFrom(bundle, 'index.html');
    officerOnlyFiles.clear();
    officerOnlyFiles.add(OFFICER_PAGE);
    for (const file of officer) if (!worker.has(file)) officerOnlyFiles.add(file);
  },
});

// The worker's entry (src/main.tsx) imports the boot (src/boot.tsx) as soon as it runs: the boot's chunk and the
// chunks it imports are modulepreloaded from index.html, so they are fetched and compiled beside the entry while the
// static shell paints, and the import runs them at once instead of starting a waterfall of fetches. The store's chunk (src/store/device-store.ts: Dexie), which the boot imports once the app's
// first render has painted, is left out on purpose: preloading it added about 32 KB gzip to the first load and no
// measurable time to the vault gate's answer.
const BOOT_MODULE = resolve('src/boot.tsx');
const preloadBoot = (): Plugin => ({
  name: 'safevisit-preload-boot',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (html, ctx) => {
      const bundle = ctx.bundle;
      if (!bundle || ctx.path !== '/index.html') return html;
      const boot = Object.values(bundle).find((c) => c.type === 'chunk' && c.facadeModuleId === BOOT_MODULE);
      if (boot?.type !== 'chunk') return html;
      const files = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = bundle[fileName];
        if (files.has(fileName) || chunk?.type !== 'chunk') return;
        files.add(fileName);
        for (const next of chunk.imports) visit(next);
      };
      visit(boot.fileName);
      return {
        html,
        tags: [...files]
          .filter((file) => !html.includes(`/${file}"`))
          .map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
            injectTo: 'head' as const,
          })),
      };
    },
  },
});

// The pack bundled into this build, as JSON beside it: the server publishes it by default (server/app.ts) and so
// never imports the app's guidance content.
const guidancePackFile = (): Plugin => ({
  name: 'safevisit-guidance-pack',
  apply: 'build',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: BUILT_GUIDANCE_FILE, source: JSON.stringify(BUNDLED_PACK) });
  },
});

// @hpke/common falls back to `await import("crypto")` (Node's webcrypto) only where globalThis.crypto is missing,
// which never happens in a browser that has WebCrypto. Vite would replace it with an empty shim and warn on every
// build; this answers that one import with the browser's own WebCrypto instead, and leaves every other import alone.
const HPKE_NODE_CRYPTO = '\0safevisit-hpke-webcrypto';
const hpkeWebCrypto = (): Plugin => ({
  name: 'safevisit-hpke-webcrypto',
  apply: 'build',
  enforce: 'pre',
  resolveId: (source, importer) =>
    source === 'crypto' && importer?.includes('/node_modules/@hpke/') ? HPKE_NODE_CRYPTO : null,
  load: (id) => (id === HPKE_NODE_CRYPTO ? 'export const webcrypto = globalThis.crypto;' : null),
});

// Brotli and gzip copies of every text file, served by @fastify/static's `preCompressed`. Runs last, after
// vite-plugin-pwa has written sw.js, so the service worker is compressed too.
const precompress = (): Plugin => {
  let outDir = 'dist';
  return {
    name: 'safevisit-precompress',
    apply: 'build',
    configResolved: (config) => {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: { order: 'post', sequential: true, handler: () => void precompressDir(outDir) },
  };
};

export default defineConfig({
  plugins: [
    preact(),
    hpkeWebCrypto(),
    cspMeta(),
    splitEntries(),
    preloadBoot(),
    guidancePackFile(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      // The favicon (the manifest's icons are precached anyway), so the tab shows it offline too.
      includeAssets: ['favicon-32.png'],
      manifest: {
        name: 'SafeVisit',
        short_name: 'SafeVisit',
        description: 'Online safety incident reports and guidance for home visits, offline and encrypted.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#0b5d5e',
        background_color: '#ffffff',
        lang: 'en-GB',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg}'],
        manifestTransforms: [
          async (entries) => ({ manifest: entries.filter((entry) => !officerOnlyFiles.has(entry.url)), warnings: [] }),
        ],
        // The passphrase estimator's dictionaries (about 850 KB gzip) are fetched only by the screens that set a
        // passphrase (first run is online, just after installing); precaching them would triple every install.
        globIgnores: ['**/passphrase-estimate-*.js'],
        // A classic script, as sw-bridge registers it (no `type: 'module'`). The plugin's 'es' format also passes
        // Rolldown the deprecated `inlineDynamicImports`, which warned on every build.
        rollupFormat: 'iife',
      },
      devOptions: { enabled: false },
    }),
    precompress(),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      input: { main: resolve('index.html'), officer: resolve(OFFICER_PAGE) },
      // The report modules (split by job in src/domain) and the guidance schema stay one lazy chunk, as they were
      // before report.ts was split, so the first load's table of lazy chunks does not grow with every domain file.
      output: {
        codeSplitting: {
          groups: [
            // zod in a chunk of its own, taken first (the report group would pull it in as a dependency): the
            // officer's page needs zod too, without the report modules.
            { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/, priority: 1 },
            // The shared code the worker's boot runs (preact, the services context, errors, auto-lock, the form bits)
            // in one chunk instead of three small ones: each file of the first load is a request, a response task and
            // a compile on the page's thread before the app's first render. The officer's page shares this chunk.
            {
              name: 'core',
              test: /[\\/]node_modules[\\/]preact[\\/]|[\\/]src[\\/](app[\\/](services|use-observable)\.ts|domain[\\/](errors|enrol-fragment)\.ts|ui[\\/](lazy|form-bits)\.tsx|vault[\\/]autolock\.ts)$|^\0vite[\\/](preload-helper|modulepreload-polyfill)/,
              priority: 1,
            },
            {
              name: 'report',
              test: /[\\/]src[\\/]domain[\\/](report-[a-z]+|guidance)\.ts$/,
            },
          ],
        },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // A limit against hangs, not a speed target: the first test of a file pays for real key derivation and a
          // real server's start, and these machines are shared (5 s timed out at load 20).
          testTimeout: 20_000,
          // The storage contract runs on SQLite and on a real PostgreSQL this starts (or SAFEVISIT_TEST_DATABASE_URL).
          globalSetup: ['tests/unit/postgres-server.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          globalSetup: ['tests/e2e/global-setup.ts'],
        },
      },
      {
        test: {
          // The core journeys in Chromium, Firefox and WebKit (tests/engines/journeys.ts, one spec per engine).
          name: 'engines',
          include: ['tests/engines/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          globalSetup: ['tests/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
