// Guidance in the field: a second visit with no network and a vault never created, searched with the
// words workers use, results marked and counted, articles with their sources, keyboard, 360 px, axe.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BUNDLED_PACK } from '../../src/guidance/pack.ts';
import { browserSuite, seriousA11yViolations, waitForController } from './harness.ts';

let offlinePage: Page;

const titleOf = (id: string): string => {
  const article = BUNDLED_PACK.articles.find((a) => a.id === id);
  if (!article) throw new Error(`the bundled pack has no article '${id}'`);
  return article.title;
};

/** The words a worker types in a case meeting, and the article that answers them. */
const FIELD_SEARCHES = [
  { query: 'nudes', articleId: 'nude-image-sharing', source: 'Camden guidance, section 5.6' },
  { query: 'LADO', articleId: 'colleague-online-behaviour', source: 'Kent and Medway FAQ, section 3, question 9' },
  { query: 'PEGI', articleId: 'age-rated-games', source: 'Kent and Medway FAQ, section 2, question 6' },
] as const;

// The answer must be near the top, not somewhere in the list.
const WITHIN_FIRST_RESULTS = 3;

const searchbox = (page: Page) => page.getByRole('searchbox', { name: 'Search guidance' });
const resultLinks = (page: Page) => page.locator('ol.guidance-results > li > a');
const liveCount = (page: Page) => page.locator('[aria-live="polite"]').filter({ hasText: /^\d+ results?$/ });

const activeElement = (page: Page) =>
  page.evaluate(() => ({
    tag: document.activeElement?.tagName ?? '',
    text: document.activeElement?.textContent ?? '',
  }));

/** Elements a finger taps that are smaller than 44 px high (inline links inside sentences are exempt). */
const smallTargets = (page: Page, selector: string) =>
  page.$$eval(selector, (nodes) =>
    nodes
      .map((node) => ({ text: node.textContent ?? '', height: node.getBoundingClientRect().height }))
      .filter((t) => t.height < 44),
  );

const horizontalOverflowPx = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const suite = browserSuite();

describe('guidance', () => {
  it('installs on a first visit online and opens on the browse view', async () => {
    const { page } = suite.tracked;
    await page.goto(`${suite.server.url}/#/guidance`);
    await waitForController(page);
    await page.getByRole('heading', { name: 'Guidance', level: 1 }).waitFor();
    await searchbox(page).waitFor();
    for (const section of BUNDLED_PACK.sections) {
      await page.getByRole('heading', { name: section.title, level: 2, exact: true }).waitFor();
    }
    expect(await seriousA11yViolations(page), 'browse view').toEqual([]);
  });

  it('opens on a second visit with no network and without the vault ever being created', async () => {
    const { context } = suite.tracked;
    await context.setOffline(true);
    offlinePage = await context.newPage();
    await offlinePage.goto(`${suite.server.url}/#/guidance`);
    await offlinePage.getByRole('status').filter({ hasText: 'Offline' }).waitFor();
    await searchbox(offlinePage).waitFor();
    // Nothing to unlock: no passphrase asked, no vault open.
    expect(await offlinePage.getByLabel('Passphrase').count()).toBe(0);
    expect(await offlinePage.getByRole('button', { name: 'Lock' }).count()).toBe(0);
    expect(await smallTargets(offlinePage, '.guidance-link')).toEqual([]);
    expect(await horizontalOverflowPx(offlinePage)).toBeLessThanOrEqual(0);
  });

  for (const { query, articleId, source } of FIELD_SEARCHES) {
    it(`finds "${query}" as the user types, marks the words, and opens the article with its sources`, async () => {
      const page = offlinePage;
      const title = titleOf(articleId);
      if (!page.url().endsWith('#/guidance')) await page.getByRole('link', { name: 'All topics' }).first().click();
      await searchbox(page).fill('');
      await searchbox(page).pressSequentially(query, { delay: 30 });

      // The list redraws on every key; the spoken count follows once typing pauses, and then matches the list.
      await expect
        .poll(async () => {
          const count = await resultLinks(page).count();
          return (
            count > 0 && (await liveCount(page).textContent()) === `${count} ${count === 1 ? 'result' : 'results'}`
          );
        })
        .toBe(true);
      const titles = await resultLinks(page).allTextContents();
      expect(titles.slice(0, WITHIN_FIRST_RESULTS)).toContain(title);
      const marked = await page.locator('ol.guidance-results mark').allTextContents();
      expect(marked.map((word) => word.toLowerCase())).toContain(query.toLowerCase().replace(/s$/, ''));
      expect(await seriousA11yViolations(page), `results for ${query}`).toEqual([]);

      await resultLinks(page).filter({ hasText: title }).first().click();
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      expect(page.url()).toContain(`#/guidance/${articleId}`);
      await expect.poll(() => activeElement(page)).toEqual({ tag: 'H1', text: title });

      await page.getByRole('heading', { name: 'What to do now' }).waitFor();
      const sources = page.getByRole('region', { name: /^Sources?$/ });
      const sourcesText = (await sources.textContent()) ?? '';
      expect(sourcesText).toContain(source);
      const article = BUNDLED_PACK.articles.find((a) => a.id === articleId);
      for (const ref of article?.sources ?? []) expect(sourcesText).toContain(ref.label);
      expect(await horizontalOverflowPx(page), 'the page must not scroll sideways at 360 px').toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(page), `article ${articleId}`).toEqual([]);
    });
  }

  it('keeps the search when the user comes back and returns focus to the article they opened', async () => {
    const page = offlinePage;
    await page.getByRole('link', { name: 'All topics' }).first().click();
    await page.getByRole('heading', { name: 'Guidance', level: 1 }).waitFor();
    expect(await searchbox(page).inputValue()).toBe('PEGI');
    await expect.poll(() => activeElement(page)).toEqual({ tag: 'A', text: titleOf('age-rated-games') });
  });

  it('works with the keyboard alone: type, Enter to the first result, Enter to open it', async () => {
    const page = offlinePage;
    await searchbox(page).focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('sexting');
    await liveCount(page).waitFor();
    const first = (await resultLinks(page).first().textContent()) ?? '';
    await page.keyboard.press('Enter');
    await expect.poll(() => activeElement(page)).toEqual({ tag: 'A', text: first });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: first, level: 1 }).waitFor();
    await expect.poll(() => activeElement(page)).toEqual({ tag: 'H1', text: first });
  });

  it('says when nothing matches and offers the topics to browse', async () => {
    const page = offlinePage;
    await page.getByRole('link', { name: 'All topics' }).first().click();
    await searchbox(page).fill('zzqxv');
    await page.locator('[aria-live="polite"]').filter({ hasText: 'No results' }).waitFor();
    await page.getByText('No guidance matches “zzqxv”').waitFor();
    expect(await resultLinks(page).count()).toBe(0);
    const firstSection = BUNDLED_PACK.sections[0];
    await page.getByRole('heading', { name: firstSection?.title ?? '', level: 2, exact: true }).waitFor();
  });

  it('lists the support services with calling numbers and addresses that open in a new tab', async () => {
    const page = offlinePage;
    await page.goto(`${suite.server.url}/#/guidance/directory`);
    await page.getByRole('heading', { name: 'Support services', level: 1 }).waitFor();
    const childline = page.locator('li', { has: page.getByRole('heading', { name: /Childline/ }) });
    const call = childline.getByRole('link', { name: '0800 1111' });
    expect(await call.getAttribute('href')).toBe('tel:08001111');
    const site = childline.getByRole('link', { name: /www\.childline\.org\.uk/ });
    expect(await site.getAttribute('target')).toBe('_blank');
    expect(await site.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await site.getAttribute('href')).toMatch(/^https:\/\/www\.childline\.org\.uk\/?$/);
    expect(await smallTargets(page, '.guidance-entry h2 a, a.guidance-contact__value')).toEqual([]);
    expect(await horizontalOverflowPx(page)).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page), 'directory').toEqual([]);

    await page.getByRole('link', { name: /^NCA CEOP/ }).click();
    await page.getByRole('heading', { name: /^NCA CEOP/, level: 1 }).waitFor();
    await page
      .getByRole('region', { name: /^Sources?$/ })
      .getByText('Kent and Medway FAQ', { exact: false })
      .first()
      .waitFor();
    expect(await seriousA11yViolations(page), 'directory entry').toEqual([]);
  });

  it('renders article tables as real tables with a caption and header cells', async () => {
    const page = offlinePage;
    await page.goto(`${suite.server.url}/#/guidance/online-risks-four-cs`);
    const table = page.getByRole('table').first();
    await table.waitFor();
    expect(await table.locator('caption').count()).toBe(1);
    expect(await table.locator('th[scope="col"]').count()).toBeGreaterThan(1);
    expect(await table.locator('th[scope="row"]').count()).toBeGreaterThan(0);
    expect(await horizontalOverflowPx(page)).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page), 'article with a table').toEqual([]);
  });

  it('made no request to any origin but 127.0.0.1', () => {
    expect(suite.tracked.requests.length).toBeGreaterThan(0);
    expect(suite.tracked.foreignRequests()).toEqual([]);
  });
});
