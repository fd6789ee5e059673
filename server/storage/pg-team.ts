// More officers and the audit log's reading in the PostgreSQL engine: invites (token hashes only), accepting one,
// confirming (grants), removing (sessions ended at once), and the audit log newest first. The checked writes take the
// team lock (pg-db.ts) so two server processes decide them one at a time; nothing here changes an audit row.
import { type Db, guardAll, lockTeam, writeAudit } from './pg-db.ts';
import {
  type AuditDbRow,
  type InviteRow,
  inviteState,
  type OfficerRow,
  toAuditRow,
  toInvite,
  toOfficer,
} from './rows.ts';
import type { AuditLogPage, TeamStore } from './types.ts';

export const pgTeamStore = (db: Db): TeamStore =>
  guardAll<TeamStore>({
    listOfficers: async () =>
      (await db.rows<OfficerRow>('SELECT * FROM officers WHERE removed_at IS NULL ORDER BY created_at, seq')).map(
        toOfficer,
      ),
    officerNames: () => db.rows<{ id: string; name: string }>('SELECT id, name FROM officers ORDER BY name, id'),
    createInvite: (invite, tokenHash) =>
      db.tx(async (sql) => {
        await lockTeam(sql);
        const taken = await sql.query('SELECT 1 FROM officers WHERE email = $1 AND removed_at IS NULL', [invite.email]);
        if (taken.rowCount) return 'email-taken' as const;
        await sql.query(
          `INSERT INTO invites (token_hash, id, name, email, invited_by, created_at, expires_at, accepted_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)`,
          [tokenHash, invite.id, invite.name, invite.email, invite.invitedBy, invite.createdAt, invite.expiresAt],
        );
        await writeAudit(sql, invite.createdAt, invite.invitedBy, 'officer-invited', invite.id);
        return 'created' as const;
      }),
    openInvites: async (at) =>
      (
        await db.rows<InviteRow>(
          'SELECT * FROM invites WHERE accepted_at IS NULL AND expires_at > $1 ORDER BY created_at DESC, seq DESC',
          [at],
        )
      ).map(toInvite),
    inviteByTokenHash: async (tokenHash, at) => {
      const [row] = await db.rows<InviteRow>('SELECT * FROM invites WHERE token_hash = $1', [tokenHash]);
      return row && { state: inviteState(row, at), invite: toInvite(row) };
    },
    acceptInvite: (tokenHash, o) =>
      db.tx(async (sql) => {
        await lockTeam(sql);
        const [row] = (await sql.query<InviteRow>('SELECT * FROM invites WHERE token_hash = $1', [tokenHash])).rows;
        if (!row) return 'unknown' as const;
        const state = inviteState(row, o.createdAt);
        if (state !== 'open') return state;
        const taken = await sql.query('SELECT 1 FROM officers WHERE email = $1 AND removed_at IS NULL', [row.email]);
        if (taken.rowCount) return 'email-taken' as const;
        // Still open: the team lock, taken before the invite was read, keeps any other acceptance out until commit.
        await sql.query('UPDATE invites SET accepted_at = $1 WHERE token_hash = $2', [o.createdAt, tokenHash]);
        await sql.query(
          `INSERT INTO officers (id, name, email, kdf, auth_hash, public_key, wrapped_private_key, confirmed, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8)`,
          [
            o.id,
            row.name,
            row.email,
            JSON.stringify(o.kdf),
            o.authHash,
            o.keys.publicKey,
            o.keys.wrappedPrivateKey,
            o.createdAt,
          ],
        );
        await writeAudit(sql, o.createdAt, o.id, 'invite-accepted', row.id);
        return 'accepted' as const;
      }),
    confirmOfficer: (id, grants, by, at) =>
      db.tx(async (sql) => {
        await lockTeam(sql);
        const live = await sql.query('SELECT 1 FROM officers WHERE id = $1 AND removed_at IS NULL', [id]);
        if (!live.rowCount) return 'unknown' as const;
        // Checked here too, under the team lock a rotation also takes: a key rotated in since the route looked must
        // be granted as well.
        const granted = new Set(grants.map((g) => g.kid));
        const keys = (await sql.query<{ kid: string }>('SELECT kid FROM encryption_keys')).rows;
        if (!keys.every((k) => granted.has(k.kid))) return 'keys-changed' as const;
        const confirmed = await sql.query(
          'UPDATE officers SET confirmed = 1 WHERE id = $1 AND confirmed = 0 AND removed_at IS NULL',
          [id],
        );
        // An officer not yet confirmed holds no grants (rotations seal only to confirmed ones): nothing to replace.
        if (confirmed.rowCount !== 1) return 'already-confirmed' as const;
        for (const grant of grants)
          await sql.query('INSERT INTO grants (officer_id, kid, sealed) VALUES ($1, $2, $3)', [
            id,
            grant.kid,
            grant.sealed,
          ]);
        await writeAudit(sql, at, by, 'officer-confirmed', id);
        return 'confirmed' as const;
      }),
    removeOfficer: (id, by, at) =>
      db.tx(async (sql) => {
        if (id === by) return 'self' as const;
        await lockTeam(sql);
        const [row] = (
          await sql.query<{ confirmed: number; n: number }>(
            `SELECT confirmed, (SELECT COUNT(*) FROM officers WHERE confirmed = 1 AND removed_at IS NULL) AS n
             FROM officers WHERE id = $1 AND removed_at IS NULL`,
            [id],
          )
        ).rows;
        if (!row) return 'unknown' as const;
        if (row.confirmed === 1 && row.n <= 1) return 'last-confirmed' as const;
        // The email is forgotten (it is unique, and a removed officer may be invited again); the name stays so the
        // audit log can still say who did what.
        await sql.query(
          `UPDATE officers SET removed_at = $1, confirmed = 0, email = id || '@removed.invalid'
           WHERE id = $2 AND removed_at IS NULL`,
          [at, id],
        );
        await sql.query('DELETE FROM grants WHERE officer_id = $1', [id]);
        await sql.query("UPDATE sessions SET ended = 'removed' WHERE officer_id = $1", [id]);
        await writeAudit(sql, at, by, 'officer-removed', id);
        return 'removed' as const;
      }),
    auditPage: async ({ officer, action, before, limit }): Promise<AuditLogPage> => {
      const where: string[] = [];
      const params: (string | number)[] = [];
      const add = (clause: string, value: string | number) => {
        params.push(value);
        where.push(clause.replace('?', `$${params.length}`));
      };
      if (officer !== undefined) add('officer_id = ?', officer);
      if (action !== undefined) add('action = ?', action);
      if (before !== undefined) add('seq < ?', before);
      params.push(limit + 1);
      const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
      // One row more than asked says whether there is a next page.
      const rows = (
        await db.rows<AuditDbRow>(`SELECT * FROM audit ${filter} ORDER BY seq DESC LIMIT $${params.length}`, params)
      ).map(toAuditRow);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return rows.length > limit && last ? { rows: page, nextBefore: last.seq } : { rows: page };
    },
    recordAudit: (at, officerId, action, detail) => writeAudit(db, at, officerId, action, null, detail),
  });
