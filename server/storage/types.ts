// The storage interface of the sync server: one file per engine implements it (sqlite.ts now, PostgreSQL later).
// Engines enforce idempotency in the database itself; they never validate reports (the routes did that).

/** One stored revision of a report, as the engine keeps it. `report` is the validated report (parsed JSON). */
export type StoredSubmission = {
  id: string;
  revision: number;
  schemaVersion: number;
  createdAt: string;
  submittedAt: string;
  receivedAt: string;
  /** sha-256 (hex) of the canonical JSON of the submission without submittedAt: decides replay vs conflict. */
  bodyHash: string;
  /** A label of the device token that sent it (a hash prefix), never the token. */
  device: string;
  report: unknown;
};

export type NewSubmission = Omit<StoredSubmission, 'receivedAt'>;

export type SaveOutcome =
  /** First time this id and revision arrived: stored, with this receivedAt. */
  | { kind: 'created'; receivedAt: string }
  /** Stored before with the same body hash: nothing written; the first receivedAt. */
  | { kind: 'replayed'; receivedAt: string }
  /** Stored before with another body hash: nothing written. */
  | { kind: 'conflict' };

/** The newest revision of a report in the officer's list, with how many revisions exist. */
export type ReportListItem = StoredSubmission & { revisions: number };

export type ListPage = {
  items: ReportListItem[];
  /** Pass as `before` to get the next (older) page; absent on the last page. */
  nextCursor?: string;
};

export interface ReportStore {
  /**
   * Inserts the revision, or finds the one already stored, in ONE transaction keyed by (id, revision), so concurrent
   * and repeated submissions store exactly one row. `receivedAt` is used only when a row is created.
   * Throws AppError('storage-unavailable') when the engine cannot be used right now (the API answers 503).
   */
  save(submission: NewSubmission, receivedAt: string): Promise<SaveOutcome>;
  /** Reports (newest revision of each), the most recently received first. */
  list(options: { limit: number; before?: string }): Promise<ListPage>;
  /** Every stored revision of a report, newest revision first; [] when none. */
  revisions(id: string): Promise<StoredSubmission[]>;
  /** How many revisions are stored in all (for tests and the console). */
  count(): Promise<number>;
  close(): Promise<void>;
}
