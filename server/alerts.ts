// The alert worker: delivers the alerts queued in the database (the transactional outbox) by webhook and email, one
// lease at a time, retrying with capped exponential backoff and jitter and giving up after days with one plain log
// line. Never reads a report's content (the server has none), and never reads the environment (main.ts does).
import type { Urgency } from '../src/domain/sealed-protocol.ts';
import { type AlertSender, emailSender, webhookSender } from './alert-senders.ts';
import type { AlertChannel, AlertStore, ClaimedAlert } from './storage/types.ts';
import type { Clock } from './throttle.ts';

/** How long one delivery may take before it counts as failed (a receiver that hangs). */
export const ALERT_TIMEOUT_MS = 10_000;
/** The first retry's delay; each failure doubles it, up to the cap. */
export const ALERT_FIRST_RETRY_MS = 5_000;
export const ALERT_MAX_RETRY_MS = 60 * 60_000;
/** After this long undelivered, an alert is given up (and a line logged). */
export const ALERT_GIVE_UP_MS = 3 * 24 * 60 * 60_000;
/** A lease outlives the delivery timeout, so a live process keeps its claim; a crashed one's lease ends. */
export const ALERT_LEASE_MS = ALERT_TIMEOUT_MS + 60_000;
/** Alerts queued by another process on the same database are seen within this. */
export const ALERT_POLL_MS = 60_000;

/** setTimeout and clearTimeout; tests inject ones driven by their own clock. */
export type Timers = {
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

export type AlertOptions = {
  /** POST the signed JSON here; the secret signs it. */
  webhook?: { url: string; secret: string };
  /** Mail the alert through this SMTP server (an smtp:// or smtps:// URL) to `to`, from `from` (default `to`). */
  email?: { smtpUrl: string; to: string; from?: string };
  /** The officer's inbox, sent in every alert. */
  inboxUrl: string;
  /** false: alerts are queued but this process delivers none (a test's crash between receipt and alert). */
  deliver?: boolean;
  timers?: Timers;
  /** In [0, 1): the jitter of retry delays (default Math.random). */
  random?: () => number;
  /** Where a given-up alert is told (default console.warn); one plain line, no content. */
  log?: (line: string) => void;
};

export type AlertWorker = {
  /** The channels configured: a new report queues one alert for each. */
  channels: readonly AlertChannel[];
  /** Delivers whatever is due now (after a new report); returns at once. */
  kick: () => void;
  /** Resolves when no delivery pass is running (tests). */
  settled: () => Promise<void>;
  /** Stops delivering: aborts what is in flight, gives its lease back, and resolves when the pass has ended. */
  stop: () => Promise<void>;
};

/** Capped exponential backoff with jitter: between half and all of min(cap, first * 2^(attempts-1)). */
export const retryDelayMs = (attempts: number, random: () => number): number => {
  const ceiling = Math.min(ALERT_MAX_RETRY_MS, ALERT_FIRST_RETRY_MS * 2 ** Math.min(30, Math.max(0, attempts - 1)));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
};

const REAL_TIMERS: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const describe = (alert: ClaimedAlert) =>
  `the ${alert.channel} alert for report ${alert.reportId} revision ${alert.revision} (received ${alert.receivedAt})`;

export const startAlertWorker = (store: AlertStore, clock: Clock, options: AlertOptions): AlertWorker => {
  const timers = options.timers ?? REAL_TIMERS;
  const random = options.random ?? Math.random;
  const log = options.log ?? ((line: string) => console.warn(line));
  const timeoutS = ALERT_TIMEOUT_MS / 1000;
  const senders: Partial<Record<AlertChannel, AlertSender>> = {};
  if (options.webhook) senders.webhook = webhookSender(options.webhook.url, options.webhook.secret, timeoutS);
  if (options.email) {
    const { smtpUrl, to, from } = options.email;
    senders.email = emailSender(smtpUrl, to, from ?? to, timeoutS);
  }
  const channels = Object.keys(senders) as AlertChannel[];

  let stopped = options.deliver === false || channels.length === 0;
  let running: Promise<void> | undefined;
  // Stryker disable next-line BooleanLiteral: the first kick, below, sets it before anything reads it.
  let again = false;
  let wake: unknown;
  const inFlight = new Set<AbortController>();

  const schedule = async () => {
    const next = await store.nextAlertAt(channels).catch(() => undefined);
    if (stopped) return;
    const untilNext = next === undefined ? ALERT_POLL_MS : Date.parse(next) - clock().getTime();
    wake = timers.setTimeout(kick, Math.max(0, Math.min(ALERT_POLL_MS, untilNext)));
  };

  const deliver = async (alert: ClaimedAlert, send: AlertSender) => {
    const controller = new AbortController();
    inFlight.add(controller);
    const timeout = timers.setTimeout(() => controller.abort(), ALERT_TIMEOUT_MS);
    const message = {
      id: alert.reportId,
      revision: alert.revision,
      urgency: alert.urgency as Urgency,
      receivedAt: alert.receivedAt,
      inboxUrl: options.inboxUrl,
    };
    let error: string | undefined;
    try {
      await send(message, controller.signal, Math.floor(clock().getTime() / 1000));
    } catch (failure) {
      error = (failure as Error).message;
    } finally {
      timers.clearTimeout(timeout);
      inFlight.delete(controller);
    }
    const now = clock();
    // Delivered counts even when a stop came meanwhile: the receiver has it, and a restart must not send it again.
    if (error === undefined) return void (await store.finishAlert(alert, { kind: 'delivered', at: now.toISOString() }));
    if (stopped) return store.releaseAlert(alert);
    const attempts = alert.attempts + 1;
    const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts, random)).toISOString();
    if (now.getTime() - Date.parse(alert.createdAt) >= ALERT_GIVE_UP_MS) {
      if (await store.finishAlert(alert, { kind: 'gave-up', error, at: now.toISOString(), nextAttemptAt })) {
        log(`SafeVisit gave up ${describe(alert)} after ${attempts} attempts: ${error}`);
      }
      return;
    }
    // Stryker disable next-line StringLiteral: the store records any outcome but delivered and gave-up as a retry.
    await store.finishAlert(alert, { kind: 'retry', error, nextAttemptAt });
  };

  const pass = async () => {
    for (;;) {
      if (stopped) return;
      const now = clock();
      const leaseUntil = new Date(now.getTime() + ALERT_LEASE_MS).toISOString();
      const alert = await store.claimAlert(channels, now.toISOString(), leaseUntil);
      if (!alert) break;
      const send = senders[alert.channel];
      // Stryker disable next-line ConditionalExpression: claimAlert returns only the channels asked for, each with a sender.
      if (send) await deliver(alert, send);
    }
    await schedule();
  };

  // A kick after stop runs a pass that ends at its first `stopped` check.
  function kick(): void {
    if (running) {
      again = true;
      return;
    }
    again = false;
    timers.clearTimeout(wake);
    running = pass()
      .catch(() => {
        // The database is busy or closed: try again at the next poll.
        if (!stopped) wake = timers.setTimeout(kick, ALERT_POLL_MS);
      })
      .finally(() => {
        running = undefined;
        // A report that arrived during the pass may have been queued after its last claim.
        if (again) kick();
      });
  }

  kick();
  return {
    channels,
    kick,
    settled: async () => {
      while (running) await running;
    },
    stop: async () => {
      stopped = true;
      timers.clearTimeout(wake);
      for (const controller of inFlight) controller.abort();
      while (running) await running;
    },
  };
};
