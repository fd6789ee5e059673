// The sealed reports' wire schemas: what the server accepts from a device and an officer, and the plain message each
// refusal carries in the 400 answer.
import { describe, expect, it } from 'vitest';
import { SUBMISSION_MAX_BYTES } from '../../../src/domain/protocol.ts';
import { REPORT_SCHEMA_VERSION } from '../../../src/domain/report-schema.ts';
import {
  AuditExportRequestSchema,
  InboxEnvelopeSchema,
  InboxItemSchema,
  InboxQuerySchema,
  InboxReportSchema,
  InboxResponseSchema,
  MarkReviewedResponseSchema,
  OfficerRefSchema,
  ReviewSchema,
  SEALED_BATCH_MAX_BYTES,
  SEALED_PATHS,
  SealedBatchRequestSchema,
  SealedBatchResponseSchema,
  SealedBatchResultSchema,
  type SealedSubmission,
  SealedSubmissionSchema,
  sealedBatchBody,
  sealedContent,
} from '../../../src/domain/sealed-protocol.ts';
import { accepts, issuesOf } from './schema-issues.ts';

const ID = '0b6f2c1e-4a57-4c1b-9a39-3f1d2e5c7a90';
const SEALED: SealedSubmission = {
  id: ID,
  revision: 1,
  schemaVersion: REPORT_SCHEMA_VERSION,
  createdAt: '2026-11-30T09:00:00.000Z',
  submittedAt: '2026-11-30T09:05:00+01:00',
  keyId: 'key-2026-11',
  urgency: 'soon',
  enc: 'E'.repeat(87),
  ciphertext: 'C'.repeat(22),
};
const WHOLE = 'must be a whole number of 1 or more';

describe('SealedSubmissionSchema', () => {
  it('accepts a sealed report as a device sends it, and older schema versions', () => {
    expect(SealedSubmissionSchema.parse(SEALED)).toEqual(SEALED);
    expect(accepts(SealedSubmissionSchema, { ...SEALED, schemaVersion: 1, revision: Number.MAX_SAFE_INTEGER })).toBe(
      true,
    );
    expect(accepts(SealedSubmissionSchema, { ...SEALED, ciphertext: 'C'.repeat(1_000_000) })).toBe(true);
  });

  it.each<[string, Partial<Record<keyof SealedSubmission, unknown>>, string]>([
    ['an id that is not a UUID', { id: 'report-1' }, 'id: must be a UUID'],
    ['revision 0', { revision: 0 }, `revision: ${WHOLE}`],
    ['a revision with a fraction', { revision: 1.5 }, `revision: ${WHOLE}`],
    ['a revision as text', { revision: '1' }, `revision: ${WHOLE}`],
    ['schema version 0', { schemaVersion: 0 }, `schemaVersion: ${WHOLE}`],
    [
      'a newer schema version',
      { schemaVersion: REPORT_SCHEMA_VERSION + 1 },
      `schemaVersion: this server accepts report schema version ${REPORT_SCHEMA_VERSION} or older; update the server`,
    ],
    ['a creation time in words', { createdAt: 'this morning' }, 'createdAt: must be an ISO 8601 date and time'],
    [
      'a submission time without a zone',
      { submittedAt: '2026-11-30T09:05' },
      'submittedAt: must be an ISO 8601 date and time',
    ],
    ['a key id too short', { keyId: 'k1' }, 'keyId: must be a key id'],
    ['another urgency', { urgency: 'urgent' }, 'urgency: must be immediate, soon or routine'],
    ['an encapsulated key one character short', { enc: 'E'.repeat(86) }, 'enc: must be an HPKE encapsulated key'],
    ['an encapsulated key one character long', { enc: 'E'.repeat(88) }, 'enc: must be an HPKE encapsulated key'],
    ['an encapsulated key that is not base64url', { enc: `${'E'.repeat(86)}+` }, 'enc: must be base64url text'],
  ])('refuses %s, saying so', (_what, change, issue) => {
    expect(issuesOf(SealedSubmissionSchema, { ...SEALED, ...change })).toEqual([issue]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a revision past the largest safe integer', { revision: Number.MAX_SAFE_INTEGER + 2 }],
    ['a ciphertext shorter than its tag', { ciphertext: 'C'.repeat(21) }],
    ['a ciphertext past the limit', { ciphertext: 'C'.repeat(1_000_001) }],
    ['a field it does not know', { report: {} }],
  ])('refuses %s', (_what, change) => {
    expect(accepts(SealedSubmissionSchema, { ...SEALED, ...change })).toBe(false);
  });

  it('compares everything but the submission time', () => {
    expect(sealedContent(SEALED)).toEqual({
      id: ID,
      revision: 1,
      schemaVersion: REPORT_SCHEMA_VERSION,
      createdAt: SEALED.createdAt,
      keyId: SEALED.keyId,
      urgency: 'soon',
      enc: SEALED.enc,
      ciphertext: SEALED.ciphertext,
    });
  });
});

describe('sealed batches', () => {
  it('joins kept bodies as they are into one batch body the schema reads', () => {
    const bodies = [JSON.stringify(SEALED), JSON.stringify({ ...SEALED, revision: 2 })];
    const body = sealedBatchBody(bodies);
    expect(body).toBe(`{"reports":[${bodies[0]},${bodies[1]}]}`);
    expect(SealedBatchRequestSchema.parse(JSON.parse(body)).reports).toHaveLength(2);
  });

  it('keeps a batch’s body within 192 KB, under the server’s body limit', () => {
    expect(SEALED_BATCH_MAX_BYTES).toBe(196_608);
    expect(SEALED_BATCH_MAX_BYTES).toBeLessThan(SUBMISSION_MAX_BYTES);
  });

  it('holds 1 to 50 reports, saying so', () => {
    expect(issuesOf(SealedBatchRequestSchema, { reports: [] })).toEqual(['reports: must hold at least one report']);
    expect(issuesOf(SealedBatchRequestSchema, { reports: Array(51).fill({}) })).toEqual([
      'reports: must hold at most 50 reports',
    ]);
    expect(accepts(SealedBatchRequestSchema, { reports: Array(50).fill({}) })).toBe(true);
  });

  const receipt = { id: ID, revision: 1, receivedAt: '2026-11-30T09:05:01.000Z' };
  const error = { error: { code: 'conflict', message: 'Another body was sent for this revision.' } };
  it.each<[unknown, boolean]>([
    [{ status: 201, receipt }, true],
    [{ status: 200, receipt }, true],
    [{ status: 202, receipt }, false],
    [{ status: 201 }, false],
    [{ status: 400, ...error }, true],
    [{ status: 599, ...error }, true],
    [{ status: 399, ...error }, false],
    [{ status: 600, ...error }, false],
    [{ status: 409.5, ...error }, false],
    [{ status: 409 }, false],
  ])('reads the batch result %o: %s', (result, ok) => {
    expect(accepts(SealedBatchResultSchema, result)).toBe(ok);
    expect(accepts(SealedBatchResponseSchema, { results: [result] })).toBe(ok);
  });
});

const ENVELOPE = { ...SEALED, receivedAt: '2026-11-30T09:05:01.000Z', deviceId: 'device-1' };
const REVIEW = { status: 'reviewed', reviewedAt: '2026-11-30T10:00:00.000Z', reviewedBy: { id: 'o1', name: 'Sam' } };
const UNREVIEWED = { status: 'new', reviewedAt: null, reviewedBy: null };

describe('the inbox', () => {
  it('reads an envelope with where and when it came from', () => {
    expect(InboxEnvelopeSchema.parse(ENVELOPE)).toEqual(ENVELOPE);
    expect(accepts(InboxEnvelopeSchema, { ...ENVELOPE, deviceId: '' })).toBe(false);
    expect(accepts(InboxEnvelopeSchema, { ...ENVELOPE, deviceId: 'd'.repeat(65) })).toBe(false);
    expect(accepts(InboxEnvelopeSchema, { ...ENVELOPE, receivedAt: 'now' })).toBe(false);
    expect(accepts(InboxEnvelopeSchema, { ...ENVELOPE, schemaVersion: REPORT_SCHEMA_VERSION + 1 })).toBe(false);
  });

  it('reads a review state: new, or reviewed by whom and when', () => {
    expect(ReviewSchema.parse(REVIEW)).toEqual(REVIEW);
    expect(ReviewSchema.parse(UNREVIEWED)).toEqual(UNREVIEWED);
    expect(accepts(ReviewSchema, { ...REVIEW, status: 'done' })).toBe(false);
    expect(accepts(OfficerRefSchema, { id: '', name: 'Sam' })).toBe(false);
    expect(accepts(OfficerRefSchema, { id: 'o'.repeat(65), name: 'Sam' })).toBe(false);
    expect(accepts(OfficerRefSchema, { id: 'o'.repeat(64), name: '' })).toBe(true);
  });

  it('reads an inbox row and a page of them', () => {
    const row = { ...ENVELOPE, ...UNREVIEWED, revisions: 2 };
    expect(InboxItemSchema.parse(row)).toEqual(row);
    expect(accepts(InboxItemSchema, { ...row, revisions: 0 })).toBe(false);
    expect(InboxResponseSchema.parse({ reports: [row], nextCursor: '1.5' })).toEqual({
      reports: [row],
      nextCursor: '1.5',
    });
    expect(accepts(InboxResponseSchema, { reports: [{ ...row, revisions: 0 }] })).toBe(false);
  });

  it('reads one report with every revision, and the answer to marking it reviewed', () => {
    expect(accepts(InboxReportSchema, { id: ID, ...REVIEW, revisions: [ENVELOPE] })).toBe(true);
    expect(accepts(InboxReportSchema, { id: ID, ...REVIEW, revisions: [] })).toBe(false);
    expect(accepts(InboxReportSchema, { id: 'r1', ...REVIEW, revisions: [ENVELOPE] })).toBe(false);
    expect(MarkReviewedResponseSchema.parse({ id: ID, ...REVIEW })).toEqual({ id: ID, ...REVIEW });
    expect(accepts(MarkReviewedResponseSchema, { id: 'r1', ...REVIEW })).toBe(false);
  });

  it('pages 1 to 1,000 rows, 1,000 when not asked, from a query string', () => {
    expect(InboxQuerySchema.parse({})).toEqual({ limit: 1_000 });
    expect(InboxQuerySchema.parse({ limit: '20' })).toEqual({ limit: 20 });
    expect(InboxQuerySchema.parse({ limit: '1' })).toEqual({ limit: 1 });
    for (const limit of ['0', '1001', '2.5', 'ten']) expect(accepts(InboxQuerySchema, { limit }), limit).toBe(false);
  });

  it.each([
    ['0.1', true],
    ['2.9999999999999999', true],
    ['1.10', true],
    ['3.1', false],
    ['0.0', false],
    ['0.01', false],
    ['1.99999999999999999', false],
    ['x1.5', false],
    ['1.5x', false],
    ['1,5', false],
  ])('takes the cursor %s only when it is one the server gave: %s', (cursor, ok) => {
    expect(issuesOf(InboxQuerySchema, { cursor })).toEqual(
      ok ? [] : ['cursor: must be a nextCursor from a previous page'],
    );
  });

  it('names the paths of the inbox, a report and its review, escaping the id', () => {
    expect(SEALED_PATHS).toMatchObject({
      reports: '/v2/reports',
      reportsBatch: '/v2/reports/batch',
      inbox: '/v2/officer/reports',
      auditExport: '/v2/officer/audit/export',
    });
    expect(SEALED_PATHS.report('a/b')).toBe('/v2/officer/reports/a%2Fb');
    expect(SEALED_PATHS.reviewed('a/b')).toBe('/v2/officer/reports/a%2Fb/reviewed');
  });
});

describe('AuditExportRequestSchema', () => {
  it('records an export of report ids as CSV or JSON', () => {
    expect(AuditExportRequestSchema.parse({ ids: [ID], format: 'csv' })).toEqual({ ids: [ID], format: 'csv' });
    expect(accepts(AuditExportRequestSchema, { ids: [ID], format: 'json' })).toBe(true);
    expect(accepts(AuditExportRequestSchema, { ids: Array(10_000).fill(ID), format: 'json' })).toBe(true);
  });

  it.each<[string, unknown, string[] | false]>([
    ['an id that is not a report id', { ids: ['r1'], format: 'csv' }, ['ids.0: must be a report id']],
    ['another format', { ids: [ID], format: 'pdf' }, ['format: must be csv or json']],
    ['no ids', { ids: [], format: 'csv' }, false],
    ['more than 10,000 ids', { ids: Array(10_001).fill(ID), format: 'csv' }, false],
  ])('refuses %s', (_what, body, issues) => {
    if (issues) expect(issuesOf(AuditExportRequestSchema, body)).toEqual(issues);
    else expect(accepts(AuditExportRequestSchema, body)).toBe(false);
  });
});
