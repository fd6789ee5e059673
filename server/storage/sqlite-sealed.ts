// Sealed reports in the SQLite engine: envelopes and routing fields only, keyed by (id, revision) so a replay stores
// nothing twice, and every officer read, review and export with its audit row in the same transaction. Never holds a
// key that opens an envelope, so it has no plaintext to lose.
import type Database from 'better-sqlite3';
import { envelopeOf, type InboxRow, inboxPageOf, parseCursor, RANK_SQL, type ReportRow, reviewOf } from './rows.ts';
import { alertWriter } from './sqlite-alerts.ts';
import { erasedLookup } from './sqlite-lifecycle.ts';
import { auditWriter, guarded } from './sqlite-org.ts';
import type {
  AlertChannel,
  InboxPage,
  NewSealedReport,
  Reader,
  SealedReportStore,
  SealedSave,
  SealedSaveOutcome,
} from './types.ts';

/** Schema version 3: the sealed reports, and a detail column on the audit log (ids of an export). */
export const SEALED_MIGRATION = `
  CREATE TABLE reports (
    id             TEXT    NOT NULL,
    revision       INTEGER NOT NULL CHECK (revision >= 1),
    schema_version INTEGER NOT NULL,
    key_id         TEXT    NOT NULL,
    device_id      TEXT    NOT NULL,
    created_at     TEXT    NOT NULL,
    submitted_at   TEXT    NOT NULL,
    received_at    TEXT    NOT NULL,
    urgency        TEXT    NOT NULL CHECK (urgency IN ('immediate', 'soon', 'routine')),
    enc            TEXT    NOT NULL,
    ciphertext     TEXT    NOT NULL,
    body_hash      TEXT    NOT NULL,
    reviewed_at    TEXT,
    reviewed_by    TEXT,
    PRIMARY KEY (id, revision)
  );
  ALTER TABLE audit ADD COLUMN detail TEXT;
`;

export const sqliteSealedStore = (db: Database.Database): SealedReportStore => {
  const audit = auditWriter(db);
  const queueAlerts = alertWriter(db);
  const erasedAt = erasedLookup(db);
  const keyExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM encryption_keys WHERE kid = ?');
  const insert = db.prepare(
    `INSERT INTO reports (id, revision, schema_version, key_id, device_id, created_at, submitted_at, received_at,
                          urgency, enc, ciphertext, body_hash)
     VALUES (@id, @revision, @schemaVersion, @keyId, @deviceId, @createdAt, @submittedAt, @receivedAt,
             @urgency, @enc, @ciphertext, @bodyHash)
     ON CONFLICT (id, revision) DO NOTHING`,
  );
  const findOne = db.prepare<[string, number], { body_hash: string; received_at: string }>(
    'SELECT body_hash, received_at FROM reports WHERE id = ? AND revision = ?',
  );
  const withReviewer = `SELECT r.rowid AS seq, r.*, o.name AS reviewer_name
    FROM reports r LEFT JOIN officers o ON o.id = r.reviewed_by`;
  const byId = db.prepare<[string], ReportRow>(`${withReviewer} WHERE r.id = ? ORDER BY r.revision DESC`);
  // The newest revision of each report; urgent first, then the newest arrival.
  const inboxPage = db.prepare<{ rank: number | null; seq: number | null; limit: number }, InboxRow>(`
    WITH latest AS (
      SELECT r.rowid AS seq, r.*, ${RANK_SQL} AS urgency_rank
      FROM reports r
      WHERE r.revision = (SELECT MAX(m.revision) FROM reports m WHERE m.id = r.id)
    )
    SELECT l.*, o.name AS reviewer_name, (SELECT COUNT(*) FROM reports c WHERE c.id = l.id) AS revisions
    FROM latest l LEFT JOIN officers o ON o.id = l.reviewed_by
    WHERE @rank IS NULL OR l.urgency_rank > @rank OR (l.urgency_rank = @rank AND l.seq < @seq)
    ORDER BY l.urgency_rank, l.seq DESC
    LIMIT @limit`);
  const review = db.prepare('UPDATE reports SET reviewed_at = ?, reviewed_by = ? WHERE id = ? AND reviewed_at IS NULL');
  const countKnown = db.prepare<[string], { n: number }>(
    'SELECT COUNT(DISTINCT id) AS n FROM reports WHERE id IN (SELECT value FROM json_each(?))',
  );
  const countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM reports');

  /** Insert-or-select of one revision; runs inside the caller's transaction. */
  const saveOne = (
    report: NewSealedReport,
    receivedAt: string,
    alertChannels: readonly AlertChannel[],
  ): SealedSaveOutcome => {
    if (!keyExists.get(report.keyId)) return { kind: 'unknown-key' };
    // Erased (or past retention) at this revision: the device lost its receipt; it gets one, nothing is stored.
    const erased = erasedAt(report.id, report.revision);
    if (erased) return { kind: 'replayed', receivedAt: erased };
    if (insert.run({ ...report, receivedAt }).changes === 1) {
      queueAlerts(report.id, report.revision, alertChannels, receivedAt);
      return { kind: 'created', receivedAt };
    }
    const existing = findOne.get(report.id, report.revision);
    // Stryker disable next-line ConditionalExpression,StringLiteral: the insert was ignored for this very row in this transaction
    if (!existing) throw new Error('insert ignored but no row found');
    return existing.body_hash === report.bodyHash
      ? { kind: 'replayed', receivedAt: existing.received_at }
      : { kind: 'conflict' };
  };
  const save = db.transaction(saveOne);
  // One transaction for the group: one commit (one fsync in WAL with synchronous=FULL) however many saves it holds.
  const saveMany = db.transaction((saves: readonly SealedSave[], alertChannels: readonly AlertChannel[]) =>
    saves.map(({ report, receivedAt }) => saveOne(report, receivedAt, alertChannels)),
  );

  const inbox = db.transaction((options: { limit: number; cursor?: string }, reader: Reader): InboxPage => {
    const after = parseCursor(options.cursor);
    // One more than asked tells whether another page exists.
    const rows = inboxPage.all({ rank: after?.rank ?? null, seq: after?.seq ?? null, limit: options.limit + 1 });
    audit(reader.at, reader.officerId, 'inbox-read', null);
    return inboxPageOf(rows, options.limit);
  });

  const open = db.transaction((id: string, reader: Reader) => {
    const rows = byId.all(id);
    const newest = rows[0];
    if (!newest) return undefined;
    audit(reader.at, reader.officerId, 'report-opened', id);
    return { id, ...reviewOf(newest), revisions: rows.map(envelopeOf) };
  });

  const markReviewed = db.transaction((id: string, reader: Reader) => {
    if (review.run(reader.at, reader.officerId, id).changes > 0) {
      audit(reader.at, reader.officerId, 'report-reviewed', id);
    }
    const newest = byId.get(id);
    return newest ? { id, ...reviewOf(newest) } : undefined;
  });

  const recordExport = db.transaction((ids: string[], format: 'csv' | 'json', reader: Reader) => {
    const unique = [...new Set(ids)];
    // Stryker disable next-line OptionalChaining: COUNT always answers one row
    if ((countKnown.get(JSON.stringify(unique))?.n ?? 0) !== unique.length) return 'unknown' as const;
    audit(reader.at, reader.officerId, 'reports-exported', null, { ids: unique, format });
    return 'recorded' as const;
  });

  return {
    saveSealed: (report, receivedAt, alertChannels = []) =>
      guarded(() => save.immediate(report, receivedAt, alertChannels)),
    saveSealedMany: (saves, alertChannels = []) => guarded(() => saveMany.immediate(saves, alertChannels)),
    inbox: (options, reader) => guarded(() => inbox.immediate(options, reader)),
    openSealed: (id, reader) => guarded(() => open.immediate(id, reader)),
    markReviewed: (id, reader) => guarded(() => markReviewed.immediate(id, reader)),
    recordExport: (ids, format, reader) => guarded(() => recordExport.immediate(ids, format, reader)),
    // Stryker disable next-line OptionalChaining: COUNT(*) always answers one row
    sealedCount: () => guarded(() => countAll.get()?.n ?? 0),
  };
};
