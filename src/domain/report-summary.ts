// The list summary of a report: what may be shown about it without opening it (types, date and the worker's own
// reference). Used by the report list, the editor's heading and the officer's inbox. Pure.
import { INCIDENT_TYPES } from './report-options.ts';
import { isCalendarDate, type ReportDraft } from './report-schema.ts';

export type ReportSummary = {
  /** e.g. "Online bullying, Online grooming", or "No type of incident ticked yet". */
  title: string;
  /** The short labels of the ticked incident types, in form order. */
  typeLabels: string[];
  /** The date the incident happened (YYYY-MM-DD) or '' when not entered. */
  dateHappened: string;
  /** The worker's own reference (a case number or initials), trimmed; '' when none. */
  reference: string;
};

/**
 * A summary safe to show in the report list: incident type labels, the date and the reference the worker chose for
 * telling reports apart (the form asks for a case number or initials, not a name); never names, the description or
 * the "please specify" text, which may identify a child.
 */
export const reportSummary = (
  draft: Pick<ReportDraft, 'incidentTypes' | 'dateHappened'> & { reference?: string },
): ReportSummary => {
  const ticked = new Set(draft.incidentTypes);
  const typeLabels = INCIDENT_TYPES.filter((t) => ticked.has(t.id)).map((t) => t.short);
  return {
    title: typeLabels.length > 0 ? typeLabels.join(', ') : 'No type of incident ticked yet',
    typeLabels,
    dateHappened: isCalendarDate(draft.dateHappened.trim()) ? draft.dateHappened.trim() : '',
    reference: draft.reference?.trim() ?? '',
  };
};
