// More officers end to end, on the real server with the real crypto: officer A invites B; B, in a browser of their
// own, opens the link, sets a passphrase (keys made there) and is signed in reading nothing; A compares B's key
// code and confirms B (grants sealed in A's browser); B signs in again and sees the devices; the audit log shows the
// invite and the confirmation, and a used invite link gets its one sentence.
import { describe, expect, it } from 'vitest';
import { browserSuite, readAllRawStorage, STRONG_PASSPHRASE, seriousA11yViolations } from './harness.ts';

const SETUP_CODE = 'E2E-OFFICERS-SETUP-8812';
const B_NAME = 'Bo Second';
const B_EMAIL = 'bo.second@example.org';
const B_PASSPHRASE = 'Lantern-Orchard-Pebble-58';

const suite = browserSuite({ setupCode: SETUP_CODE });

describe('more officers', () => {
  it('invites, accepts, confirms after comparing codes, and audits both', async () => {
    const { page } = await suite.newProfile();
    const { url } = suite.server;
    await page.goto(`${url}/officer/`);
    await page.getByLabel('Setup code').fill(SETUP_CODE);
    await page.getByLabel('Organisation name').fill('Riverside Family Support');
    await page.getByLabel('Your name').fill('Ada Officer');
    await page.getByLabel('Email').fill('ada@example.org');
    await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
    await page.getByLabel('Confirm passphrase').fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Set up organisation' }).click();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();

    // A invites B: a one-time link with the token in the fragment.
    await page.getByRole('link', { name: 'Officers' }).click();
    await page.getByLabel('Name', { exact: true }).fill(B_NAME);
    await page.getByLabel('Email address').fill(B_EMAIL);
    await page.getByRole('button', { name: 'Invite officer' }).click();
    const link = await page.getByRole('textbox', { name: 'Invite link' }).inputValue();
    expect(link).toMatch(new RegExp(`^${url}/officer/#invite=[\\w-]{43}$`));
    expect(await seriousA11yViolations(page)).toEqual([]);

    // B, in a browser of their own, accepts and is signed in, reading nothing.
    const b = await suite.newProfile();
    await b.page.goto(link);
    await b.page.getByRole('heading', { name: 'Join Riverside Family Support' }).waitFor();
    await b.page.getByLabel('Passphrase', { exact: true }).fill(B_PASSPHRASE);
    await b.page.getByLabel('Confirm passphrase').fill(B_PASSPHRASE);
    await b.page.getByRole('button', { name: 'Join organisation' }).click();
    await b.page.getByRole('button', { name: 'Sign out' }).waitFor();
    await b.page.getByRole('link', { name: 'Devices' }).click();
    await b.page.getByText(/Ask another officer to confirm your account/).waitFor();
    expect(await b.page.locator('.device-list').count()).toBe(0);
    await b.page.getByRole('link', { name: 'Officers' }).click();
    const bCode = await b.page.locator('.key-code').first().textContent();
    expect(bCode).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4})+$/);

    // A sees B waiting with the same code, and confirms.
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('link', { name: 'Devices' }).click();
    await page.getByRole('link', { name: 'Officers' }).click();
    const card = page.locator('.officer-list li', { hasText: B_NAME });
    await card.getByText('Waiting for confirmation').waitFor();
    expect(await card.locator('.key-code').textContent()).toBe(bCode);
    await page.getByRole('button', { name: `Confirm ${B_NAME}` }).click();
    await card.getByText('Confirmed', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: `Confirm ${B_NAME}` }).count()).toBe(0);

    // B signs in again and now sees the devices list.
    await b.page.getByRole('button', { name: 'Sign out' }).click();
    await b.page.getByLabel('Email').fill(B_EMAIL);
    await b.page.getByLabel('Passphrase', { exact: true }).fill(B_PASSPHRASE);
    await b.page.getByRole('button', { name: 'Sign in' }).click();
    await b.page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await b.page.getByRole('link', { name: 'Devices' }).click();
    await b.page.getByText('No device is enrolled yet.').waitFor();

    // The invite link works once.
    const late = await b.context.newPage();
    await late.goto(link);
    await late
      .getByText('This invite link has already been used. Ask the officer who invited you for a new one.')
      .waitFor();
    await late.close();

    // The audit log: the invite and the confirmation, newest first, with names and plain words.
    await page.getByRole('link', { name: 'Audit log' }).click();
    const table = page.getByRole('table');
    await table.waitFor();
    const rows = table.getByRole('row');
    await rows.filter({ hasText: 'Confirmed an officer' }).first().waitFor();
    const texts = await rows.allInnerTexts();
    const confirmed = texts.findIndex((t) => t.includes('Confirmed an officer'));
    const invited = texts.findIndex((t) => t.includes('Invited an officer'));
    expect(confirmed).toBeGreaterThan(0);
    expect(invited).toBeGreaterThan(confirmed);
    expect(texts[confirmed]).toContain('Ada Officer');
    await page.getByLabel('Action').selectOption('officer-invited');
    await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    expect(await readAllRawStorage(page)).toBe('');
    expect(await readAllRawStorage(b.page)).toBe('');
    await b.context.close();
  });
});
