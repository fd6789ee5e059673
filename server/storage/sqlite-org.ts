// The organisation side of the SQLite engine: organisation keys, officers, grants, sessions, devices, audit. Each
// action and its audit row share one transaction; tokens and authentication keys are stored only as hashes.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../src/domain/errors.ts';
import type { OrgDescriptor, SealedGrant } from '../../src/domain/org-protocol.ts';
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
import type { AuditAction, AuditDetail, DeviceRecord, OrgStore, SessionRecord, TeamStore } from './types.ts';

/** Schema version 2 of the SQLite database (version 1 is the submissions table). */
export const ORG_MIGRATION = `
  CREATE TABLE organisation (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    name           TEXT NOT NULL,
    signing_key    TEXT NOT NULL,
    name_signature TEXT NOT NULL,
    created_at     TEXT NOT NULL
  );
  CREATE TABLE encryption_keys (
    kid        TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    signature  TEXT NOT NULL
  );
  CREATE TABLE officers (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    email               TEXT NOT NULL UNIQUE,
    kdf                 TEXT NOT NULL,
    auth_hash           TEXT NOT NULL,
    public_key          TEXT NOT NULL,
    wrapped_private_key TEXT NOT NULL,
    confirmed           INTEGER NOT NULL CHECK (confirmed IN (0, 1)),
    created_at          TEXT NOT NULL
  );
  CREATE TABLE grants (
    officer_id TEXT NOT NULL REFERENCES officers (id) ON DELETE CASCADE,
    kid        TEXT NOT NULL,
    sealed     TEXT NOT NULL,
    PRIMARY KEY (officer_id, kid)
  );
  CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    officer_id   TEXT NOT NULL REFERENCES officers (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT NOT NULL
  );
  CREATE TABLE devices (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT,
    revoked_at   TEXT,
    enrolled_by  TEXT
  );
  CREATE TABLE server_secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
  );
  CREATE TABLE audit (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    officer_id TEXT,
    action     TEXT NOT NULL,
    subject_id TEXT
  );
  -- Append-only, held by the database itself and not only by the routes.
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

/** Any engine failure is "try again later" (503), never a 500. */
export const guarded = <T>(work: () => T): Promise<T> => {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(new AppError('storage-unavailable', undefined, { cause: error }));
  }
};

/** Writes one audit row; call it inside the transaction of the action it records. */
export type AuditWriter = (
  at: string,
  officerId: string | null,
  action: AuditAction,
  subjectId: string | null,
  detail?: AuditDetail,
) => void;

export const auditWriter = (db: Database.Database): AuditWriter => {
  const insert = db.prepare('INSERT INTO audit (at, officer_id, action, subject_id, detail) VALUES (?, ?, ?, ?, ?)');
  return (at, officerId, action, subjectId, detail) =>
    void insert.run(at, officerId, action, subjectId, detail ? JSON.stringify(detail) : null);
};

/** Everything of OrgStore but more officers and the audit log's reading (sqlite-team.ts). */
export const sqliteOrgStore = (db: Database.Database): Omit<OrgStore, keyof TeamStore> => {
  const orgRow = db.prepare<[], { name: string; signing_key: string; name_signature: string }>(
    'SELECT name, signing_key, name_signature FROM organisation WHERE id = 1',
  );
  const keyRows = db.prepare<[], { kid: string; public_key: string; created_at: string; signature: string }>(
    'SELECT kid, public_key, created_at, signature FROM encryption_keys ORDER BY created_at, kid',
  );
  const insertOrg = db.prepare(
    `INSERT INTO organisation (id, name, signing_key, name_signature, created_at) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  const insertKey = db.prepare(
    'INSERT INTO encryption_keys (kid, public_key, created_at, signature) VALUES (?, ?, ?, ?)',
  );
  const insertOfficer = db.prepare(
    `INSERT INTO officers (id, name, email, kdf, auth_hash, public_key, wrapped_private_key, confirmed, created_at)
     VALUES (@id, @name, @email, @kdf, @authHash, @publicKey, @wrappedPrivateKey, @confirmed, @createdAt)`,
  );
  const insertGrant = db.prepare('INSERT INTO grants (officer_id, kid, sealed) VALUES (?, ?, ?)');
  // A removed officer (sqlite-team.ts) is nobody here: no sign-in, no session.
  const officerByEmail = db.prepare<[string], OfficerRow>(
    'SELECT * FROM officers WHERE email = ? AND removed_at IS NULL',
  );
  const officerById = db.prepare<[string], OfficerRow>('SELECT * FROM officers WHERE id = ? AND removed_at IS NULL');
  const officerOf = (row: OfficerRow | undefined) => row && toOfficer(row);
  const grantRows = db.prepare<[string], SealedGrant>(
    'SELECT kid, sealed FROM grants WHERE officer_id = ? ORDER BY kid',
  );
  const insertSession = db.prepare(
    'INSERT INTO sessions (token_hash, officer_id, created_at, last_used_at) VALUES (?, ?, ?, ?)',
  );
  const sessionByHash = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ?');
  const touchSession = db.prepare('UPDATE sessions SET last_used_at = ? WHERE token_hash = ?');
  const deleteSession = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const insertDevice = db.prepare(
    `INSERT INTO devices (id, name, token_hash, created_at, last_seen_at, revoked_at, enrolled_by)
     VALUES (?, ?, ?, ?, NULL, NULL, ?)`,
  );
  const deviceColumns = 'id, name, created_at, last_seen_at, revoked_at, enrolled_by';
  const listDevices = db.prepare<[], DeviceRow>(
    `SELECT ${deviceColumns} FROM devices ORDER BY created_at DESC, rowid DESC`,
  );
  const deviceById = db.prepare<[string], DeviceRow>(`SELECT ${deviceColumns} FROM devices WHERE id = ?`);
  const revokeDevice = db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const seeDevice = db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ? AND revoked_at IS NULL');
  const deviceByToken = db.prepare<[string], DeviceRow>(`SELECT ${deviceColumns} FROM devices WHERE token_hash = ?`);
  const insertSecret = db.prepare(
    'INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING',
  );
  const secretByName = db.prepare<[string], { value: Buffer }>('SELECT value FROM server_secrets WHERE name = ?');
  const auditRows = db.prepare<[], AuditDbRow>('SELECT * FROM audit ORDER BY seq');
  const audit = auditWriter(db);

  const setUp = db.transaction((org: Parameters<OrgStore['setUp']>[0], session: SessionRecord) => {
    if (insertOrg.run(org.name, org.signingKey, org.nameSignature, org.createdAt).changes === 0) return 'exists';
    const key = org.encryptionKey;
    insertKey.run(key.kid, key.publicKey, key.createdAt, key.signature);
    const o = org.officer;
    insertOfficer.run({
      id: o.id,
      name: o.name,
      email: o.email,
      kdf: JSON.stringify(o.kdf),
      authHash: o.authHash,
      publicKey: o.keys.publicKey,
      wrappedPrivateKey: o.keys.wrappedPrivateKey,
      confirmed: o.confirmed ? 1 : 0,
      createdAt: o.createdAt,
    });
    for (const grant of org.grants) insertGrant.run(o.id, grant.kid, grant.sealed);
    insertSession.run(session.tokenHash, session.officerId, session.createdAt, session.lastUsedAt);
    audit(org.createdAt, o.id, 'setup', null);
    return 'created';
  });
  const startSession = db.transaction((s: SessionRecord) => {
    insertSession.run(s.tokenHash, s.officerId, s.createdAt, s.lastUsedAt);
    audit(s.createdAt, s.officerId, 'sign-in', null);
  });
  const endSession = db.transaction((s: SessionRecord, signedOutAt?: string) => {
    deleteSession.run(s.tokenHash);
    if (signedOutAt) audit(signedOutAt, s.officerId, 'sign-out', null);
  });
  const enrolDevice = db.transaction((d: DeviceRecord, tokenHash: string) => {
    insertDevice.run(d.id, d.name, tokenHash, d.createdAt, d.enrolledBy);
    audit(d.createdAt, d.enrolledBy, 'device-enrolled', d.id);
  });
  const revoke = db.transaction((id: string, officerId: string, at: string) => {
    if (revokeDevice.run(at, id).changes === 1) audit(at, officerId, 'device-revoked', id);
    const row = deviceById.get(id);
    return row ? toDevice(row) : undefined;
  });
  const secret = db.transaction((name: string) => {
    insertSecret.run(name, randomBytes(32));
    const row = secretByName.get(name);
    // Stryker disable next-line ConditionalExpression,StringLiteral: inserted (or kept) just above in this transaction
    if (!row) throw new Error('secret not stored');
    return row.value;
  });

  return {
    organisation: () =>
      guarded((): OrgDescriptor | undefined => {
        const org = orgRow.get();
        if (!org) return undefined;
        return {
          v: 1,
          name: org.name,
          signingKey: org.signing_key,
          nameSignature: org.name_signature,
          encryptionKeys: keyRows.all().map((k) => ({
            kid: k.kid,
            publicKey: k.public_key,
            createdAt: k.created_at,
            signature: k.signature,
          })),
        };
      }),
    setUp: (org, session) => guarded(() => setUp.immediate(org, session)),
    // Read inside the guard: a row that cannot be read (its key settings not JSON) is the database's failure too.
    officerByEmail: (email) => guarded(() => officerOf(officerByEmail.get(email))),
    officerById: (id) => guarded(() => officerOf(officerById.get(id))),
    grantsOf: (officerId) => guarded(() => grantRows.all(officerId).map((g) => ({ kid: g.kid, sealed: g.sealed }))),
    startSession: (session) => guarded(() => startSession.immediate(session)),
    recordFailedSignIn: (officerId, at) => guarded(() => void audit(at, officerId, 'sign-in-failed', null)),
    sessionByHash: (hash) => guarded(() => sessionByHash.get(hash)).then((row) => row && toSession(row)),
    touchSession: (hash, at) => guarded(() => void touchSession.run(at, hash)),
    endSession: (session, signedOutAt) => guarded(() => endSession.immediate(session, signedOutAt)),
    enrolDevice: (device, tokenHash) => guarded(() => enrolDevice.immediate(device, tokenHash)),
    listDevices: () => guarded(() => listDevices.all().map(toDevice)),
    revokeDevice: (id, officerId, at) => guarded(() => revoke.immediate(id, officerId, at)),
    deviceByTokenHash: (hash) => guarded(() => deviceByToken.get(hash)).then((row) => row && toDevice(row)),
    markDeviceSeen: (id, at) => guarded(() => void seeDevice.run(at, id)),
    secret: (name) => guarded(() => secret.immediate(name)),
    auditLog: () => guarded(() => auditRows.all().map(toAuditRow)),
  };
};
