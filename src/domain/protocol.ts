// The sync protocol v1 on the wire (DESIGN.md "Sync protocol (v1)"): the zod schemas the device and the server
// both use, the header names and the idempotency key. Pure: no network, no storage, no crypto.
import { z } from 'zod';
import { REPORT_SCHEMA_VERSION, SubmittedReportSchema } from './report-schema.ts';

/** The protocol generation; the paths carry it (`/v1/...`) and `GET /v1/health` reports it. */
export const PROTOCOL_VERSION = 1;

export const PATHS = {
  reports: '/v1/reports',
  guidance: '/v1/guidance',
  health: '/v1/health',
} as const;

export const HEADERS = {
  authorization: 'Authorization',
  idempotencyKey: 'Idempotency-Key',
  ifNoneMatch: 'If-None-Match',
  etag: 'ETag',
  retryAfter: 'Retry-After',
} as const;

/** The server refuses bodies larger than this with 413 (a full report is about 70 KB at most). */
export const SUBMISSION_MAX_BYTES = 256 * 1024;

const isoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time' });

/**
 * `POST /v1/reports` body. One revision of a report is sent once and resent byte for byte on retries: the server
 * answers 409 if the same id and revision arrive with other content. `submittedAt` is the device's first attempt and
 * is informational: it is NOT part of the content the server compares, so a retry may restamp it without a conflict.
 */
export const SubmissionSchema = z.strictObject({
  id: z.uuid({ error: 'must be a UUID' }),
  // The number's own error is zod's message for its int and min checks too.
  revision: z.number({ error: 'must be a whole number of 1 or more' }).int().min(1).max(Number.MAX_SAFE_INTEGER),
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION, {
    error: `this server accepts report schema version ${REPORT_SCHEMA_VERSION} only; update the app or the server`,
  }),
  createdAt: isoDateTime,
  submittedAt: isoDateTime,
  report: SubmittedReportSchema,
});

export type SubmissionInput = z.input<typeof SubmissionSchema>;
export type Submission = z.output<typeof SubmissionSchema>;

/** 201 (first time) or 200 (the same revision again: the SAME receipt) for `POST /v1/reports`. */
export const ReceiptSchema = z.object({
  id: z.uuid(),
  revision: z.number().int().min(1),
  receivedAt: isoDateTime,
});

export type Receipt = z.infer<typeof ReceiptSchema>;

/** The codes a v1 server puts in `error.code`. Clients must treat an unknown code by its HTTP status. */
export const WIRE_ERROR_CODES = [
  'invalid-json',
  'invalid',
  'schema-version',
  'idempotency-key',
  'unauthorised',
  'forbidden',
  'not-found',
  'conflict',
  'too-large',
  'unsupported-media-type',
  'rate-limited',
  'storage-unavailable',
  'server-error',
  // The organisation side (src/domain/org-protocol.ts).
  'setup-code',
  'already-set-up',
  'session-expired',
  'revoked',
  // More officers (src/domain/team-protocol.ts).
  'officer-removed',
  'invite-unknown',
  'invite-used',
  'invite-expired',
  'email-taken',
  'already-confirmed',
  'remove-self',
  'last-officer',
  // Sealed reports (src/domain/sealed-protocol.ts).
  'unknown-key',
  // Signed guidance (src/domain/signed-guidance.ts).
  'not-published',
  'bad-signature',
  'other-organisation',
  // Key rotation (src/domain/lifecycle-protocol.ts).
  'officers-changed',
  'key-not-newest',
  'keys-changed',
  // v1 reports (sent in clear) are refused: the device must update.
  'gone',
] as const;

export type WireErrorCode = (typeof WIRE_ERROR_CODES)[number];

/** One validation problem: `path` is dotted (`report.dateHappened`, `revision`); never carries the sent value. */
export const WireIssueSchema = z.object({ path: z.string(), message: z.string() });
export type WireIssue = z.infer<typeof WireIssueSchema>;

/** Every 4xx/5xx answer of the API. Never echoes the report's content back. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(WireIssueSchema).optional(),
  }),
});

export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/**
 * `GET /v1/health`: `{ service: 'safevisit', protocol: 1, status: 'ok' }`. Needs no token; when an Authorization
 * header is sent, `authorised` says whether the token is accepted (so "Test connection" can say "wrong token").
 */
export const HealthSchema = z.object({
  service: z.literal('safevisit'),
  protocol: z.number().int().min(1),
  status: z.string(),
  authorised: z.boolean().optional(),
});

export type Health = z.infer<typeof HealthSchema>;

/** The `Idempotency-Key` header of a submission; the server refuses a key that does not match the body. */
export const idempotencyKey = (id: string, revision: number): string => `${id}:${revision}`;

/**
 * JSON with object keys sorted at every level, so the same content always gives the same text (for body hashes and
 * guidance ETags). Arrays keep their order; `undefined` members are dropped as JSON.stringify does.
 */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });

/** The part of a submission the server compares for "same revision, different body" (409): all but submittedAt. */
export const submissionContent = (s: Submission): Omit<Submission, 'submittedAt'> => {
  const { submittedAt: _ignored, ...content } = s;
  return content;
};
