// Guidance in the field: a second visit with no network and a vault never created, searched with the
// words workers use, results marked and counted, articles with their sources, keyboard, 360 px, axe.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BUNDLED_PACK } from '../../src/guidance/pack.ts';
import { browserSuite, seriousA11yViolations, waitForController, waitForFocus } from './harness.ts';

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

/**
 * Waits until the screen has settled on `query`: the box holds it, the list shows results, and the spoken count
 * (which waits for a pause in typing) says how many the list shows. Read in one pass over the page, so a count
 * left over from an earlier word never passes for this one.
 */
const settledOn = async (page: Page, query: string): Promise<void> => {
  await page.waitForFunction((typed) => {
    const box = document.querySelector<HTMLInputElement>('#guidance-search');
    const shown = document.querySelectorAll('ol.guidance-results > li > a').length;
    const spoken = document.querySelector('[aria-live="polite"]')?.textContent;
    return box?.value === typed && shown > 0 && spoken === `${shown} ${shown === 1 ? 'result' : 'results'}`;
  }, query);
};

/** Types `query` into the search as a user does, then waits for the screen to settle on it. */
const search = async (page: Page, query: string): Promise<void> => {
  await searchbox(page).fill('');
  await searchbox(page).pressSequentially(query, { delay: 30 });
  await settledOn(page, query);
};

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

/**
 * A second visit in the field: a fresh profile visits once online (the service worker installs and takes the page),
 * the network goes, and a new tab opens `hash` from the device alone.
 */
const offlineVisit = async (hash = '#/guidance'): Promise<Page> => {
  const { context, page: first } = await suite.newProfile();
  await first.goto(`${suite.server.url}/#/guidance`);
  await waitForController(first);
  await context.setOffline(true);
  const page = await context.newPage();
  await page.goto(`${suite.server.url}/${hash}`);
  await page.getByRole('status').filter({ hasText: 'Offline' }).waitFor();
  return page;
};

describe('guidance', () => {
  it('installs on a first visit online and opens on the browse view', async () => {
    const { page } = await suite.newProfile();
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
    const page = await offlineVisit();
    await searchbox(page).waitFor();
    // Nothing to unlock: no passphrase asked, no vault open.
    expect(await page.getByLabel('Passphrase').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Lock' }).count()).toBe(0);
    expect(await smallTargets(page, '.guidance-link')).toEqual([]);
    expect(await horizontalOverflowPx(page)).toBeLessThanOrEqual(0);
  });

  for (const { query, articleId, source } of FIELD_SEARCHES) {
    it(`finds "${query}" as the user types, marks the words, and opens the article with its sources`, async () => {
      const page = await offlineVisit();
      const title = titleOf(articleId);
      await search(page, query);
      const titles = await resultLinks(page).allTextContents();
      expect(titles.slice(0, WITHIN_FIRST_RESULTS)).toContain(title);
      const marked = await page.locator('ol.guidance-results mark').allTextContents();
      expect(marked.map((word) => word.toLowerCase())).toContain(query.toLowerCase().replace(/s$/, ''));
      expect(await seriousA11yViolations(page), `results for ${query}`).toEqual([]);

      await resultLinks(page).filter({ hasText: title }).first().click();
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      expect(page.url()).toContain(`#/guidance/${articleId}`);
      await waitForFocus(page, 'H1', title);

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
    const page = await offlineVisit();
    const title = titleOf('age-rated-games');
    await search(page, 'PEGI');
    await resultLinks(page).filter({ hasText: title }).first().click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();

    await page.getByRole('link', { name: 'All topics' }).first().click();
    await page.getByRole('heading', { name: 'Guidance', level: 1 }).waitFor();
    expect(await searchbox(page).inputValue()).toBe('PEGI');
    await waitForFocus(page, 'A', title);
  });

  it('works with the keyboard alone: type, Enter to the first result, Enter to open it', async () => {
    const page = await offlineVisit();
    await searchbox(page).focus();
    await page.keyboard.type('sexting');
    await settledOn(page, 'sexting');
    const first = (await resultLinks(page).first().textContent()) ?? '';
    await page.keyboard.press('Enter');
    await waitForFocus(page, 'A', first);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: first, level: 1 }).waitFor();
    await waitForFocus(page, 'H1', first);
  });

  it('says when nothing matches and offers the topics to browse', async () => {
    const page = await offlineVisit();
    await searchbox(page).fill('zzqxv');
    await page.locator('[aria-live="polite"]').filter({ hasText: 'No results' }).waitFor();
    await page.getByText('No guidance matches “zzqxv”').waitFor();
    expect(await resultLinks(page).count()).toBe(0);
    const firstSection = BUNDLED_PACK.sections[0];
    await page.getByRole('heading', { name: firstSection?.title ?? '', level: 2, exact: true }).waitFor();
  });

  it('lists the support services with calling numbers and addresses that open in a new tab', async () => {
    const page = await offlineVisit('#/guidance/directory');
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

    await page.getByRole('link', { name: /^NCA.*CEOP/ }).click();
    await page.getByRole('heading', { name: /^NCA.*CEOP/, level: 1 }).waitFor();
    await page
      .getByRole('region', { name: /^Sources?$/ })
      .getByText('Kent and Medway FAQ', { exact: false })
      .first()
      .waitFor();
    expect(await seriousA11yViolations(page), 'directory entry').toEqual([]);
  });

  it('renders article tables as real tables with a caption and header cells', async () => {
    const page = await offlineVisit('#/guidance/online-risks-four-cs');
    const table = page.getByRole('table').first();
    await table.waitFor();
    expect(await table.locator('caption').count()).toBe(1);
    expect(await table.locator('th[scope="col"]').count()).toBeGreaterThan(1);
    expect(await table.locator('th[scope="row"]').count()).toBeGreaterThan(0);
    expect(await horizontalOverflowPx(page)).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page), 'article with a table').toEqual([]);
  });
});
