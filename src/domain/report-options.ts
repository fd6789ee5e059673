// The words of the online safety incident report (Camden guidance, Appendix 1): every field's label and every tick
// box, written once here (the organisation's fields in organisation.ts) and read by the schemas, the form, the
// summaries and the server. Pure data: no UI.
import { ORG_FIELDS } from './organisation.ts';

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

/** The ids of an option list, as a union type. */
export type Ids<T extends readonly { id: string }[]> = T[number]['id'];
export type LocationId = Ids<typeof LOCATIONS>;
export type InvolvedId = Ids<typeof INVOLVED>;
export type MaterialActionId = Ids<typeof MATERIAL_ACTIONS>;
export type ConsideredAsId = Ids<typeof CONSIDERED_AS>;
export type StaffActionId = Ids<typeof STAFF_ACTIONS>;
export type ChildActionId = Ids<typeof CHILD_ACTIONS>;
export type ConcernId = Ids<typeof CONCERNS>;

/** The ids of an option list in form order, typed for `z.enum`. */
export const idsOf = <T extends readonly { id: string }[]>(options: T) =>
  options.map((o) => o.id) as [Ids<T>, ...Ids<T>[]];

/**
 * The label of every field, in form order: the form's own wording (Appendix 1), except `concerns`, a SafeVisit
 * addition. The form description, the error messages and the read-only views all take their labels from here.
 */
export const FIELD_LABELS = {
  reference: 'Worker’s reference (case number or initials)',
  orgName: ORG_FIELDS.orgName.label,
  orgAddress: ORG_FIELDS.orgAddress.label,
  coordinatorName: ORG_FIELDS.coordinatorName.label,
  orgContact: ORG_FIELDS.orgContact.label,
  dateHappened: 'Date happened',
  timeHappened: 'Time',
  reporterName: 'Name of person reporting incident',
  identifiedHow: 'If not reported, how was the incident identified?',
  location: 'Where did the incident occur?',
  involved: 'Who was involved in the incident?',
  involvedOther: 'Please specify who else was involved',
  incidentTypes: 'Type of incident',
  incidentTypeOther: 'Please specify the other type of incident',
  description: 'Description of incident',
  deliberateAccess: 'Deliberate access',
  deliberateMaterial: 'Did the incident involve material being;',
  deliberateConsideredAs: 'Could the incident be considered as;',
  accidentalAccess: 'Accidental access',
  accidentalMaterial: 'Did the incident involve material being;',
  staffAction: 'Staff',
  staffActions: 'Staff',
  specificAction: 'Please detail any specific action taken (ie: removal of equipment)',
  childAction: 'Child/young person',
  childActions: 'Child/young person',
  outcome: 'Outcome of incident/investigation',
  concerns: 'Facts that shape the next steps',
} as const;

/**
 * How an error message names a field whose label is a question or an instruction ("X must be 1,000 characters or
 * fewer"); every other field is named by its label.
 */
export const FIELD_NOUNS: Partial<Record<keyof typeof FIELD_LABELS, string>> = {
  identifiedHow: 'How the incident was identified',
  involvedOther: 'Who else was involved',
  incidentTypeOther: 'The other type of incident',
  specificAction: 'Specific action taken',
  reference: 'The reference',
};
