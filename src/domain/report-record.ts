// The life of a stored report, outside its encrypted body: its sync statuses and the stale-draft review rule.
// Pure: no storage, no clock of its own (callers pass `now`).

/** Where a report is on its way to the server (stored in clear next to the ciphertext). */
export const REPORT_STATUSES = ['draft', 'queued', 'sending', 'synced', 'failed', 'conflict'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const isReportStatus = (value: unknown): value is ReportStatus =>
  (REPORT_STATUSES as readonly unknown[]).includes(value);

const DAY_MS = 24 * 60 * 60 * 1000;

/** A draft untouched this long is flagged for review: data is held no longer than needed (Kent and Medway FAQ 4). */
export const STALE_DRAFT_AFTER_MS = 30 * DAY_MS;

/**
 * True when a draft was last changed at least STALE_DRAFT_AFTER_MS before `now`.
 * Accepts epoch milliseconds or Dates; an invalid time is never stale (we would rather not nag on bad data).
 */
export const isStaleDraft = (updatedAt: number | Date, now: number | Date = Date.now()): boolean => {
  const updated = typeof updatedAt === 'number' ? updatedAt : updatedAt.getTime();
  const current = typeof now === 'number' ? now : now.getTime();
  if (!Number.isFinite(updated) || !Number.isFinite(current)) return false;
  return current - updated >= STALE_DRAFT_AFTER_MS;
};
