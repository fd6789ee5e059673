// The organisation's details on a report (Appendix 1, "School/organisation's details"), written once: the fields
// with their labels and limits, the schema and the empty value. Settings keeps them as the defaults of new reports.
import { z } from 'zod';
import { NAME_MAX_CHARS, SHORT_TEXT_MAX_CHARS, tooLong } from './text-limits.ts';

/** The fields in form order, with the form's own wording. */
export const ORG_FIELDS = {
  orgName: { kind: 'text', label: 'Name of school/organisation', maxLength: NAME_MAX_CHARS },
  orgAddress: { kind: 'textarea', label: 'Address', maxLength: SHORT_TEXT_MAX_CHARS },
  coordinatorName: { kind: 'text', label: 'Name of online safety co-ordinator', maxLength: NAME_MAX_CHARS },
  orgContact: { kind: 'textarea', label: 'Contact details', maxLength: SHORT_TEXT_MAX_CHARS },
} as const satisfies Record<string, { kind: 'text' | 'textarea'; label: string; maxLength: number }>;

export type OrgFieldId = keyof typeof ORG_FIELDS;
export const ORG_FIELD_IDS = Object.keys(ORG_FIELDS) as readonly OrgFieldId[];

// Optional, trimmed, never longer than its limit; left out means ''.
const orgText = (id: OrgFieldId) => {
  const { label, maxLength } = ORG_FIELDS[id];
  return z
    .string()
    .trim()
    .max(maxLength, { error: tooLong(label, maxLength) })
    .default('');
};

export const OrgDetailsSchema = z.object({
  orgName: orgText('orgName'),
  orgAddress: orgText('orgAddress'),
  coordinatorName: orgText('coordinatorName'),
  orgContact: orgText('orgContact'),
});

export type OrgDetails = z.output<typeof OrgDetailsSchema>;

/** No organisation details yet (a new device). */
export const EMPTY_ORG: Readonly<OrgDetails> = Object.freeze(OrgDetailsSchema.parse({}));
