// Key rotation and the end of a report's life in the PostgreSQL engine: a new encryption key with its grants (under
// the team lock, so no officer is confirmed or removed meanwhile), an officer's erasure of one report and the
// retention sweep (each report under its advisory lock, so a save racing it finishes first or sees the erasure).
import type { OrgEncryptionKey } from '../../src/domain/org-protocol.ts';
import { type Db, guardAll, lockTeam, type Sql, writeAudit } from './pg-db.ts';
import { REPORT_LOCK_CLASS } from './pg-schema.ts';
import type { KeyRotationStore, RetentionStore, RotateOutcome, RotationGrant } from './types.ts';

/** Takes the report's lock for the rest of the transaction: saves of it wait, and then see what this did. */
const lockReport = async (sql: Sql, id: string): Promise<void> => {
  await sql.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [REPORT_LOCK_CLASS, id]);
};

/** Under the report's lock: deletes every revision (its alerts go with it), remembering its id and newest revision. */
const deleteReport = async (sql: Sql, id: string, at: string): Promise<boolean> => {
  const remembered = await sql.query(
    `INSERT INTO erased_reports (id, revision, erased_at)
     SELECT id, MAX(revision), $1 FROM reports WHERE id = $2 GROUP BY id
     ON CONFLICT (id) DO UPDATE
       SET revision = GREATEST(erased_reports.revision, excluded.revision), erased_at = excluded.erased_at`,
    [at, id],
  );
  if (!remembered.rowCount) return false;
  await sql.query('DELETE FROM reports WHERE id = $1', [id]);
  return true;
};

// Every revision reviewed, the last review before the cut-off: a revision still waiting keeps the whole report.
const EXPIRED = `
  SELECT DISTINCT r.id FROM reports r
  WHERE r.reviewed_at IS NOT NULL AND r.reviewed_at < $1
    AND NOT EXISTS (SELECT 1 FROM reports m WHERE m.id = r.id AND (m.reviewed_at IS NULL OR m.reviewed_at >= $1))`;

export const pgLifecycleStore = (db: Db): KeyRotationStore & RetentionStore =>
  guardAll<KeyRotationStore & RetentionStore>({
    rotateKey: (key: OrgEncryptionKey, grants: RotationGrant[], by: string, at: string) =>
      db.tx(async (sql): Promise<RotateOutcome> => {
        await lockTeam(sql);
        const wanted = new Set(
          (
            await sql.query<{ id: string }>('SELECT id FROM officers WHERE confirmed = 1 AND removed_at IS NULL')
          ).rows.map((o) => o.id),
        );
        const named = new Set(grants.map((g) => g.officerId));
        const exact =
          named.size === grants.length && named.size === wanted.size && [...named].every((id) => wanted.has(id));
        if (!exact || grants.some((g) => g.kid !== key.kid)) return 'officers-changed';
        const createdAt = Date.parse(key.createdAt);
        const keys = (
          await sql.query<{ kid: string; created_at: string }>('SELECT kid, created_at FROM encryption_keys')
        ).rows;
        if (keys.some((k) => k.kid === key.kid || Date.parse(k.created_at) >= createdAt)) return 'not-newest';
        await sql.query(
          'INSERT INTO encryption_keys (kid, public_key, created_at, signature) VALUES ($1, $2, $3, $4)',
          [key.kid, key.publicKey, key.createdAt, key.signature],
        );
        for (const grant of grants)
          await sql.query('INSERT INTO grants (officer_id, kid, sealed) VALUES ($1, $2, $3)', [
            grant.officerId,
            grant.kid,
            grant.sealed,
          ]);
        await writeAudit(sql, at, by, 'key-rotated', key.kid);
        return 'rotated';
      }),
    eraseReport: (id, reader) =>
      db.tx(async (sql) => {
        await lockReport(sql, id);
        if (!(await deleteReport(sql, id, reader.at))) return 'unknown' as const;
        await writeAudit(sql, reader.at, reader.officerId, 'report-erased', id);
        return 'erased' as const;
      }),
    expireReviewed: (before, at, limit) =>
      db.tx(async (sql) => {
        const ids = (await sql.query<{ id: string }>(`${EXPIRED} ORDER BY r.id LIMIT $2`, [before, limit])).rows.map(
          (row) => row.id,
        );
        const deleted: string[] = [];
        for (const id of ids) {
          // Asked again under the lock: a revision that arrived since the first look keeps the report.
          await lockReport(sql, id);
          const still = await sql.query(`${EXPIRED} AND r.id = $2`, [before, id]);
          if (still.rowCount && (await deleteReport(sql, id, at))) deleted.push(id);
        }
        if (deleted.length > 0) await writeAudit(sql, at, null, 'reports-expired', null, { ids: deleted });
        return deleted;
      }),
  });
