// The online safety incident report (Camden guidance, Appendix 1): the one zod schema for drafts and
// submitted reports, the form description the UI renders from, and submit validation. Pure: no UI, storage or crypto.
import { z } from 'zod';
import { ORG_FIELD_IDS, ORG_FIELDS, type OrgDetails, OrgDetailsSchema } from './organisation.ts';
import { LONG_TEXT_MAX_CHARS, NAME_MAX_CHARS, SHORT_TEXT_MAX_CHARS, tooLong } from './text-limits.ts';

/** Bumped on every incompatible change of the report body; stored records and sync payloads carry it. */
export const REPORT_SCHEMA_VERSION = 1;

// ---------------------------------------------------------------------------------------------------------------
// Tick box options, in the order of the form. Labels are the form's own wording (Appendix 1).

/** "Type of incident" (Appendix 1), in form order. `short` is a plain summary label for lists and next steps. */
export const INCIDENT_TYPES = [
  { id: 'bullying', label: 'bullying or harassment (online bullying)', short: 'Online bullying' },
  { id: 'bypassing-security', label: 'deliberately bypassing security or access', short: 'Bypassing security' },
  { id: 'hacking-virus', label: 'hacking or virus propagation', short: 'Hacking or virus' },
  {
    id: 'hate-material',
    label: 'racist, sexist, homophobic, transphobic, bi-phobic religious hate material',
    short: 'Hate material',
  },
  { id: 'terrorist-material', label: 'terrorist material', short: 'Terrorist material' },
  { id: 'grooming', label: 'online grooming', short: 'Online grooming' },
  { id: 'radicalisation', label: 'online radicalisation', short: 'Online radicalisation' },
  { id: 'child-abuse-images', label: 'child abuse images', short: 'Child abuse images' },
  { id: 'gambling', label: 'on-line gambling', short: 'Online gambling' },
  { id: 'soft-porn', label: 'soft core pornographic material', short: 'Soft core pornography' },
  { id: 'hard-porn', label: 'illegal hard core pornographic material', short: 'Hard core pornography' },
  { id: 'other', label: 'other (please specify)', short: 'Other' },
] as const;

export type IncidentTypeId = (typeof INCIDENT_TYPES)[number]['id'];
export const INCIDENT_TYPE_IDS = INCIDENT_TYPES.map((t) => t.id) as [IncidentTypeId, ...IncidentTypeId[]];

/** "Where did the incident occur?" */
export const LOCATIONS = [
  { id: 'in-setting', label: 'In school/service setting' },
  { id: 'outside-setting', label: 'Outside school/service setting' },
] as const;

/** "Who was involved in the incident?" */
export const INVOLVED = [
  { id: 'child', label: 'child/young person' },
  { id: 'staff', label: 'staff member' },
  { id: 'other', label: 'other (please specify)' },
] as const;

/** "Did the incident involve material being;" (asked for deliberate and for accidental access). */
export const MATERIAL_ACTIONS = [
  { id: 'created', label: 'created' },
  { id: 'viewed', label: 'viewed' },
  { id: 'printed', label: 'printed' },
  { id: 'shown', label: 'shown to others' },
  { id: 'transmitted', label: 'transmitted to others' },
  { id: 'distributed', label: 'distributed' },
] as const;

/** "Could the incident be considered as;" (deliberate access only). */
export const CONSIDERED_AS = [
  { id: 'harassment', label: 'harassment' },
  { id: 'grooming', label: 'grooming' },
  { id: 'online-bullying', label: 'online bullying' },
  { id: 'aup-breach', label: 'breach of AUP' },
] as const;

/** "Action taken" by staff: the eight boxes. */
export const STAFF_ACTIONS = [
  { id: 'senior-manager', label: 'incident reported to head teacher/senior manager' },
  { id: 'lado-advice', label: 'advice sought from LADO' },
  { id: 'lado-referral', label: 'referral made to LADO' },
  { id: 'police', label: 'incident reported to police' },
  { id: 'iwf', label: 'incident reported to Internet Watch Foundation' },
  { id: 'it', label: 'incident reported to IT' },
  { id: 'disciplinary', label: 'disciplinary action to be taken' },
  { id: 'policy-review', label: 'online safety policy to be reviewed/amended' },
] as const;

/** "Action taken" for the child/young person: the ten boxes. */
export const CHILD_ACTIONS = [
  { id: 'senior-manager', label: 'incident reported to head teacher/senior manager' },
  { id: 'cssw-advice', label: 'advice sought from Children’s Safeguarding and Social Work' },
  { id: 'cssw-referral', label: 'referral made to Children’s Safeguarding and Social Work' },
  { id: 'police', label: 'incident reported to police' },
  { id: 'social-network', label: 'incident reported to social networking site' },
  { id: 'it', label: 'incident reported to IT' },
  { id: 'parents-informed', label: 'child’s parents informed' },
  { id: 'disciplinary', label: 'disciplinary action to be taken' },
  { id: 'debriefed', label: 'child/young person debriefed' },
  { id: 'policy-review', label: 'online safety policy to be reviewed/amended' },
] as const;

/**
 * SafeVisit additions, NOT Appendix 1 wording: facts the form does not ask for but that decide the next steps
 * (Camden 5.1, 5.2, 5.3, 5.5, 5.6, 6.5; Kent and Medway FAQ). Kept in the report so the officer sees them too.
 */
export const CONCERNS = [
  {
    id: 'meeting-planned',
    label: 'The child has planned or arranged to meet someone they met online',
  },
  { id: 'meeting-imminent', label: 'That meeting is about to happen' },
  { id: 'nude-images-under-18', label: 'Nude or semi-nude images were shared between under-18s' },
  {
    id: 'sexual-exploitation',
    label: 'The child may be sexually exploited online (for example, images in exchange for money or gifts)',
  },
  { id: 'self-harm-content', label: 'The child is seeing self-harm, suicide or other dangerous-behaviour content' },
  {
    id: 'bullying-serious',
    label: 'The bullying is extreme, sexual, racist, ongoing, by several people, or hurting the child badly',
  },
  {
    id: 'household-adult-abuse-images',
    label: 'An adult in the child’s household is viewing or sharing child sexual abuse images',
  },
  { id: 'fraud', label: 'Money or personal details were taken by fraud' },
] as const;

type Ids<T extends readonly { id: string }[]> = T[number]['id'];
export type LocationId = Ids<typeof LOCATIONS>;
export type InvolvedId = Ids<typeof INVOLVED>;
export type MaterialActionId = Ids<typeof MATERIAL_ACTIONS>;
export type ConsideredAsId = Ids<typeof CONSIDERED_AS>;
export type StaffActionId = Ids<typeof STAFF_ACTIONS>;
export type ChildActionId = Ids<typeof CHILD_ACTIONS>;
export type ConcernId = Ids<typeof CONCERNS>;

const idsOf = <T extends readonly { id: string }[]>(options: T) => options.map((o) => o.id) as [Ids<T>, ...Ids<T>[]];

// ---------------------------------------------------------------------------------------------------------------
// The draft: what the editor holds. Everything optional; strings default to '' and tick boxes to unticked.

// Lenient on purpose: a saved draft must always open, even one written by an older or newer app. A value of the wrong
// kind becomes empty and an unknown tick id is dropped; "Submit report" is where completeness is checked.
const draftText = z.string().catch('');
const draftTick = z.boolean().catch(false);
const draftTicks = <T extends readonly { id: string }[]>(options: T) => {
  const known = new Set<string>(idsOf(options));
  return z
    .array(z.unknown())
    .catch([])
    .transform((ids) => ids.filter((id): id is Ids<T> => typeof id === 'string' && known.has(id)));
};

export const ReportDraftSchema = z.object({
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

// ---------------------------------------------------------------------------------------------------------------
// The submitted report: strict. Used by validateForSubmit, by sync and by the server.

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?$/;

/** True for a real calendar date written YYYY-MM-DD (what an HTML date input gives). */
export const isCalendarDate = (value: string): boolean => {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900;
};

// Optional fields may be left out of a submitted body (the server fills them in); required ones say what is missing.
const optionalText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: tooLong(what, max) })
    .default('');
const requiredText = (what: string, max: number, missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(max, { error: tooLong(what, max) });
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
  deliberateParent: 'Tick “Deliberate access” or untick the boxes under it',
  accidentalParent: 'Tick “Accidental access” or untick the boxes under it',
  staffParent: 'Tick “Staff” under action taken or untick the boxes under it',
  childParent: 'Tick “Child/young person” under action taken or untick the boxes under it',
  meetingParent: 'Tick that a meeting is planned, or untick that it is about to happen',
} as const;

const SubmittedReportObject = z.strictObject({
  ...OrgDetailsSchema.shape,
  dateHappened: z
    .string({ error: MESSAGES.dateMissing })
    .trim()
    .min(1, { error: MESSAGES.dateMissing, abort: true })
    .refine(isCalendarDate, { error: MESSAGES.dateInvalid, abort: true }),
  timeHappened: z
    .string()
    .trim()
    .refine((t) => t === '' || TIME_PATTERN.test(t), { error: MESSAGES.timeInvalid })
    .default(''),
  reporterName: requiredText('Name of person reporting incident', NAME_MAX_CHARS, MESSAGES.reporterMissing),
  identifiedHow: optionalText('How the incident was identified', SHORT_TEXT_MAX_CHARS),
  location: optionalTicks(LOCATIONS),
  involved: optionalTicks(INVOLVED),
  involvedOther: optionalText('Who else was involved', SHORT_TEXT_MAX_CHARS),
  incidentTypes: uniqueTicks(INCIDENT_TYPES, MESSAGES.typeMissing).min(1, { error: MESSAGES.typeMissing }),
  incidentTypeOther: optionalText('The other type of incident', SHORT_TEXT_MAX_CHARS),
  description: requiredText('Description of incident', LONG_TEXT_MAX_CHARS, MESSAGES.descriptionMissing),
  deliberateAccess: optionalTick,
  deliberateMaterial: optionalTicks(MATERIAL_ACTIONS),
  deliberateConsideredAs: optionalTicks(CONSIDERED_AS),
  accidentalAccess: optionalTick,
  accidentalMaterial: optionalTicks(MATERIAL_ACTIONS),
  staffAction: optionalTick,
  staffActions: optionalTicks(STAFF_ACTIONS),
  specificAction: optionalText('Specific action taken', LONG_TEXT_MAX_CHARS),
  childAction: optionalTick,
  childActions: optionalTicks(CHILD_ACTIONS),
  outcome: optionalText('Outcome of incident/investigation', LONG_TEXT_MAX_CHARS),
  concerns: optionalTicks(CONCERNS),
});

type CrossFieldInput = z.output<typeof SubmittedReportObject>;

/** Rules that read more than one field. Kept apart so a draft hears about them even while other fields fail. */
const crossFieldIssues = (r: CrossFieldInput): ReportIssue[] => {
  const issues: ReportIssue[] = [];
  const issue = (field: ReportFieldId, message: string) => issues.push({ field, message });
  if (r.incidentTypes.includes('other') && r.incidentTypeOther.trim() === '')
    issue('incidentTypeOther', MESSAGES.typeOtherMissing);
  if (r.involved.includes('other') && r.involvedOther.trim() === '')
    issue('involvedOther', MESSAGES.involvedOtherMissing);
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
  for (const { field, message } of crossFieldIssues(r)) ctx.addIssue({ code: 'custom', path: [field], message });
});

export type SubmittedReport = z.output<typeof SubmittedReportSchema>;
/** What a sender may put on the wire: optional fields may be left out. */
export type SubmittedReportInput = z.input<typeof SubmittedReportSchema>;

export type ReportIssue = { field: ReportFieldId | 'form'; message: string };
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
  for (const [key, value] of Object.entries(draft)) {
    if (typeof value === 'string') out[key] = value.trim();
    else if (Array.isArray(value)) {
      const order = ORDER[key] ?? [];
      out[key] = [...new Set(value as string[])].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    }
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

const toIssues = (zodIssues: readonly z.core.$ZodIssue[]): ReportIssue[] =>
  sortIssues(
    zodIssues.map((i) => {
      const key = i.path[0];
      const field = typeof key === 'string' && key in ReportDraftSchema.shape ? (key as ReportFieldId) : 'form';
      const message = i.code === 'custom' || i.code === 'too_small' || i.code === 'too_big' ? i.message : undefined;
      return { field, message: message ?? fallbackMessage(field) };
    }),
  );

const fallbackMessage = (field: ReportFieldId | 'form'): string =>
  field === 'form' ? 'The report is not in the expected shape' : `Check “${labelOf(field)}”`;

/** Keeps the first issue of each field and orders them as the form does, so the summary reads top to bottom. */
const sortIssues = (issues: ReportIssue[]): ReportIssue[] => {
  const seen = new Set<string>();
  const unique = issues.filter((i) => {
    if (seen.has(i.field)) return false;
    seen.add(i.field);
    return true;
  });
  const rank = (f: string) => (f === 'form' ? -1 : FIELD_ORDER.indexOf(f as ReportFieldId));
  return unique.sort((a, b) => rank(a.field) - rank(b.field));
};

// ---------------------------------------------------------------------------------------------------------------
// The form description: labels live here and nowhere else.

/** Shown wherever images come up (Kent and Medway FAQ 2 Q2 and 2 Q9), in SafeVisit's own words. */
export const INDECENT_IMAGES_WARNING =
  'Never open, look at, copy, print, save, forward or attach indecent images of children, not even as evidence. ' +
  'Describe what was seen in words only; the safeguarding lead and the police deal with the images themselves.';

export type WarningId = 'indecent-images';

/** The text of each warning a field or option may carry. */
export const WARNING_TEXTS: Record<WarningId, string> = { 'indecent-images': INDECENT_IMAGES_WARNING };

export type FormOption = { id: string; label: string; warning?: WarningId };

type FieldBase = {
  id: ReportFieldId;
  label: string;
  hint?: string;
  warning?: WarningId;
  /** Rendered under (and only meaningful with) this tick box, e.g. the boxes under "Deliberate access". */
  parent?: ReportFieldId;
  /** Shown only when this option of a group is ticked, e.g. "please specify" under "other". */
  showWhen?: { field: ReportFieldId; option: string };
  /** Required for "Submit report" (drafts may leave it empty). */
  required?: boolean;
  /** True for SafeVisit additions: not Appendix 1 wording. */
  addition?: boolean;
};

export type FormField =
  | (FieldBase & { kind: 'text' | 'textarea'; maxLength: number })
  | (FieldBase & { kind: 'date' | 'time' })
  | (FieldBase & { kind: 'checkbox' })
  | (FieldBase & { kind: 'checkboxes'; options: readonly FormOption[] });

export type FormSection = {
  id: string;
  title: string;
  hint?: string;
  addition?: boolean;
  fields: readonly FormField[];
};

const warnOn = (options: readonly { id: string; label: string }[], ids: readonly string[]): FormOption[] =>
  options.map((o) => (ids.includes(o.id) ? { ...o, warning: 'indecent-images' as const } : { ...o }));

export const REPORT_FORM: readonly FormSection[] = [
  {
    id: 'organisation',
    title: 'School/organisation’s details',
    hint: 'Filled in from Settings; change them here for this report only.',
    fields: ORG_FIELD_IDS.map((id) => ({ id, ...ORG_FIELDS[id] })),
  },
  {
    id: 'incident',
    title: 'Details of incident',
    fields: [
      { id: 'dateHappened', kind: 'date', label: 'Date happened', required: true },
      { id: 'timeHappened', kind: 'time', label: 'Time', hint: 'Leave empty if nobody knows.' },
      {
        id: 'reporterName',
        kind: 'text',
        label: 'Name of person reporting incident',
        maxLength: NAME_MAX_CHARS,
        required: true,
      },
      {
        id: 'identifiedHow',
        kind: 'textarea',
        label: 'If not reported, how was the incident identified?',
        maxLength: SHORT_TEXT_MAX_CHARS,
      },
      { id: 'location', kind: 'checkboxes', label: 'Where did the incident occur?', options: LOCATIONS },
      { id: 'involved', kind: 'checkboxes', label: 'Who was involved in the incident?', options: INVOLVED },
      {
        id: 'involvedOther',
        kind: 'text',
        label: 'Please specify who else was involved',
        maxLength: SHORT_TEXT_MAX_CHARS,
        showWhen: { field: 'involved', option: 'other' },
      },
    ],
  },
  {
    id: 'type',
    title: 'Type of incident',
    fields: [
      {
        id: 'incidentTypes',
        kind: 'checkboxes',
        label: 'Type of incident',
        hint: 'Tick every type that applies.',
        required: true,
        options: warnOn(INCIDENT_TYPES, ['child-abuse-images', 'soft-porn', 'hard-porn']),
      },
      {
        id: 'incidentTypeOther',
        kind: 'text',
        label: 'Please specify the other type of incident',
        maxLength: SHORT_TEXT_MAX_CHARS,
        showWhen: { field: 'incidentTypes', option: 'other' },
      },
    ],
  },
  {
    id: 'description',
    title: 'Description of incident',
    fields: [
      {
        id: 'description',
        kind: 'textarea',
        label: 'Description of incident',
        hint: 'Write it down as soon as you can. Use the child’s own words where you can, and do not promise to keep it secret.',
        warning: 'indecent-images',
        required: true,
        maxLength: LONG_TEXT_MAX_CHARS,
      },
    ],
  },
  {
    id: 'nature',
    title: 'Nature of incident',
    fields: [
      { id: 'deliberateAccess', kind: 'checkbox', label: 'Deliberate access' },
      {
        id: 'deliberateMaterial',
        kind: 'checkboxes',
        label: 'Did the incident involve material being;',
        parent: 'deliberateAccess',
        options: MATERIAL_ACTIONS,
      },
      {
        id: 'deliberateConsideredAs',
        kind: 'checkboxes',
        label: 'Could the incident be considered as;',
        parent: 'deliberateAccess',
        options: CONSIDERED_AS,
      },
      { id: 'accidentalAccess', kind: 'checkbox', label: 'Accidental access' },
      {
        id: 'accidentalMaterial',
        kind: 'checkboxes',
        label: 'Did the incident involve material being;',
        parent: 'accidentalAccess',
        options: MATERIAL_ACTIONS,
      },
    ],
  },
  {
    id: 'action',
    title: 'Action taken',
    fields: [
      { id: 'staffAction', kind: 'checkbox', label: 'Staff' },
      { id: 'staffActions', kind: 'checkboxes', label: 'Staff', parent: 'staffAction', options: STAFF_ACTIONS },
      {
        id: 'specificAction',
        kind: 'textarea',
        label: 'Please detail any specific action taken (ie: removal of equipment)',
        parent: 'staffAction',
        maxLength: LONG_TEXT_MAX_CHARS,
      },
      { id: 'childAction', kind: 'checkbox', label: 'Child/young person' },
      {
        id: 'childActions',
        kind: 'checkboxes',
        label: 'Child/young person',
        parent: 'childAction',
        options: CHILD_ACTIONS,
      },
    ],
  },
  {
    id: 'outcome',
    title: 'Outcome of incident/investigation',
    fields: [
      {
        id: 'outcome',
        kind: 'textarea',
        label: 'Outcome of incident/investigation',
        maxLength: LONG_TEXT_MAX_CHARS,
      },
    ],
  },
  {
    id: 'concerns',
    title: 'Facts that shape the next steps',
    hint: 'Added by SafeVisit, not part of the Appendix 1 form. Tick any that apply so the next steps fit the incident.',
    addition: true,
    fields: [
      {
        id: 'concerns',
        kind: 'checkboxes',
        label: 'Facts that shape the next steps',
        addition: true,
        options: warnOn(CONCERNS, ['nude-images-under-18', 'household-adult-abuse-images']),
      },
    ],
  },
];

/** Every field of the form by id. */
export const FORM_FIELDS: ReadonlyMap<ReportFieldId, FormField> = new Map(
  REPORT_FORM.flatMap((s) => s.fields).map((f) => [f.id, f]),
);

/** The label of a field, for error summaries and read-only views. */
export const labelOf = (field: ReportFieldId): string => FORM_FIELDS.get(field)?.label ?? field;

// ---------------------------------------------------------------------------------------------------------------
// List summary

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
