// Enrolling the browser's device with a real organisation: set up on the test server through the real crypto and
// API (tests/unit/sync/org-setup.ts, the one organisation builder), then the device opens the enrolment link and
// confirms, as a worker would.
import type { Page } from 'playwright-core';
import { type Organisation, SETUP_CODE, setUpOrganisationOn } from '../unit/sync/org-setup.ts';

export { SETUP_CODE };

const organisations = new Map<string, Promise<Organisation>>();

/** The organisation of the server at `url` (set up once per server: the setup code then stops working). */
export const organisationOf = (url: string, name?: string): Promise<Organisation> => {
  let org = organisations.get(url);
  if (!org) {
    org = setUpOrganisationOn(url, name);
    organisations.set(url, org);
  }
  return org;
};

/**
 * Opens a fresh enrolment link of the server at `url` in `page` (unlocking or creating nothing: the vault must be
 * open), confirms "Enrol this device" and waits for "Enrolled with <organisation>". Returns the organisation.
 */
export const enrolByLink = async (page: Page, url: string): Promise<Organisation & { deviceId: string }> => {
  const org = await organisationOf(url);
  const { id, token } = await org.enrolDevice();
  await page.goto(org.linkFor(token, { appOrigin: url }));
  await page.getByRole('button', { name: 'Enrol this device' }).click();
  await page.getByText(`Enrolled with ${org.org.name}`).waitFor();
  return { ...org, deviceId: id };
};
