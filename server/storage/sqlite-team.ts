// More officers and the audit log's reading in the SQLite engine: invites (token hashes only), accepting one,
// confirming (grants), removing (sessions ended at once), and the audit log newest first. Each action and its audit
// row share one transaction; nothing here updates or deletes an audit row (the triggers would refuse it anyway).
import type Database from 'better-sqlite3';
import type { SealedGrant } from '../../src/domain/org-protocol.ts';
import {
  type AuditDbRow,
  type InviteRow,
  type OfficerRow,
  inviteState as stateOf,
  toAuditRow,
  toInvite,
  toOfficer,
} from './rows.ts';
import { auditWriter, guarded } from './sqlite-org.ts';
import type { AuditLogPage, InviteRecord, OfficerRecord, TeamStore } from './types.ts';

/** One self-contained schema step: invites, removed officers, sessions ended for a reason, and an audit index. */
export const TEAM_MIGRATION = `
  CREATE TABLE invites (
    token_hash  TEXT PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    invited_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    accepted_at TEXT
  );
  ALTER TABLE officers ADD COLUMN removed_at TEXT;
  ALTER TABLE sessions ADD COLUMN ended TEXT;
  CREATE INDEX audit_by_officer ON audit (officer_id, seq);
  CREATE INDEX audit_by_action ON audit (action, seq);
`;

export const sqliteTeamStore = (db: Database.Database): TeamStore => {
  const audit = auditWriter(db);
  const listOfficers = db.prepare<[], OfficerRow>(
    'SELECT * FROM officers WHERE removed_at IS NULL ORDER BY created_at, rowid',
  );
  const officerNames = db.prepare<[], { id: string; name: string }>('SELECT id, name FROM officers ORDER BY name');
  const liveOfficerByEmail = db.prepare<[string], { id: string }>(
    'SELECT id FROM officers WHERE email = ? AND removed_at IS NULL',
  );
  const officerById = db.prepare<[string], OfficerRow>('SELECT * FROM officers WHERE id = ? AND removed_at IS NULL');
  const confirmedCount = db.prepare<[], { n: number }>(
    'SELECT COUNT(*) AS n FROM officers WHERE confirmed = 1 AND removed_at IS NULL',
  );
  const insertInvite = db.prepare(
    `INSERT INTO invites (token_hash, id, name, email, invited_by, created_at, expires_at, accepted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
  );
  const inviteByHash = db.prepare<[string], InviteRow>('SELECT * FROM invites WHERE token_hash = ?');
  const openInvites = db.prepare<[string], InviteRow>(
    'SELECT * FROM invites WHERE accepted_at IS NULL AND expires_at > ? ORDER BY created_at DESC, rowid DESC',
  );
  const useInvite = db.prepare('UPDATE invites SET accepted_at = ? WHERE token_hash = ? AND accepted_at IS NULL');
  const insertOfficer = db.prepare(
    `INSERT INTO officers (id, name, email, kdf, auth_hash, public_key, wrapped_private_key, confirmed, created_at)
     VALUES (@id, @name, @email, @kdf, @authHash, @publicKey, @wrappedPrivateKey, 0, @createdAt)`,
  );
  const insertGrant = db.prepare('INSERT INTO grants (officer_id, kid, sealed) VALUES (?, ?, ?)');
  const confirm = db.prepare('UPDATE officers SET confirmed = 1 WHERE id = ? AND confirmed = 0 AND removed_at IS NULL');
  const keyIds = db.prepare<[], { kid: string }>('SELECT kid FROM encryption_keys');
  // The email is forgotten (the column is unique, and a removed officer may be invited again); the name stays so the
  // audit log can still say who did what.
  const markRemoved = db.prepare(
    `UPDATE officers SET removed_at = ?, confirmed = 0, email = id || '@removed.invalid'
     WHERE id = ? AND removed_at IS NULL`,
  );
  const deleteGrants = db.prepare('DELETE FROM grants WHERE officer_id = ?');
  const endSessions = db.prepare("UPDATE sessions SET ended = 'removed' WHERE officer_id = ?");

  const createInvite = db.transaction((invite: InviteRecord, tokenHash: string) => {
    if (liveOfficerByEmail.get(invite.email)) return 'email-taken' as const;
    insertInvite.run(
      tokenHash,
      invite.id,
      invite.name,
      invite.email,
      invite.invitedBy,
      invite.createdAt,
      invite.expiresAt,
    );
    audit(invite.createdAt, invite.invitedBy, 'officer-invited', invite.id);
    return 'created' as const;
  });

  const accept = db.transaction((tokenHash: string, o: OfficerRecord) => {
    const row = inviteByHash.get(tokenHash);
    if (!row) return 'unknown' as const;
    const state = stateOf(row, o.createdAt);
    if (state !== 'open') return state;
    if (liveOfficerByEmail.get(row.email)) return 'email-taken' as const;
    if (useInvite.run(o.createdAt, tokenHash).changes !== 1) return 'used' as const;
    insertOfficer.run({
      id: o.id,
      name: row.name,
      email: row.email,
      kdf: JSON.stringify(o.kdf),
      authHash: o.authHash,
      publicKey: o.keys.publicKey,
      wrappedPrivateKey: o.keys.wrappedPrivateKey,
      createdAt: o.createdAt,
    });
    audit(o.createdAt, o.id, 'invite-accepted', row.id);
    return 'accepted' as const;
  });

  const confirmOfficer = db.transaction((id: string, grants: SealedGrant[], by: string, at: string) => {
    const row = officerById.get(id);
    if (!row) return 'unknown' as const;
    // Checked here too, in the transaction: a key rotated in since the route looked must be granted as well.
    const granted = new Set(grants.map((g) => g.kid));
    if (!keyIds.all().every((k) => granted.has(k.kid))) return 'keys-changed' as const;
    if (confirm.run(id).changes !== 1) return 'already-confirmed' as const;
    deleteGrants.run(id);
    for (const grant of grants) insertGrant.run(id, grant.kid, grant.sealed);
    audit(at, by, 'officer-confirmed', id);
    return 'confirmed' as const;
  });

  const removeOfficer = db.transaction((id: string, by: string, at: string) => {
    if (id === by) return 'self' as const;
    const row = officerById.get(id);
    if (!row) return 'unknown' as const;
    // Stryker disable next-line OptionalChaining: COUNT(*) always answers one row
    if (row.confirmed === 1 && (confirmedCount.get()?.n ?? 0) <= 1) return 'last-confirmed' as const;
    markRemoved.run(at, id);
    deleteGrants.run(id);
    endSessions.run(id);
    audit(at, by, 'officer-removed', id);
    return 'removed' as const;
  });

  const auditPage = ({ officer, action, before, limit }: Parameters<TeamStore['auditPage']>[0]): AuditLogPage => {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (officer !== undefined) {
      where.push('officer_id = ?');
      params.push(officer);
    }
    if (action !== undefined) {
      where.push('action = ?');
      params.push(action);
    }
    if (before !== undefined) {
      where.push('seq < ?');
      params.push(before);
    }
    const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    // One row more than asked says whether there is a next page.
    const rows = db
      .prepare<(string | number)[], AuditDbRow>(sql)
      .all(...params, limit + 1)
      .map(toAuditRow);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return rows.length > limit && last ? { rows: page, nextBefore: last.seq } : { rows: page };
  };

  return {
    listOfficers: () => guarded(() => listOfficers.all().map(toOfficer)),
    officerNames: () => guarded(() => officerNames.all()),
    createInvite: (invite, tokenHash) => guarded(() => createInvite.immediate(invite, tokenHash)),
    openInvites: (at) => guarded(() => openInvites.all(at).map(toInvite)),
    inviteByTokenHash: (tokenHash, at) =>
      guarded(() => {
        const row = inviteByHash.get(tokenHash);
        return row && { state: stateOf(row, at), invite: toInvite(row) };
      }),
    acceptInvite: (tokenHash, officer) => guarded(() => accept.immediate(tokenHash, officer)),
    confirmOfficer: (id, grants, by, at) => guarded(() => confirmOfficer.immediate(id, grants, by, at)),
    removeOfficer: (id, by, at) => guarded(() => removeOfficer.immediate(id, by, at)),
    auditPage: (query) => guarded(() => auditPage(query)),
    recordAudit: (at, officerId, action, detail) => guarded(() => void audit(at, officerId, action, null, detail)),
  };
};
