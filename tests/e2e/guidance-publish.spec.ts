// The service's own contacts, signed, end to end on the real server with the real crypto: an officer signs in, types
// the LADO's number on "Guidance" (an email with a query part is refused on the form) and presses "Publish guidance";
// an enrolled device then shows that number in its guidance. The server operator then swaps the number in the database
// (the signature left as it was): the device refuses that pack in plain words and the officer's number stays.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/protocol.ts';
import type { SignedGuidance } from '../../src/domain/signed-guidance.ts';
import { GUIDANCE_REFUSALS } from '../../src/sync/guidance-update.ts';
import { OFFICER_EMAIL, OFFICER_PASSPHRASE } from '../unit/sync/org-setup.ts';
import { enrolByLink, organisationOf, SETUP_CODE } from './enrol.ts';
import { browserSuite, createVault, seriousA11yViolations, waitForController } from './harness.ts';

const LADO_PHONE = '020 7946 0123';
const SWAPPED_PHONE = '020 7946 0999';

const suite = browserSuite({ setupCode: SETUP_CODE, rateLimit: false });

describe('guidance with the service’s own contacts', () => {
  it('is published signed by an officer, shown on an enrolled device, and a swapped number is refused', async () => {
    const { url } = suite.server;
    await organisationOf(url);

    // The officer publishes the LADO's contact.
    const officer = (await suite.newProfile()).page;
    await officer.goto(`${url}/officer/`);
    await officer.getByLabel('Email').fill(OFFICER_EMAIL);
    await officer.getByLabel('Passphrase').fill(OFFICER_PASSPHRASE);
    await officer.getByRole('button', { name: 'Sign in' }).click();
    await officer.getByRole('heading', { name: 'Inbox' }).waitFor();
    await officer.getByRole('navigation').getByRole('link', { name: 'Guidance' }).click();
    await officer.getByText('No guidance has been published yet').waitFor();
    await officer.getByLabel('LADO name').fill('Riverside LADO');
    await officer.getByLabel('LADO phone').fill(LADO_PHONE);
    await officer.getByLabel('LADO email').fill('lado@riverside.example?bcc=someone@example.net');
    await officer.getByRole('button', { name: 'Publish guidance' }).click();
    await officer
      .getByRole('alert')
      .getByText(/Enter the LADO email as a plain address/)
      .waitFor();
    await officer.getByLabel('LADO email').fill('lado@riverside.example');
    await officer.getByRole('button', { name: 'Publish guidance' }).click();
    await officer.getByText(/Guidance version .*\+contacts\.\d{8}T\d{6} is published/).waitFor();
    expect(await seriousA11yViolations(officer)).toEqual([]);
    // Fine at 360 px: nothing wider than the screen.
    expect(await officer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // An enrolled device receives it and shows the number where the guidance says to call the LADO.
    const { page } = await suite.newProfile();
    await page.goto(`${url}/#/settings`);
    await waitForController(page);
    await createVault(page);
    await enrolByLink(page, url);
    await page.getByRole('button', { name: 'Check for guidance updates' }).click();
    await page.getByText(/Version .*\+contacts\.\d{8}T\d{6}, published/).waitFor();
    await page.goto(`${url}/#/guidance/directory.lado`);
    await page.getByRole('link', { name: LADO_PHONE }).waitFor();

    // The operator swaps the number in the database, keeping the officer's signature.
    const store = suite.server.app.guidanceStore;
    const published = await store.publishedGuidance();
    if (!published) throw new Error('nothing published');
    const signed = JSON.parse(published.body) as SignedGuidance;
    const contacts = signed.pack.localContacts as { lado: { phone: string } };
    contacts.lado.phone = SWAPPED_PHONE;
    const body = canonicalJson(signed);
    await store.publishGuidance({ ...published, body, etag: '"swapped-by-the-operator"' });
    expect((await fetch(`${url}/v2/guidance`).then((r) => r.text())).includes(SWAPPED_PHONE)).toBe(true);

    await page.goto(`${url}/#/settings`);
    await page.getByRole('button', { name: 'Check for guidance updates' }).click();
    await page.getByText(GUIDANCE_REFUSALS['bad-signature']).waitFor();
    await page.goto(`${url}/#/guidance/directory.lado`);
    await page.getByRole('link', { name: LADO_PHONE }).waitFor();
    expect(await page.getByText(SWAPPED_PHONE).count()).toBe(0);
  });
});
