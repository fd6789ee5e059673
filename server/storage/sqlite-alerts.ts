// Alerts to the safeguarding lead in the SQLite engine: the `alerts` table (the transactional outbox), written in the
// report's own transaction, and the atomic claim that lets several server processes on one file deliver each once.
// Holds ids, times and delivery state only: never a report's content, key id or device.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Urgency } from '../../src/domain/sealed-protocol.ts';
import { type AlertDbRow as Row, toAlertRow as rowOf } from './rows.ts';
import { guarded } from './sqlite-org.ts';
import type { AlertChannel, AlertOutcome, AlertStore, ClaimedAlert } from './types.ts';

/**
 * One self-contained schema step: one row per (report revision, channel). `claimed_until` is the lease of the process
 * delivering it (and `claimed_by` that process's claim), so another process leaves it alone until the lease ends.
 */
export const ALERTS_MIGRATION = `
  CREATE TABLE alerts (
    seq             INTEGER PRIMARY KEY,
    report_id       TEXT    NOT NULL,
    revision        INTEGER NOT NULL,
    channel         TEXT    NOT NULL CHECK (channel IN ('webhook', 'email')),
    created_at      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    claimed_until   TEXT,
    claimed_by      TEXT,
    last_error      TEXT,
    delivered_at    TEXT,
    gave_up_at      TEXT,
    UNIQUE (report_id, revision, channel),
    FOREIGN KEY (report_id, revision) REFERENCES reports (id, revision) ON DELETE CASCADE
  );
  CREATE INDEX alerts_due ON alerts (next_attempt_at) WHERE delivered_at IS NULL AND gave_up_at IS NULL;
`;

/** Queues one alert per channel for a revision just stored; call it inside the transaction that stored it. */
export const alertWriter = (db: Database.Database) => {
  const insert = db.prepare(
    `INSERT INTO alerts (report_id, revision, channel, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (report_id, revision, channel) DO NOTHING`,
  );
  return (reportId: string, revision: number, channels: readonly AlertChannel[], at: string): void => {
    for (const channel of channels) insert.run(reportId, revision, channel, at, at);
  };
};

const PENDING =
  'a.delivered_at IS NULL AND a.gave_up_at IS NULL AND a.channel IN (SELECT value FROM json_each(@channels))';

export const sqliteAlertStore = (db: Database.Database): AlertStore => {
  const nextDue = db.prepare<{ channels: string; now: string }, { seq: number }>(
    `SELECT a.seq FROM alerts a
     WHERE ${PENDING} AND a.next_attempt_at <= @now AND (a.claimed_until IS NULL OR a.claimed_until <= @now)
     ORDER BY a.next_attempt_at, a.seq LIMIT 1`,
  );
  const claim = db.prepare('UPDATE alerts SET claimed_until = ?, claimed_by = ? WHERE seq = ?');
  const claimed = db.prepare<[number], Row & { urgency: Urgency; received_at: string }>(
    `SELECT a.*, r.urgency, r.received_at FROM alerts a
     JOIN reports r ON r.id = a.report_id AND r.revision = a.revision WHERE a.seq = ?`,
  );
  const delivered = db.prepare(
    `UPDATE alerts SET attempts = attempts + 1, delivered_at = @at, last_error = NULL, claimed_until = NULL,
       claimed_by = NULL WHERE seq = @seq AND claimed_by = @claim`,
  );
  const failed = db.prepare(
    `UPDATE alerts SET attempts = attempts + 1, last_error = @error, next_attempt_at = @nextAttemptAt,
       gave_up_at = @gaveUpAt, claimed_until = NULL, claimed_by = NULL WHERE seq = @seq AND claimed_by = @claim`,
  );
  const release = db.prepare(
    'UPDATE alerts SET claimed_until = NULL, claimed_by = NULL WHERE seq = ? AND claimed_by = ?',
  );
  const wake = db.prepare<{ channels: string }, { at: string | null }>(
    `SELECT MIN(MAX(a.next_attempt_at, COALESCE(a.claimed_until, ''))) AS at FROM alerts a WHERE ${PENDING}`,
  );
  const all = db.prepare<[], Row>('SELECT * FROM alerts ORDER BY seq');

  // Find and lease in one write transaction: a second process waits for the lock, then sees the lease.
  const claimDue = db.transaction(
    (channels: readonly AlertChannel[], now: string, leaseUntil: string): ClaimedAlert | undefined => {
      const due = nextDue.get({ channels: JSON.stringify(channels), now });
      if (!due) return undefined;
      const claimId = randomUUID();
      claim.run(leaseUntil, claimId, due.seq);
      const row = claimed.get(due.seq);
      // Stryker disable next-line ConditionalExpression: the row was just leased in this transaction, so it is there
      if (!row) return undefined;
      return { ...rowOf(row), claim: claimId, urgency: row.urgency, receivedAt: row.received_at };
    },
  );

  return {
    claimAlert: (channels, now, leaseUntil) => guarded(() => claimDue.immediate(channels, now, leaseUntil)),
    finishAlert: (alert, outcome: AlertOutcome) =>
      guarded(() => {
        const key = { seq: alert.seq, claim: alert.claim };
        const changes =
          outcome.kind === 'delivered'
            ? delivered.run({ ...key, at: outcome.at }).changes
            : failed.run({
                ...key,
                error: outcome.error,
                nextAttemptAt: outcome.nextAttemptAt,
                gaveUpAt: outcome.kind === 'gave-up' ? outcome.at : null,
              }).changes;
        return changes === 1;
      }),
    releaseAlert: (alert) => guarded(() => void release.run(alert.seq, alert.claim)),
    // Stryker disable next-line OptionalChaining: an aggregate (MIN) always answers one row
    nextAlertAt: (channels) => guarded(() => wake.get({ channels: JSON.stringify(channels) })?.at ?? undefined),
    alerts: () => guarded(() => all.all().map(rowOf)),
  };
};
