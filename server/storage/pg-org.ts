// The organisation side of the PostgreSQL engine: organisation keys, officers, grants, sessions, devices, secrets and
// the audit log. Each action and its audit row share one transaction; tokens and authentication keys arrive as hashes.
import { randomBytes } from 'node:crypto';
import type { OrgDescriptor } from '../../src/domain/org-protocol.ts';
import { type Db, guardAll, inOneStatement, writeAudit } from './pg-db.ts';
import {
  type AuditDbRow,
  type DeviceRow,
  type OfficerRow,
  type SessionRow,
  toAuditRow,
  toDevice,
  toOfficer,
  toSession,
} from './rows.ts';
import type { OrgStore, TeamStore } from './types.ts';

const DEVICE_COLUMNS = 'id, name, created_at, last_seen_at, revoked_at, enrolled_by';

export const pgOrgStore = (db: Db): Omit<OrgStore, keyof TeamStore> => {
  // The token check of every device request: those arriving together are one prepared statement.
  const deviceByToken = inOneStatement(async (hashes: readonly string[]) => {
    const { rows } = await db.query<DeviceRow & { token_hash: string }>({
      // Stryker disable next-line StringLiteral: the name only spares PostgreSQL parsing it again; unnamed, same rows
      name: 'safevisit-devices-by-token',
      text: `SELECT ${DEVICE_COLUMNS}, token_hash FROM devices WHERE token_hash = ANY($1::text[])`,
      values: [[...new Set(hashes)]],
    });
    const found = new Map(rows.map((row) => [row.token_hash, toDevice(row)]));
    return hashes.map((hash) => found.get(hash));
  });
  // "Last seen", written at most once a minute per device (devices.ts), but by every request of a burst that read the
  // old time together: one UPDATE for all of them, each device once, at its latest time.
  const markSeen = inOneStatement(async (seen: readonly { id: string; at: string }[]) => {
    await db.query({
      // Stryker disable next-line StringLiteral: the name only spares PostgreSQL parsing it again; unnamed, same update
      name: 'safevisit-devices-seen',
      text: `UPDATE devices d SET last_seen_at = s.at
             FROM (SELECT id, MAX(at) AS at FROM unnest($1::text[], $2::text[]) AS u(id, at) GROUP BY id) s
             WHERE d.id = s.id AND d.revoked_at IS NULL`,
      values: [seen.map((call) => call.id), seen.map((call) => call.at)],
    });
    return seen.map(() => undefined);
  });
  // A removed officer (pg-team.ts) is nobody here: no sign-in, no session.
  const officerWhere = async (where: string, value: string) =>
    (await db.rows<OfficerRow>(`SELECT * FROM officers WHERE ${where} AND removed_at IS NULL`, [value])).map(
      toOfficer,
    )[0];

  return guardAll<Omit<OrgStore, keyof TeamStore>>({
    organisation: async (): Promise<OrgDescriptor | undefined> => {
      const [org] = await db.rows<{ name: string; signing_key: string; name_signature: string }>(
        'SELECT name, signing_key, name_signature FROM organisation WHERE id = 1',
      );
      if (!org) return undefined;
      const keys = await db.rows<{ kid: string; public_key: string; created_at: string; signature: string }>(
        'SELECT kid, public_key, created_at, signature FROM encryption_keys ORDER BY created_at, kid',
      );
      return {
        v: 1,
        name: org.name,
        signingKey: org.signing_key,
        nameSignature: org.name_signature,
        encryptionKeys: keys.map((k) => ({
          kid: k.kid,
          publicKey: k.public_key,
          createdAt: k.created_at,
          signature: k.signature,
        })),
      };
    },
    setUp: (org, session) =>
      db.tx(async (sql) => {
        const inserted = await sql.query(
          `INSERT INTO organisation (id, name, signing_key, name_signature, created_at) VALUES (1, $1, $2, $3, $4)
           ON CONFLICT (id) DO NOTHING`,
          [org.name, org.signingKey, org.nameSignature, org.createdAt],
        );
        if (inserted.rowCount === 0) return 'exists' as const;
        const key = org.encryptionKey;
        await sql.query(
          'INSERT INTO encryption_keys (kid, public_key, created_at, signature) VALUES ($1, $2, $3, $4)',
          [key.kid, key.publicKey, key.createdAt, key.signature],
        );
        const o = org.officer;
        await sql.query(
          `INSERT INTO officers (id, name, email, kdf, auth_hash, public_key, wrapped_private_key, confirmed, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            o.id,
            o.name,
            o.email,
            JSON.stringify(o.kdf),
            o.authHash,
            o.keys.publicKey,
            o.keys.wrappedPrivateKey,
            o.confirmed ? 1 : 0,
            o.createdAt,
          ],
        );
        for (const grant of org.grants)
          await sql.query('INSERT INTO grants (officer_id, kid, sealed) VALUES ($1, $2, $3)', [
            o.id,
            grant.kid,
            grant.sealed,
          ]);
        await sql.query(
          'INSERT INTO sessions (token_hash, officer_id, created_at, last_used_at) VALUES ($1, $2, $3, $4)',
          [session.tokenHash, session.officerId, session.createdAt, session.lastUsedAt],
        );
        await writeAudit(sql, org.createdAt, o.id, 'setup', null);
        return 'created' as const;
      }),
    officerByEmail: (email) => officerWhere('email = $1', email),
    officerById: (id) => officerWhere('id = $1', id),
    grantsOf: async (officerId) =>
      (
        await db.rows<{ kid: string; sealed: string }>(
          'SELECT kid, sealed FROM grants WHERE officer_id = $1 ORDER BY kid',
          [officerId],
        )
      ).map((g) => ({ kid: g.kid, sealed: g.sealed })),
    startSession: (s) =>
      db.tx(async (sql) => {
        await sql.query(
          'INSERT INTO sessions (token_hash, officer_id, created_at, last_used_at) VALUES ($1, $2, $3, $4)',
          [s.tokenHash, s.officerId, s.createdAt, s.lastUsedAt],
        );
        await writeAudit(sql, s.createdAt, s.officerId, 'sign-in', null);
      }),
    recordFailedSignIn: (officerId, at) => writeAudit(db, at, officerId, 'sign-in-failed', null),
    sessionByHash: async (hash) =>
      (await db.rows<SessionRow>('SELECT * FROM sessions WHERE token_hash = $1', [hash])).map(toSession)[0],
    touchSession: async (hash, at) => {
      await db.query('UPDATE sessions SET last_used_at = $1 WHERE token_hash = $2', [at, hash]);
    },
    endSession: (s, signedOutAt) =>
      db.tx(async (sql) => {
        await sql.query('DELETE FROM sessions WHERE token_hash = $1', [s.tokenHash]);
        if (signedOutAt) await writeAudit(sql, signedOutAt, s.officerId, 'sign-out', null);
      }),
    enrolDevice: (d, tokenHash) =>
      db.tx(async (sql) => {
        await sql.query(
          `INSERT INTO devices (id, name, token_hash, created_at, last_seen_at, revoked_at, enrolled_by)
           VALUES ($1, $2, $3, $4, NULL, NULL, $5)`,
          [d.id, d.name, tokenHash, d.createdAt, d.enrolledBy],
        );
        await writeAudit(sql, d.createdAt, d.enrolledBy, 'device-enrolled', d.id);
      }),
    listDevices: async () =>
      (await db.rows<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices ORDER BY created_at DESC, seq DESC`)).map(
        toDevice,
      ),
    revokeDevice: (id, officerId, at) =>
      db.tx(async (sql) => {
        const revoked = await sql.query('UPDATE devices SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
          at,
          id,
        ]);
        if (revoked.rowCount === 1) await writeAudit(sql, at, officerId, 'device-revoked', id);
        const [row] = (await sql.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = $1`, [id])).rows;
        return row ? toDevice(row) : undefined;
      }),
    deviceByTokenHash: deviceByToken,
    markDeviceSeen: (id, at) => markSeen({ id, at }),
    // Insert-or-select: two processes asking at once both get the one value stored first.
    secret: async (name) => {
      await db.query('INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
        name,
        randomBytes(32),
      ]);
      const [row] = await db.rows<{ value: Buffer }>('SELECT value FROM server_secrets WHERE name = $1', [name]);
      // Stryker disable next-line ConditionalExpression,StringLiteral: inserted (or kept) just above; never deleted
      if (!row) throw new Error('secret not stored');
      return row.value;
    },
    auditLog: async () => (await db.rows<AuditDbRow>('SELECT * FROM audit ORDER BY seq')).map(toAuditRow),
  });
};
