// Browser-test harness: the real server on 127.0.0.1 serving dist/, Debian Chromium through
// playwright-core, a guard that no request leaves this origin, and axe-core.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { type AppOptions, buildApp } from '../../server/app.ts';

export type TestServer = { url: string; app: FastifyInstance; close: () => Promise<void> };

export const startServer = async (options: AppOptions = {}): Promise<TestServer> => {
  const app = await buildApp({ staticDir: 'dist', ...options });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not bind a port');
  return { url: `http://127.0.0.1:${address.port}`, app, close: () => app.close() };
};

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

export type TrackedContext = {
  context: BrowserContext;
  page: Page;
  /** Every URL the pages and the service worker asked for. */
  requests: string[];
  foreignRequests: () => string[];
};

/** A fresh profile (new context) whose every request is recorded, service worker included. */
export const openContext = async (browser: Browser, origin: string): Promise<TrackedContext> => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  const allowed = (url: string) =>
    url.startsWith(`${origin}/`) || url === origin || url.startsWith('data:') || url.startsWith('blob:');
  return { context, page, requests, foreignRequests: () => requests.filter((url) => !allowed(url)) };
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
