// Sending due outbox rows and recording each answer through the port: a report alone on POST /v2/reports, or several
// in one POST /v2/reports/batch, each answered on its own. Owns what an answer does to its row (receipt, failure,
// conflict, retry); never touches storage, crypto or plaintext itself, and never lets go of a report before its
// receipt is stored.
import { ERROR_MESSAGES, type ErrorCode } from '../domain/errors.ts';
import { SEALED_BATCH_MAX_BYTES, SEALED_BATCH_MAX_REPORTS, type SealedRequest } from '../domain/sealed-protocol.ts';
import { type RequestOptions, type SubmitOutcome, submitReport, submitReports } from './endpoint.ts';
import type {
  LoadedSubmission,
  OutboxItem,
  OutboxPort,
  RunSummary,
  SyncEngineDeps,
  SyncSettings,
  SyncState,
} from './outbox-types.ts';
import { nextRetryDelayMs, type RandomSource } from './retry-policy.ts';

/** Why a run ends before every due row was sent. */
export type Stop = 'held' | 'unreachable' | 'needs-token' | 'revoked' | 'stopped';
/** A due row with its submission as loaded (null: nothing to send). */
export type Ready = { item: OutboxItem; loaded: LoadedSubmission | null };

/** What one run's sends share. */
export type SendContext = {
  run: RunSummary;
  settings: SyncSettings & { endpoint: string; token: string };
  signal: AbortSignal | undefined;
  /** Takes a receipt being stored: the run ends only once every one is. */
  keepReceipt: (stored: Promise<void>) => void;
  /** False once the server said it has no batch route (an older server): the rest of the run goes one by one. */
  batching: boolean;
};

export type SenderDeps = Pick<SyncEngineDeps, 'fetch' | 'timeoutMs'> & {
  port: OutboxPort;
  now: () => number;
  random: RandomSource;
  patch: (change: Partial<SyncState>) => void;
  /** The server asked everyone to wait: no request before `until` (epoch ms). */
  hold: (until: number) => void;
};

/** Errors that mean "nobody answered": trying the next report now would only fail the same way. */
const NO_ANSWER: ReadonlySet<ErrorCode> = new Set(['unreachable', 'timeout', 'not-safevisit']);

/**
 * Takes the next rows to send in one request from `ready`: up to `max` reports whose kept bodies fit in one batch's
 * body (SEALED_BATCH_MAX_BYTES; bodies are JSON with base64url, so characters are bytes). The first always goes.
 */
export const takeBatch = (ready: Ready[], max: number): Ready[] => {
  let bytes = 0;
  let taken = 0;
  while (taken < Math.min(ready.length, max, SEALED_BATCH_MAX_REPORTS)) {
    const loaded = (ready[taken] as Ready).loaded;
    const size = loaded?.ok ? loaded.submission.body.length + 1 : 0;
    if (taken > 0 && bytes + size > SEALED_BATCH_MAX_BYTES) break;
    bytes += size;
    taken++;
  }
  return ready.splice(0, taken);
};

export const createSender = (deps: SenderDeps) => {
  const { port, now, random, patch } = deps;
  const requestOptions = (ctx: SendContext): RequestOptions => ({
    signal: ctx.signal,
    timeoutMs: deps.timeoutMs,
    fetch: deps.fetch,
    now,
  });

  /** Records one report's answer; a Stop ends the run for every row not yet started. */
  const record = async (item: OutboxItem, outcome: SubmitOutcome, ctx: SendContext): Promise<Stop | null> => {
    const { run } = ctx;
    switch (outcome.kind) {
      case 'accepted':
        // Receipt and removal in one write: the report never leaves before its receipt is stored. The next report
        // goes meanwhile; the run ends only once every receipt is stored (a receipt lost with the app is harmless:
        // the same bytes are sent again and the server answers with the same receipt).
        ctx.keepReceipt(port.markAccepted(item, outcome.receipt, ctx.settings.keepSyncedDays <= 0));
        return null;
      case 'retry': {
        const at = now() + nextRetryDelayMs(item.attempts, random, outcome.afterMs);
        await port.reschedule(item, { attempts: item.attempts + 1, nextAttemptAt: at, lastError: outcome.error });
        run.retried++;
        patch({ lastError: outcome.error });
        if (outcome.afterMs !== undefined || outcome.error === 'rate-limited') {
          deps.hold(at);
          return 'held';
        }
        if (NO_ANSWER.has(outcome.error)) return 'unreachable';
        // A 5xx on one report may be about that report only: go on with the others.
        return null;
      }
      case 'unauthorised':
      case 'revoked': {
        // Nothing is wrong with the report: put it back as it was, without counting an attempt. A refused token waits
        // for a new one; a withdrawn enrolment is for good, and nothing else is tried with this token.
        const error = outcome.kind;
        await port.reschedule(item, { attempts: item.attempts, nextAttemptAt: item.nextAttemptAt, lastError: error });
        patch(error === 'revoked' ? { revoked: true, lastError: error } : { needsToken: true, lastError: error });
        return error === 'revoked' ? 'revoked' : 'needs-token';
      }
      case 'invalid':
        await port.markFailed(item, outcome.issues);
        run.failed++;
        return null;
      case 'too-large':
        await port.markFailed(item, [{ path: '', message: ERROR_MESSAGES['too-large'] }]);
        run.failed++;
        return null;
      case 'conflict':
        await port.markConflict(item);
        run.failed++;
        return null;
      case 'aborted':
        await port.reschedule(item, item);
        return 'stopped';
    }
  };

  type Sendable = { item: OutboxItem; submission: SealedRequest };

  /** One request per report, one after the other; the rest wait (untouched, still due) once one stops the run. */
  const eachAlone = async (sendable: readonly Sendable[], ctx: SendContext): Promise<Stop | null> => {
    for (const { item, submission } of sendable) {
      const outcome = await submitReport(ctx.settings.endpoint, ctx.settings.token, submission, requestOptions(ctx));
      const stop = await record(item, outcome, ctx);
      if (stop !== null) return stop;
    }
    return null;
  };

  /**
   * Sends these rows (in one batch request when there are several and the server takes batches) and records every
   * answer. Returns the first Stop.
   */
  const send = async (entries: readonly Ready[], ctx: SendContext): Promise<Stop | null> => {
    const sendable: Sendable[] = [];
    for (const { item, loaded } of entries) {
      if (loaded === null) continue;
      if (!loaded.ok) {
        await port.markFailed(item, loaded.issues);
        ctx.run.failed++;
        continue;
      }
      sendable.push({ item, submission: loaded.submission });
    }
    if (sendable.length <= 1 || !ctx.batching) return eachAlone(sendable, ctx);
    const answer = await submitReports(
      ctx.settings.endpoint,
      ctx.settings.token,
      sendable.map((s) => s.submission),
      requestOptions(ctx),
    );
    if (answer.kind === 'each-alone') {
      if (answer.unsupported) ctx.batching = false;
      return eachAlone(sendable, ctx);
    }
    // An answer about the request as a whole (a retry, a refused token, a cancel) is every report's answer.
    const outcomes = answer.kind === 'answered' ? answer.outcomes : sendable.map(() => answer);
    let stop: Stop | null = null;
    for (const [i, { item }] of sendable.entries()) {
      const result = await record(item, outcomes[i] as SubmitOutcome, ctx);
      stop ??= result;
    }
    return stop;
  };

  return { send };
};
