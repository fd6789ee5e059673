// The UI contract of DESIGN.md: tests outside this repo find these controls by role and accessible name
// (Playwright's default, case-insensitive substring match). Each must resolve to exactly one element on
// every screen where it appears, or those tests would fail on an ambiguous match.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, createVault, STRONG_PASSPHRASE, waitForController } from './harness.ts';

const suite = browserSuite();

type Role = Parameters<Page['getByRole']>[0];
const expectOne = async (page: Page, role: Role, name: string, where: string) => {
  await page.getByRole(role, { name }).first().waitFor();
  expect(await page.getByRole(role, { name }).count(), `${role} "${name}" on ${where}`).toBe(1);
};

const NAV = ['Reports', 'Guidance', 'Settings'];

describe('UI contract', () => {
  it('finds every named control exactly once on the screens where it belongs', async () => {
    const { page } = await suite.newProfile();
    await page.goto(`${suite.server.url}/#/reports`);
    await waitForController(page);
    for (const name of ['Create vault']) await expectOne(page, 'button', name, 'vault setup');
    expect(await page.getByLabel('Passphrase', { exact: true }).count()).toBe(1);
    expect(await page.getByLabel('Confirm passphrase').count()).toBe(1);
    await createVault(page);

    const onEveryScreen = async (where: string) => {
      for (const name of NAV) await expectOne(page, 'link', name, where);
      await expectOne(page, 'button', 'Lock', where);
      expect(await page.getByRole('status').count(), `status on ${where}`).toBe(1);
      expect(await page.getByRole('status').textContent()).toMatch(/^(Online|Offline)/);
    };

    await onEveryScreen('report list');
    await expectOne(page, 'button', 'New report', 'report list');
    await page.getByRole('button', { name: 'New report' }).click();
    await page.getByLabel('Description of incident').waitFor();
    await onEveryScreen('report editor');
    for (const name of ['Save draft', 'Submit report']) await expectOne(page, 'button', name, 'report editor');
    expect(await page.getByLabel('Description of incident').count()).toBe(1);

    await page.getByRole('link', { name: 'Guidance' }).click();
    await page.getByRole('searchbox', { name: 'Search guidance' }).waitFor();
    await expectOne(page, 'searchbox', 'Search guidance', 'guidance');
    await onEveryScreen('guidance');
    await page.getByRole('searchbox', { name: 'Search guidance' }).fill('PEGI');
    await page.locator('ol.guidance-results > li > a').first().click();
    await page.waitForURL(/#\/guidance\/.+/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await onEveryScreen('guidance article');

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Save settings' }).waitFor();
    await onEveryScreen('settings');
    for (const name of ['Save settings', 'Test connection', 'Sync now', 'Enrol device'])
      await expectOne(page, 'button', name, 'settings');
    expect(await page.getByLabel('Sync endpoint URL').count()).toBe(1);
    expect(await page.getByLabel('Access token').count()).toBe(1);
    expect(await page.getByLabel('Enrolment link').count()).toBe(1);

    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('button', { name: 'Unlock' }).waitFor();
    await expectOne(page, 'button', 'Unlock', 'unlock');
    expect(await page.getByLabel('Passphrase', { exact: true }).count()).toBe(1);
    await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: 'Lock' }).waitFor();
  });
});
