// The sync engine: sends every due outbox row to the server, in batches (outbox-send.ts), and records each report's
// answer through a small port. Owns the triggers (start, online, the user's return, timer, "Sync now") and the status
// the UI shows; never touches IndexedDB, crypto or plaintext storage itself, and never lets go of a report before its
// receipt is stored.
import { type ErrorCode, isAppError } from '../domain/errors.ts';
import { createObservable, type Observable } from '../domain/observable.ts';
import type { Receipt } from '../domain/protocol.ts';
import { checkEndpoint } from './endpoint.ts';
import { createSender, type Ready, type SendContext, type Stop, takeBatch } from './outbox-send.ts';
import type { RunSummary, SyncEngine, SyncEngineDeps, SyncSettings, SyncState, SyncTriggers } from './outbox-types.ts';
import { defaultLock } from './sync-lock.ts';

export type * from './outbox-types.ts';
export { createMutexLock, defaultLock } from './sync-lock.ts';

/** While the app is open, the outbox is checked this often even if nothing else happens. */
export const SYNC_INTERVAL_MS = 2 * 60 * 1000;
/** The Web Locks name: one tab (or the service worker's wake-up) syncs at a time. */
export const SYNC_LOCK_NAME = 'safevisit-sync';

/**
 * Reports in flight at once during a run (each with its own request and outcome). 8 hides the request latency of a
 * busy device (bench, load ~12: 4 -> 12.9 s, 8 -> 9.2 s, 16 -> 10.9 s for 1,000; a browser opens 6 HTTP/1.1
 * connections per host, so more only queue in the browser).
 */
export const SYNC_CONCURRENCY = 8;
/**
 * Due reports read together (their rows in one transaction, both sealed controls checked) ahead of their sends;
 * the next batch is read while the last of this one is sent. Small, so a check stays close to its send.
 */
export const SYNC_READ_BATCH = 100;
/** Reports sent in one request (POST /v2/reports/batch, at most SEALED_BATCH_MAX_REPORTS). */
export const SYNC_SEND_BATCH = 50;

const DAY_MS = 24 * 60 * 60 * 1000;

const INITIAL_STATE: SyncState = {
  running: false,
  sent: 0,
  total: 0,
  waiting: 0,
  lastSuccessAt: null,
  needsToken: false,
  revoked: false,
  notEnrolled: false,
  lastError: null,
};

const errorCodeOf = (e: unknown): ErrorCode => (isAppError(e) ? e.code : 'storage-unavailable');

export const createSyncEngine = (deps: SyncEngineDeps): SyncEngine => {
  const { port } = deps;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const lock = deps.lock ?? defaultLock();
  const state = createObservable<SyncState>(INITIAL_STATE);
  const patch = (change: Partial<SyncState>) => state.update((s) => ({ ...s, ...change }));

  /** The server asked everyone to wait (429/503 Retry-After): no request before this time. */
  let holdUntil = 0;
  let controller: AbortController | null = null;
  let stopTriggers: (() => void) | null = null;
  /** The retry wake-up; a handle left after it fired or was cleared is harmless to clear again. */
  let wakeTimer: ReturnType<typeof setTimeout> | undefined;
  /** The enrolment of the last run; `revoked` holds until it changes. */
  let lastEndpoint: string | null = null;
  let lastToken: string | null = null;

  const recount = async () => {
    try {
      patch({ waiting: await port.countWaiting() });
    } catch {
      // The count is only for display; the next run recounts.
    }
  };

  // With no retention every synced report goes, whatever the server's clock said in its receipt.
  const purgeWith = (keepSyncedDays: number): Promise<number> =>
    port.purgeSynced(keepSyncedDays > 0 ? now() - keepSyncedDays * DAY_MS : Number.POSITIVE_INFINITY);

  const sender = createSender({
    port,
    now,
    random,
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
    patch,
    hold: (until) => {
      holdUntil = Math.max(holdUntil, until);
    },
  });

  // A few requests travel at once so the network wait of one overlaps the storage work of another. Each carries a
  // batch of reports (one request for the lot, each report still answered on its own), or one report when the server
  // has no batch route.
  const send = async (
    run: RunSummary,
    settings: SyncSettings & { endpoint: string; token: string },
    signal: AbortSignal,
  ) => {
    const due = await port.listDue(now());
    patch({ total: due.length, sent: 0 });
    let stop: Stop | null = null;
    // The first error of a read or a send: every worker stops, and it is thrown once all have settled.
    let failure: { error: unknown } | null = null;
    // Receipts being stored; the first storage error stops the run and is thrown once they have all settled.
    const storing = new Set<Promise<void>>();
    let storeError: { error: unknown } | null = null;
    // After stop() (the app closing, the vault locking) nothing more is read, sent or rewritten: a send in flight is
    // put back by the sender, the rows not started stay as they are.
    const going = () => stop === null && storeError === null && failure === null && !signal.aborted;
    // Read ahead in batches: `ready` holds loaded rows not yet taken, `reading` the batch being read.
    const ready: Ready[] = [];
    let readUpTo = 0;
    let reading: Promise<void> | null = null;
    const readAhead = () => {
      // Once the run is stopping, nothing more is read.
      if (reading !== null || readUpTo >= due.length || !going()) return;
      const batch = due.slice(readUpTo, readUpTo + SYNC_READ_BATCH);
      readUpTo += batch.length;
      reading = port.loadSubmissions(batch).then(
        (loaded) => {
          ready.push(...batch.map((item, i) => ({ item, loaded: loaded[i] ?? null })));
          reading = null;
        },
        (error: unknown) => {
          failure ??= { error };
          reading = null;
        },
      );
    };
    /** The next loaded rows to send together (a full batch when enough are due), or [] when none is left. */
    const nextBatch = async (size: number): Promise<Ready[]> => {
      for (;;) {
        // Stryker disable next-line EqualityOperator: `<=` only starts the same read one call earlier, with one row more in hand (the bound is tested in outbox-failures).
        if (ready.length < size + SYNC_READ_BATCH / 2) readAhead();
        if (ready.length >= size || reading === null || !going()) return takeBatch(ready, size);
        await reading;
      }
    };
    const keepReceipt = (stored: Promise<void>) => {
      const tracked: Promise<void> = stored
        .then(
          () => {
            run.sent++;
            // A delivery clears the last error unless this run met a retry: that report still waits, and the worker
            // is told why whatever order the receipts are stored in.
            const cleared = run.retried === 0 ? { lastError: null } : {};
            patch({ sent: run.sent, lastSuccessAt: now(), needsToken: false, ...cleared });
          },
          (error: unknown) => {
            storeError ??= { error };
          },
        )
        .finally(() => storing.delete(tracked));
      storing.add(tracked);
    };
    const ctx: SendContext = { run, settings, signal, keepReceipt, batching: true };
    const worker = async () => {
      while (going()) {
        const entries = await nextBatch(ctx.batching ? SYNC_SEND_BATCH : 1);
        if (entries.length === 0 || !going()) return;
        try {
          const result = await sender.send(entries, ctx);
          stop ??= result;
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    // Nothing of the run is left going on when it ends (the lock is let go next): every worker, read and receipt.
    await Promise.all(Array.from({ length: Math.min(SYNC_CONCURRENCY, due.length) }, worker));
    while (reading !== null) await reading;
    while (storing.size > 0) await Promise.all([...storing]);
    if (failure !== null) throw (failure as { error: unknown }).error;
    if (storeError !== null) throw (storeError as { error: unknown }).error;
    return stop ?? (signal.aborted ? 'stopped' : 'done');
  };

  const runLocked = async (): Promise<RunSummary> => {
    const run: RunSummary = { stopped: 'done', sent: 0, failed: 0, retried: 0 };
    if (now() < holdUntil) {
      run.stopped = 'held';
      await recount();
      return run;
    }
    controller = new AbortController();
    const { signal } = controller;
    patch({ running: true, sent: 0, total: 0 });
    try {
      const settings = await deps.settings();
      await purgeWith(settings.keepSyncedDays);
      const checked = checkEndpoint(settings.endpoint);
      if (settings.endpoint !== lastEndpoint || settings.token !== lastToken) {
        // A new enrolment: a withdrawal of the old one says nothing about it.
        lastEndpoint = settings.endpoint;
        lastToken = settings.token;
        patch({ revoked: false, needsToken: false, notEnrolled: false });
      }
      if (state.get().revoked) {
        run.stopped = 'revoked';
      } else if (settings.endpoint.trim() === '') {
        run.stopped = 'not-configured';
        patch({ notEnrolled: true });
      } else if (!checked.ok) {
        run.stopped = 'not-configured';
        patch({ lastError: 'insecure-endpoint' });
      } else if (!settings.token) {
        // No token entered yet: the UI asks for one; nothing was refused, so no error.
        run.stopped = 'not-configured';
        patch({ needsToken: true, lastError: null });
      } else {
        await deps.beforeSend?.(signal).catch(() => undefined);
        run.stopped = await send(run, { ...settings, endpoint: checked.endpoint, token: settings.token }, signal);
        // A run that met no refusal clears the token warning (the worker changed the token and pressed Sync now),
        // and one that met no retry clears the last network error.
        if (run.stopped === 'done')
          patch(run.retried === 0 ? { needsToken: false, lastError: null } : { needsToken: false });
      }
    } catch (e) {
      const code = errorCodeOf(e);
      run.stopped = code === 'locked' ? 'locked' : 'storage';
      patch({ lastError: code });
    } finally {
      controller = null;
      patch({ running: false });
      await recount();
    }
    return run;
  };

  const runOnce = () => lock(SYNC_LOCK_NAME, runLocked);

  let inflight: Promise<RunSummary> | null = null;
  let followUp: Promise<RunSummary> | null = null;
  /** Coalesces: at most one run in flight and one waiting behind it, whoever asks. */
  const request = (): Promise<RunSummary> => {
    if (!inflight) {
      const startedAt = now();
      inflight = runOnce().finally(() => {
        inflight = null;
        scheduleWake(startedAt);
      });
      return inflight;
    }
    followUp ??= inflight.then(() => {
      followUp = null;
      return request();
    });
    return followUp;
  };

  let online: Observable<boolean> | undefined;
  /** Automatic triggers skip a run while offline or while the token is known to be refused. */
  const autoSync = () => {
    if (online && !online.get()) return;
    if (state.get().needsToken || state.get().revoked) return;
    void request();
  };

  /**
   * Wakes up exactly when the next retry falls due (e.g. a Retry-After of 2 s), not only on the interval; `startedAt`
   * is when the run that just ended began.
   */
  const scheduleWake = (startedAt: number) => {
    void (async () => {
      let next: number | null;
      try {
        next = await port.nextDueAt();
      } catch {
        return;
      }
      clearTimeout(wakeTimer);
      // Not started, or stopped while the due time was read: no timer.
      if (next === null || !stopTriggers) return;
      const due = Math.max(next, holdUntil);
      // A row already due when the run began and still not sent (e.g. stopped as unreachable) waits for the interval
      // or `online`, not a busy loop; one that fell due while the run was finishing (a slow device) runs at once.
      if (due <= startedAt) return;
      wakeTimer = setTimeout(autoSync, Math.max(0, due - now()));
    })();
  };

  const stop = () => {
    stopTriggers?.();
    stopTriggers = null;
    clearTimeout(wakeTimer);
    controller?.abort();
  };

  const start = ({ connectivity, intervalMs = SYNC_INTERVAL_MS, wake }: SyncTriggers = {}) => {
    stop();
    online = connectivity;
    const interval = setInterval(autoSync, intervalMs);
    // Back online: a run (autoSync itself skips while offline).
    const unsubscribe = connectivity?.subscribe(() => autoSync());
    const stopWake = wake?.(autoSync);
    stopTriggers = () => {
      clearInterval(interval);
      unsubscribe?.();
      stopWake?.();
    };
    autoSync();
    return stop;
  };

  return {
    state,
    runOnce,
    // Manual: runs even while needsToken is set, so a corrected token is tried at once.
    syncNow: request,
    onBackgroundSyncRequested: () => request(),
    start,
    stop,
    refresh: recount,
    purgeExpired: async () => {
      try {
        const { keepSyncedDays } = await deps.settings();
        return await purgeWith(keepSyncedDays);
      } catch (e) {
        patch({ lastError: errorCodeOf(e) });
        return 0;
      }
    },
  };
};

/** The date a synced report leaves the device: its receipt time plus the retention days. */
export const purgeAfterOf = (receipt: Pick<Receipt, 'receivedAt'>, keepSyncedDays: number): number =>
  Date.parse(receipt.receivedAt) + Math.max(0, keepSyncedDays) * DAY_MS;
