// Guidance in a case meeting, offline with the vault locked: the quick reference on one 360 x 740 screen, one tap
// from Guidance; questions as workers ask them answered first; "Copy link" and the link opening the article again.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BUNDLED_PACK } from '../../src/guidance/pack.ts';
import { ISSUE_QUESTION_QUERIES } from '../unit/guidance/question-queries.ts';
import { browserSuite, createVault, seriousA11yViolations, waitForController } from './harness.ts';

const SCREEN = { width: 360, height: 740 };

const titleOf = (id: string): string => {
  const article = BUNDLED_PACK.articles.find((a) => a.id === id);
  if (!article) throw new Error(`the bundled pack has no article '${id}'`);
  return article.title;
};

const searchbox = (page: Page) => page.getByRole('searchbox', { name: 'Search guidance' });

// A few of the issue's questions through the real screen: the ones that failed before, and one that did not.
const UI_QUESTIONS = ISSUE_QUESTION_QUERIES.filter(([query]) =>
  ['how to make a referral', 'who do I tell about a teacher', 'upskirting', 'I lost my work laptop'].includes(query),
);

const suite = browserSuite();

/**
 * A case meeting: a fresh profile visits once online (the service worker installs and takes the page), with a vault
 * created and locked when `lockedVault`; the network goes, and a new tab opens `hash` from the device alone.
 */
const meetingVisit = async (hash = '#/guidance', { lockedVault = false } = {}) => {
  const { context, page: first } = await suite.newProfile();
  await first.goto(`${suite.server.url}/#/reports`);
  await waitForController(first);
  if (lockedVault) {
    await createVault(first);
    await first.getByRole('button', { name: 'Lock' }).click();
    await first.getByRole('button', { name: 'Unlock' }).waitFor();
  }
  await context.setOffline(true);
  const page = await context.newPage();
  await page.goto(`${suite.server.url}/${hash}`);
  await page.getByRole('status').filter({ hasText: 'Offline' }).waitFor();
  return { context, page };
};

/** Waits until the first result is the article titled `title` (the list follows the box after a pause in typing). */
const firstResultIs = (page: Page, title: string) =>
  page.waitForFunction((t) => document.querySelector('ol.guidance-results > li > a')?.textContent === t, title);

describe('guidance in a case meeting', () => {
  it('is read on a second visit with no network while the vault is locked', async () => {
    const { page } = await meetingVisit('#/guidance', { lockedVault: true });
    await searchbox(page).waitFor();
    expect(await page.getByRole('button', { name: 'Lock' }).count(), 'the vault stays locked').toBe(0);
  });

  it('opens the quick reference in one tap, on one 360 x 740 screen with no scrolling', async () => {
    const { page } = await meetingVisit();
    await page.getByRole('link', { name: 'Quick reference' }).click();
    await page.getByRole('heading', { name: 'Quick reference', level: 1 }).waitFor();
    expect(page.viewportSize()).toEqual(SCREEN);
    const size = await page.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      width: document.documentElement.scrollWidth,
    }));
    expect(size.height).toBeLessThanOrEqual(SCREEN.height);
    expect(size.width).toBeLessThanOrEqual(SCREEN.width);

    for (const name of ['Refer to MASH (e-CAF) on', 'Report, and to whom', 'Urgent numbers'])
      await page.getByRole('heading', { name, level: 2 }).waitFor();
    expect(await page.getByRole('link', { name: '999' }).getAttribute('href')).toBe('tel:999');
    expect(await page.getByRole('link', { name: '0800 1111' }).getAttribute('href')).toBe('tel:08001111');
    expect(await page.getByText('your service’s contact').count()).toBe(3);
    // Large type: the criteria are set above the body's 16 px.
    const fontPx = await page
      .locator('.quick-ref li')
      .first()
      .evaluate((li) => Number.parseFloat(getComputedStyle(li).fontSize));
    expect(fontPx).toBeGreaterThanOrEqual(18);
    expect(await seriousA11yViolations(page), 'quick reference').toEqual([]);
  });

  for (const [query, articleId] of UI_QUESTIONS) {
    it(`puts "${titleOf(articleId)}" first for "${query}"`, async () => {
      const { page } = await meetingVisit();
      await searchbox(page).fill(query);
      await firstResultIs(page, titleOf(articleId));
    });
  }

  it('says when nothing matches and offers the closest topics and the support directory', async () => {
    const { page } = await meetingVisit();
    await searchbox(page).fill('zzqxv');
    await page.getByText('No guidance matches “zzqxv”').waitFor();
    await page.getByRole('heading', { name: 'Topics to start from' }).waitFor();
    await page.getByRole('link', { name: 'Support services: who to call or report to' }).waitFor();
    expect(await seriousA11yViolations(page), 'no match').toEqual([]);
  });

  it('copies an article’s link, and the link opens the article again', async () => {
    const articleId = 'referral-criteria';
    const { context, page } = await meetingVisit(`#/guidance/${articleId}`);
    await page.getByRole('heading', { name: titleOf(articleId), level: 1 }).waitFor();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.server.url });
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('Link copied.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${suite.server.url}/#/guidance/${articleId}`);

    const reopened = await context.newPage();
    await reopened.goto(copied);
    await reopened.getByRole('heading', { name: titleOf(articleId), level: 1 }).waitFor();
    await reopened.close();
  });

  it('selects the link for the user to copy where the clipboard is not available', async () => {
    const { page } = await meetingVisit('#/guidance/referral-criteria');
    await page.getByRole('heading', { name: titleOf('referral-criteria'), level: 1 }).waitFor();
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
    await page.getByRole('button', { name: 'Copy link' }).click();
    const field = page.getByRole('textbox', { name: 'Link to this guidance' });
    await field.waitFor();
    expect(await field.inputValue()).toBe(`${suite.server.url}/#/guidance/referral-criteria`);
    // Focused and wholly selected, as the page does it after showing the field.
    await page.waitForFunction(
      (input) =>
        document.activeElement === input &&
        (input.selectionEnd ?? 0) - (input.selectionStart ?? 0) === input.value.length,
      await field.evaluateHandle((input: HTMLInputElement) => input),
    );
  });

  it('marks advice the service added, and names whose contact to use for a service with none', async () => {
    const { page } = await meetingVisit('#/guidance/misinformation');
    await page.getByText('Added by SafeVisit, not from the source documents').first().waitFor();
    await page.goto(`${suite.server.url}/#/guidance/directory.samaritans`);
    await page.getByText('Whose contact to use: your designated safeguarding lead').waitFor();
    expect(await seriousA11yViolations(page), 'entry with a local route').toEqual([]);
  });
});
