/// <reference types="vitest/config" />
// Builds the page and its service worker; also holds the vitest projects (unit, e2e).
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
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

export default defineConfig({
  plugins: [
    preact(),
    cspMeta(),
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
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      // The report modules (split by job in src/domain), the guidance schema and zod stay one lazy chunk, as they were
      // before report.ts was split, so the first load's table of lazy chunks does not grow with every domain file.
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'report',
              test: /[\\/]src[\\/]domain[\\/](report-[a-z]+|guidance)\.ts$|[\\/]node_modules[\\/]zod[\\/]/,
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
