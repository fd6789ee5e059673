// The officer's inbox end to end, on the real server with the real crypto: an organisation set up through the
// officer's screens, a device enrolled there, reports sealed to the organisation's key and posted with that
// device's token; then the officer finds a report by a word of its description, opens it (labels and answers),
// marks it reviewed, prints it to an A4 PDF and exports CSV and JSON. A damaged envelope is listed and explained.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodeEnrolmentLink } from '../../src/domain/enrolment-link.ts';
import { ORG_PATHS, OrgDescriptorSchema } from '../../src/domain/org-protocol.ts';
import { idempotencyKey } from '../../src/domain/protocol.ts';
import type { SubmittedReportInput } from '../../src/domain/report-schema.ts';
import { REPORT_SCHEMA_VERSION } from '../../src/domain/report-schema.ts';
import { SEALED_PATHS, type SealedSubmission, type Urgency } from '../../src/domain/sealed-protocol.ts';
import { utf8 } from '../../src/vault/crypto.ts';
import { currentEncryptionKey, verifyOrgDescriptor } from '../../src/vault/org.ts';
import { sealReport } from '../../src/vault/report-seal.ts';
import { flipFirstByte } from '../unit/fixtures.ts';
import { browserSuite, readAllRawStorage, STRONG_PASSPHRASE, seriousA11yViolations } from './harness.ts';

const SETUP_CODE = 'E2E-INBOX-SETUP-5521';
const OFFICER = 'Ada Officer';
const WORD = 'Marmalade';
/** Where the printed PDF and its page images go, for a person to look at. */
const PDF_PATH = process.env.SAFEVISIT_INBOX_PDF ?? '/tmp/safevisit-inbox-report.pdf';

const suite = browserSuite({ setupCode: SETUP_CODE });

const report = (overrides: Partial<SubmittedReportInput>): SubmittedReportInput => ({
  orgName: 'Riverside Family Support',
  dateHappened: '2026-10-20',
  timeHappened: '16:45',
  reporterName: 'Sam Worker',
  location: ['outside-setting'],
  involved: ['child'],
  incidentTypes: ['bullying'],
  description: 'Messages in a group chat called the child names every night.',
  childAction: true,
  childActions: ['parents-informed'],
  ...overrides,
});

const setUpAndEnrol = async (page: Page): Promise<{ token: string; fingerprint: string }> => {
  await page.goto(`${suite.server.url}/officer/`);
  await page.getByLabel('Setup code').fill(SETUP_CODE);
  await page.getByLabel('Organisation name').fill('Riverside Family Support');
  await page.getByLabel('Your name').fill(OFFICER);
  await page.getByLabel('Email').fill('ada@example.org');
  await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByLabel('Confirm passphrase').fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: 'Set up organisation' }).click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  await page.getByText('No reports have arrived yet.').waitFor();
  await page.getByRole('link', { name: 'Devices' }).click();
  await page.getByLabel('Device name').fill('Hall laptop');
  await page.getByRole('button', { name: 'Enrol a device' }).click();
  const link = await page.getByRole('textbox', { name: 'Enrolment link' }).inputValue();
  const decoded = decodeEnrolmentLink(link);
  if (!decoded.ok) throw new Error(`the enrolment link does not decode: ${decoded.problem}`);
  return { token: decoded.payload.token, fingerprint: decoded.payload.fingerprint };
};

/** Seals a report as the device does (to the organisation's current key, checked against the fingerprint). */
const sealed = async (
  fingerprint: string,
  body: SubmittedReportInput,
  urgency: Urgency,
  createdAt: string,
): Promise<SealedSubmission> => {
  const answer = await fetch(`${suite.server.url}${ORG_PATHS.org}`);
  const org = await verifyOrgDescriptor(OrgDescriptorSchema.parse(await answer.json()), fingerprint);
  const id = randomUUID();
  const envelope = await sealReport(
    currentEncryptionKey(org),
    { id, revision: 1, schemaVersion: REPORT_SCHEMA_VERSION },
    utf8(JSON.stringify(body)),
  );
  return {
    id,
    revision: 1,
    schemaVersion: REPORT_SCHEMA_VERSION,
    createdAt,
    submittedAt: createdAt,
    urgency,
    ...envelope,
  };
};

const post = async (token: string, submission: SealedSubmission) => {
  const response = await fetch(`${suite.server.url}${SEALED_PATHS.reports}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${token}`,
      'Idempotency-Key': idempotencyKey(submission.id, submission.revision),
    },
    body: JSON.stringify(submission),
  });
  expect(response.status).toBe(201);
};

/** The PDF's page sizes in points, from its MediaBox entries. */
const pageSizes = (pdf: Buffer): number[][] =>
  [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [
    Math.round(Number(m[1])),
    Math.round(Number(m[2])),
  ]);

describe('officer’s inbox', () => {
  it('finds a sealed report by a word, opens, reviews, prints and exports it; a damaged one is explained', async () => {
    const { page, requests } = await suite.newProfile();
    const { token, fingerprint } = await setUpAndEnrol(page);

    const wanted = await sealed(
      fingerprint,
      report({
        description: `The child said a stranger sent a ${WORD} sticker, then asked to meet.`,
        incidentTypes: ['grooming'],
      }),
      'soon',
      '2026-10-20T17:00:00.000Z',
    );
    const urgent = await sealed(
      fingerprint,
      report({
        dateHappened: '2026-10-19',
        reference: 'CASE-77',
        incidentTypes: ['child-abuse-images'],
        description: 'Saw an image described as abuse on a phone.',
      }),
      'immediate',
      '2026-10-19T10:00:00.000Z',
    );
    const routine = await sealed(fingerprint, report({}), 'routine', '2026-10-21T09:00:00.000Z');
    const damaged = await sealed(fingerprint, report({}), 'routine', '2026-10-18T09:00:00.000Z');
    for (const s of [routine, wanted, urgent]) await post(token, s);
    await post(token, { ...damaged, ciphertext: flipFirstByte(damaged.ciphertext) });

    // The inbox: urgent first, each report a link naming its date and incident types, and the worker's own
    // reference where they gave one (how the officer matches it to a case).
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.getByText('4 reports.').waitFor();
    const links = page.locator('.inbox-row__link');
    expect(await links.allTextContents()).toEqual([
      '19 October 2026: Child abuse images (reference CASE-77)',
      '20 October 2026: Online grooming',
      // Routine ones newest received first: the damaged one came last.
      expect.stringMatching(/^Report received .* \(could not be opened\)$/),
      '20 October 2026: Online bullying',
    ]);
    await page
      .getByText(
        'This report could not be opened: it may have been damaged or sealed to a key this organisation no longer has.',
      )
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Search by a word of the description, in memory.
    await page.getByRole('searchbox', { name: 'Search reports' }).fill(WORD.toLowerCase());
    await page.getByText('4 reports, 1 found.').waitFor();
    expect(await links.count()).toBe(1);

    // Export what is listed: CSV (Appendix 1 labels as headers, the word in it) and JSON.
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync(await csvDownload.path(), 'utf8');
    expect(csvDownload.suggestedFilename()).toMatch(/^safevisit-reports-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv).toContain(WORD);
    expect(csv).toContain('Description of incident');
    expect(csv).not.toContain('abuse on a phone');
    const [jsonDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const json = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
    expect(json.reports.map((r: { id: string }) => r.id)).toEqual([wanted.id]);
    expect(json.reports[0].report.description).toContain(WORD);
    await page.getByText('Exported 1 report as JSON.').waitFor();
    const audited = requests.filter((url) => url.endsWith(SEALED_PATHS.auditExport));
    expect(audited).toHaveLength(2);

    // Open it: the Appendix 1 labels with the answers, and its next steps with their sources.
    await page.getByRole('link', { name: '20 October 2026: Online grooming' }).click();
    await page.getByRole('heading', { name: '20 October 2026: Online grooming' }).waitFor();
    const answer = (label: string) => page.locator('.report-answer', { has: page.getByText(label, { exact: true }) });
    expect(await answer('Description of incident').locator('dd').textContent()).toContain(WORD);
    expect(await answer('Name of person reporting incident').locator('dd').textContent()).toBe('Sam Worker');
    expect(await answer('Type of incident').locator('dd').textContent()).toBe('online grooming');
    expect(await page.getByText('Outcome of incident/investigation').count()).toBe(0);
    await page.getByRole('heading', { name: 'Next steps' }).waitFor();
    expect(await page.locator('.report-next-steps').textContent()).toMatch(/Source: Camden guidance, section/);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Mark reviewed: who and when are shown, and the button goes.
    await page.getByRole('button', { name: 'Mark reviewed' }).click();
    await page.getByText(new RegExp(`^Reviewed by ${OFFICER}, `)).waitFor();
    expect(await page.getByRole('button', { name: 'Mark reviewed' }).count()).toBe(0);

    // Print: A4 pages, no navigation or buttons on them.
    expect(await page.getByRole('button', { name: 'Print' }).isEnabled()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Description of incident' }).isVisible()).toBe(true);
    // Back to the page's own media: page.pdf prints with the print stylesheet by itself.
    await page.emulateMedia({ media: null });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(PDF_PATH, pdf);
    expect(pdf.length).toBeGreaterThan(1_000);
    const sizes = pageSizes(pdf);
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) expect(size).toEqual([595, 842]);

    // Back in the inbox the report shows as reviewed.
    await page.getByRole('link', { name: 'Back to the inbox' }).click();
    await page.getByRole('searchbox', { name: 'Search reports' }).fill('');
    await page.locator('.inbox-row', { hasText: 'Online grooming' }).getByText(`Reviewed by ${OFFICER}`).waitFor();

    // Nothing in any browser store (the harness checks that nothing went elsewhere).
    expect(await readAllRawStorage(page)).toBe('');
  });
});
