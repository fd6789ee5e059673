// The inbox's calls on the officer routes (src/domain/sealed-protocol.ts): the envelopes, one report with its
// revisions, marking it reviewed and recording an export. Answers are checked; nothing is stored or decrypted here.
import { ERASE_CONFIRMATION, LIFECYCLE_PATHS } from '../../domain/lifecycle-protocol.ts';
import {
  type ExportFormat,
  type InboxItem,
  type InboxReport,
  InboxReportSchema,
  InboxResponseSchema,
  MarkReviewedResponseSchema,
  type Review,
  SEALED_PATHS,
} from '../../domain/sealed-protocol.ts';
import type { OfficerApi } from '../officer-api.ts';

/** The server pages at 1,000; an inbox larger than this many pages is cut here rather than loading forever. */
export const INBOX_MAX_PAGES = 50;

export const createInboxApi = (api: OfficerApi, token: string) => ({
  /** Every report's newest envelope with its routing fields and review state, in the server's order. */
  list: async (): Promise<InboxItem[]> => {
    const items: InboxItem[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < INBOX_MAX_PAGES; page++) {
      const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
      const answer = await api.sessionJson('GET', `${SEALED_PATHS.inbox}${query}`, InboxResponseSchema, token);
      items.push(...answer.reports);
      cursor = answer.nextCursor;
      if (!cursor) break;
    }
    return items;
  },
  /** One report's revisions, newest first (the server records the opening in its audit log). */
  open: (id: string): Promise<InboxReport> => api.sessionJson('GET', SEALED_PATHS.report(id), InboxReportSchema, token),
  markReviewed: async (id: string): Promise<Review> => {
    const { status, reviewedAt, reviewedBy } = await api.sessionJson(
      'POST',
      SEALED_PATHS.reviewed(id),
      MarkReviewedResponseSchema,
      token,
      {},
    );
    return { status, reviewedAt, reviewedBy };
  },
  /** Erases every revision of the report on the server at once (the server records who erased it). */
  erase: (id: string): Promise<void> =>
    api.sessionSend(LIFECYCLE_PATHS.erase(id), { confirm: ERASE_CONFIRMATION }, token),
  /** Tells the server an export of these reports was made (ids and format only: never content). */
  recordExport: (ids: string[], format: ExportFormat): Promise<void> =>
    api.sessionSend(SEALED_PATHS.auditExport, { ids, format }, token),
});

export type InboxApi = ReturnType<typeof createInboxApi>;
