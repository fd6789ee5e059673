// Sealed reports in the PostgreSQL engine: envelopes and routing fields only, keyed by (id, revision). A save is
// insert-or-select held by that key (a whole group commit in one statement: the row stored before, or an atomic insert
// that waits for a concurrent one), so two server processes on one database never store a revision twice and both
// answer with the first receipt; every officer read, review and export writes its audit row in the same transaction.

import { type Db, guardAll, type Sql, writeAudit } from './pg-db.ts';
import { envelopeOf, type InboxRow, inboxPageOf, parseCursor, RANK_SQL, type ReportRow, reviewOf } from './rows.ts';
import type { AlertChannel, SealedReportStore, SealedSave, SealedSaveOutcome } from './types.ts';

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

// A group's insert-or-select in ONE statement (a prepared one: parsed and planned once per connection): each revision
// with its key check, its erasure check (report_erased_at, under the report's shared advisory lock), the row stored
// before it if the statement's snapshot holds one, and an insert of the new ones with their alerts. Rows are inserted
// in (id, revision) order, so two processes' groups sharing revisions never deadlock. A group of replays writes
// nothing, so its commit waits for no disk.
const SAVE_GROUP = {
  name: 'safevisit-save-sealed-group',
  text: `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],
                         $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
      WITH ORDINALITY AS i(id, revision, schema_version, key_id, device_id, created_at, submitted_at, received_at,
                           urgency, enc, ciphertext, body_hash, n)
  ),
  checked AS MATERIALIZED (
    SELECT i.*, EXISTS (SELECT 1 FROM encryption_keys k WHERE k.kid = i.key_id) AS key_ok,
           report_erased_at(i.id, i.revision) AS erased_at,
           r.body_hash AS stored_hash, r.received_at AS stored_at
    FROM input i LEFT JOIN reports r ON r.id = i.id AND r.revision = i.revision
  ),
  saved AS (
    INSERT INTO reports (id, revision, schema_version, key_id, device_id, created_at, submitted_at, received_at,
                         urgency, enc, ciphertext, body_hash)
    SELECT id, revision, schema_version, key_id, device_id, created_at, submitted_at, received_at,
           urgency, enc, ciphertext, body_hash
    FROM checked WHERE key_ok AND erased_at IS NULL AND stored_hash IS NULL
    ORDER BY id, revision
    ON CONFLICT (id, revision) DO NOTHING
    RETURNING id, revision, received_at
  ),
  queued AS (
    INSERT INTO alerts (report_id, revision, channel, created_at, next_attempt_at)
    SELECT saved.id, saved.revision, channel, saved.received_at, saved.received_at
    FROM saved, unnest($13::text[]) AS channel
    ON CONFLICT (report_id, revision, channel) DO NOTHING
  )
  SELECT c.n::int AS n, c.key_ok, c.erased_at, c.stored_hash, c.stored_at, s.id IS NOT NULL AS created
  FROM checked c LEFT JOIN saved s ON s.id = c.id AND s.revision = c.revision
  ORDER BY c.n`,
};

type SaveRow = {
  n: number;
  key_ok: boolean;
  erased_at: string | null;
  stored_hash: string | null;
  stored_at: string | null;
  created: boolean;
};

/**
 * One statement over saves of distinct revisions: the outcome of each, or undefined for a revision another process
 * stored at the same moment (the insert waited for it and stored nothing, and this statement's snapshot predates it):
 * the caller asks again, in a statement that sees it.
 */
const saveDistinct = async (
  sql: Sql,
  saves: readonly SealedSave[],
  alertChannels: readonly AlertChannel[],
): Promise<(SealedSaveOutcome | undefined)[]> => {
  const column = <T>(pick: (save: SealedSave) => T) => saves.map(pick);
  const { rows } = await sql.query<SaveRow>({
    ...SAVE_GROUP,
    values: [
      column((s) => s.report.id),
      column((s) => s.report.revision),
      column((s) => s.report.schemaVersion),
      column((s) => s.report.keyId),
      column((s) => s.report.deviceId),
      column((s) => s.report.createdAt),
      column((s) => s.report.submittedAt),
      column((s) => s.receivedAt),
      column((s) => s.report.urgency),
      column((s) => s.report.enc),
      column((s) => s.report.ciphertext),
      column((s) => s.report.bodyHash),
      alertChannels,
    ],
  });
  // One row per save, in the order asked.
  return rows.map((row) => {
    const save = saves[row.n - 1] as SealedSave;
    return !row.key_ok
      ? { kind: 'unknown-key' }
      : // Erased (or past retention) at this revision: the device lost its receipt; it gets one, nothing is stored.
        row.erased_at
        ? { kind: 'replayed', receivedAt: row.erased_at }
        : row.created
          ? { kind: 'created', receivedAt: save.receivedAt }
          : // Stored before (rows never change once stored): the first receipt, or a conflict.
            row.stored_hash !== null
            ? row.stored_hash === save.report.bodyHash
              ? { kind: 'replayed', receivedAt: row.stored_at as string }
              : { kind: 'conflict' }
            : undefined;
  });
};

/** How many statements a group may take before giving up (503; the devices retry): each settles at least one save. */
const MAX_ROUNDS = 8;

/**
 * Saves a group as rounds of saveDistinct: each round takes the first unsettled save of each revision, so a revision
 * sent twice in one group is answered the second time by the row the first stored, as one save after another would.
 */
const saveRounds = async (
  sql: Sql,
  saves: readonly SealedSave[],
  alertChannels: readonly AlertChannel[],
  outcomes: (SealedSaveOutcome | undefined)[] = [],
): Promise<SealedSaveOutcome[]> => {
  for (let round = 1; ; round++) {
    const taken = new Map<string, number>();
    saves.forEach((save, index) => {
      const key = `${save.report.revision}:${save.report.id}`;
      if (outcomes[index] === undefined && !taken.has(key)) taken.set(key, index);
    });
    if (taken.size === 0) return outcomes as SealedSaveOutcome[];
    if (round > MAX_ROUNDS) throw new Error('a group of saves did not settle');
    const indexes = [...taken.values()];
    const settled = await saveDistinct(
      sql,
      indexes.map((index) => saves[index] as SealedSave),
      alertChannels,
    );
    indexes.forEach((index, at) => {
      outcomes[index] = settled[at];
    });
  }
};

/** True when some revision appears twice in the group. */
const repeats = (saves: readonly SealedSave[]) =>
  new Set(saves.map((s) => `${s.report.revision}:${s.report.id}`)).size < saves.length;

const revisionsOf = async (sql: Sql, id: string) =>
  (await sql.query<ReportRow>(`${WITH_REVIEWER} WHERE r.id = $1 ORDER BY r.revision DESC`, [id])).rows;

export const pgSealedStore = (db: Db): SealedReportStore => {
  /**
   * A group of distinct revisions is one statement, committed on its own (one round trip, one commit). A group that
   * repeats a revision, or a revision another process was storing at the same moment, takes further statements: in
   * one transaction when the group repeats one (all or nothing); for the rare race, each statement is atomic.
   */
  const saveGroup = async (
    saves: readonly SealedSave[],
    alertChannels: readonly AlertChannel[],
  ): Promise<SealedSaveOutcome[]> => {
    if (saves.length === 0) return [];
    if (repeats(saves)) return db.tx((sql) => saveRounds(sql, saves, alertChannels));
    const first = await saveDistinct(db, saves, alertChannels);
    return first.includes(undefined) ? saveRounds(db, saves, alertChannels, first) : (first as SealedSaveOutcome[]);
  };

  return guardAll<SealedReportStore>({
    saveSealed: async (report, receivedAt, alertChannels = []) =>
      (await saveGroup([{ report, receivedAt }], alertChannels))[0] as SealedSaveOutcome,
    saveSealedMany: (saves, alertChannels = []) => saveGroup(saves, alertChannels),
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
        const { n: known } = (
          await sql.query<{ n: number }>('SELECT COUNT(DISTINCT id) AS n FROM reports WHERE id = ANY($1::text[])', [
            unique,
          ])
        ).rows[0] as { n: number };
        if (known !== unique.length) return 'unknown' as const;
        await writeAudit(sql, reader.at, reader.officerId, 'reports-exported', null, { ids: unique, format });
        return 'recorded' as const;
      }),
    sealedCount: async () =>
      ((await db.rows<{ n: number }>('SELECT COUNT(*) AS n FROM reports'))[0] as { n: number }).n,
  });
};
