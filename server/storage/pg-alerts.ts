// Alerts to the safeguarding lead in the PostgreSQL engine: the `alerts` outbox (queued by the report's own save in
// pg-sealed.ts), and a claim that locks the row it leases (FOR UPDATE SKIP LOCKED), so several server processes on one
// database each deliver different alerts and none twice. Ids, times and delivery state only.
import { randomUUID } from 'node:crypto';
import type { Urgency } from '../../src/domain/sealed-protocol.ts';
import { type Db, guardAll } from './pg-db.ts';
import { type AlertDbRow, toAlertRow } from './rows.ts';
import type { AlertStore } from './types.ts';

const PENDING = 'a.delivered_at IS NULL AND a.gave_up_at IS NULL AND a.channel = ANY($1::text[])';

// One statement: the most overdue free alert is locked (rows another process is claiming right now are skipped, not
// waited for), leased, and returned with its report's routing fields.
const CLAIM = `
  WITH due AS (
    SELECT a.seq FROM alerts a
    WHERE ${PENDING} AND a.next_attempt_at <= $2 AND (a.claimed_until IS NULL OR a.claimed_until <= $2)
    ORDER BY a.next_attempt_at, a.seq LIMIT 1
    FOR UPDATE SKIP LOCKED
  ), leased AS (
    UPDATE alerts SET claimed_until = $3, claimed_by = $4 FROM due WHERE alerts.seq = due.seq RETURNING alerts.*
  )
  SELECT l.*, r.urgency, r.received_at FROM leased l
  JOIN reports r ON r.id = l.report_id AND r.revision = l.revision`;

export const pgAlertStore = (db: Db): AlertStore =>
  guardAll<AlertStore>({
    claimAlert: async (channels, now, leaseUntil) => {
      const claim = randomUUID();
      const [row] = await db.rows<AlertDbRow & { urgency: Urgency; received_at: string }>(CLAIM, [
        channels,
        now,
        leaseUntil,
        claim,
      ]);
      return row && { ...toAlertRow(row), claim, urgency: row.urgency, receivedAt: row.received_at };
    },
    finishAlert: async (alert, outcome) => {
      const result =
        outcome.kind === 'delivered'
          ? await db.query(
              `UPDATE alerts SET attempts = attempts + 1, delivered_at = $3, last_error = NULL, claimed_until = NULL,
                 claimed_by = NULL WHERE seq = $1 AND claimed_by = $2`,
              [alert.seq, alert.claim, outcome.at],
            )
          : await db.query(
              `UPDATE alerts SET attempts = attempts + 1, last_error = $3, next_attempt_at = $4, gave_up_at = $5,
                 claimed_until = NULL, claimed_by = NULL WHERE seq = $1 AND claimed_by = $2`,
              [
                alert.seq,
                alert.claim,
                outcome.error,
                outcome.nextAttemptAt,
                // Stryker disable next-line ConditionalExpression: a retry has no `at`, so it would be NULL (undefined) anyway
                outcome.kind === 'gave-up' ? outcome.at : null,
              ],
            );
      return result.rowCount === 1;
    },
    releaseAlert: async (alert) => {
      await db.query('UPDATE alerts SET claimed_until = NULL, claimed_by = NULL WHERE seq = $1 AND claimed_by = $2', [
        alert.seq,
        alert.claim,
      ]);
    },
    nextAlertAt: async (channels) => {
      // An aggregate: one row, its time NULL when nothing is pending.
      const rows = await db.rows<{ at: string | null }>(
        `SELECT MIN(GREATEST(a.next_attempt_at, COALESCE(a.claimed_until, ''))) AS at FROM alerts a WHERE ${PENDING}`,
        [channels],
      );
      return rows.map((row) => row.at ?? undefined)[0];
    },
    alerts: async () => (await db.rows<AlertDbRow>('SELECT * FROM alerts ORDER BY seq')).map(toAlertRow),
  });
