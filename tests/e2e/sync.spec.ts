// Sync in a real browser against the real server: a report written and submitted offline goes out once
// the device is back online, the status region counts down to zero, the server lists it once, and the
// device keeps no copy after the receipt.
import { describe, expect, it } from 'vitest';
import { enrolByLink, SETUP_CODE } from './enrol.ts';
import { browserSuite, createVault, readAllRawStorage, waitForController } from './harness.ts';

const DEVICE_TOKEN = 'device-token-sync-spec-0001';
const OFFICER_TOKEN = 'officer-token-sync-spec-0001';
const MARKER = `SYNCMARK${Math.random().toString(36).slice(2, 10)}`;

const suite = browserSuite({
  tokens: [DEVICE_TOKEN],
  adminToken: OFFICER_TOKEN,
  rateLimit: false,
  setupCode: SETUP_CODE,
});

const officerList = async (): Promise<Array<{ id: string; revision: number }>> => {
  const response = await fetch(`${suite.server.url}/v1/reports`, {
    headers: { Authorization: `Bearer ${OFFICER_TOKEN}` },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { reports: Array<{ id: string; revision: number }> };
  return body.reports;
};

describe('sync', () => {
  it('tests the connection in plain words, refuses http elsewhere, then enrols by link', async () => {
    const { page } = suite.tracked;
    await page.goto(`${suite.server.url}/#/settings`);
    await waitForController(page);
    await createVault(page);
    await page.getByText('Advanced: enrol without a link').click();
    await page.getByLabel('Sync endpoint URL').fill('http://example.org');
    await page.getByLabel('Access token').fill('not-the-right-token-000');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'https://' }).waitFor();

    await page.getByLabel('Sync endpoint URL').fill(suite.server.url);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('did not accept the access token').waitFor();

    await enrolByLink(page, suite.server.url);
    await page.getByLabel('Sync endpoint URL').fill('');
    await page.getByLabel('Access token').fill('');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connected. The server is a SafeVisit sync server').waitFor();
  });

  it('sends a report submitted offline once back online, exactly once, and purges it from the device', async () => {
    const { page, context } = suite.tracked;
    await context.setOffline(true);
    await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('button', { name: 'New report' }).click();
    await page.getByLabel('Date happened').fill('2026-11-02');
    await page.getByLabel('Name of person reporting incident').fill('Sam Worker');
    await page.getByRole('checkbox', { name: 'online grooming', exact: true }).check();
    await page.getByLabel('Description of incident').fill(`Told me about messages from a stranger ${MARKER}`);
    await page.getByRole('button', { name: 'Submit report' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Offline' })
      .filter({ hasText: '1 report waits to sync' })
      .waitFor();
    expect(await officerList()).toEqual([]);

    await context.setOffline(false);
    await page.getByRole('status').filter({ hasText: 'Online' }).filter({ hasText: '0 reports wait to sync' }).waitFor({
      timeout: 30_000,
    });

    const listed = await officerList();
    expect(listed).toHaveLength(1);
    expect(listed[0]?.revision).toBe(1);
    // The device keeps nothing of it once the receipt is stored (default retention).
    await expect
      .poll(async () => (await readAllRawStorage(page)).match(/idb:safevisit\/reports::/) !== null)
      .toBe(true);
    await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
    expect(await page.content()).not.toContain(MARKER);
  });

  it('made no request to any origin but 127.0.0.1', () => {
    expect(suite.tracked.foreignRequests()).toEqual([]);
  });
});
