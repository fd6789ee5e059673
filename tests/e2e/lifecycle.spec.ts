// Key rotation and erasure end to end, in real browsers against the real server: a worker's device sends a report
// sealed to the organisation's key; an officer presses "Rotate organisation key"; at its next sync the device picks
// up the new key (checked against the fingerprint it pinned) and seals its next report to it; the officer's inbox
// opens both; then the officer erases the first report with a typed confirmation and the inbox no longer lists it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { currentEncryptionKey } from '../../src/vault/org.ts';
import { OFFICER_EMAIL, OFFICER_PASSPHRASE } from '../unit/sync/org-setup.ts';
import { enrolByLink, SETUP_CODE } from './enrol.ts';
import { browserSuite, createVault, seriousA11yViolations, UNTIL, waitForController } from './harness.ts';

const suite = browserSuite({ rateLimit: false, setupCode: SETUP_CODE });

/** Writes and submits a report on the worker's device, and waits until the server holds `stored` reports. */
const submitReport = async (page: Page, date: string, type: string, stored: number) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('button', { name: 'New report' }).click();
  await page.getByLabel('Date happened').fill(date);
  await page.getByLabel('Name of person reporting incident').fill('Sam Worker');
  await page.getByRole('checkbox', { name: type, exact: true }).check();
  await page.getByLabel('Description of incident').fill('Told me about messages from a stranger.');
  await page.getByRole('button', { name: 'Submit report' }).click();
  await expect.poll(() => suite.server.app.sealedReports.sealedCount(), UNTIL).toBe(stored);
  await page
    .getByRole('status')
    .filter({ hasText: 'Online' })
    .filter({ hasText: '0 reports wait to sync' })
    .waitFor(UNTIL);
};

/** The key ids the stored reports were sealed to. */
const storedKeyIds = async (officerId: string): Promise<string[]> => {
  const { items } = await suite.server.app.sealedReports.inbox(
    { limit: 100 },
    { officerId, at: new Date().toISOString() },
  );
  return items.map((item) => item.keyId).sort();
};

describe('key rotation and erasure', () => {
  it('seals the device’s next report to the rotated key, opens both, and erases one for good', async () => {
    const worker = await suite.newProfile();
    const device = worker.page;
    await device.goto(`${suite.server.url}/#/settings`);
    await waitForController(device);
    await createVault(device);
    const org = await enrolByLink(device, suite.server.url);
    const firstKid = currentEncryptionKey(org.org).kid;
    await submitReport(device, '2026-11-02', 'online grooming', 1);

    // The officer rotates the key in their own browser.
    const { page: officer } = await suite.newProfile();
    await officer.goto(`${suite.server.url}/officer/`);
    await officer.getByLabel('Email').fill(OFFICER_EMAIL);
    await officer.getByLabel('Passphrase').fill(OFFICER_PASSPHRASE);
    await officer.getByRole('button', { name: 'Sign in' }).click();
    await officer.getByRole('heading', { name: 'Inbox' }).waitFor();
    await officer.getByRole('link', { name: 'Officers' }).click();
    await officer.getByRole('button', { name: 'Rotate organisation key' }).click();
    await officer.getByText('Rotate the organisation key?').waitFor();
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await officer.getByRole('button', { name: 'Rotate the key now' }).click();
    await officer.getByText('The new organisation key is in use.').waitFor(UNTIL);
    const published = (await suite.server.app.orgStore.organisation())?.encryptionKeys ?? [];
    const newKid = published.at(-1)?.kid;
    expect(published.map((k) => k.kid)).toEqual([firstKid, newKid]);

    // The device's next contact: "Sync now" re-reads the organisation's keys before sending.
    await device.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    const orgReads = () => worker.requests.filter((url) => url.endsWith('/v2/org')).length;
    const readsBefore = orgReads();
    const syncNow = device.getByRole('button', { name: 'Sync now' });
    await syncNow.click();
    await expect.poll(orgReads, UNTIL).toBeGreaterThan(readsBefore);
    await expect.poll(() => syncNow.isEnabled(), UNTIL).toBe(true);
    await submitReport(device, '2026-11-04', 'on-line gambling', 2);

    expect(await storedKeyIds(org.session.officer.id)).toEqual([firstKid, newKid].sort());

    // The officer's inbox opens the report under the old key and the one under the new key.
    await officer.getByRole('link', { name: 'Inbox' }).click();
    const older = officer.getByRole('link', { name: /Online grooming/ });
    const newer = officer.getByRole('link', { name: /Online gambling/ });
    await older.waitFor(UNTIL);
    await newer.waitFor(UNTIL);

    // Erasure: typed confirmation, then the inbox no longer lists it.
    await older.click();
    await officer.getByRole('heading', { name: /Online grooming/ }).waitFor();
    await officer.getByRole('button', { name: 'Erase report' }).click();
    await officer.getByRole('button', { name: 'Erase this report' }).click();
    await officer.getByText('Type ERASE to confirm.').waitFor();
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await officer.getByLabel('Type ERASE to confirm').fill('ERASE');
    await officer.getByRole('button', { name: 'Erase this report' }).click();
    await officer.getByText('The report was erased from the server.').waitFor();
    await newer.waitFor();
    expect(await officer.getByRole('link', { name: /Online grooming/ }).count()).toBe(0);
    expect(await storedKeyIds(org.session.officer.id)).toEqual([newKid]);
    const erased = (await suite.server.app.orgStore.auditLog()).filter((row) => row.action === 'report-erased');
    expect(erased).toHaveLength(1);
  });
});
