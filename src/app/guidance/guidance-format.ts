// Plain-English wording and safe link targets for guidance: source references, counts, contacts.
// Pure string work; never builds HTML and never returns a link to anything but tel:, mailto: or http(s).
import { type Contact, isPlainEmailAddress, type SourceDocument, type SourceRef } from '../../domain/guidance.ts';

const DOCUMENT_NAMES: Record<SourceDocument, string> = {
  camden: 'Camden guidance',
  'kent-medway': 'Kent and Medway FAQ',
};

/** '5.3' -> 'section 5.3'; '4 Q3' -> 'section 4, question 3'; '1 D2' -> 'section 1, discussion question 2'. */
export const sectionText = (section: string): string => {
  if (section.startsWith('Appendix')) return section;
  const [number, question] = section.split(' ');
  if (!question) return `section ${number}`;
  const kind = question.startsWith('D') ? 'discussion question' : 'question';
  return `section ${number}, ${kind} ${question.slice(1)}`;
};

/** 'Camden guidance, section 5.3 — Sharing nude images' */
export const sourceText = (source: SourceRef): string =>
  `${DOCUMENT_NAMES[source.document]}, ${sectionText(source.section)} — ${source.label}`;

/** 'SafeVisit (own words, ...)' -> 'Added by SafeVisit, not from the source documents' */
export const addedByText = (publisher: string): string =>
  `Added by ${publisher.split(' (')[0]?.trim() || publisher}, not from the source documents`;

export const resultCountText = (count: number): string => `${count} ${count === 1 ? 'result' : 'results'}`;

export type ContactLink = { href: string; external: boolean } | null;

const PHONE = /^\+?[\d\s()-]{3,20}$/;

/**
 * Where a contact's link goes, or null to show it as text only. Web addresses open on their own site
 * (only when the user clicks: the app itself never calls another host); anything else stays text.
 */
export const contactLink = (contact: Contact): ContactLink => {
  const value = contact.value.trim();
  switch (contact.kind) {
    case 'phone':
      return PHONE.test(value) ? { href: `tel:${value.replace(/[^\d+]/g, '')}`, external: false } : null;
    case 'email':
      // A query part ('?bcc=...') would let a pack add recipients or text to the worker's email: shown as text only.
      return isPlainEmailAddress(value) ? { href: `mailto:${value}`, external: false } : null;
    case 'web': {
      try {
        const url = new URL(/^https?:\/\//i.test(value) ? value : `https://${value}`);
        const webHost = url.hostname.includes('.') && !url.username && !url.password;
        return (url.protocol === 'https:' || url.protocol === 'http:') && webHost
          ? { href: url.href, external: true }
          : null;
      } catch {
        return null;
      }
    }
  }
};

export const CONTACT_KIND_LABELS: Record<Contact['kind'], string> = {
  phone: 'Phone',
  web: 'Website',
  email: 'Email',
};
