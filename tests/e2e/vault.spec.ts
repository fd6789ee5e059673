// The vault in a real browser: nothing typed reaches any storage in clear, locking clears the screen,
// a wrong passphrase is refused plainly and the right one opens everything again.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserSuite,
  createVault,
  readAllRawStorage,
  STRONG_PASSPHRASE,
  saveSettings,
  seriousA11yViolations,
  unlockVault,
  WRONG_PASSPHRASE,
  waitForController,
} from './harness.ts';

const MARKER = `MARKER-${Math.random().toString(36).slice(2, 10)}`;
const COORDINATOR = 'Name of online safety co-ordinator';

const suite = browserSuite();

/** A fresh profile with a vault and a secret record (settings holding MARKER), open on Settings. */
const vaultWithSecret = async () => {
  const profile = await suite.newProfile();
  await profile.page.goto(`${suite.server.url}/#/settings`);
  await createVault(profile.page);
  await saveSettings(profile.page, { [COORDINATOR]: `Coordinator ${MARKER}` });
  return profile;
};

const lock = async (page: Page) => {
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('button', { name: 'Unlock' }).waitFor();
};

describe('vault', () => {
  it('explains weak passphrases as the user types and refuses a mismatch', async () => {
    const { page } = await suite.newProfile();
    await page.goto(`${suite.server.url}/#/settings`);
    await waitForController(page);
    // Before anything is typed, no rule is marked as failed.
    const rules = page.locator('#passphrase-rules');
    await rules.waitFor();
    expect(await rules.locator('.rule--not-yet').count()).toBe(0);
    expect(await rules.textContent()).not.toContain('Not yet');
    // Meets the FAQ's rules on its face; the guessing estimate refuses it, in plain words.
    await page.getByLabel('Passphrase', { exact: true }).fill('Kent Council 1');
    await rules.getByText(/Too easy to guess: someone who copied this device could find it in/).waitFor();
    await page.getByLabel('Passphrase', { exact: true }).fill('password1234');
    await page
      .locator('#passphrase-rules')
      .filter({ hasText: /common|sequence|guess/i })
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
    await page.getByLabel('Confirm passphrase').fill(`${STRONG_PASSPHRASE}x`);
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();
  });

  it('keeps a secret record encrypted: the marker is in no database, web storage or cache', async () => {
    const { page } = await vaultWithSecret();
    const raw = await readAllRawStorage(page);
    expect(raw).toContain('idb:safevisit/secrets');
    expect(raw).not.toContain(MARKER);
  });

  it('locks: the marker leaves the screen, and the right passphrase brings it back after a wrong one', async () => {
    const { page } = await vaultWithSecret();
    await lock(page);
    expect(await page.content()).not.toContain(MARKER);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Passphrase', { exact: true }).fill(WRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('That passphrase is not right').first().waitFor();
    // The wrong passphrase stays in the field (selected), to be corrected rather than retyped.
    await expect(page.getByLabel('Passphrase', { exact: true }).inputValue()).resolves.toBe(WRONG_PASSPHRASE);

    await unlockVault(page);
    expect(await page.getByLabel(COORDINATOR).inputValue()).toBe(`Coordinator ${MARKER}`);
  });

  it('stretches the passphrase in a Web Worker started by the unlock screen, never on the page’s own thread', async () => {
    const { page } = await vaultWithSecret();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await lock(page);
    // The unlock screen starts the worker as it opens; the page's own Argon2id chunk (the fallback) never loads.
    await expect.poll(() => page.workers().some((w) => w.url().includes('/assets/kdf-worker-'))).toBe(true);
    await unlockVault(page);
    expect(await page.getByLabel(COORDINATOR).inputValue()).toBe(`Coordinator ${MARKER}`);
    expect(requested.filter((path) => path.includes('argon2id-wasm'))).toEqual([]);
  });

  it('locks every open tab when one tab locks', async () => {
    const { context, page } = await vaultWithSecret();
    const second = await context.newPage();
    await second.goto(`${suite.server.url}/#/settings`);
    await unlockVault(second);
    expect(await second.getByLabel(COORDINATOR).inputValue()).toBe(`Coordinator ${MARKER}`);
    await lock(page);
    await second.getByRole('button', { name: 'Unlock' }).waitFor();
    expect(await second.content()).not.toContain(MARKER);
  });

  it('wipes the device after a typed confirmation', async () => {
    const { page } = await vaultWithSecret();
    await page.getByLabel('Type WIPE to confirm').fill('WIPE');
    await page.getByRole('button', { name: 'Wipe this device' }).click();
    await page.getByRole('button', { name: 'Create vault' }).waitFor();
    const idbLines = (await readAllRawStorage(page)).split('\n').filter((line) => line.startsWith('idb:'));
    expect(idbLines.length).toBeGreaterThan(0);
    // Every object store is empty: no keys, no values (the guidance pack may come back; it is not personal).
    for (const line of idbLines.filter((l) => !l.startsWith('idb:safevisit/guidance'))) expect(line).toMatch(/::$/);
  });
});
