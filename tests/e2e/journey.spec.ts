// The whole journey of one report in real browsers against the real server: an enrolled device writes and submits it
// offline, sends it sealed once back online and shows it as "Sent"; the officer signs in, finds it by a word of its
// description, opens it, marks it reviewed, prints it and exports it as CSV. The server holds only the envelope and
// the device keeps only the receipt.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InboxResponseSchema, SEALED_PATHS } from '../../src/domain/sealed-protocol.ts';
import { OFFICER_EMAIL, OFFICER_PASSPHRASE } from '../unit/sync/org-setup.ts';
import { enrolByLink, organisationOf, SETUP_CODE } from './enrol.ts';
import {
  browserSuite,
  createVault,
  readAllRawStorage,
  seriousA11yViolations,
  UNTIL,
  waitForController,
} from './harness.ts';

/** A word only this report says; the officer searches for it. */
const WORD = `Lighthouse${Math.random().toString(36).slice(2, 8)}`;
const DESCRIPTION = `A stranger sent messages about the ${WORD} and asked to meet.`;

const suite = browserSuite({ rateLimit: false, setupCode: SETUP_CODE });

/** The PDF's pages, from its MediaBox entries. */
const pdfPages = (pdf: Buffer): number => [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[/g)].length;

describe('a report from the doorstep to the officer', () => {
  it('is submitted offline, sent once online and shown as Sent; the officer finds, reviews, prints and exports it', async () => {
    // The worker's device: a vault, an enrolment, then the network goes.
    const device = await suite.newProfile();
    const worker = device.page;
    await worker.goto(`${suite.server.url}/#/settings`);
    await waitForController(worker);
    await createVault(worker);
    await enrolByLink(worker, suite.server.url);
    await device.context.setOffline(true);
    await worker.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
    await worker.getByRole('button', { name: 'New report' }).click();
    await worker.getByLabel('Date happened').fill('2026-11-02');
    await worker.getByLabel('Name of person reporting incident').fill('Sam Worker');
    await worker.getByRole('checkbox', { name: 'online grooming', exact: true }).check();
    await worker.getByLabel('Description of incident').fill(DESCRIPTION);
    await worker.getByRole('button', { name: 'Submit report' }).click();
    await worker
      .getByRole('status')
      .filter({ hasText: 'Offline' })
      .filter({ hasText: '1 report waits to sync' })
      .waitFor();
    expect(await suite.server.app.sealedReports.sealedCount()).toBe(0);

    // Back online: it goes by itself, once, and stays on the device as a receipt only.
    await device.context.setOffline(false);
    await worker
      .getByRole('status')
      .filter({ hasText: 'Online' })
      .filter({ hasText: '0 reports wait to sync' })
      .waitFor(UNTIL);
    expect(await suite.server.app.sealedReports.sealedCount()).toBe(1);
    await worker.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
    const card = worker.getByRole('listitem').filter({ hasText: 'Sent' });
    await card.getByRole('heading', { name: 'Online grooming' }).waitFor();
    expect(await seriousA11yViolations(worker)).toEqual([]);
    // The server holds the envelope only; the card shows when the server received it.
    const { session } = await organisationOf(suite.server.url);
    const inbox = await fetch(`${suite.server.url}${SEALED_PATHS.inbox}`, {
      headers: { Authorization: `Bearer ${session.token}` },
    });
    const [stored] = InboxResponseSchema.parse(await inbox.json()).reports;
    if (!stored) throw new Error('the server holds no report');
    expect(stored).toMatchObject({ revision: 1, urgency: 'soon' });
    expect(JSON.stringify(stored)).not.toContain(WORD);
    await card.locator(`time[datetime="${stored.receivedAt}"]`).waitFor();
    // Its content leaves the device once the receipt is stored (default retention); it never was in clear.
    await expect
      .poll(async () => (await readAllRawStorage(worker)).includes('idb:safevisit/reports::'), UNTIL)
      .toBe(true);
    const raw = await readAllRawStorage(worker);
    expect(raw).not.toContain(WORD);
    expect(raw).not.toContain(stored.ciphertext);
    expect(await worker.content()).not.toContain(WORD);

    // The officer, in a browser of their own, signs in.
    const officerProfile = await suite.newProfile();
    const officer = officerProfile.page;
    await officer.goto(`${suite.server.url}/officer/`);
    await officer.getByLabel('Email').fill(OFFICER_EMAIL);
    await officer.getByLabel('Passphrase', { exact: true }).fill(OFFICER_PASSPHRASE);
    await officer.getByRole('button', { name: 'Sign in' }).click();
    await officer.getByRole('heading', { name: 'Inbox' }).waitFor();
    await officer.getByText('1 report.').waitFor();

    // Found by a word of its description, searched in this browser over the opened reports.
    await officer.getByRole('searchbox', { name: 'Search reports' }).fill(WORD.toLowerCase());
    await officer.getByText('1 report, 1 found.').waitFor();
    await officer.getByRole('searchbox', { name: 'Search reports' }).fill('nobody-wrote-this');
    await officer.getByText('No opened report holds all of those words.').waitFor();
    await officer.getByRole('searchbox', { name: 'Search reports' }).fill(WORD.toLowerCase());
    await officer.getByText('1 report, 1 found.').waitFor();

    // Exported as CSV: the file holds the word.
    const [csvDownload] = await Promise.all([
      officer.waitForEvent('download'),
      officer.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(readFileSync(await csvDownload.path(), 'utf8')).toContain(WORD);
    await officer.getByText('Exported 1 report as CSV.').waitFor();

    // Opened, reviewed and printed.
    await officer.getByRole('link', { name: '2 November 2026: Online grooming' }).click();
    await officer.getByRole('heading', { name: '2 November 2026: Online grooming' }).waitFor();
    await officer.getByText(DESCRIPTION).waitFor();
    await officer.getByRole('button', { name: 'Mark reviewed' }).click();
    await officer.getByText(/^Reviewed by .+, /).waitFor();
    await officer.emulateMedia({ media: 'print' });
    expect(await officer.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await officer.getByText(DESCRIPTION).isVisible()).toBe(true);
    await officer.emulateMedia({ media: null });
    expect(pdfPages(await officer.pdf({ preferCSSPageSize: true }))).toBeGreaterThan(0);

    // The officer's browser kept nothing.
    expect(await readAllRawStorage(officer)).toBe('');
  });
});
