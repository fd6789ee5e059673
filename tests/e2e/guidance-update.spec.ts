// Guidance the organisation publishes (signed with its key) reaches the device: after enrolling, the Guidance screen
// shows the server's newer pack (search finds its new article) and Settings shows its version; offline it stays.
import { describe, expect, it } from 'vitest';
import type { GuidancePack } from '../../src/domain/guidance.ts';
import { GUIDANCE_PATHS } from '../../src/domain/signed-guidance.ts';
import { BUNDLED_PACK } from '../../src/guidance/pack.ts';
import { signGuidancePack } from '../../src/vault/guidance-signature.ts';
import { enrolByLink, organisationOf, SETUP_CODE } from './enrol.ts';
import { browserSuite, createVault, waitForController } from './harness.ts';

const PUBLISHED: GuidancePack = {
  ...BUNDLED_PACK,
  version: '2099.1.1',
  publishedAt: '2099-01-01T00:00:00Z',
  articles: [
    ...BUNDLED_PACK.articles,
    {
      ...(BUNDLED_PACK.articles[0] as GuidancePack['articles'][number]),
      id: 'zebra-crossing-briefing',
      title: 'Zebracrossing briefing from the officer',
      summary: 'A note published by the online safety officer for every device.',
      related: [],
    },
  ],
};

const suite = browserSuite({ tokens: ['device-token-guidance-0001'], rateLimit: false, setupCode: SETUP_CODE });

describe('guidance updates', () => {
  it('shows the pack the organisation publishes, and keeps it offline', async () => {
    const { page, context } = await suite.newProfile();
    const org = await organisationOf(suite.server.url);
    // What the officer's "Publish guidance" sends: the pack signed with the organisation's key.
    const signed = await signGuidancePack(org.privateKeys.signing, org.fingerprint, PUBLISHED);
    const published = await fetch(`${suite.server.url}${GUIDANCE_PATHS.publish}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${org.session.token}` },
      body: JSON.stringify(signed),
    });
    expect(published.status).toBe(201);

    await page.goto(`${suite.server.url}/#/settings`);
    await waitForController(page);
    await createVault(page);
    await enrolByLink(page, suite.server.url);
    await page.getByRole('button', { name: 'Check for guidance updates' }).click();
    await page.getByText('Version 2099.1.1, published').waitFor();

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('navigation').getByRole('link', { name: 'Guidance' }).click();
    await page.getByRole('searchbox', { name: 'Search guidance' }).fill('zebracrossing');
    await page
      .getByRole('link', { name: /Zebracrossing briefing/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Zebracrossing briefing from the officer', level: 1 }).waitFor();
  });
});
