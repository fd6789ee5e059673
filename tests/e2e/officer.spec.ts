// The officer's screens end to end, on the real server with the real crypto: setup (a wrong code first), sign out,
// a wrong passphrase, sign in, enrol a device (link and QR code), revoke it; an expired session and the idle
// sign-out; nothing kept in any browser store.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeEnrolmentLink } from '../../src/domain/enrolment-link.ts';
import { ORG_PATHS } from '../../src/domain/org-protocol.ts';
import { browserSuite, readAllRawStorage, STRONG_PASSPHRASE, seriousA11yViolations } from './harness.ts';

const SETUP_CODE = 'E2E-SETUP-CODE-4417';
const ORG_NAME = 'Riverside Children’s Services';
const EMAIL = 'ada.officer@example.org';
const DEVICE = 'Sam’s work phone';
const MINUTE_MS = 60_000;

// The server's clock, moved by the test to make its sessions expire.
let serverNow = Date.now();
const fillSetup = async (page: Page, setupCode: string) => {
  await page.getByLabel('Setup code').fill(setupCode);
  await page.getByLabel('Organisation name').fill(ORG_NAME);
  await page.getByLabel('Your name').fill('Ada Officer');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByLabel('Confirm passphrase').fill(STRONG_PASSPHRASE);
};

/**
 * Signs in (the inbox is the screen after sign-in) and opens the devices screen, each waited for until its list has
 * loaded: a test that then moves the server's clock knows no request of these screens is still in flight.
 */
const signIn = async (page: Page) => {
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  await page.getByText('No reports have arrived yet.').waitFor();
  await page.getByRole('link', { name: 'Devices' }).click();
  await page.locator('.device-list').or(page.getByText('No device is enrolled yet.')).waitFor();
};

describe('officer setup', () => {
  // A server of its own: an organisation is set up once per server, and this test does it.
  const suite = browserSuite({ setupCode: SETUP_CODE });

  it('sets up the organisation, signs out and in, enrols a device by link and QR code, and revokes it', async () => {
    const { context, page } = await suite.newProfile();
    const { url } = suite.server;
    const late = await context.newPage();
    await late.goto(`${url}/officer/`);
    await late.getByRole('button', { name: 'Set up organisation' }).waitFor();
    await page.goto(`${url}/officer/`);

    // Setup, with a wrong code first: one plain sentence, and the form stays.
    await fillSetup(page, 'WRONG-CODE');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Set up organisation' }).click();
    await page.getByRole('link', { name: /setup code is not right/ }).waitFor();

    await page.getByLabel('Setup code').fill(SETUP_CODE);
    await page.getByRole('button', { name: 'Set up organisation' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // The inbox is the screen after sign-in; the organisation code is on the devices screen.
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    expect(await page.getByRole('link', { name: 'Devices' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Devices' }).click();
    const code = await page.locator('.fingerprint').textContent();
    expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4})+$/);

    // A second screen that showed the setup form before: its setup is refused in plain words.
    await fillSetup(late, SETUP_CODE);
    await late.getByRole('button', { name: 'Set up organisation' }).click();
    await late.getByText(/already been set up/).waitFor();
    await late.getByRole('button', { name: 'Sign in' }).waitFor();
    await late.close();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByText('You have signed out.').waitFor();

    // A wrong passphrase: one sentence, no session.
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Passphrase', { exact: true }).fill('Not-The-Right-One-93');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: /email address or passphrase is not right/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);

    await signIn(page);
    expect(await page.locator('.fingerprint').textContent()).toBe(code);

    // Enrol a device: the link (origin, token, fingerprint in the fragment) and its QR code.
    await page.getByLabel('Device name').fill(DEVICE);
    await page.getByRole('button', { name: 'Enrol a device' }).click();
    const linkBox = page.getByRole('textbox', { name: 'Enrolment link' });
    await linkBox.waitFor();
    expect(await linkBox.getAttribute('readonly')).not.toBeNull();
    const link = await linkBox.inputValue();
    expect(link.startsWith(`${url}/#enrol=`)).toBe(true);
    const decoded = decodeEnrolmentLink(link);
    if (!decoded.ok) throw new Error(`the enrolment link does not decode: ${decoded.problem}`);
    expect(decoded.payload.endpoint).toBe(url);
    expect(await page.getByRole('img', { name: 'QR code of the enrolment link' }).isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The token works for the device until it is revoked.
    const deviceStatus = () =>
      page.evaluate(
        async ([path, token]) =>
          (await fetch(path as string, { headers: { Authorization: `Bearer ${token}` } })).status,
        [ORG_PATHS.deviceStatus, decoded.payload.token],
      );
    expect(await deviceStatus()).toBe(200);
    const card = page.locator('.device-list li', { hasText: DEVICE });
    await card.getByText('Active').waitFor();
    await page.getByRole('button', { name: `Revoke ${DEVICE}` }).click();
    await card.getByText(/^Revoked /).waitFor();
    expect(await page.getByRole('button', { name: `Revoke ${DEVICE}` }).count()).toBe(0);
    expect([401, 403]).toContain(await deviceStatus());

    // Fine at 360 px: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // Nothing in any browser store: no token, no key, no name.
    expect(await readAllRawStorage(page)).toBe('');
  });
});

describe('officer sessions', () => {
  const suite = browserSuite({ setupCode: SETUP_CODE, now: () => new Date(serverNow) });

  // The organisation these tests sign in to, set up through the screens before them (not by another test).
  beforeAll(async () => {
    const { context, page } = await suite.newProfile();
    await page.goto(`${suite.server.url}/officer/`);
    await fillSetup(page, SETUP_CODE);
    await page.getByRole('button', { name: 'Set up organisation' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await context.close();
  });

  it('goes back to sign-in with a plain sentence when the server has ended the session', async () => {
    const { page } = await suite.newProfile();
    await page.goto(`${suite.server.url}/officer/`);
    await signIn(page);
    serverNow += 16 * MINUTE_MS;
    await page.getByLabel('Device name').fill('Another phone');
    await page.getByRole('button', { name: 'Enrol a device' }).click();
    await page.getByText('Your session has ended. Sign in again to carry on.').waitFor();
    expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
    expect(await page.getByRole('textbox', { name: 'Enrolment link' }).count()).toBe(0);
  });

  it('signs out by itself after 15 minutes without activity and clears the screen', async () => {
    const { page } = await suite.newProfile();
    await page.clock.install();
    await page.goto(`${suite.server.url}/officer/`);
    await signIn(page);
    await page.clock.fastForward(16 * MINUTE_MS);
    await page.getByText(/signed out after 15 minutes without activity/).waitFor();
    expect(await page.getByRole('link', { name: 'Devices' }).count()).toBe(0);
    expect(await page.locator('.fingerprint').count()).toBe(0);
  });
});
