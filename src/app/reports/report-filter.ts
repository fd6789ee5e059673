// Filtering the report list by status, type and words (the search itself is src/domain/report-search.ts).
// Pure functions; the list screen holds the records only while the vault is unlocked.
import type { IncidentTypeId } from '../../domain/report-options.ts';
import type { ReportStatus } from '../../domain/report-record.ts';
import type { ReportDraft } from '../../domain/report-schema.ts';
import { matchesQuery } from '../../domain/report-search.ts';

export type ReportFilter = {
  status: ReportStatus | '';
  type: IncidentTypeId | '';
  query: string;
};

export const NO_FILTER: ReportFilter = { status: '', type: '', query: '' };

export const matchesFilter = (record: { status: ReportStatus; data: ReportDraft }, filter: ReportFilter): boolean =>
  (filter.status === '' || record.status === filter.status) &&
  (filter.type === '' || record.data.incidentTypes.includes(filter.type)) &&
  matchesQuery(record.data, filter.query);
