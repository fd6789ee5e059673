// Sync in a real browser against the real server: a report written and submitted offline (sealed at submit to the
// organisation's key) goes out once the device is back online, the status region counts down to zero, the server
// holds one sealed report that the organisation's private keys open to this report, and the device keeps only its
// receipt ("Sent", when it was received, its incident types).
import { describe, expect, it } from 'vitest';
import { type InboxItem, InboxResponseSchema, SEALED_PATHS } from '../../src/domain/sealed-protocol.ts';
import { openReport } from '../../src/vault/org.ts';
import { enrolByLink, organisationOf, SETUP_CODE } from './enrol.ts';
import { browserSuite, createVault, readAllRawStorage, UNTIL, waitForController } from './harness.ts';

const DEVICE_TOKEN = 'device-token-sync-spec-0001';
const MARKER = `SYNCMARK${Math.random().toString(36).slice(2, 10)}`;

const suite = browserSuite({
  tokens: [DEVICE_TOKEN],
  rateLimit: false,
  setupCode: SETUP_CODE,
});

/** The officer's inbox (sealed envelopes only), read with the officer's session. */
const officerInbox = async (): Promise<InboxItem[]> => {
  const org = await organisationOf(suite.server.url);
  const response = await fetch(`${suite.server.url}${SEALED_PATHS.inbox}`, {
    headers: { Authorization: `Bearer ${org.session.token}` },
  });
  expect(response.status).toBe(200);
  return InboxResponseSchema.parse(await response.json()).reports;
};

/** Opens an envelope with the organisation's private keys, as the officer's browser does. */
const openedReport = async (item: InboxItem): Promise<{ description: string; incidentTypes: string[] }> => {
  const org = await organisationOf(suite.server.url);
  const bytes = await openReport(org.privateKeys, item, item);
  return JSON.parse(new TextDecoder().decode(bytes));
};

describe('sync', () => {
  it('tests the connection in plain words, refuses http elsewhere, then enrols by link', async () => {
    const { page } = await suite.newProfile();
    await page.goto(`${suite.server.url}/#/settings`);
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

  it('sends a report sealed offline once back online, exactly once, and keeps only its receipt, shown as Sent', async () => {
    const { page, context } = await suite.newProfile();
    await page.goto(`${suite.server.url}/#/settings`);
    await waitForController(page);
    await createVault(page);
    await enrolByLink(page, suite.server.url);
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
    expect(await officerInbox()).toEqual([]);

    await context.setOffline(false);
    await page.getByRole('status').filter({ hasText: 'Online' }).filter({ hasText: '0 reports wait to sync' }).waitFor({
      timeout: 30_000,
    });

    const listed = await officerInbox();
    expect(listed).toHaveLength(1);
    const [item] = listed;
    if (!item) throw new Error('nothing in the inbox');
    expect(item).toMatchObject({ revision: 1, urgency: 'soon' });
    // The server holds only the envelope; the organisation's keys open it to this very report.
    expect(JSON.stringify(item)).not.toContain(MARKER);
    const report = await openedReport(item);
    expect(report.description).toBe(`Told me about messages from a stranger ${MARKER}`);
    expect(report.incidentTypes).toEqual(['grooming']);
    // The device keeps nothing of its content once the receipt is stored (default retention).
    await expect
      .poll(async () => (await readAllRawStorage(page)).match(/idb:safevisit\/reports::/) !== null, UNTIL)
      .toBe(true);
    await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
    // Its receipt stays: "Sent", when the server received it, and which incident it was about.
    const card = page.getByRole('listitem').filter({ hasText: 'Sent' });
    await card.locator(`time[datetime="${item.receivedAt}"]`).waitFor();
    await card.getByRole('heading', { name: 'Online grooming' }).waitFor();
    expect(await page.content()).not.toContain(MARKER);
    const raw = await readAllRawStorage(page);
    expect(raw).not.toContain(MARKER);
    expect(raw).not.toContain(item.ciphertext);
  });
});
