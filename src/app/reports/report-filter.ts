// Filtering and searching the report list, in memory over decrypted drafts: no index is ever built or stored.
// Pure functions; the list screen holds the records only while the vault is unlocked.
import { INCIDENT_TYPES, type IncidentTypeId } from '../../domain/report-options.ts';
import type { ReportStatus } from '../../domain/report-record.ts';
import type { ReportDraft } from '../../domain/report-schema.ts';

export type ReportFilter = {
  status: ReportStatus | '';
  type: IncidentTypeId | '';
  query: string;
};

export const NO_FILTER: ReportFilter = { status: '', type: '', query: '' };

/** Lower case, accents removed, runs of space and punctuation folded: "Café's" and "cafes" meet. */
export const foldText = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const typeLabels = new Map<string, string>(INCIDENT_TYPES.map((t) => [t.id, `${t.label} ${t.short}`]));

/** Everything the worker wrote or ticked, as one folded text. */
export const searchableText = (draft: ReportDraft): string => {
  const parts: string[] = [];
  for (const value of Object.values(draft)) {
    if (typeof value === 'string') parts.push(value);
  }
  for (const type of draft.incidentTypes) parts.push(typeLabels.get(type) ?? '');
  return foldText(parts.join(' '));
};

/** True when every word of the query appears in the report (as a word start or inside a word). */
export const matchesQuery = (draft: ReportDraft, query: string): boolean => {
  const words = foldText(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const text = searchableText(draft);
  return words.every((w) => text.includes(w));
};

export const matchesFilter = (record: { status: ReportStatus; data: ReportDraft }, filter: ReportFilter): boolean =>
  (filter.status === '' || record.status === filter.status) &&
  (filter.type === '' || record.data.incidentTypes.includes(filter.type)) &&
  matchesQuery(record.data, filter.query);
