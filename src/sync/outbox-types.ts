// The sync engine's types: the outbox port it needs (src/store implements it), its settings, state, triggers and
// run summary. Types only.
import type { ErrorCode } from '../domain/errors.ts';
import type { Observable } from '../domain/observable.ts';
import type { Receipt, WireIssue } from '../domain/protocol.ts';
import type { SealedRequest } from '../domain/sealed-protocol.ts';
import type { FetchLike } from './endpoint.ts';
import type { RandomSource } from './retry-policy.ts';
import type { WakeSource } from './wake-events.ts';

/** One outbox row, as the engine sees it. */
export type OutboxItem = {
  reportId: string;
  revision: number;
  attempts: number;
  /** Epoch ms. */
  nextAttemptAt: number;
  lastError: string | null;
};

export type LoadedSubmission =
  /** The report sealed once (at submit, or at its first send when it was queued before enrolment): every retry sends it. */
  | { ok: true; submission: SealedRequest }
  /** The stored report does not pass the submit rules any more: it is marked failed without being sent. */
  | { ok: false; issues: WireIssue[] };

/**
 * What the engine needs from storage. Every method acts on one report and must leave the outbox consistent even
 * if the tab dies between two calls; methods taking an item do nothing if the report moved on to another revision.
 */
export type OutboxPort = {
  /** Outbox rows with nextAttemptAt <= now, oldest due first. */
  listDue: (now: number) => Promise<OutboxItem[]>;
  /** Reports waiting in the outbox, due or not. */
  countWaiting: () => Promise<number>;
  /** The earliest nextAttemptAt in the outbox, or null when it is empty. */
  nextDueAt: () => Promise<number | null>;
  /**
   * The sealed submission of each row, as stored (in the order of `items`), once the sealed controls of both its rows
   * vouch for it; writes nothing except in rare repairs. Null for a row that no longer matches a queued report (the
   * port drops such a stale row). Reads the whole batch in one transaction. Throws AppError('locked') while locked.
   */
  loadSubmissions: (items: readonly OutboxItem[]) => Promise<(LoadedSubmission | null)[]>;
  /**
   * In ONE transaction: store the receipt, set status 'synced' and remove the outbox row. This is the proof of
   * delivery; only after it may the report be removed. With `removeNow` (no retention) the same transaction
   * also removes the report, so the device never holds it a moment longer than its receipt.
   */
  markAccepted: (item: OutboxItem, receipt: Receipt, removeNow: boolean) => Promise<void>;
  /** Status 'failed' with the server's reasons; the outbox row goes (the worker must fix and resubmit). */
  markFailed: (item: OutboxItem, issues: WireIssue[]) => Promise<void>;
  /** Status 'conflict'; the outbox row goes. */
  markConflict: (item: OutboxItem) => Promise<void>;
  /** Back to 'queued' with a new schedule; `attempts` and `lastError` are stored as given. */
  reschedule: (item: OutboxItem, next: Pick<OutboxItem, 'attempts' | 'nextAttemptAt' | 'lastError'>) => Promise<void>;
  /** Removes synced reports whose receipt is older than `receivedBefore` (epoch ms). Returns how many went. */
  purgeSynced: (receivedBefore: number) => Promise<number>;
};

export type SyncSettings = {
  /** The enrolled endpoint ('' when not enrolled); checked here with the https rule. */
  endpoint: string;
  /** The enrolment's token, or null when not enrolled. Reading it may throw AppError('locked'). */
  token: string | null;
  /** Days a synced report stays on the device; 0 = removed once its receipt is stored. */
  keepSyncedDays: number;
};

/** Runs `fn` while holding the named lock; calls wait for each other. */
export type LockFn = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

export type SyncEngineDeps = {
  port: OutboxPort;
  settings: () => Promise<SyncSettings>;
  now?: () => number;
  random?: RandomSource;
  fetch?: FetchLike;
  lock?: LockFn;
  /** Per request; defaults to SUBMIT_TIMEOUT_MS. */
  timeoutMs?: number;
  /**
   * Called when a run is about to send (enrolled, endpoint checked), before anything is sent: the organisation's new
   * keys are picked up here (src/sync/org-refresh.ts). Its failure never stops the run.
   */
  beforeSend?: (signal?: AbortSignal) => Promise<unknown>;
};

export type SyncState = {
  running: boolean;
  /** Reports delivered in the current (or last) run. */
  sent: number;
  /** Reports due in the current (or last) run: "Sending {sent + 1} of {total}". */
  total: number;
  /** Reports waiting in the outbox, due or not. */
  waiting: number;
  /** Epoch ms of the last delivered report. */
  lastSuccessAt: number | null;
  /** The server refused the token: the UI says so and automatic runs pause until "Sync now". */
  needsToken: boolean;
  /** An officer withdrew this device's enrolment (403 'revoked'): nothing is sent, every report is kept. */
  revoked: boolean;
  /** No enrolment yet: reports are kept (queued, sealed once the enrolment arrives) and the UI says how to enrol. */
  notEnrolled: boolean;
  /** Why the last run stopped or what went wrong last; the UI shows ERROR_MESSAGES[lastError]. */
  lastError: ErrorCode | null;
};

export type RunSummary = {
  /** Why the run ended early, or 'done'. */
  stopped:
    | 'done'
    | 'not-configured'
    | 'held'
    | 'needs-token'
    | 'revoked'
    | 'unreachable'
    | 'locked'
    | 'storage'
    | 'stopped';
  sent: number;
  failed: number;
  retried: number;
};

export type SyncTriggers = {
  /** Connectivity (src/sync/connectivity.ts): a run starts when it turns true; runs wait while it is false. */
  connectivity?: Observable<boolean>;
  intervalMs?: number;
  /** The user coming back to the app (src/sync/wake-events.ts): a run starts, as on `online`. */
  wake?: WakeSource;
};

export type SyncEngine = {
  state: Observable<SyncState>;
  /** One pass over the due outbox under the shared lock. Never throws. */
  runOnce: () => Promise<RunSummary>;
  /** "Sync now": runs at once, or right after the run in progress; also when needsToken is set (a new token). */
  syncNow: () => Promise<RunSummary>;
  /** For the service worker bridge: Background Sync asked for a run. */
  onBackgroundSyncRequested: () => Promise<RunSummary>;
  /** Starts the triggers (a run now, on `online`, every intervalMs, when a retry falls due). Returns stop. */
  start: (triggers?: SyncTriggers) => () => void;
  stop: () => void;
  /** Recounts the waiting reports (e.g. after the UI queued one). */
  refresh: () => Promise<void>;
  /** Removes synced reports past their retention; returns how many went. */
  purgeExpired: () => Promise<number>;
};
