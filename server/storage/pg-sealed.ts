// Sealed reports in the PostgreSQL engine: envelopes and routing fields only, keyed by (id, revision). A save is
// insert-or-select held by that key (one atomic insert, then a read of the row stored first), so two server processes
// on one database never store a revision twice and both answer with the first receipt; every officer read, review
// and export writes its audit row in the same transaction.

import { type Db, guardAll, type Sql, writeAudit } from './pg-db.ts';
import { envelopeOf, type InboxRow, inboxPageOf, parseCursor, RANK_SQL, type ReportRow, reviewOf } from './rows.ts';
import type { AlertChannel, NewSealedReport, SealedReportStore, SealedSaveOutcome } from './types.ts';

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

// Insert-or-nothing in one statement: the row only when the key id is the organisation's and the revision was never
// erased, and one alert per channel for a row it created (a replay queues none).
const SAVE = `
  WITH key AS (SELECT EXISTS (SELECT 1 FROM encryption_keys WHERE kid = $4) AS ok),
  erased AS (SELECT report_erased_at($1, $2) AS at),
  saved AS (
    INSERT INTO reports (id, revision, schema_version, key_id, device_id, created_at, submitted_at, received_at,
                         urgency, enc, ciphertext, body_hash)
    SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM key, erased WHERE key.ok AND erased.at IS NULL
    ON CONFLICT (id, revision) DO NOTHING
    RETURNING id, revision
  ),
  queued AS (
    INSERT INTO alerts (report_id, revision, channel, created_at, next_attempt_at)
    SELECT saved.id, saved.revision, channel, $8, $8 FROM saved, unnest($13::text[]) AS channel
    ON CONFLICT (report_id, revision, channel) DO NOTHING
  )
  SELECT key.ok AS key_ok, erased.at AS erased_at, (SELECT COUNT(*) FROM saved)::int AS created FROM key, erased`;

/** Insert-or-select of one revision, on the pool (its own transaction) or inside the caller's transaction. */
const saveOne = async (
  sql: Sql,
  report: NewSealedReport,
  receivedAt: string,
  alertChannels: readonly AlertChannel[],
): Promise<SealedSaveOutcome> => {
  // One statement, so atomic on its own: the key check, the erasure check, the insert and the alerts it queues. A
  // concurrent insert of the same (id, revision) makes it wait for that one to commit, then insert nothing.
  const [saved] = (
    await sql.query<{ key_ok: boolean; erased_at: string | null; created: number }>(SAVE, [
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
      alertChannels,
    ])
  ).rows;
  if (!saved?.key_ok) return { kind: 'unknown-key' };
  // Erased (or past retention) at this revision: the device lost its receipt; it gets one, nothing is stored.
  if (saved.erased_at) return { kind: 'replayed', receivedAt: saved.erased_at };
  if (saved.created === 1) return { kind: 'created', receivedAt };
  // Stored before (rows are never changed once stored; in a group, perhaps by this transaction): the first receipt,
  // or a conflict.
  const [existing] = (
    await sql.query<{ body_hash: string; received_at: string }>(
      'SELECT body_hash, received_at FROM reports WHERE id = $1 AND revision = $2',
      [report.id, report.revision],
    )
  ).rows;
  if (!existing) throw new Error('insert ignored but no row found');
  return existing.body_hash === report.bodyHash
    ? { kind: 'replayed', receivedAt: existing.received_at }
    : { kind: 'conflict' };
};

const revisionsOf = async (sql: Sql, id: string) =>
  (await sql.query<ReportRow>(`${WITH_REVIEWER} WHERE r.id = $1 ORDER BY r.revision DESC`, [id])).rows;

export const pgSealedStore = (db: Db): SealedReportStore =>
  guardAll<SealedReportStore>({
    saveSealed: (report, receivedAt, alertChannels = []) => saveOne(db, report, receivedAt, alertChannels),
    // One transaction, one commit. Saved in (id, revision) order so two groups sharing revisions never deadlock;
    // the outcomes come back in the order asked.
    saveSealedMany: (saves, alertChannels = []) =>
      db.tx(async (sql) => {
        const order = saves
          .map((save, index) => ({ save, index }))
          .sort((x, y) =>
            x.save.report.id === y.save.report.id
              ? x.save.report.revision - y.save.report.revision
              : x.save.report.id < y.save.report.id
                ? -1
                : 1,
          );
        const outcomes: SealedSaveOutcome[] = new Array(saves.length);
        for (const { save, index } of order)
          outcomes[index] = await saveOne(sql, save.report, save.receivedAt, alertChannels);
        return outcomes;
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
