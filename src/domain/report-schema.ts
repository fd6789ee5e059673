// The report's two zod schemas, written once and shared with server/: the lenient draft the editor holds and the
// strict submitted report "Submit report", sync and the server check. Pure: no UI, storage or crypto.
import { z } from 'zod';
import { ORG_FIELD_IDS, type OrgDetails, OrgDetailsSchema } from './organisation.ts';
import {
  CHILD_ACTIONS,
  CONCERNS,
  CONSIDERED_AS,
  FIELD_LABELS,
  FIELD_NOUNS,
  type Ids,
  INCIDENT_TYPES,
  INVOLVED,
  idsOf,
  LOCATIONS,
  MATERIAL_ACTIONS,
  STAFF_ACTIONS,
} from './report-options.ts';
import {
  LONG_TEXT_MAX_CHARS,
  NAME_MAX_CHARS,
  REFERENCE_MAX_CHARS,
  SHORT_TEXT_MAX_CHARS,
  tooLong,
} from './text-limits.ts';

/**
 * Bumped on every incompatible change of the report body; stored records and sync payloads carry it. 2 adds the
 * worker's `reference`: a server of version 1 (whose officer screens would refuse the new field) answers
 * 'schema-version' instead of storing what its officers could not open. Version 1 bodies read as version 2 with an
 * empty reference (the draft schema fills it), so stored drafts need no migration step.
 */
export const REPORT_SCHEMA_VERSION = 2;

// The draft: what the editor holds. Everything optional; strings default to '' and tick boxes to unticked.

// Lenient on purpose: a saved draft must always open, even one written by an older or newer app. A value of the wrong
// kind becomes empty and an unknown tick id is dropped; "Submit report" is where completeness is checked.
const draftText = z.string().catch('');
const draftTick = z.boolean().catch(false);
const draftTicks = <T extends readonly { id: string }[]>(options: T) => {
  const known = new Set<string>(idsOf(options));
  // Stryker disable next-line ArrayDeclaration: whatever the fallback holds, the filter below drops it as unknown.
  const list = z.array(z.unknown()).catch([]);
  return list.transform((ids) => ids.filter((id): id is Ids<T> => known.has(id as string)));
};

export const ReportDraftSchema = z.object({
  // The worker's own reference (a SafeVisit addition): first, as on the form
  reference: draftText,
  // School/organisation's details (prefilled from Settings, editable per report)
  orgName: draftText,
  orgAddress: draftText,
  coordinatorName: draftText,
  orgContact: draftText,
  // Details of incident
  dateHappened: draftText,
  timeHappened: draftText,
  reporterName: draftText,
  identifiedHow: draftText,
  location: draftTicks(LOCATIONS),
  involved: draftTicks(INVOLVED),
  involvedOther: draftText,
  // Type of incident
  incidentTypes: draftTicks(INCIDENT_TYPES),
  incidentTypeOther: draftText,
  // Description of incident
  description: draftText,
  // Nature of incident
  deliberateAccess: draftTick,
  deliberateMaterial: draftTicks(MATERIAL_ACTIONS),
  deliberateConsideredAs: draftTicks(CONSIDERED_AS),
  accidentalAccess: draftTick,
  accidentalMaterial: draftTicks(MATERIAL_ACTIONS),
  // Action taken
  staffAction: draftTick,
  staffActions: draftTicks(STAFF_ACTIONS),
  specificAction: draftText,
  childAction: draftTick,
  childActions: draftTicks(CHILD_ACTIONS),
  // Outcome of incident/investigation
  outcome: draftText,
  // SafeVisit additions (not on Appendix 1)
  concerns: draftTicks(CONCERNS),
});

export type ReportDraft = z.output<typeof ReportDraftSchema>;
export type ReportFieldId = keyof ReportDraft;

/** A new, empty draft; the organisation's details come from Settings and stay editable. */
export const emptyDraft = (orgDefaults: Partial<OrgDetails> = {}): ReportDraft => {
  const draft = ReportDraftSchema.parse({});
  for (const id of ORG_FIELD_IDS) {
    const value = orgDefaults[id];
    if (typeof value === 'string') draft[id] = value;
  }
  return draft;
};

// The submitted report: strict. Used by validateForSubmit, by sync and by the server.

// Unanchored on purpose: isCalendarDate also checks that the date reads back as the whole value.
const DATE_PATTERN = /(\d{4})-(\d{2})-(\d{2})/;
const TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?$/;

/** True for a real calendar date written YYYY-MM-DD (what an HTML date input gives). */
export const isCalendarDate = (value: string): boolean => {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  // A date that does not exist rolls over (2023-02-29 reads back as 2023-03-01); a year before 1900 is a slip.
  return y >= 1900 && new Date(Date.UTC(y, Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === value;
};

// How a length message names a field: its label, or a noun where the label is a question or an instruction.
const nameOf = (field: ReportFieldId) => FIELD_NOUNS[field] ?? FIELD_LABELS[field];
// Optional fields may be left out of a submitted body (the server fills them in); required ones say what is missing
// (a schema's own error covers its checks too: the empty value and the wrong type get the same sentence).
const optionalText = (field: ReportFieldId, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: tooLong(nameOf(field), max) })
    .default('');
const requiredText = (field: ReportFieldId, max: number, missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1)
    .max(max, { error: tooLong(nameOf(field), max) });
const uniqueTicks = <T extends readonly { id: string }[]>(options: T, missing?: string) =>
  z
    .array(z.enum(idsOf(options)), missing ? { error: missing } : undefined)
    .refine((ids) => new Set(ids).size === ids.length, { error: 'A box is ticked twice' });
const optionalTicks = <T extends readonly { id: string }[]>(options: T) => uniqueTicks(options).default([]);
const optionalTick = z.boolean().default(false);

export const MESSAGES = {
  dateMissing: 'Enter the date the incident happened',
  dateInvalid: 'Enter the date the incident happened as a real date, for example 2024-03-27',
  dateFuture: 'The date the incident happened must be today or in the past',
  timeInvalid: 'Enter the time as hours and minutes, for example 14:30',
  reporterMissing: 'Enter the name of the person reporting the incident',
  typeMissing: 'Tick at least one type of incident',
  typeOtherMissing: 'You ticked “other” type of incident: say what it was',
  involvedOtherMissing: 'You ticked “other” under who was involved: say who',
  descriptionMissing: 'Enter a description of the incident',
  deliberateParent: `Tick “${FIELD_LABELS.deliberateAccess}” or untick the boxes under it`,
  accidentalParent: `Tick “${FIELD_LABELS.accidentalAccess}” or untick the boxes under it`,
  staffParent: `Tick “${FIELD_LABELS.staffAction}” under action taken or untick the boxes under it`,
  childParent: `Tick “${FIELD_LABELS.childAction}” under action taken or untick the boxes under it`,
  meetingParent: 'Tick that a meeting is planned, or untick that it is about to happen',
} as const;

const SubmittedReportObject = z.strictObject({
  ...OrgDetailsSchema.shape,
  dateHappened: z
    .string({ error: MESSAGES.dateMissing })
    .trim()
    .min(1, { error: MESSAGES.dateMissing, abort: true })
    .refine(isCalendarDate, { error: MESSAGES.dateInvalid }),
  timeHappened: z
    .string()
    .trim()
    .refine((t) => t === '' || TIME_PATTERN.test(t), { error: MESSAGES.timeInvalid })
    .default(''),
  reporterName: requiredText('reporterName', NAME_MAX_CHARS, MESSAGES.reporterMissing),
  identifiedHow: optionalText('identifiedHow', SHORT_TEXT_MAX_CHARS),
  location: optionalTicks(LOCATIONS),
  involved: optionalTicks(INVOLVED),
  involvedOther: optionalText('involvedOther', SHORT_TEXT_MAX_CHARS),
  incidentTypes: uniqueTicks(INCIDENT_TYPES, MESSAGES.typeMissing).min(1),
  incidentTypeOther: optionalText('incidentTypeOther', SHORT_TEXT_MAX_CHARS),
  description: requiredText('description', LONG_TEXT_MAX_CHARS, MESSAGES.descriptionMissing),
  deliberateAccess: optionalTick,
  deliberateMaterial: optionalTicks(MATERIAL_ACTIONS),
  deliberateConsideredAs: optionalTicks(CONSIDERED_AS),
  accidentalAccess: optionalTick,
  accidentalMaterial: optionalTicks(MATERIAL_ACTIONS),
  staffAction: optionalTick,
  staffActions: optionalTicks(STAFF_ACTIONS),
  specificAction: optionalText('specificAction', LONG_TEXT_MAX_CHARS),
  childAction: optionalTick,
  childActions: optionalTicks(CHILD_ACTIONS),
  outcome: optionalText('outcome', LONG_TEXT_MAX_CHARS),
  concerns: optionalTicks(CONCERNS),
  reference: optionalText('reference', REFERENCE_MAX_CHARS),
});

type CrossFieldInput = z.output<typeof SubmittedReportObject>;

/**
 * Rules that read more than one field, on trimmed text (the schema's output or a normalised draft). Kept apart so a draft
 * hears about them even while other fields fail.
 */
export const crossFieldIssues = (r: CrossFieldInput): ReportIssue[] => {
  const issues: ReportIssue[] = [];
  const issue = (field: ReportFieldId, message: string) => issues.push({ field, message });
  if (r.incidentTypes.includes('other') && r.incidentTypeOther === '')
    issue('incidentTypeOther', MESSAGES.typeOtherMissing);
  if (r.involved.includes('other') && r.involvedOther === '') issue('involvedOther', MESSAGES.involvedOtherMissing);
  if (!r.deliberateAccess && (r.deliberateMaterial.length > 0 || r.deliberateConsideredAs.length > 0))
    issue('deliberateAccess', MESSAGES.deliberateParent);
  if (!r.accidentalAccess && r.accidentalMaterial.length > 0) issue('accidentalAccess', MESSAGES.accidentalParent);
  if (!r.staffAction && r.staffActions.length > 0) issue('staffAction', MESSAGES.staffParent);
  if (!r.childAction && r.childActions.length > 0) issue('childAction', MESSAGES.childParent);
  if (r.concerns.includes('meeting-imminent') && !r.concerns.includes('meeting-planned'))
    issue('concerns', MESSAGES.meetingParent);
  return issues;
};

/** The strict report: every rule "Submit report" needs. The server validates submitted bodies with it. */
export const SubmittedReportSchema = SubmittedReportObject.superRefine((r, ctx) => {
  // Stryker disable next-line StringLiteral: nothing reads the code; the form and the server's 400 show path and message.
  for (const { field, message } of crossFieldIssues(r)) ctx.addIssue({ code: 'custom', path: [field], message });
});

export type SubmittedReport = z.output<typeof SubmittedReportSchema>;
/** What a sender may put on the wire: optional fields may be left out. */
export type SubmittedReportInput = z.input<typeof SubmittedReportSchema>;

/** One problem "Submit report" found: the field (for the error summary's link) and a plain-English message. */
export type ReportIssue = { field: ReportFieldId | 'form'; message: string };
