// Searching reports in memory over their decrypted text: the worker's report list and the officer's inbox share it.
// Pure functions; no index is ever built or stored, and nothing here sees where the text came from.
import { INCIDENT_TYPES } from './report-options.ts';
import type { ReportDraft } from './report-schema.ts';

/** Lower case, accents removed, runs of space and punctuation folded: "Café's" and "cafes" meet. */
export const foldText = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const typeLabels = new Map<string, string>(INCIDENT_TYPES.map((t) => [t.id, `${t.label} ${t.short}`]));

/** Everything the worker wrote or ticked (the incident types by their wording), as one folded text. */
export const searchableText = (draft: ReportDraft): string => {
  const parts: string[] = [];
  for (const value of Object.values(draft)) {
    if (typeof value === 'string') parts.push(value);
  }
  for (const type of draft.incidentTypes) parts.push(typeLabels.get(type) ?? '');
  return foldText(parts.join(' '));
};

/** The folded words of a query; none for a query of only spaces and punctuation. */
export const queryWords = (query: string): string[] => foldText(query).split(' ').filter(Boolean);

/** True when every word appears in the folded text (as a word start or inside a word). Fold once, match often. */
export const textHasWords = (folded: string, words: readonly string[]): boolean =>
  words.every((w) => folded.includes(w));

/** True when every word of the query appears in the report. */
export const matchesQuery = (draft: ReportDraft, query: string): boolean => {
  const words = queryWords(query);
  return words.length === 0 || textHasWords(searchableText(draft), words);
};
