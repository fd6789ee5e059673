// The one-screen quick reference for a case meeting: when to refer, what to report to whom, and the urgent
// numbers. Own words from the two sources (each line cites its section); numbers come from the pack. Pure data.
import type { GuidancePack, LocalContactRole, SourceRef } from '../domain/guidance.ts';
import { localContact } from './contact-route.ts';
import { camden, kent } from './content/build.ts';

export type QuickLine = { text: string; source: SourceRef };

const REFERRAL = camden('6.2', 'Referral criteria');

/** Camden 6.2: refer to children's social care through the MASH (e-CAF) on evidence of... (short enough for one line each). */
export const QUICK_REFERRAL_CRITERIA: readonly QuickLine[] = [
  { text: 'grooming or online sexual abuse', source: REFERRAL },
  { text: 'online sexual exploitation', source: REFERRAL },
  { text: 'extreme bullying (refer both)', source: REFERRAL },
  { text: 'enmeshed in violent extremism', source: REFERRAL },
  { text: 'keeps sharing porn or violence', source: REFERRAL },
  { text: 'self-harm sites + wellbeing risk', source: REFERRAL },
  { text: 'adult at home with abuse images', source: REFERRAL },
];

/** What must be reported, and to whom. */
export const QUICK_REPORTING: readonly (QuickLine & { what: string })[] = [
  { what: 'Every incident', text: 'safety officer', source: camden('3.3', 'Online safety contact officer') },
  { what: 'Serious', text: 'lead decides referral', source: camden('3.3', 'Online safety contact officer') },
  { what: 'Staff', text: 'manager now, LADO 1 day', source: kent('3 Q9', 'Concerns about a colleague') },
  { what: 'Abuse image', text: 'never copy; police', source: kent('2 Q2', 'Indecent images: police advice') },
];

export type QuickNumber = { label: string; value?: string; kind: 'phone' | 'email' | 'none'; note?: string };

const directoryPhone = (pack: GuidancePack, id: string): string | undefined =>
  pack.directory.find((e) => e.id === id)?.contacts.find((c) => c.kind === 'phone')?.value;

const LOCAL_ROWS: readonly [LocalContactRole, string][] = [
  ['lado', 'LADO'],
  ['mash', 'MASH'],
  ['outOfHours', 'Out of hours'],
];

/** The urgent numbers: the national ones from the pack's directory, then the service's own (or whose to use). */
export const quickNumbers = (pack: GuidancePack): QuickNumber[] => {
  const national: QuickNumber[] = [
    { label: 'Danger now', id: 'police-emergency', fallback: '999' },
    { label: 'Police', id: 'police-non-emergency', fallback: '101' },
    { label: 'Childline', id: 'childline', fallback: undefined },
  ].flatMap(({ label, id, fallback }) => {
    const value = directoryPhone(pack, id) ?? fallback;
    return value ? [{ label, value, kind: 'phone' as const }] : [];
  });
  const local = LOCAL_ROWS.map(([role, label]): QuickNumber => {
    const contact = localContact(pack, role);
    if (contact?.phone) return { label, value: contact.phone, kind: 'phone' };
    if (contact?.email) return { label, value: contact.email, kind: 'email' };
    return { label, kind: 'none', note: 'your service’s contact' };
  });
  return [...national, ...local];
};

/** Every section the quick reference rests on, once each, for its sources line. */
export const QUICK_REFERENCE_SOURCES: readonly SourceRef[] = [
  camden('3.3', 'Online safety contact officer'),
  camden('6.2', 'Referral criteria'),
  kent('2 Q2', 'Indecent images: police advice'),
  kent('2 Q14', 'Bullying: emergencies'),
  kent('3 Q9', 'Concerns about a colleague'),
];
