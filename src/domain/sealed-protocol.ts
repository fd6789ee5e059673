// Sealed reports on the wire (DESIGN.md "Sync protocol (v2, sealed)" and "Inbox"): the device's submission of an
// envelope and the officer's inbox. Envelopes are opaque base64url text here; nothing in this file reads a report.
import { z } from 'zod';
import { Base64UrlSchema, OrgEncryptionKeySchema } from './org-protocol.ts';
import { ErrorBodySchema, ReceiptSchema } from './protocol.ts';
import { REPORT_SCHEMA_VERSION } from './report-schema.ts';

export const SEALED_PATHS = {
  reports: '/v2/reports',
  reportsBatch: '/v2/reports/batch',
  inbox: '/v2/officer/reports',
  report: (id: string) => `/v2/officer/reports/${encodeURIComponent(id)}`,
  reviewed: (id: string) => `/v2/officer/reports/${encodeURIComponent(id)}/reviewed`,
  auditExport: '/v2/officer/audit/export',
} as const;

/** The one clear field about content (from the device's next-steps rules): alerts and the inbox order use it. */
export const URGENCIES = ['immediate', 'soon', 'routine'] as const;
export const UrgencySchema = z.enum(URGENCIES, { error: 'must be immediate, soon or routine' });
export type Urgency = z.infer<typeof UrgencySchema>;

/** A P-256 HPKE encapsulated key: the uncompressed point, 65 bytes, is 87 base64url characters. */
export const HPKE_ENC_CHARS = 87;
/** An AES-256-GCM ciphertext holds at least its 16-byte tag (22 base64url characters). */
export const SEALED_CIPHERTEXT_MIN_CHARS = 22;
/** Far above a full report (about 70 KB sealed, 94 KB as base64url); the body limit (413) comes first anyway. */
export const SEALED_CIPHERTEXT_MAX_CHARS = 1_000_000;

const isoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time' });
// The number's own error is zod's message for its int and min checks too.
const wholeFrom1 = z.number({ error: 'must be a whole number of 1 or more' }).int().min(1);

/**
 * `POST /v2/reports` body: a report sealed once at submit (src/vault/report-seal.ts) and resent byte for byte.
 * The additional data binds id, revision, schemaVersion and keyId, so the server cannot move an envelope to another
 * report unnoticed. `submittedAt` is informational and not compared (as in v1): a retry may restamp it.
 */
export const SealedSubmissionSchema = z.strictObject({
  id: z.uuid({ error: 'must be a UUID' }),
  revision: wholeFrom1.max(Number.MAX_SAFE_INTEGER),
  // Older schema versions stay accepted: a device may still hold reports sealed before an update.
  schemaVersion: wholeFrom1.max(REPORT_SCHEMA_VERSION, {
    error: `this server accepts report schema version ${REPORT_SCHEMA_VERSION} or older; update the server`,
  }),
  createdAt: isoDateTime,
  submittedAt: isoDateTime,
  keyId: OrgEncryptionKeySchema.shape.kid,
  urgency: UrgencySchema,
  enc: Base64UrlSchema.length(HPKE_ENC_CHARS, { error: 'must be an HPKE encapsulated key' }),
  ciphertext: Base64UrlSchema.min(SEALED_CIPHERTEXT_MIN_CHARS).max(SEALED_CIPHERTEXT_MAX_CHARS),
});
export type SealedSubmission = z.infer<typeof SealedSubmissionSchema>;

/** One sealed submission as the device sends it: `body` is the SealedSubmission JSON text kept since submit. */
export type SealedRequest = { id: string; revision: number; body: string };

/** 201 (first time) or 200 (the same revision again: the SAME receipt), as in v1. */
export const SealedReceiptSchema = ReceiptSchema;

/**
 * `POST /v2/reports/batch`: several kept bodies in one request, `{"reports":[<body>,<body>,...]}` joined as text, so
 * each report still travels as the bytes sealed at submit. Each is saved, and answered, exactly as `POST /v2/reports`
 * would; all of one request are committed together. One request per report costs a device about as much as the
 * report itself (a busy phone or laptop opens a few hundred a second at best): a backlog goes in batches.
 */
export const SEALED_BATCH_MAX_REPORTS = 50;
/** A batch's body stays under the server's body limit (SUBMISSION_MAX_BYTES, 256 KB) with room to spare. */
export const SEALED_BATCH_MAX_BYTES = 192 * 1024;
export const SealedBatchRequestSchema = z.strictObject({
  reports: z
    .array(z.unknown())
    .min(1, { error: 'must hold at least one report' })
    .max(SEALED_BATCH_MAX_REPORTS, { error: `must hold at most ${SEALED_BATCH_MAX_REPORTS} reports` }),
});
/** The batch's body, from kept bodies (each a SealedSubmission's JSON text) without parsing them. */
export const sealedBatchBody = (bodies: readonly string[]): string => `{"reports":[${bodies.join(',')}]}`;

/** One report's answer in a batch: the status and body `POST /v2/reports` would have answered for it alone. */
export const SealedBatchResultSchema = z.union([
  z.strictObject({ status: z.union([z.literal(200), z.literal(201)]), receipt: ReceiptSchema }),
  z.strictObject({ status: z.number().int().min(400).max(599), ...ErrorBodySchema.shape }),
]);
export type SealedBatchResult = z.infer<typeof SealedBatchResultSchema>;
/** 200 with one result per report, in the order sent. */
export const SealedBatchResponseSchema = z.strictObject({ results: z.array(SealedBatchResultSchema) });
export type SealedBatchResponse = z.infer<typeof SealedBatchResponseSchema>;

/** The part the server compares for "same revision, different bytes" (409): everything but submittedAt. */
export const sealedContent = (s: SealedSubmission): Omit<SealedSubmission, 'submittedAt'> => {
  const { submittedAt: _ignored, ...content } = s;
  return content;
};

/** One stored revision as the officer's browser receives it: the envelope and its routing fields. */
export const InboxEnvelopeSchema = SealedSubmissionSchema.extend({
  receivedAt: isoDateTime,
  /** The enrolled device that sent it. */
  deviceId: z.string().min(1).max(64),
});
export type InboxEnvelope = z.infer<typeof InboxEnvelopeSchema>;

export const OfficerRefSchema = z.strictObject({ id: z.string().min(1).max(64), name: z.string() });

/** A report is 'new' until an officer marks its newest revision reviewed; a new revision makes it 'new' again. */
export const ReviewSchema = z.strictObject({
  status: z.enum(['new', 'reviewed']),
  reviewedAt: isoDateTime.nullable(),
  reviewedBy: OfficerRefSchema.nullable(),
});
export type Review = z.infer<typeof ReviewSchema>;

/** An inbox row: the newest revision's envelope, how many revisions there are, and the review state. */
export const InboxItemSchema = z.strictObject({
  ...InboxEnvelopeSchema.shape,
  ...ReviewSchema.shape,
  revisions: wholeFrom1,
});
export type InboxItem = z.infer<typeof InboxItemSchema>;

/** One page holds the whole inbox of a typical service: 1,000 envelopes are a few MB. */
export const INBOX_DEFAULT_LIMIT = 1_000;
export const INBOX_MAX_LIMIT = 1_000;

export const InboxQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(INBOX_MAX_LIMIT).default(INBOX_DEFAULT_LIMIT),
  cursor: z
    .string()
    .regex(/^[0-2]\.[1-9]\d{0,15}$/, { error: 'must be a nextCursor from a previous page' })
    .optional(),
});

/** `GET /v2/officer/reports`: urgent first (immediate, soon, routine), then newest received first. */
export const InboxResponseSchema = z.strictObject({
  reports: z.array(InboxItemSchema),
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor: z.string().optional(),
});
export type InboxResponse = z.infer<typeof InboxResponseSchema>;

/** `GET /v2/officer/reports/:id`: every revision, newest first, and the review state of the newest. */
export const InboxReportSchema = z.strictObject({
  id: z.uuid(),
  ...ReviewSchema.shape,
  revisions: z.array(InboxEnvelopeSchema).min(1),
});
export type InboxReport = z.infer<typeof InboxReportSchema>;

/** `POST /v2/officer/reports/:id/reviewed` answer: who and when (marking again keeps the first). */
export const MarkReviewedResponseSchema = z.strictObject({ id: z.uuid(), ...ReviewSchema.shape });

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_MAX_IDS = 10_000;

/** `POST /v2/officer/audit/export`: the browser made an export of these reports; the server records it (204). */
export const AuditExportRequestSchema = z.strictObject({
  ids: z
    .array(z.uuid({ error: 'must be a report id' }))
    .min(1)
    .max(EXPORT_MAX_IDS),
  format: z.enum(EXPORT_FORMATS, { error: 'must be csv or json' }),
});
export type AuditExportRequest = z.infer<typeof AuditExportRequestSchema>;
