// Sync settings in a real browser against the real server: "Test connection" in plain words, http refused for other
// hosts, enrolment by link. A report's whole trip (offline submit, sync once online, "Sent", the officer's inbox) is in
// journey.spec.ts.
import { describe, it } from 'vitest';
import { enrolByLink, SETUP_CODE } from './enrol.ts';
import { browserSuite, createVault } from './harness.ts';

const DEVICE_TOKEN = 'device-token-sync-spec-0001';

const suite = browserSuite({
  tokens: [DEVICE_TOKEN],
  rateLimit: false,
  setupCode: SETUP_CODE,
});

describe('sync', () => {
  it('tests the connection in plain words, refuses http elsewhere, then enrols by link', async () => {
    const { page } = await suite.newProfile();
    await page.goto(`${suite.server.url}/#/settings`);
    await createVault(page);
    await page.getByText('Advanced: connect by hand').click();
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
});
