// Database rows to the storage interface's records, shared by both engines (sqlite-*.ts, pg-*.ts): one column
// naming, one mapping. Pure functions; never touches a database.
import type { InboxEnvelope, Review, Urgency } from '../../src/domain/sealed-protocol.ts';
import type {
  AlertChannel,
  AlertRow,
  AuditAction,
  AuditDetail,
  AuditRow,
  DeviceRecord,
  GuidancePublication,
  InviteRecord,
  OfficerRecord,
  SessionRecord,
} from './types.ts';

export type OfficerRow = {
  id: string;
  name: string;
  email: string;
  kdf: string;
  auth_hash: string;
  public_key: string;
  wrapped_private_key: string;
  confirmed: number;
  created_at: string;
};
export type SessionRow = {
  token_hash: string;
  officer_id: string;
  created_at: string;
  last_used_at: string;
  ended: string | null;
};
export type DeviceRow = {
  id: string;
  name: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  enrolled_by: string | null;
};
export type AuditDbRow = {
  seq: number;
  at: string;
  officer_id: string | null;
  action: string;
  subject_id: string | null;
  detail: string | null;
};
export type InviteRow = {
  token_hash: string;
  id: string;
  name: string;
  email: string;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
};
export type ReportRow = {
  seq: number;
  id: string;
  revision: number;
  schema_version: number;
  key_id: string;
  device_id: string;
  created_at: string;
  submitted_at: string;
  received_at: string;
  urgency: Urgency;
  enc: string;
  ciphertext: string;
  body_hash: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
  reviewer_name: string | null;
};
export type InboxRow = ReportRow & { urgency_rank: number; revisions: number };
export type AlertDbRow = {
  seq: number;
  report_id: string;
  revision: number;
  channel: AlertChannel;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  claimed_until: string | null;
  last_error: string | null;
  delivered_at: string | null;
  gave_up_at: string | null;
};

export const toOfficer = (row: OfficerRow): OfficerRecord => ({
  id: row.id,
  name: row.name,
  email: row.email,
  confirmed: row.confirmed === 1,
  createdAt: row.created_at,
  kdf: JSON.parse(row.kdf),
  authHash: row.auth_hash,
  keys: { publicKey: row.public_key, wrappedPrivateKey: row.wrapped_private_key },
});

export const toSession = (row: SessionRow): SessionRecord => ({
  tokenHash: row.token_hash,
  officerId: row.officer_id,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  ...(row.ended === 'removed' ? { endedBecause: 'removed' as const } : {}),
});

export const toDevice = (row: DeviceRow): DeviceRecord => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  revokedAt: row.revoked_at,
  enrolledBy: row.enrolled_by,
});

export const toAuditRow = (r: AuditDbRow): AuditRow => ({
  seq: r.seq,
  at: r.at,
  officerId: r.officer_id,
  action: r.action as AuditAction,
  subjectId: r.subject_id,
  // Stryker disable next-line ConditionalExpression: JSON.parse(null) is null too; the test says what is meant
  detail: r.detail === null ? null : (JSON.parse(r.detail) as AuditDetail),
});

export const toInvite = (row: InviteRow): InviteRecord => ({
  id: row.id,
  name: row.name,
  email: row.email,
  invitedBy: row.invited_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

export const inviteState = (row: InviteRow, at: string): 'open' | 'used' | 'expired' => {
  if (row.accepted_at !== null) return 'used';
  return Date.parse(row.expires_at) <= Date.parse(at) ? 'expired' : 'open';
};

export const envelopeOf = (row: ReportRow): InboxEnvelope => ({
  id: row.id,
  revision: row.revision,
  schemaVersion: row.schema_version,
  createdAt: row.created_at,
  submittedAt: row.submitted_at,
  receivedAt: row.received_at,
  keyId: row.key_id,
  urgency: row.urgency,
  enc: row.enc,
  ciphertext: row.ciphertext,
  deviceId: row.device_id,
});

export const reviewOf = (row: ReportRow): Review => ({
  status: row.reviewed_at ? 'reviewed' : 'new',
  reviewedAt: row.reviewed_at,
  // An officer removed later still shows who reviewed, by id.
  reviewedBy: row.reviewed_by ? { id: row.reviewed_by, name: row.reviewer_name ?? '' } : null,
});

/** The inbox's urgency order as SQL over a reports row aliased `r` (both engines speak this CASE). */
export const RANK_SQL = "CASE r.urgency WHEN 'immediate' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END";

/** Cursor of the inbox: `<urgency rank>.<arrival seq>` of the last row of a page. */
export const parseCursor = (cursor: string | undefined): { rank: number; seq: number } | undefined => {
  // Stryker disable next-line StringLiteral: no cursor and any other text alike fail the pattern
  const match = /^([0-2])\.(\d{1,16})$/.exec(cursor ?? '');
  if (!match) return undefined;
  const seq = Number(match[2]);
  return Number.isSafeInteger(seq) ? { rank: Number(match[1]), seq } : undefined;
};

/** The inbox page from rows fetched one beyond `limit` (which says whether another page exists). */
export const inboxPageOf = (rows: InboxRow[], limit: number) => {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({ ...envelopeOf(row), ...reviewOf(row), revisions: row.revisions })),
    ...(rows.length > limit && last ? { nextCursor: `${last.urgency_rank}.${last.seq}` } : {}),
  };
};

export const toAlertRow = (row: AlertDbRow): AlertRow => ({
  seq: row.seq,
  reportId: row.report_id,
  revision: row.revision,
  channel: row.channel,
  createdAt: row.created_at,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  claimedUntil: row.claimed_until,
  lastError: row.last_error,
  deliveredAt: row.delivered_at,
  gaveUpAt: row.gave_up_at,
});

export type PublicationRow = {
  published_at: string;
  published_by: string;
  version: string;
  etag: string;
  body: string;
};

export const publicationOf = (row: PublicationRow): GuidancePublication => ({
  body: row.body,
  etag: row.etag,
  version: row.version,
  publishedAt: row.published_at,
  publishedBy: row.published_by,
});
