/// <reference types="vitest/config" />
// Builds the page and its service worker; also holds the vitest projects (unit, e2e).

import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { CONTENT_SECURITY_POLICY } from './server/security-headers.ts';

// The built page carries its CSP as a meta tag too, so it holds even behind a plain
// static host. Only on build: the dev server's hot reload needs inline code.
const cspMeta = (): Plugin => ({
  name: 'safevisit-csp-meta',
  apply: 'build',
  transformIndexHtml: (html) =>
    html.replace(
      '<meta charset="UTF-8" />',
      `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replace(/;\s*frame-ancestors[^;]*/, '')}" />`,
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

export default defineConfig({
  plugins: [
    preact(),
    cspMeta(),
    splitEntries(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
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
      },
      devOptions: { enabled: false },
    }),
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
    ],
  },
});
