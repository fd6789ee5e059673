// The audit log on the wire (`GET /v2/officer/audit`) and its plain words: what each action is called on screen and
// in the export. Rows hold ids and enumerated values only, never a report's content. Pure; shared with server/.
import { z } from 'zod';

export const AUDIT_PATHS = {
  audit: '/v2/officer/audit',
  /** The officer's browser made an export of the audit log (the export is itself audited). */
  logExported: '/v2/officer/audit/log-exported',
} as const;

export const AUDIT_ACTIONS = [
  'setup',
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'device-enrolled',
  'device-revoked',
  'inbox-read',
  'report-opened',
  'report-reviewed',
  'reports-exported',
  'officer-invited',
  'invite-accepted',
  'officer-confirmed',
  'officer-removed',
  'audit-exported',
  'guidance-published',
  'key-rotated',
  'report-erased',
  'reports-expired',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AuditActionSchema = z.enum(AUDIT_ACTIONS, { error: 'must be an audit action' });

/** What each action is called on the "Audit log" screen and in its export. */
export const AUDIT_ACTION_WORDS: Record<AuditAction, string> = {
  setup: 'Set up the organisation',
  'sign-in': 'Signed in',
  'sign-in-failed': 'Failed sign-in',
  'sign-out': 'Signed out',
  'device-enrolled': 'Enrolled a device',
  'device-revoked': 'Revoked a device',
  'inbox-read': 'Read the inbox',
  'report-opened': 'Opened a report',
  'report-reviewed': 'Marked a report reviewed',
  'reports-exported': 'Exported reports',
  'officer-invited': 'Invited an officer',
  'invite-accepted': 'Accepted an invite',
  'officer-confirmed': 'Confirmed an officer',
  'officer-removed': 'Removed an officer',
  'audit-exported': 'Exported the audit log',
  'guidance-published': 'Published guidance',
  'key-rotated': 'Rotated the organisation key',
  'report-erased': 'Erased a report',
  'reports-expired': 'Deleted reports past retention',
};

export const AUDIT_PAGE_MAX_ROWS = 500;
export const AUDIT_PAGE_DEFAULT_ROWS = 100;

export const AuditQuerySchema = z.strictObject({
  officer: z.string().min(1).max(64).optional(),
  action: AuditActionSchema.optional(),
  /** Rows older than this sequence number (the previous page's `nextBefore`). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX_ROWS).default(AUDIT_PAGE_DEFAULT_ROWS),
});
export type AuditQuery = z.input<typeof AuditQuerySchema>;

export const AuditDetailSchema = z.strictObject({
  ids: z.array(z.string().max(64)).max(1_000).optional(),
  format: z.enum(['csv', 'json']).optional(),
  rows: z.number().int().min(0).optional(),
});
export type AuditDetail = z.infer<typeof AuditDetailSchema>;

export const AuditEntrySchema = z.strictObject({
  seq: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  officerId: z.string().max(64).nullable(),
  action: AuditActionSchema,
  subjectId: z.string().max(64).nullable(),
  detail: AuditDetailSchema.nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Newest first. `officers` names every officer the log mentions (removed ones too), for the screen's columns. */
export const AuditPageSchema = z.strictObject({
  entries: z.array(AuditEntrySchema),
  nextBefore: z.number().int().positive().optional(),
  officers: z.array(z.strictObject({ id: z.string().max(64), name: z.string().max(200) })),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

export const AuditLogExportedSchema = z.strictObject({ rows: z.number().int().min(0).max(10_000_000) });

/** The "what" column: the subject's id and any ids or format in the detail, never content. */
export const auditWhat = (entry: Pick<AuditEntry, 'subjectId' | 'detail'>): string => {
  const parts: string[] = [];
  if (entry.subjectId) parts.push(entry.subjectId);
  if (entry.detail?.ids?.length) parts.push(entry.detail.ids.join(' '));
  if (entry.detail?.format) parts.push(entry.detail.format.toUpperCase());
  if (entry.detail?.rows !== undefined) parts.push(`${entry.detail.rows} rows`);
  return parts.join(' · ');
};
