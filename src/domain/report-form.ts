// The report form as data (Camden Appendix 1): sections, fields, hints and warnings, in form order, which the
// editor and the read-only views render from. Labels come from report-options.ts. Pure data: no UI.

import { ORG_FIELD_IDS, ORG_FIELDS } from './organisation.ts';
import {
  CHILD_ACTIONS,
  CONCERNS,
  CONSIDERED_AS,
  FIELD_LABELS,
  INCIDENT_TYPES,
  INVOLVED,
  LOCATIONS,
  MATERIAL_ACTIONS,
  STAFF_ACTIONS,
} from './report-options.ts';
import type { ReportFieldId } from './report-schema.ts';
import { LONG_TEXT_MAX_CHARS, NAME_MAX_CHARS, REFERENCE_MAX_CHARS, SHORT_TEXT_MAX_CHARS } from './text-limits.ts';

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
    // First for the officer too: it is how they match the report to the worker's case.
    id: 'reference',
    title: FIELD_LABELS.reference,
    hint: 'Added by SafeVisit, not part of the Appendix 1 form.',
    addition: true,
    fields: [
      {
        id: 'reference',
        kind: 'text',
        label: FIELD_LABELS.reference,
        hint: 'A case number or initials, not a name: it tells your reports apart, and your online safety officer sees it.',
        maxLength: REFERENCE_MAX_CHARS,
        addition: true,
      },
    ],
  },
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
      { id: 'dateHappened', kind: 'date', label: FIELD_LABELS.dateHappened, required: true },
      { id: 'timeHappened', kind: 'time', label: FIELD_LABELS.timeHappened, hint: 'Leave empty if nobody knows.' },
      {
        id: 'reporterName',
        kind: 'text',
        label: FIELD_LABELS.reporterName,
        maxLength: NAME_MAX_CHARS,
        required: true,
      },
      {
        id: 'identifiedHow',
        kind: 'textarea',
        label: FIELD_LABELS.identifiedHow,
        maxLength: SHORT_TEXT_MAX_CHARS,
      },
      { id: 'location', kind: 'checkboxes', label: FIELD_LABELS.location, options: LOCATIONS },
      { id: 'involved', kind: 'checkboxes', label: FIELD_LABELS.involved, options: INVOLVED },
      {
        id: 'involvedOther',
        kind: 'text',
        label: FIELD_LABELS.involvedOther,
        maxLength: SHORT_TEXT_MAX_CHARS,
        showWhen: { field: 'involved', option: 'other' },
      },
    ],
  },
  {
    id: 'type',
    title: FIELD_LABELS.incidentTypes,
    fields: [
      {
        id: 'incidentTypes',
        kind: 'checkboxes',
        label: FIELD_LABELS.incidentTypes,
        hint: 'Tick every type that applies.',
        required: true,
        options: warnOn(INCIDENT_TYPES, ['child-abuse-images', 'soft-porn', 'hard-porn']),
      },
      {
        id: 'incidentTypeOther',
        kind: 'text',
        label: FIELD_LABELS.incidentTypeOther,
        maxLength: SHORT_TEXT_MAX_CHARS,
        showWhen: { field: 'incidentTypes', option: 'other' },
      },
    ],
  },
  {
    id: 'description',
    title: FIELD_LABELS.description,
    fields: [
      {
        id: 'description',
        kind: 'textarea',
        label: FIELD_LABELS.description,
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
      { id: 'deliberateAccess', kind: 'checkbox', label: FIELD_LABELS.deliberateAccess },
      {
        id: 'deliberateMaterial',
        kind: 'checkboxes',
        label: FIELD_LABELS.deliberateMaterial,
        parent: 'deliberateAccess',
        options: MATERIAL_ACTIONS,
      },
      {
        id: 'deliberateConsideredAs',
        kind: 'checkboxes',
        label: FIELD_LABELS.deliberateConsideredAs,
        parent: 'deliberateAccess',
        options: CONSIDERED_AS,
      },
      { id: 'accidentalAccess', kind: 'checkbox', label: FIELD_LABELS.accidentalAccess },
      {
        id: 'accidentalMaterial',
        kind: 'checkboxes',
        label: FIELD_LABELS.accidentalMaterial,
        parent: 'accidentalAccess',
        options: MATERIAL_ACTIONS,
      },
    ],
  },
  {
    id: 'action',
    title: 'Action taken',
    fields: [
      { id: 'staffAction', kind: 'checkbox', label: FIELD_LABELS.staffAction },
      {
        id: 'staffActions',
        kind: 'checkboxes',
        label: FIELD_LABELS.staffActions,
        parent: 'staffAction',
        options: STAFF_ACTIONS,
      },
      {
        id: 'specificAction',
        kind: 'textarea',
        label: FIELD_LABELS.specificAction,
        parent: 'staffAction',
        maxLength: LONG_TEXT_MAX_CHARS,
      },
      { id: 'childAction', kind: 'checkbox', label: FIELD_LABELS.childAction },
      {
        id: 'childActions',
        kind: 'checkboxes',
        label: FIELD_LABELS.childActions,
        parent: 'childAction',
        options: CHILD_ACTIONS,
      },
    ],
  },
  {
    id: 'outcome',
    title: FIELD_LABELS.outcome,
    fields: [
      {
        id: 'outcome',
        kind: 'textarea',
        label: FIELD_LABELS.outcome,
        maxLength: LONG_TEXT_MAX_CHARS,
      },
    ],
  },
  {
    id: 'concerns',
    title: FIELD_LABELS.concerns,
    hint: 'Added by SafeVisit, not part of the Appendix 1 form. Tick any that apply so the next steps fit the incident.',
    addition: true,
    fields: [
      {
        id: 'concerns',
        kind: 'checkboxes',
        label: FIELD_LABELS.concerns,
        addition: true,
        options: warnOn(CONCERNS, ['nude-images-under-18', 'household-adult-abuse-images']),
      },
    ],
  },
];

/**
 * The worker's form in the order of a visit: their own reference, what happened and who, the types, the facts that shape the next steps,
 * then the rest; the organisation's details (prefilled from Settings) last. REPORT_FORM keeps Appendix 1's order
 * for the officer's screens, prints and exports.
 */
export const VISIT_ORDER: readonly string[] = [
  'reference',
  'description',
  'incident',
  'type',
  'concerns',
  'nature',
  'action',
  'outcome',
  'organisation',
];

/** The sections in VISIT_ORDER (every section of REPORT_FORM, each once). */
export const VISIT_FORM: readonly FormSection[] = [...REPORT_FORM].sort(
  (a, b) => VISIT_ORDER.indexOf(a.id) - VISIT_ORDER.indexOf(b.id),
);

/** Every field of the form by id. */
export const FORM_FIELDS: ReadonlyMap<ReportFieldId, FormField> = new Map(
  REPORT_FORM.flatMap((s) => s.fields).map((f) => [f.id, f]),
);

/** The label of a field, for error summaries and read-only views. */
export const labelOf = (field: ReportFieldId): string => FIELD_LABELS[field];
