// Updates never swap code under an open draft: a new service worker waits, the page says "A new version is
// ready", and only the user's "Reload" applies it.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../scripts/precompress.ts';
import { browserSuite, UNTIL, waitForController } from './harness.ts';

// A copy of the build that the test can change into "the next version" while the page is open.
const staticDir = mkdtempSync(join(tmpdir(), 'safevisit-update-'));
cpSync('dist', staticDir, { recursive: true });
const suite = browserSuite({ staticDir });

afterAll(() => rmSync(staticDir, { recursive: true, force: true }));

describe('updates', () => {
  it('shows a waiting version and applies it only when the user presses Reload', async () => {
    const { page } = await suite.newProfile();
    await page.goto(`${suite.server.url}/#/guidance`);
    await waitForController(page);
    const searchbox = page.getByRole('searchbox', { name: 'Search guidance' });
    await searchbox.fill('typed before the update');
    const firstScript = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);

    // Publish a new version: any byte change to sw.js is a new service worker (compressed again, as a build would).
    appendFileSync(join(staticDir, 'sw.js'), '\n// next version\n');
    precompressDir(staticDir);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

    await page.getByText('A new version is ready').waitFor();
    // Nothing was swapped under the user: same page, same typed text, no reload.
    expect(await searchbox.inputValue()).toBe('typed before the update');

    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Reload' }).click()]);
    await page.getByRole('navigation').waitFor();
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const registration = await navigator.serviceWorker.getRegistration();
            return Boolean(registration?.active && !registration.waiting && navigator.serviceWorker.controller);
          }),
        UNTIL,
      )
      .toBe(true);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(firstScript);
    expect(await page.getByText('A new version is ready').count()).toBe(0);
  });
});
