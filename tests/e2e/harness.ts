// The browser tests' one fixtures module: the real server on 127.0.0.1 serving dist/, Debian Chromium through
// playwright-core, a fresh profile per test with a guard that no request leaves the origin, axe-core, and the
// user's common steps (vault, settings). Never stubs the app, its crypto or its storage.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { type AppOptions, buildApp } from '../../server/app.ts';
import { rawStorageInPage } from '../engines/raw-storage.ts';
import { STRONG_PASSPHRASE } from '../passphrases.ts';

export { STRONG_PASSPHRASE, WRONG_PASSPHRASE } from '../passphrases.ts';

export type TestServer = { url: string; app: FastifyInstance; close: () => Promise<void> };

export const startServer = async (options: AppOptions = {}): Promise<TestServer> => {
  const app = await buildApp({ staticDir: 'dist', ...options });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not bind a port');
  return { url: `http://127.0.0.1:${address.port}`, app, close: () => app.close() };
};

const launchBrowser = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

export type TrackedContext = {
  context: BrowserContext;
  page: Page;
  /** Every URL the pages and the service worker asked for. */
  requests: string[];
};

const isSameOrigin = (origin: string, url: string): boolean =>
  url === origin || url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:');

/** A fresh profile (new context, phone-sized) whose every request is recorded, service worker included. */
const openContext = async (browser: Browser): Promise<TrackedContext> => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  return { context, page, requests };
};

/** Waits until the service worker controls the page (first visit claims it at activation). */
export const waitForController = async (page: Page): Promise<void> => {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
};

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: number };

/** Runs axe-core in the page (through the devtools protocol, so the page's CSP stays strict). */
export const seriousA11yViolations = async (page: Page): Promise<AxeViolation[]> => {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
          ) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }> }>;
        };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
};

/**
 * Everything the origin stores, read raw: every IndexedDB database and object store (typed arrays decoded
 * as text too, so a plaintext byte run would show), localStorage, sessionStorage and Cache Storage bodies.
 */
export const readAllRawStorage = (page: Page): Promise<string> => page.evaluate(rawStorageInPage);

/** First run in a fresh profile: create the vault and wait for the app behind it. */
export const createVault = async (page: Page, passphrase = STRONG_PASSPHRASE): Promise<void> => {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Confirm passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByRole('button', { name: 'Lock' }).waitFor();
};

export const unlockVault = async (page: Page, passphrase = STRONG_PASSPHRASE): Promise<void> => {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: 'Lock' }).waitFor();
};

/** Opens Settings from the navigation, fills each labelled field, saves and waits for the confirmation. */
export const saveSettings = async (page: Page, fields: Record<string, string>): Promise<void> => {
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Save settings' }).waitFor();
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label).fill(value);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Settings saved.').waitFor();
};

/**
 * How long a condition the page reaches by itself may take (Playwright's own wait limit): for the few checks
 * with no element to wait on, so `expect.poll` waits as long as every other wait instead of its 1 s default.
 */
export const UNTIL = { timeout: 30_000, interval: 100 } as const;

/** Waits until the focused element is the given tag with exactly this text (what a screen reader lands on). */
export const waitForFocus = async (page: Page, tag: string, text: string): Promise<void> => {
  await page.waitForFunction(
    ([t, x]) => document.activeElement?.tagName === t && document.activeElement?.textContent === x,
    [tag, text] as const,
  );
};

export type BrowserSuite = {
  server: TestServer;
  browser: Browser;
  /**
   * A fresh profile for the running test, closed when it ends. Every request of every profile is checked after
   * each test: one to any origin but the test server's fails that test.
   */
  newProfile: () => Promise<TrackedContext>;
  /** The foreign requests seen so far in this test, which then no longer fail it (for the test of the guard). */
  takeForeignRequests: () => string[];
};

/**
 * One server and one Chromium for a spec file, started before its tests and stopped after; each test opens its
 * own profiles. The returned object fills in when the suite starts (read its fields inside tests).
 */
export const browserSuite = (serverOptions: AppOptions = {}): BrowserSuite => {
  let profiles: TrackedContext[] = [];
  const foreign = (): string[] =>
    profiles.flatMap((profile) => profile.requests.filter((url) => !isSameOrigin(suite.server.url, url)));
  const suite: BrowserSuite = {
    server: undefined as unknown as TestServer,
    browser: undefined as unknown as Browser,
    newProfile: async () => {
      const profile = await openContext(suite.browser);
      profiles.push(profile);
      return profile;
    },
    takeForeignRequests: () => {
      const seen = foreign();
      for (const profile of profiles) profile.requests.length = 0;
      return seen;
    },
  };
  beforeAll(async () => {
    suite.server = await startServer(serverOptions);
    suite.browser = await launchBrowser();
  });
  afterEach(async () => {
    // Closed first, so nothing a page still had in flight escapes the check.
    const closing = profiles;
    await Promise.all(closing.map((profile) => profile.context.close().catch(() => undefined)));
    const seen = foreign();
    profiles = [];
    expect(seen, `requests to an origin other than ${suite.server.url}`).toEqual([]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
};
