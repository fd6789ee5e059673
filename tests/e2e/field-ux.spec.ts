// Issue 14 in a real browser at 360 px: a simple report from an unlocked app in a few taps with the actions always
// on screen, a waiting report that says why it waits (no enrolment) on the report and in the status bar, and the
// read-back of a filled report in a few screens.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, createVault, seriousA11yViolations } from './harness.ts';

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

describe('a submitted report read back', () => {
  it('shows the answers given in the form order, the empty questions collapsed, within three screens', async () => {
    const { page } = await unlockedOnReports();
    await page.getByRole('button', { name: 'New report' }).click();
    await page.getByLabel('Description of incident').waitFor();
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
    expect(answers[0]).toContain('older boy');
    expect(answers.at(-1)).toBe('Riverside Family Centre');
    await page.getByText(/questions left empty/).waitFor();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(3 * SCREEN_HEIGHT_PX);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
