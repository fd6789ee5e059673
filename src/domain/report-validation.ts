// What "Submit report" runs on a draft: tidy it (normaliseDraft), then check it against the strict schema and the
// worker's clock, returning every problem in form order. Pure: never throws, no UI, storage or crypto.
import type { z } from 'zod';
import {
  CHILD_ACTIONS,
  CONCERNS,
  CONSIDERED_AS,
  INCIDENT_TYPE_IDS,
  INVOLVED,
  idsOf,
  LOCATIONS,
  MATERIAL_ACTIONS,
  STAFF_ACTIONS,
} from './report-options.ts';
import {
  crossFieldIssues,
  isCalendarDate,
  MESSAGES,
  type ReportDraft,
  ReportDraftSchema,
  type ReportFieldId,
  type ReportIssue,
  type SubmittedReport,
  SubmittedReportSchema,
} from './report-schema.ts';

export type SubmitResult = { ok: true; report: SubmittedReport } | { ok: false; issues: ReportIssue[] };

const ORDER: Record<string, readonly string[]> = {
  location: idsOf(LOCATIONS),
  involved: idsOf(INVOLVED),
  incidentTypes: INCIDENT_TYPE_IDS,
  deliberateMaterial: idsOf(MATERIAL_ACTIONS),
  deliberateConsideredAs: idsOf(CONSIDERED_AS),
  accidentalMaterial: idsOf(MATERIAL_ACTIONS),
  staffActions: idsOf(STAFF_ACTIONS),
  childActions: idsOf(CHILD_ACTIONS),
  concerns: idsOf(CONCERNS),
};

const FIELD_ORDER = Object.keys(ReportDraftSchema.shape) as ReportFieldId[];

/**
 * Tidies a draft for submission: trims text, drops duplicate ticks, puts ticks in form order, and ticks a parent box
 * ("Deliberate access", "Staff", a planned meeting) when a box under it is ticked, since that is what the worker meant.
 */
export const normaliseDraft = (draft: ReportDraft): ReportDraft => {
  const out = { ...draft } as Record<string, unknown>;
  for (const [key, value] of Object.entries(draft)) if (typeof value === 'string') out[key] = value.trim();
  // ORDER names every list of ticks the draft has.
  for (const [key, order] of Object.entries(ORDER)) {
    const ticks = draft[key as keyof ReportDraft] as string[];
    out[key] = [...new Set(ticks)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }
  const d = out as ReportDraft;
  d.deliberateAccess ||= d.deliberateMaterial.length > 0 || d.deliberateConsideredAs.length > 0;
  d.accidentalAccess ||= d.accidentalMaterial.length > 0;
  d.staffAction ||= d.staffActions.length > 0;
  d.childAction ||= d.childActions.length > 0;
  if (d.concerns.includes('meeting-imminent') && !d.concerns.includes('meeting-planned')) {
    d.concerns = ['meeting-planned', ...d.concerns];
  }
  return d;
};

/** The local calendar date of `now` as YYYY-MM-DD (the worker's day, not UTC's). */
const localDate = (now: Date): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

/**
 * What "Submit report" runs. Returns the strict report, or every problem in form order, one per field, each with the
 * field id (for the error summary's links) and a plain-English message. Never throws.
 */
export const validateForSubmit = (draft: unknown, now: Date = new Date()): SubmitResult => {
  const parsedDraft = ReportDraftSchema.safeParse(draft);
  if (!parsedDraft.success) return { ok: false, issues: toIssues(parsedDraft.error.issues) };
  const candidate = normaliseDraft(parsedDraft.data);
  const parsed = SubmittedReportSchema.safeParse(candidate);
  // Zod skips the cross-field rules while any single field fails; run them anyway so every problem shows at once.
  const issues = parsed.success ? [] : [...toIssues(parsed.error.issues), ...crossFieldIssues(candidate)];
  // The future-date rule needs a clock, so it lives here and not in the schema the server shares.
  if (isCalendarDate(candidate.dateHappened) && candidate.dateHappened > localDate(now)) {
    issues.push({ field: 'dateHappened', message: MESSAGES.dateFuture });
  }
  if (parsed.success && issues.length === 0) return { ok: true, report: parsed.data };
  return { ok: false, issues: sortIssues(issues) };
};

/**
 * Zod's issues as the form's. The draft schema keeps what it can of every field, so it fails only on a body that is
 * not an object ('form'); the strict schema then fails only on fields, each with the form's own message.
 */
const toIssues = (zodIssues: readonly z.core.$ZodIssue[]): ReportIssue[] =>
  sortIssues(
    zodIssues.map((i) => {
      const field = FIELD_ORDER.find((f) => f === i.path[0]);
      return field
        ? { field, message: i.message }
        : { field: 'form', message: 'The report is not in the expected shape' };
    }),
  );

/** Keeps the first issue of each field and orders them as the form does, so the summary reads top to bottom. */
const sortIssues = (issues: ReportIssue[]): ReportIssue[] => {
  const seen = new Set<string>();
  const unique = issues.filter((i) => {
    if (seen.has(i.field)) return false;
    seen.add(i.field);
    return true;
  });
  // 'form' is no field: -1, first.
  const rank = (f: string) => FIELD_ORDER.indexOf(f as ReportFieldId);
  return unique.sort((a, b) => rank(a.field) - rank(b.field));
};
