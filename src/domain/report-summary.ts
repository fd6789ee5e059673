// The list summary of a report: what may be shown about it without opening it (types and date only). Used by the
// report list, the editor's heading and the server. Pure.
import { INCIDENT_TYPES } from './report-options.ts';
import { isCalendarDate, type ReportDraft } from './report-schema.ts';

export type ReportSummary = {
  /** e.g. "Online bullying, Online grooming", or "No type of incident ticked yet". */
  title: string;
  /** The short labels of the ticked incident types, in form order. */
  typeLabels: string[];
  /** The date the incident happened (YYYY-MM-DD) or '' when not entered. */
  dateHappened: string;
};

/**
 * A summary safe to show in the report list: incident type labels and the date only; never names, the description
 * or the "please specify" text, which may identify a child.
 */
export const reportSummary = (draft: Pick<ReportDraft, 'incidentTypes' | 'dateHappened'>): ReportSummary => {
  const ticked = new Set(draft.incidentTypes);
  const typeLabels = INCIDENT_TYPES.filter((t) => ticked.has(t.id)).map((t) => t.short);
  return {
    title: typeLabels.length > 0 ? typeLabels.join(', ') : 'No type of incident ticked yet',
    typeLabels,
    dateHappened: isCalendarDate(draft.dateHappened.trim()) ? draft.dateHappened.trim() : '',
  };
};
