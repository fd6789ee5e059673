// Typed builders for the inbox's tests: inbox rows (routing fields and review state) and opened entries made
// from complete drafts, with envelopes sealed for real when a test needs to open them.
import { randomUUID } from 'node:crypto';
import type { ReportDraft } from '../../../../src/domain/report-schema.ts';
import { REPORT_SCHEMA_VERSION } from '../../../../src/domain/report-schema.ts';
import { searchableText } from '../../../../src/domain/report-search.ts';
import { reportSummary } from '../../../../src/domain/report-summary.ts';
import { validateForSubmit } from '../../../../src/domain/report-validation.ts';
import type { InboxItem } from '../../../../src/domain/sealed-protocol.ts';
import type { OpenedEntry } from '../../../../src/officer/inbox/inbox-model.ts';
import { utf8 } from '../../../../src/vault/crypto.ts';
import { sealReport } from '../../../../src/vault/org.ts';
import type { buildOrganisation } from '../../fixtures.ts';
import { completeDraft } from '../../fixtures.ts';

export const inboxItem = (overrides: Partial<InboxItem> = {}): InboxItem => ({
  id: randomUUID(),
  revision: 1,
  schemaVersion: REPORT_SCHEMA_VERSION,
  createdAt: '2026-11-01T09:00:00.000Z',
  submittedAt: '2026-11-01T09:05:00.000Z',
  receivedAt: '2026-11-01T09:05:01.000Z',
  keyId: 'k'.repeat(16),
  urgency: 'routine',
  enc: 'A'.repeat(87),
  ciphertext: 'A'.repeat(22),
  deviceId: 'device-1',
  status: 'new',
  reviewedAt: null,
  reviewedBy: null,
  revisions: 1,
  ...overrides,
});

export const submitted = (overrides: Partial<ReportDraft> = {}) => {
  const result = validateForSubmit(completeDraft(overrides), new Date('2026-11-01T12:00:00Z'));
  if (!result.ok) throw new Error(`fixture report is invalid: ${JSON.stringify(result.issues)}`);
  return result.report;
};

export const openedEntry = (draft: Partial<ReportDraft> = {}, item: Partial<InboxItem> = {}): OpenedEntry => {
  const report = submitted(draft);
  return {
    item: inboxItem(item),
    content: { state: 'opened', report, summary: reportSummary(report), folded: searchableText(report) },
  };
};

/** An inbox row whose envelope is `body` sealed for real to the organisation's current key. */
export const sealedItem = async (
  org: Awaited<ReturnType<typeof buildOrganisation>>,
  body: unknown,
  overrides: Partial<InboxItem> = {},
): Promise<InboxItem> => {
  const item = inboxItem(overrides);
  const sealed = await sealReport(
    org.organisation.encryptionKey,
    { id: item.id, revision: item.revision, schemaVersion: item.schemaVersion },
    utf8(typeof body === 'string' ? body : JSON.stringify(body)),
  );
  return { ...item, ...sealed };
};
