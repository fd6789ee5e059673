// The "Audit log" screen's pure parts: the query of a filter and page, the rows in plain words, and the CSV of them
// (src/domain/csv.ts). Ids and enumerated values only: the log holds no content, so neither does its export.
import { AUDIT_ACTION_WORDS, type AuditAction, type AuditEntry, auditWhat } from '../../domain/audit-protocol.ts';
import { toCsv } from '../../domain/csv.ts';

export type AuditFilter = { officer: string; action: AuditAction | '' };
export const NO_FILTER: AuditFilter = { officer: '', action: '' };

/** The query string of `GET /v2/officer/audit` for a filter, a page size and the page before `before`. */
export const auditQuery = (filter: AuditFilter, limit: number, before?: number): string => {
  const query = new URLSearchParams({ limit: String(limit) });
  if (filter.officer) query.set('officer', filter.officer);
  if (filter.action) query.set('action', filter.action);
  if (before !== undefined) query.set('before', String(before));
  return `?${query}`;
};

export type AuditRowView = { key: number; at: string; officer: string; action: string; what: string };

/** Who acted, by name; a failed sign-in with an unknown address has nobody. */
export const officerText = (officerId: string | null, names: ReadonlyMap<string, string>): string =>
  officerId === null ? 'Nobody known' : (names.get(officerId) ?? officerId);

export const auditRowView = (entry: AuditEntry, names: ReadonlyMap<string, string>): AuditRowView => ({
  key: entry.seq,
  at: entry.at,
  officer: officerText(entry.officerId, names),
  action: AUDIT_ACTION_WORDS[entry.action],
  what: auditWhat(entry),
});

export const AUDIT_CSV_HEADER = ['Time', 'Officer', 'Officer id', 'Action', 'What'];

export const auditCsv = (entries: readonly AuditEntry[], names: ReadonlyMap<string, string>): string =>
  toCsv(
    AUDIT_CSV_HEADER,
    entries.map((e) => [
      e.at,
      officerText(e.officerId, names),
      e.officerId ?? '',
      AUDIT_ACTION_WORDS[e.action],
      auditWhat(e),
    ]),
  );

/** "safevisit-audit-log-2026-11-01.csv": the day of the export only. */
export const auditFileName = (at: Date): string => `safevisit-audit-log-${at.toISOString().slice(0, 10)}.csv`;
