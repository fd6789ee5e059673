// The PostgreSQL engine's schema as numbered steps, applied in order at start by pg.ts and recorded in
// schema_migrations. The same tables and columns as the SQLite engine (text times in ISO 8601, so both engines
// order and compare them alike), with the checks held by the database: keys, uniqueness and an append-only audit log.

/** The advisory lock class of one report (with hashtext(id)): erasure exclusive, saves shared. */
export const REPORT_LOCK_CLASS = 7;

/** Step 1: the organisation side (keys, officers, grants, sessions, devices, secrets) and the audit log. */
const ORG = `
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
    seq                 BIGSERIAL UNIQUE,
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
    seq          BIGSERIAL UNIQUE,
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
    value BYTEA NOT NULL
  );
  CREATE TABLE audit (
    seq        BIGSERIAL PRIMARY KEY,
    at         TEXT NOT NULL,
    officer_id TEXT,
    action     TEXT NOT NULL,
    subject_id TEXT,
    detail     TEXT
  );
  -- Append-only, held by the database itself and not only by the routes: no UPDATE, DELETE or TRUNCATE.
  CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'the audit log is append-only'; END;
  $$;
  CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
  CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
`;

/** Step 2: sealed reports, keyed by (id, revision); seq is the arrival order of the inbox. */
const SEALED = `
  CREATE TABLE reports (
    seq            BIGSERIAL UNIQUE,
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
`;

/** Step 3: the alerts outbox, one row per (revision, channel), leased by one process at a time. */
const ALERTS = `
  CREATE TABLE alerts (
    seq             BIGSERIAL PRIMARY KEY,
    report_id       TEXT    NOT NULL,
    revision        INTEGER NOT NULL,
    channel         TEXT    NOT NULL CHECK (channel IN ('webhook', 'email')),
    created_at      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    claimed_until   TEXT,
    claimed_by      TEXT,
    last_error      TEXT,
    delivered_at    TEXT,
    gave_up_at      TEXT,
    UNIQUE (report_id, revision, channel),
    FOREIGN KEY (report_id, revision) REFERENCES reports (id, revision) ON DELETE CASCADE
  );
  CREATE INDEX alerts_due ON alerts (next_attempt_at) WHERE delivered_at IS NULL AND gave_up_at IS NULL;
`;

/** Step 4: more officers: invites, removed officers, sessions ended for a reason, and audit indexes. */
const TEAM = `
  CREATE TABLE invites (
    seq         BIGSERIAL UNIQUE,
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

/**
 * Step 6: the end of a report's life. Reviewed reports found by review time; each deleted report leaves its id, newest
 * revision and time (no content), so a resend of it is answered and not stored again. `report_erased_at` is what a
 * save asks: it first takes the report's advisory lock shared (an erasure holds it exclusive), then reads with a
 * snapshot of its own, so a save racing an erasure either finishes first or sees the erasure.
 */
const LIFECYCLE = `
  CREATE INDEX reports_reviewed ON reports (reviewed_at) WHERE reviewed_at IS NOT NULL;
  CREATE TABLE erased_reports (
    id        TEXT    PRIMARY KEY,
    revision  INTEGER NOT NULL,
    erased_at TEXT    NOT NULL
  );
  CREATE FUNCTION report_erased_at(report_id TEXT, report_revision INTEGER) RETURNS TEXT
  LANGUAGE plpgsql VOLATILE AS $$
    DECLARE at TEXT;
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(${REPORT_LOCK_CLASS}, hashtext(report_id));
      SELECT erased_at INTO at FROM erased_reports WHERE id = report_id AND revision >= report_revision;
      RETURN at;
    END;
  $$;
`;

/** Step 5: the guidance packs officers publish, every one kept, the newest served. */
const GUIDANCE = `
  CREATE TABLE guidance_publications (
    seq          BIGSERIAL PRIMARY KEY,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    version      TEXT NOT NULL,
    etag         TEXT NOT NULL,
    body         TEXT NOT NULL
  );
`;

/** Every step by its version; the newest key is the version this server writes. */
export const PG_MIGRATIONS: Readonly<Record<number, string>> = {
  1: ORG,
  2: SEALED,
  3: ALERTS,
  4: TEAM,
  5: GUIDANCE,
  6: LIFECYCLE,
};
export const PG_SCHEMA_VERSION = Math.max(...Object.keys(PG_MIGRATIONS).map(Number));
