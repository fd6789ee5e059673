// The clear side of a stored report row: its body envelope's fields, its clear metadata, its outbox row, and the checks
// on its clear fields. Pure mapping, shared by the report repository and the re-encryption after a passphrase change.
import { AppError } from '../domain/errors.ts';
import { isReportStatus } from '../domain/report-record.ts';
import type { Envelope } from '../vault/crypto.ts';
import type { OutboxRow, ReportRow } from './db.ts';
import type { ReportMeta, ReportRecord } from './report-repo.ts';

export const REPORTS_TABLE = 'reports';
/** The additional data's table of the summary envelope (on the report row, then copied to its receipt). */
export const SUMMARY_TABLE = 'report-summary';
export const SUMMARY_SCHEMA_VERSION = 1;

/** The body envelope of a stored report row. */
export const bodyOf = (row: Pick<ReportRow, 'v' | 'kid' | 'iv' | 'ciphertext'>): Envelope => ({
  v: row.v,
  ...(row.kid === undefined ? {} : { kid: row.kid }),
  iv: row.iv,
  ct: row.ciphertext,
});

/** A report row's body fields from its envelope. */
export const bodyFields = (envelope: Envelope): Pick<ReportRow, 'v' | 'kid' | 'iv' | 'ciphertext'> => ({
  v: envelope.v,
  ...(envelope.kid === undefined ? {} : { kid: envelope.kid }),
  iv: envelope.iv,
  ciphertext: envelope.ct,
});

export const outboxRowFor = (row: Pick<ReportRow, 'id' | 'revision'>, now: number): Omit<OutboxRow, 'control'> => ({
  reportId: row.id,
  revision: row.revision,
  attempts: 0,
  nextAttemptAt: now,
  lastError: null,
});

export const metaOf = (row: ReportRow): ReportMeta => ({
  id: row.id,
  status: row.status,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  revision: row.revision,
  schemaVersion: row.schemaVersion,
  ...(row.receipt ? { receipt: row.receipt } : {}),
  ...(row.syncIssues ? { syncIssues: row.syncIssues } : {}),
});

/** Refuses a record whose clear fields could not have been written by this app ('invalid', naming them). */
export const checkRecordFields = (record: ReportRecord<unknown>): void => {
  const problems: string[] = [];
  if (typeof record.id !== 'string' || record.id.length === 0 || record.id.length > 200) problems.push('id');
  if (!isReportStatus(record.status)) problems.push('status');
  if (!Number.isFinite(record.createdAt)) problems.push('createdAt');
  if (!Number.isFinite(record.updatedAt)) problems.push('updatedAt');
  if (!Number.isSafeInteger(record.revision) || record.revision < 0) problems.push('revision');
  if (problems.length > 0) throw new AppError('invalid', { fields: problems });
};
