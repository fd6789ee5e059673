// The inbox in memory: each report's envelope with what opening it gave, the inbox order (urgent first, then
// newest) and the search over the opened text. Pure; decryption is open-reports.ts, drawing is the screens'.

import type { SubmittedReport } from '../../domain/report-schema.ts';
import { queryWords, textHasWords } from '../../domain/report-search.ts';
import type { ReportSummary } from '../../domain/report-summary.ts';
import type { InboxItem, Urgency } from '../../domain/sealed-protocol.ts';

/** What opening an envelope gave. */
export type Content =
  | { state: 'pending' }
  | { state: 'opened'; report: SubmittedReport; summary: ReportSummary; folded: string }
  /** It did not decrypt: damaged, sealed to a key this organisation no longer holds, or to one rotated in since sign-in. */
  | { state: 'unopenable' }
  /** It decrypted but is not a report this page can read (the report schema refused it). */
  | { state: 'unreadable' };

export type InboxEntry = { item: InboxItem; content: Content };

export const CONTENT_SENTENCES = {
  unopenable:
    'This report could not be opened: it may have been damaged or sealed to a key this organisation no longer has. If the organisation key was rotated after you signed in, sign out and in again to open it.',
  unreadable: 'This report was opened but does not read as a report form: it may come from a newer version of the app.',
} as const;

const URGENCY_RANK: Record<Urgency, number> = { immediate: 0, soon: 1, routine: 2 };

/** Urgent first ("immediate", then "soon"), then newest received first; the id breaks ties so the order is stable. */
export const compareInbox = (a: InboxItem, b: InboxItem): number =>
  URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] ||
  Date.parse(b.receivedAt) - Date.parse(a.receivedAt) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const sortInbox = <T extends { item: InboxItem }>(entries: readonly T[]): T[] =>
  [...entries].sort((a, b) => compareInbox(a.item, b.item));

/**
 * The entries a search lists: all of them for an empty query, else the opened reports holding every word of it
 * (a report that could not be opened has no text to search).
 */
export const searchInbox = <T extends InboxEntry>(entries: readonly T[], query: string): T[] => {
  const words = queryWords(query);
  if (words.length === 0) return [...entries];
  return entries.filter((e) => e.content.state === 'opened' && textHasWords(e.content.folded, words));
};

export type OpenedEntry = InboxEntry & { content: Extract<Content, { state: 'opened' }> };
export const isOpened = (entry: InboxEntry): entry is OpenedEntry => entry.content.state === 'opened';
