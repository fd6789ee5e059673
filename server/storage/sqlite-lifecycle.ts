// Key rotation and the end of a report's life in the SQLite engine: a new encryption key with its grants, an
// officer's erasure of one report and the retention sweep. Each with its audit row in one transaction; deleted rows
// are zeroed in the file (secure_delete) and the WAL is checkpointed and emptied after, so no envelope stays behind.
import type Database from 'better-sqlite3';
import type { OrgEncryptionKey } from '../../src/domain/org-protocol.ts';
import { auditWriter, guarded } from './sqlite-org.ts';
import type { KeyRotationStore, Reader, RetentionStore, RotateOutcome, RotationGrant } from './types.ts';

/**
 * Schema version 7: the retention sweep finds reviewed reports by their review time, and each deleted report leaves
 * its id, newest revision and time (no content, no routing field), so a device resending a revision it never got
 * the receipt for is answered with a receipt instead of storing the report again.
 */
export const LIFECYCLE_MIGRATION = `
  CREATE INDEX reports_reviewed ON reports (reviewed_at) WHERE reviewed_at IS NOT NULL;
  CREATE TABLE erased_reports (
    id         TEXT    PRIMARY KEY,
    revision   INTEGER NOT NULL,
    erased_at  TEXT    NOT NULL
  );
`;

/** For the save of a sealed report: the erasure of this id at this revision or a later one, if any. */
export const erasedLookup = (db: Database.Database) => {
  const find = db.prepare<[string, number], { erased_at: string }>(
    'SELECT erased_at FROM erased_reports WHERE id = ? AND revision >= ?',
  );
  return (id: string, revision: number): string | undefined => find.get(id, revision)?.erased_at;
};

export const sqliteLifecycleStore = (db: Database.Database): KeyRotationStore & RetentionStore => {
  const audit = auditWriter(db);
  const confirmedOfficers = db.prepare<[], { id: string }>(
    'SELECT id FROM officers WHERE confirmed = 1 AND removed_at IS NULL',
  );
  const keys = db.prepare<[], { kid: string; created_at: string }>('SELECT kid, created_at FROM encryption_keys');
  const insertKey = db.prepare(
    'INSERT INTO encryption_keys (kid, public_key, created_at, signature) VALUES (?, ?, ?, ?)',
  );
  const insertGrant = db.prepare('INSERT INTO grants (officer_id, kid, sealed) VALUES (?, ?, ?)');
  const reportExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM reports WHERE id = ? LIMIT 1');
  // The report's alerts go with it (alerts.report_id ... ON DELETE CASCADE).
  const deleteRows = db.prepare('DELETE FROM reports WHERE id = ?');
  const remember = db.prepare(
    `INSERT INTO erased_reports (id, revision, erased_at)
     SELECT id, MAX(revision), ? FROM reports WHERE id = ? GROUP BY id
     ON CONFLICT (id) DO UPDATE SET revision = MAX(revision, excluded.revision), erased_at = excluded.erased_at`,
  );
  const deleteReport = (id: string, at: string) => {
    remember.run(at, id);
    deleteRows.run(id);
  };
  // Every revision reviewed, the last review before the cut-off: a revision still waiting keeps the whole report.
  const expired = db.prepare<{ before: string; limit: number }, { id: string }>(`
    SELECT DISTINCT r.id FROM reports r
    WHERE r.reviewed_at IS NOT NULL AND r.reviewed_at < @before
      AND NOT EXISTS (
        SELECT 1 FROM reports m WHERE m.id = r.id AND (m.reviewed_at IS NULL OR m.reviewed_at >= @before)
      )
    LIMIT @limit`);

  /** Copies the zeroed pages into the file and empties the WAL, which still holds the envelope's earlier frames. */
  const flushDeleted = () => {
    // Stryker disable next-line ConditionalExpression: a checkpoint of an in-memory database does nothing
    if (db.memory) return;
    db.pragma('wal_checkpoint(TRUNCATE)');
  };

  const rotate = db.transaction(
    (key: OrgEncryptionKey, grants: RotationGrant[], by: string, at: string): RotateOutcome => {
      const wanted = new Set(confirmedOfficers.all().map((o) => o.id));
      const named = new Set(grants.map((g) => g.officerId));
      const exact =
        named.size === grants.length && named.size === wanted.size && [...named].every((id) => wanted.has(id));
      if (!exact || grants.some((g) => g.kid !== key.kid)) return 'officers-changed';
      const createdAt = Date.parse(key.createdAt);
      if (keys.all().some((k) => k.kid === key.kid || Date.parse(k.created_at) >= createdAt)) return 'not-newest';
      insertKey.run(key.kid, key.publicKey, key.createdAt, key.signature);
      for (const grant of grants) insertGrant.run(grant.officerId, grant.kid, grant.sealed);
      audit(at, by, 'key-rotated', key.kid);
      return 'rotated';
    },
  );

  const erase = db.transaction((id: string, reader: Reader) => {
    if (!reportExists.get(id)) return 'unknown' as const;
    deleteReport(id, reader.at);
    audit(reader.at, reader.officerId, 'report-erased', id);
    return 'erased' as const;
  });

  const expire = db.transaction((before: string, at: string, limit: number): string[] => {
    const ids = expired.all({ before, limit }).map((row) => row.id);
    if (ids.length === 0) return ids;
    for (const id of ids) deleteReport(id, at);
    audit(at, null, 'reports-expired', null, { ids });
    return ids;
  });

  return {
    rotateKey: (key, grants, by, at) => guarded(() => rotate.immediate(key, grants, by, at)),
    eraseReport: (id, reader) =>
      guarded(() => {
        const outcome = erase.immediate(id, reader);
        // After an unknown id too: a checkpoint with nothing to copy is cheap, and one rule is simpler to check.
        flushDeleted();
        return outcome;
      }),
    expireReviewed: (before, at, limit) =>
      guarded(() => {
        const ids = expire.immediate(before, at, limit);
        // After every sweep, also one that deleted nothing: an hourly checkpoint is cheap.
        flushDeleted();
        return ids;
      }),
  };
};
