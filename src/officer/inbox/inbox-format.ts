// How the inbox words dates, urgency and review state. Pure; British English dates, the officer's time zone.
import type { InboxItem, Urgency } from '../../domain/sealed-protocol.ts';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** "27 March 2026" for a calendar date YYYY-MM-DD (no time zone: it is the day the worker wrote down). */
export const formatDate = (day: string): string => dateFormat.format(new Date(`${day}T00:00:00Z`));
export const formatDateTime = (iso: string): string => dateTimeFormat.format(new Date(iso));

export const URGENCY_TEXT: Record<Urgency, string> = {
  immediate: 'Urgent: act now',
  soon: 'Act soon',
  routine: 'Routine',
};

/** "New", or "Reviewed by Ada Officer, 1 Nov 2026, 10:07". */
export const reviewText = (review: Pick<InboxItem, 'status' | 'reviewedAt' | 'reviewedBy'>): string => {
  if (review.status !== 'reviewed') return 'New';
  const who = review.reviewedBy ? ` by ${review.reviewedBy.name}` : '';
  const when = review.reviewedAt ? `, ${formatDateTime(review.reviewedAt)}` : '';
  return `Reviewed${who}${when}`;
};
