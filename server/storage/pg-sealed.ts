// Sealed reports in the PostgreSQL engine: envelopes and routing fields only, keyed by (id, revision). A save is
// insert-or-select in one transaction, so two server processes on one database never store a revision twice and
// both answer with the first receipt; every officer read, review and export writes its audit row in the same one.

import { queueAlerts } from './pg-alerts.ts';
import { type Db, guardAll, type Sql, writeAudit } from './pg-db.ts';
import { envelopeOf, type InboxRow, inboxPageOf, parseCursor, RANK_SQL, type ReportRow, reviewOf } from './rows.ts';
import type { SealedReportStore } from './types.ts';

const WITH_REVIEWER = `SELECT r.*, o.name AS reviewer_name
  FROM reports r LEFT JOIN officers o ON o.id = r.reviewed_by`;

// The newest revision of each report; urgent first, then the newest arrival.
const INBOX_PAGE = `
  WITH latest AS (
    SELECT r.*, ${RANK_SQL} AS urgency_rank
    FROM reports r
    WHERE r.revision = (SELECT MAX(m.revision) FROM reports m WHERE m.id = r.id)
  )
  SELECT l.*, o.name AS reviewer_name, (SELECT COUNT(*) FROM reports c WHERE c.id = l.id) AS revisions
  FROM latest l LEFT JOIN officers o ON o.id = l.reviewed_by
  WHERE $1::int IS NULL OR l.urgency_rank > $1 OR (l.urgency_rank = $1 AND l.seq < $2::bigint)
  ORDER BY l.urgency_rank, l.seq DESC
  LIMIT $3`;

const revisionsOf = async (sql: Sql, id: string) =>
  (await sql.query<ReportRow>(`${WITH_REVIEWER} WHERE r.id = $1 ORDER BY r.revision DESC`, [id])).rows;

export const pgSealedStore = (db: Db): SealedReportStore =>
  guardAll<SealedReportStore>({
    saveSealed: (report, receivedAt, alertChannels = []) =>
      db.tx(async (sql) => {
        const key = await sql.query('SELECT 1 FROM encryption_keys WHERE kid = $1', [report.keyId]);
        if (!key.rowCount) return { kind: 'unknown-key' as const };
        // A concurrent insert of the same key makes this one wait for it, then do nothing; the select that follows
        // (a new snapshot under READ COMMITTED) sees the row it committed.
        const inserted = await sql.query(
          `INSERT INTO reports (id, revision, schema_version, key_id, device_id, created_at, submitted_at, received_at,
                                urgency, enc, ciphertext, body_hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (id, revision) DO NOTHING`,
          [
            report.id,
            report.revision,
            report.schemaVersion,
            report.keyId,
            report.deviceId,
            report.createdAt,
            report.submittedAt,
            receivedAt,
            report.urgency,
            report.enc,
            report.ciphertext,
            report.bodyHash,
          ],
        );
        if (inserted.rowCount === 1) {
          await queueAlerts(sql, report.id, report.revision, alertChannels, receivedAt);
          return { kind: 'created' as const, receivedAt };
        }
        const [existing] = (
          await sql.query<{ body_hash: string; received_at: string }>(
            'SELECT body_hash, received_at FROM reports WHERE id = $1 AND revision = $2',
            [report.id, report.revision],
          )
        ).rows;
        if (!existing) throw new Error('insert ignored but no row found');
        return existing.body_hash === report.bodyHash
          ? { kind: 'replayed' as const, receivedAt: existing.received_at }
          : { kind: 'conflict' as const };
      }),
    inbox: (options, reader) =>
      db.tx(async (sql) => {
        const after = parseCursor(options.cursor);
        const rows = (
          await sql.query<InboxRow>(INBOX_PAGE, [after?.rank ?? null, after?.seq ?? null, options.limit + 1])
        ).rows;
        await writeAudit(sql, reader.at, reader.officerId, 'inbox-read', null);
        return inboxPageOf(rows, options.limit);
      }),
    openSealed: (id, reader) =>
      db.tx(async (sql) => {
        const rows = await revisionsOf(sql, id);
        const newest = rows[0];
        if (!newest) return undefined;
        await writeAudit(sql, reader.at, reader.officerId, 'report-opened', id);
        return { id, ...reviewOf(newest), revisions: rows.map(envelopeOf) };
      }),
    markReviewed: (id, reader) =>
      db.tx(async (sql) => {
        const changed = await sql.query(
          'UPDATE reports SET reviewed_at = $1, reviewed_by = $2 WHERE id = $3 AND reviewed_at IS NULL',
          [reader.at, reader.officerId, id],
        );
        if ((changed.rowCount ?? 0) > 0) await writeAudit(sql, reader.at, reader.officerId, 'report-reviewed', id);
        const [newest] = await revisionsOf(sql, id);
        return newest ? { id, ...reviewOf(newest) } : undefined;
      }),
    recordExport: (ids, format, reader) =>
      db.tx(async (sql) => {
        const unique = [...new Set(ids)];
        const [known] = (
          await sql.query<{ n: number }>('SELECT COUNT(DISTINCT id) AS n FROM reports WHERE id = ANY($1::text[])', [
            unique,
          ])
        ).rows;
        if ((known?.n ?? 0) !== unique.length) return 'unknown' as const;
        await writeAudit(sql, reader.at, reader.officerId, 'reports-exported', null, { ids: unique, format });
        return 'recorded' as const;
      }),
    sealedCount: async () => (await db.rows<{ n: number }>('SELECT COUNT(*) AS n FROM reports'))[0]?.n ?? 0,
  });
