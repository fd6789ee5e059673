// The installable offline shell: service worker, offline reload, live connectivity, manifest, accessibility,
// and the harness's guard against requests to other origins.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { browserSuite, seriousA11yViolations, waitForController } from './harness.ts';

const suite = browserSuite();

describe('app shell', () => {
  it('installs the service worker on the first visit and then opens with no network at all', async () => {
    const { page, context } = await suite.newProfile();
    await page.goto(suite.server.url);
    await waitForController(page);
    await page.getByRole('status').filter({ hasText: 'Online' }).waitFor();

    await context.setOffline(true);
    await page.reload();
    for (const name of ['Reports', 'Guidance', 'Settings']) {
      await page.getByRole('navigation').getByRole('link', { name }).waitFor();
    }
    await page.getByRole('status').filter({ hasText: 'Offline' }).waitFor();
    // The tab's icon (a small PNG: an SVG one cost the page's thread a whole SVG document) is precached too.
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    const served = await page.evaluate(async (href) => {
      const response = await fetch(href);
      return response.ok ? response.headers.get('content-type') : response.status;
    }, icon ?? '/missing-icon');
    expect(served).toBe('image/png');

    await page.getByRole('link', { name: 'Guidance' }).click();
    await page.getByRole('heading', { name: 'Guidance', level: 1 }).waitFor();

    await context.setOffline(false);
    await page.getByRole('status').filter({ hasText: 'Online' }).waitFor();
  });

  it('paints its header and navigation before its script has run, and the app then draws over them', async () => {
    const { page } = await suite.newProfile();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The entry script is held back: what shows meanwhile comes from the page and its stylesheet alone.
    await page.route(/\/assets\/main-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(suite.server.url, { waitUntil: 'commit' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Reports', 'Guidance', 'Settings']) await nav.getByRole('link', { name }).waitFor();
    await page.getByText('SafeVisit', { exact: true }).waitFor();
    expect(await page.getByRole('status').count()).toBe(0);
    const links = () =>
      nav.getByRole('link').evaluateAll((all) => all.map((a) => [a.textContent, a.getAttribute('href')]));
    const before = await links();
    expect(before).toEqual([
      ['Reports', '#/reports'],
      ['Guidance', '#/guidance'],
      ['Settings', '#/settings'],
    ]);

    release();
    await page.getByRole('status').filter({ hasText: 'Online' }).waitFor();
    await page.getByRole('button', { name: 'Create vault' }).waitFor();
    expect(await links()).toEqual(before);
    expect(await nav.getByRole('link', { name: 'Reports' }).getAttribute('aria-current')).toBe('page');
    expect(await page.locator('header').count()).toBe(1);
    expect(await page.getByRole('navigation').count()).toBe(1);
    expect(await page.locator('main').count()).toBe(1);
  });

  it('draws the navigation and the vault gate (Opening…) before the database code has loaded, then opens the vault', async () => {
    const { page } = await suite.newProfile();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked: () => void = () => undefined;
    const storeAsked = new Promise<void>((resolve) => {
      asked = resolve;
    });
    // The store's chunk (Dexie, the database, the vault over it) is held back until the app is on screen.
    await page.route(/\/assets\/device-store-[^/]+\.js$/, async (route) => {
      asked();
      await held;
      await route.continue();
    });
    await page.goto(suite.server.url, { waitUntil: 'commit' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.locator('a[aria-current="page"]', { hasText: 'Reports' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Online' }).waitFor();
    await storeAsked;
    await page.getByRole('main').getByText('Opening…').waitFor();
    expect(await page.getByRole('button', { name: 'Create vault' }).count()).toBe(0);
    // The screens that need no vault work meanwhile.
    await nav.getByRole('link', { name: 'Guidance' }).click();
    await page.getByRole('heading', { name: 'Guidance', level: 1 }).waitFor();
    await nav.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('main').getByText('Opening…').waitFor();

    release();
    await page.getByRole('button', { name: 'Create vault' }).waitFor();
    expect(await page.getByRole('main').getByText('Opening…').count()).toBe(0);
  });

  it('follows connectivity live in the status region', async () => {
    const { page, context } = await suite.newProfile();
    await page.goto(suite.server.url);
    await page.getByRole('status').filter({ hasText: 'Online' }).waitFor();
    await context.setOffline(true);
    await page.getByRole('status').filter({ hasText: 'Offline' }).waitFor();
    await context.setOffline(false);
    await page.getByRole('status').filter({ hasText: 'Online' }).waitFor();
  });

  it('links a manifest that parses and whose every icon loads', async () => {
    const { page } = await suite.newProfile();
    await page.goto(suite.server.url);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const manifestUrl = new URL(href ?? '', suite.server.url).toString();
    const response = await page.request.get(manifestUrl);
    expect(response.ok()).toBe(true);
    const manifest = (await response.json()) as {
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      theme_color: string;
      background_color: string;
      icons: Array<{ src: string; sizes: string; purpose?: string }>;
    };
    expect(manifest).toMatchObject({ name: 'SafeVisit', display: 'standalone', start_url: '/' });
    expect(manifest.short_name).toBeTruthy();
    expect(manifest.theme_color).toMatch(/^#/);
    expect(manifest.background_color).toMatch(/^#/);
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons) {
      const iconResponse = await page.request.get(new URL(icon.src, manifestUrl).toString());
      expect(iconResponse.ok(), icon.src).toBe(true);
      expect(iconResponse.headers()['content-type']).toBe('image/png');
    }
  });

  it('is served with a strict Content-Security-Policy', async () => {
    const { page } = await suite.newProfile();
    const response = await page.request.get(suite.server.url);
    const csp = response.headers()['content-security-policy'] ?? '';
    // WebAssembly compilation (the vault's Argon2id) and nothing more: no inline script, no eval.
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).toContain("object-src 'none'");
  });

  it('has no serious or critical accessibility violation on the shell', async () => {
    const { page } = await suite.newProfile();
    for (const screen of ['reports', 'guidance', 'settings']) {
      await page.goto(`${suite.server.url}/#/${screen}`);
      await page.getByRole('navigation').waitFor();
      expect(await seriousA11yViolations(page), screen).toEqual([]);
    }
  });

  it('catches a request to another origin, which would fail the test that made it', async () => {
    // Another origin on this machine: same host, another port.
    const elsewhere = createServer((_request, response) => response.end('elsewhere'));
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const foreignUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`;
    try {
      const { page } = await suite.newProfile();
      await page.goto(suite.server.url);
      await page.goto(foreignUrl);
      expect(suite.takeForeignRequests()).toEqual([foreignUrl]);
    } finally {
      await new Promise((resolve) => elsewhere.close(resolve));
    }
  });
});
