// Fields that take personal data or a passphrase never go to a spellcheck service: in a real browser, every text
// field of the report editor (every box ticked, so every follow-up field shows), the report search, Settings'
// organisation and passphrase fields and the vault's own screens have spellcheck off.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, createVault, waitForController } from './harness.ts';

const suite = browserSuite();

/** Every text-taking field on the page, with whether the browser would spellcheck it (the `spellcheck` property). */
const textFields = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('textarea, input')]
      .filter(
        (el) =>
          el instanceof HTMLTextAreaElement || ['text', 'search', 'password', 'email', 'tel', 'url'].includes(el.type),
      )
      .map((el) => ({ id: el.id, spellcheck: el.spellcheck, autocorrect: el.getAttribute('autocorrect') })),
  );

const expectNoSpellcheck = async (page: Page, atLeast: number) => {
  const fields = await textFields(page);
  expect(fields.length).toBeGreaterThanOrEqual(atLeast);
  expect(fields.filter((f) => f.spellcheck !== false)).toEqual([]);
  expect(fields.filter((f) => f.autocorrect !== 'off')).toEqual([]);
};

/** A fresh profile with a vault, on the report list. */
const withVault = async () => {
  const { page } = await suite.newProfile();
  await page.goto(`${suite.server.url}/#/reports`);
  await createVault(page);
  return page;
};

describe('spellcheck off on personal data', () => {
  it('on the create screen: both passphrase fields', async () => {
    const { page } = await suite.newProfile();
    await page.goto(`${suite.server.url}/#/reports`);
    await waitForController(page);
    await page.getByLabel('Confirm passphrase').waitFor();
    await expectNoSpellcheck(page, 2);
  });

  it('on every text field of the report editor, with every box ticked so every follow-up field shows', async () => {
    const page = await withVault();
    await page.getByRole('button', { name: 'New report' }).click();
    await page.getByLabel('Description of incident').waitFor();
    // Ticking can reveal more boxes ("please specify", sub-questions): tick until none is left unticked.
    for (let round = 0; round < 5; round++) {
      const unticked = page.locator('input[type="checkbox"]:not(:checked):not(:disabled)');
      const count = await unticked.count();
      if (count === 0) break;
      for (let i = 0; i < count; i++) await unticked.first().check();
    }
    await expectNoSpellcheck(page, 8);
  });

  it('on the report search, the organisation fields in Settings and the passphrase fields', async () => {
    const page = await withVault();
    await page.getByLabel('Search reports').waitFor();
    await expectNoSpellcheck(page, 1);
    await page.goto(`${suite.server.url}/#/settings`);
    // Settings draws its panels as their data arrives: wait for the last of the fields counted, not only the first.
    await page.getByLabel('Current passphrase').waitFor();
    await page.getByLabel('Name of school/organisation').waitFor();
    await page.getByLabel('Contact details').waitFor();
    await expectNoSpellcheck(page, 6);
  });

  it('on the unlock screen', async () => {
    const page = await withVault();
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('button', { name: 'Unlock' }).waitFor();
    await expectNoSpellcheck(page, 1);
  });
});
