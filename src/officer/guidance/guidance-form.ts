// The "Guidance" screen's form: the service's four local contacts as typed, checked with the pack's own schema
// (src/domain/guidance.ts) into the pack's `localContacts`, with one plain sentence per field. Pure: no network.
import {
  LOCAL_CONTACT_ROLES,
  type LocalContact,
  type LocalContactRole,
  LocalContactSchema,
  type LocalContacts,
} from '../../domain/guidance.ts';
import type { FieldError } from '../../ui/form-bits.tsx';

export const CONTACT_PARTS = ['name', 'phone', 'email'] as const;
export type ContactPart = (typeof CONTACT_PARTS)[number];
export type ContactValues = Record<ContactPart, string>;
export type ContactsForm = Record<LocalContactRole, ContactValues>;

/** Each role as the form names it: the fieldset's legend and the short word its labels start with. */
export const ROLE_WORDS: Record<LocalContactRole, { legend: string; short: string }> = {
  lado: { legend: 'LADO (Local Authority Designated Officer)', short: 'LADO' },
  mash: { legend: 'MASH or children’s services front door', short: 'MASH' },
  outOfHours: { legend: 'Out-of-hours service', short: 'Out-of-hours' },
  safeguardingLead: { legend: 'Designated safeguarding lead', short: 'Safeguarding lead' },
};

export const PART_WORDS: Record<ContactPart, string> = { name: 'name', phone: 'phone', email: 'email' };

/** The id of one input, e.g. 'contact-lado-phone'. */
export const fieldId = (role: LocalContactRole, part: ContactPart): string => `contact-${role}-${part}`;

const EMPTY: ContactValues = { name: '', phone: '', email: '' };

/** The form filled from published contacts (empty roles stay blank). */
export const formOf = (contacts: LocalContacts | undefined): ContactsForm =>
  Object.fromEntries(
    LOCAL_CONTACT_ROLES.map((role) => {
      const c: LocalContact | undefined = contacts?.[role];
      return [role, c ? { name: c.name, phone: c.phone ?? '', email: c.email ?? '' } : { ...EMPTY }];
    }),
  ) as ContactsForm;

const sentence = (role: LocalContactRole, part: ContactPart | undefined): FieldError => {
  const { short } = ROLE_WORDS[role];
  switch (part) {
    case 'name':
      return { field: fieldId(role, 'name'), message: `Enter the ${short} contact’s name (up to 200 characters).` };
    case 'phone':
      return {
        field: fieldId(role, 'phone'),
        message: `Enter the ${short} phone number with digits, spaces, + ( ) and - only.`,
      };
    case 'email':
      return {
        field: fieldId(role, 'email'),
        message: `Enter the ${short} email as a plain address like name@example.org, with nothing after it.`,
      };
    default:
      return { field: fieldId(role, 'phone'), message: `Enter a phone number or an email for the ${short} contact.` };
  }
};

/**
 * The form as the pack's `localContacts`: a role left blank is left out; a role partly filled must pass the schema
 * (a name, and a phone or an email). Answers every problem at once, in the form's order.
 */
export const contactsOf = (
  form: ContactsForm,
): { ok: true; contacts: LocalContacts } | { ok: false; errors: FieldError[] } => {
  const contacts: LocalContacts = {};
  const errors: FieldError[] = [];
  for (const role of LOCAL_CONTACT_ROLES) {
    const values = form[role];
    if (CONTACT_PARTS.every((part) => values[part].trim() === '')) continue;
    const parsed = LocalContactSchema.safeParse({
      name: values.name,
      ...(values.phone.trim() ? { phone: values.phone } : {}),
      ...(values.email.trim() ? { email: values.email } : {}),
    });
    if (parsed.success) {
      contacts[role] = parsed.data;
      continue;
    }
    const parts = new Set(parsed.error.issues.map((issue) => issue.path[0] as ContactPart | undefined));
    for (const part of [...CONTACT_PARTS, undefined]) if (parts.has(part)) errors.push(sentence(role, part));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, contacts };
};

/**
 * When a new publication is stamped: now, but never before the last one plus a second, since devices refuse a pack
 * older than the one they hold (so one publication from a computer whose clock ran fast cannot block the next).
 */
export const publicationTime = (now: number, lastPublishedAt: string | undefined): Date =>
  new Date(Math.max(now, lastPublishedAt ? Date.parse(lastPublishedAt) + 1_000 : 0));
