// Issue 14 in a real browser at 360 px: a simple report from an unlocked app in a few taps with the actions always
// on screen, a waiting report that says why it waits (no enrolment) on the report and in the status bar, and the
// read-back of a filled report in a few screens.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BUNDLED_PACK } from '../../src/guidance/pack.ts';
import { ABBREVIATIONS } from '../../src/ui/abbr.tsx';
import { browserSuite, createVault, readAllRawStorage, seriousA11yViolations, WRONG_PASSPHRASE } from './harness.ts';

const suite = browserSuite({ rateLimit: false });

const MAX_TAPS = 10;
const MAX_TYPED_FIELDS = 4;
const SCREEN_HEIGHT_PX = 740;
const NOT_ENROLLED = 'This device is not enrolled: ask your online safety officer for an enrolment link';

/** Counts what the worker does: each tap on a control, each field typed into (a tap to focus it, then typing). */
const counter = (page: Page) => {
  let taps = 0;
  const typed = new Set<string>();
  return {
    tap: async (locator: Locator) => {
      taps += 1;
      await locator.click();
    },
    type: async (locator: Locator, text: string) => {
      taps += 1;
      typed.add(await locator.evaluate((el) => el.id));
      // At the field's left edge: a date field then starts at its first part, as a finger on it would.
      await locator.click({ position: { x: 8, y: 12 } });
      await page.keyboard.type(text);
    },
    counts: () => ({ taps, typed: typed.size }),
  };
};

/** A fresh profile with its vault created, on the report list. */
const unlockedOnReports = async () => {
  const profile = await suite.newProfile();
  await profile.page.goto(`${suite.server.url}/#/reports`);
  await createVault(profile.page);
  await profile.page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
  return profile;
};

/** Whether "Save draft" and "Submit report" are both inside the viewport. */
const actionsOnScreen = (page: Page) =>
  page.evaluate(() =>
    ['Save draft', 'Submit report'].every((name) => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
      const box = button?.getBoundingClientRect();
      return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight;
    }),
  );

/** Sums every layout shift of the page from its first paint (the Cumulative Layout Shift a user would feel). */
const recordLayoutShift = (page: Page) =>
  page.addInitScript(() => {
    const w = window as unknown as { layoutShift: number };
    w.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
        if (!entry.hadRecentInput) w.layoutShift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
const layoutShift = (page: Page) => page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift);

describe('the first load', () => {
  it('moves nothing on screen, not even when "Ready to work offline" arrives after the first paint', async () => {
    const { page } = await suite.newProfile();
    await recordLayoutShift(page);
    await page.goto(`${suite.server.url}/#/reports`);
    await page.getByRole('button', { name: 'Create vault' }).waitFor();
    const toast = page.getByRole('region', { name: 'Offline ready' });
    await toast.waitFor();
    expect(await layoutShift(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // It covers no control the worker needs: the vault's button stays clear of it.
    const [button, over] = await Promise.all([
      page.getByRole('button', { name: 'Create vault' }).boundingBox(),
      toast.boundingBox(),
    ]);
    if (!button || !over) throw new Error('no box');
    expect(button.y + button.height <= over.y || button.y >= over.y + over.height).toBe(true);
  });
});

describe('a simple report on a phone', () => {
  it('goes from unlocked to submitted in at most 10 taps and 4 typed fields, the actions always on screen', async () => {
    const { page, context } = await unlockedOnReports();
    await context.setOffline(true);

    const worker = counter(page);
    await worker.tap(page.getByRole('button', { name: 'New report' }));
    await page.getByRole('heading', { name: 'New incident report' }).waitFor();
    expect(await actionsOnScreen(page)).toBe(true);
    await worker.type(page.getByLabel('Description of incident'), 'A man in a game chat asked her for photos.');
    await worker.type(page.getByLabel('Date happened'), '02112026');
    await worker.type(page.getByLabel('Name of person reporting incident'), 'Sam Worker');
    expect(await actionsOnScreen(page)).toBe(true);
    await worker.tap(page.getByRole('checkbox', { name: 'online grooming', exact: true }));
    expect(await actionsOnScreen(page)).toBe(true);
    await worker.tap(page.getByRole('button', { name: 'Submit report' }));
    await page.getByText('Report submitted.').waitFor();

    const { taps, typed } = worker.counts();
    expect(taps).toBeLessThanOrEqual(MAX_TAPS);
    expect(typed).toBeLessThanOrEqual(MAX_TYPED_FIELDS);

    // Back online with no organisation: the report and the status bar say what is wrong and what to do.
    await context.setOffline(false);
    await page.getByRole('status').filter({ hasText: NOT_ENROLLED }).waitFor();
    await page.locator('.report-blocked').filter({ hasText: NOT_ENROLLED }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Back to the list' }).click();
    const card = page.locator('.report-card').filter({ hasText: 'Waiting to send' });
    await card.locator('.report-blocked').filter({ hasText: NOT_ENROLLED }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

const REFERENCE = `JB-${Math.random().toString(36).slice(2, 8)}`;

describe('a submitted report read back', () => {
  it('shows the answers given in the form order, the empty questions collapsed, within three screens', async () => {
    const { page } = await unlockedOnReports();
    // Measured as the worker reads it after the first run: "Ready to work offline" dismissed.
    await page.getByRole('region', { name: 'Offline ready' }).getByRole('button', { name: 'Dismiss' }).click();
    await page.getByRole('button', { name: 'New report' }).click();
    await page.getByLabel('Description of incident').waitFor();
    await page.getByLabel('Worker’s reference (case number or initials)').fill(REFERENCE);
    await page.getByLabel('Name of school/organisation').fill('Riverside Family Centre');
    await page.getByLabel('Date happened').fill('2026-11-02');
    await page.getByLabel('Time').fill('14:30');
    await page.getByLabel('Name of person reporting incident').fill('Sam Worker');
    await page
      .getByLabel('If not reported, how was the incident identified?')
      .fill('The child told me during the visit');
    await page.getByRole('checkbox', { name: 'Outside school/service setting' }).check();
    await page.getByRole('checkbox', { name: 'online grooming', exact: true }).check();
    await page.getByRole('checkbox', { name: 'bullying or harassment (online bullying)', exact: true }).check();
    await page
      .getByLabel('Description of incident')
      .fill(
        'The child said an older boy she met in a game chat asked her for photos, then wanted to meet near the ' +
          'park after school on Friday. She showed me the messages on her phone; I did not copy them.',
      );
    await page.getByRole('checkbox', { name: 'Deliberate access', exact: true }).check();
    await page.getByRole('checkbox', { name: 'transmitted to others' }).check();
    await page.getByRole('checkbox', { name: 'Staff', exact: true }).check();
    await page.getByLabel('Outcome of incident/investigation').fill('Safeguarding lead informed the same day.');
    await page.getByRole('button', { name: 'Submit report' }).click();
    await page.getByText('Report submitted.').waitFor();

    const answers = await page.locator('.report-answers dd').allTextContents();
    expect(answers[0]).toBe(REFERENCE);
    expect(answers[1]).toContain('older boy');
    expect(answers.at(-1)).toBe('Riverside Family Centre');
    await page.getByText(/questions left empty/).waitFor();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(3 * SCREEN_HEIGHT_PX);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The worker's reference tells the report apart in the editor and the list, and is stored encrypted only.
    await page.locator('.report-meta').getByText(`${REFERENCE}:`, { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Back to the list' }).click();
    await page
      .getByRole('heading', { level: 2, name: new RegExp(`^${REFERENCE}: Online bullying, Online grooming`) })
      .waitFor();
    expect(await readAllRawStorage(page)).not.toContain(REFERENCE);
  });
});

/**
 * The abbreviations on the screen whose words the screen never says; with `titlesOnly` (the one-screen quick
 * reference), those not marked up as an <abbr> with their words as the title.
 */
const unexplained = (page: Page, titlesOnly = false) =>
  page.evaluate(
    ({ abbreviations, titlesOnly }) => {
      // Web addresses are shown as written ("...LADO-procedures.pdf"): they are not words to spell out.
      const main = document.querySelector('main')?.cloneNode(true) as HTMLElement | undefined;
      for (const link of main?.querySelectorAll('a[href^="http"]') ?? []) link.remove();
      if (titlesOnly)
        for (const abbr of main?.querySelectorAll('abbr') ?? [])
          if (abbr.getAttribute('title') === abbreviations[abbr.textContent ?? '']) abbr.remove();
      const text = main?.textContent ?? '';
      const lower = text.toLowerCase();
      return Object.entries(abbreviations)
        .filter(([short, words]) => {
          const escaped = short.replace(/[-\s]/g, (c) => `\\${c}`);
          const found = new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`).test(text);
          return found && (titlesOnly || !lower.includes(words.toLowerCase()));
        })
        .map(([short]) => short);
    },
    { abbreviations: ABBREVIATIONS, titlesOnly },
  );

/** Phone links on the screen shorter than a 44 px target. */
const smallPhoneLinks = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>('main a[href^="tel:"]')]
      .filter((a) => a.getBoundingClientRect().height < 44)
      .map((a) => a.textContent ?? ''),
  );

describe('abbreviations and phone numbers', () => {
  it('spells out every abbreviation on every screen, and every phone number is a 44 px call target', async () => {
    const { page } = await unlockedOnReports();
    const problems: string[] = [];
    const check = async (screen: string) => {
      await page.locator('main h1').first().waitFor();
      const titlesOnly = screen === 'guidance quick-reference';
      for (const short of await unexplained(page, titlesOnly)) problems.push(`${screen}: ${short}`);
      for (const link of await smallPhoneLinks(page)) problems.push(`${screen}: small phone link ${link}`);
    };
    await check('report list');
    await page.getByRole('button', { name: 'New report' }).click();
    await page.getByLabel('Description of incident').waitFor();
    await check('new report');
    await page.getByRole('checkbox', { name: 'online grooming', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Staff', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Deliberate access', exact: true }).check();
    await page.getByRole('checkbox', { name: 'That meeting is about to happen' }).check();
    await check('editor with boxes ticked');
    // Where the guidance says call 999: one full-width button that dials it.
    const call = page.getByRole('link', { name: 'Call 999' });
    expect(await call.getAttribute('href')).toBe('tel:999');
    const box = await call.boundingBox();
    const step = await call.locator('xpath=preceding-sibling::p[1]').evaluate((p) => p.clientWidth);
    expect(box?.height).toBeGreaterThanOrEqual(44);
    expect(box?.width).toBeGreaterThanOrEqual(step - 1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Date happened').fill('2026-11-02');
    await page.getByLabel('Name of person reporting incident').fill('Sam Worker');
    await page.getByLabel('Description of incident').fill('Messages from an adult who wants to meet today.');
    await page.getByRole('button', { name: 'Submit report' }).click();
    await page.getByText('Report submitted.').waitFor();
    await check('read-back');
    await page.goto(`${suite.server.url}/#/settings`);
    await page.getByRole('button', { name: 'Save settings' }).waitFor();
    await check('settings');
    const params = [
      '',
      'quick-reference',
      'directory',
      ...BUNDLED_PACK.articles.map((a) => a.id),
      ...BUNDLED_PACK.directory.map((e) => `directory.${e.id}`),
    ];
    for (const param of params) {
      await page.goto(`${suite.server.url}/#/guidance${param ? `/${param}` : ''}`);
      await check(`guidance ${param || 'home'}`);
    }
    expect(problems).toEqual([]);
  });
});

/** Drop-downs whose chosen text is wider than the room the drop-down gives it (cut off on screen). */
const cutOffSelects = (page: Page) =>
  page.evaluate(() => {
    const canvas = document.createElement('canvas').getContext('2d');
    if (!canvas) return ['no canvas'];
    return [...document.querySelectorAll<HTMLSelectElement>('main select')].flatMap((select) => {
      const style = getComputedStyle(select);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const arrowPx = 24;
      const room = select.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      return [...select.options]
        .filter((option) => canvas.measureText(option.text).width > room - arrowPx)
        .map((option) => option.text);
    });
  });

describe('settings on a phone', () => {
  it('keeps the hand-typed connection under Advanced, with Save settings beside the fields it saves', async () => {
    const { page } = await suite.newProfile();
    await page.goto(`${suite.server.url}/#/settings`);
    await createVault(page);
    const save = page.getByRole('button', { name: 'Save settings' });
    await save.waitFor();
    expect(await cutOffSelects(page)).toEqual([]);

    // The endpoint and token are not on the screen until Advanced is opened.
    expect(await page.getByLabel('Sync endpoint URL').isVisible()).toBe(false);
    const advanced = page.locator('details', { has: page.getByText('Advanced: connect by hand') });
    expect(await advanced.getAttribute('open')).toBeNull();
    await page.getByText('Advanced: connect by hand').click();
    await page.getByLabel('Access token').fill('typed-by-hand-0001');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Wherever the worker types, "Save settings" is on screen, below and near the field.
    const near = async (label: string) => {
      const field = page.getByLabel(label);
      await field.click();
      const [box, button] = await Promise.all([field.boundingBox(), save.boundingBox()]);
      if (!box || !button) throw new Error('no box');
      const viewport = page.viewportSize()?.height ?? 0;
      return button.y >= box.y + box.height && button.y + button.height <= viewport;
    };
    for (const label of ['Access token', 'Name of school/organisation', 'Lock after this many minutes without use'])
      expect(await near(label), label).toBe(true);
  });
});

describe('nothing that looks unfinished', () => {
  it('saves with its own answer, marks topics as expandable, and keeps a wrong passphrase selected', async () => {
    const { page } = await unlockedOnReports();
    await page.getByRole('button', { name: 'New report' }).click();
    await page.getByLabel('Description of incident').waitFor();
    // No empty badge before the first save; "Save draft" answers beside itself, in the action bar.
    expect(await page.locator('#save-status').isVisible()).toBe(false);
    await page.getByLabel('Description of incident').fill('Saved by hand.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.locator('.action-bar #save-status').getByText('Draft saved on this device.').waitFor();
    expect(await actionsOnScreen(page)).toBe(true);

    await page.getByRole('navigation').getByRole('link', { name: 'Guidance' }).click();
    const topic = page.locator('.guidance-section > summary').first();
    await topic.waitFor();
    const marker = () => topic.evaluate((summary) => getComputedStyle(summary, '::before').content);
    expect(await marker()).toContain('▸');
    await topic.click();
    expect(await marker()).toContain('▾');

    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
    const field = page.getByLabel('Passphrase', { exact: true });
    await field.fill(WRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('That passphrase is not right').first().waitFor();
    const selection = await field.evaluate((input: HTMLInputElement) => ({
      value: input.value,
      from: input.selectionStart,
      to: input.selectionEnd,
      focused: document.activeElement === input,
    }));
    expect(selection).toEqual({ value: WRONG_PASSPHRASE, from: 0, to: WRONG_PASSPHRASE.length, focused: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
