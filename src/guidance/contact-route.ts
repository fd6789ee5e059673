// How to reach a directory entry: its own contacts, or the service's own contact for it (the LADO, the MASH,
// out of hours, the safeguarding lead), filled from the pack's local contacts when it has them. Pure; no UI.
import type { Contact, DirectoryEntry, GuidancePack, LocalContact, LocalContactRole } from '../domain/guidance.ts';

export type ContactRoute =
  | { kind: 'direct'; contacts: Contact[] }
  /** The service's own contact for this role; `contact` is absent when the pack does not publish it. */
  | { kind: 'local'; role: LocalContactRole; contact?: LocalContact };

/** Whose contact a role means, as the worker reads it. */
export const LOCAL_ROLE_LABELS: Record<LocalContactRole, string> = {
  lado: 'your service’s LADO contact',
  mash: 'your service’s MASH (children’s services front door) contact',
  outOfHours: 'your service’s out-of-hours contact',
  safeguardingLead: 'your designated safeguarding lead',
};

// An entry with no contact of its own and no role named (an older or hand-made pack) still leads somewhere.
const FALLBACK_ROLE: LocalContactRole = 'safeguardingLead';

export const localContact = (pack: GuidancePack, role: LocalContactRole): LocalContact | undefined =>
  pack.localContacts?.[role];

/** A local contact as contacts to draw: its phone, then its email, each named after the person or team. */
export const localContactList = (contact: LocalContact): Contact[] => [
  ...(contact.phone ? [{ kind: 'phone' as const, value: contact.phone, label: `${contact.name}, phone` }] : []),
  ...(contact.email ? [{ kind: 'email' as const, value: contact.email, label: `${contact.name}, email` }] : []),
];

export const contactRoute = (pack: GuidancePack, entry: DirectoryEntry): ContactRoute => {
  if (entry.contacts.length > 0) return { kind: 'direct', contacts: entry.contacts };
  const role = entry.contactVia ?? FALLBACK_ROLE;
  const contact = localContact(pack, role);
  return contact ? { kind: 'local', role, contact } : { kind: 'local', role };
};
