// The storage interface of the sync server: one file per engine implements it (sqlite.ts now, PostgreSQL later).
// Engines enforce idempotency in the database itself; they keep sealed envelopes and never see a report's content.

import type { AuditAction, AuditDetail } from '../../src/domain/audit-protocol.ts';
import type {
  Device,
  Officer,
  OfficerKdf,
  OfficerKeys,
  OrgDescriptor,
  OrgEncryptionKey,
  SealedGrant,
} from '../../src/domain/org-protocol.ts';
import type {
  ExportFormat,
  InboxEnvelope,
  InboxItem,
  InboxReport,
  Review,
  Urgency,
} from '../../src/domain/sealed-protocol.ts';
import type { Invite } from '../../src/domain/team-protocol.ts';

export type SaveOutcome =
  /** First time this id and revision arrived: stored, with this receivedAt. */
  | { kind: 'created'; receivedAt: string }
  /** Stored before with the same body hash: nothing written; the first receivedAt. */
  | { kind: 'replayed'; receivedAt: string }
  /** Stored before with another body hash: nothing written. */
  | { kind: 'conflict' };

/** What the database itself says at open, for the operator (main.ts prints it). */
export interface StoreLifecycle {
  /** Plaintext v1 reports deleted by the upgrade to sealed reports at this open (0 when none). */
  discardedPlaintextReports: number;
  close(): Promise<void>;
}

// The organisation side (DESIGN.md "The organisation side"): the organisation's public keys, officers, their sealed
// grants, sessions, enrolled devices and the audit log. Keys and sealed values are opaque base64url text here; tokens
// and passphrase-derived keys only ever arrive as hashes.

/** What officers do that the audit log records (src/domain/audit-protocol.ts): ids only, never content. */
export type { AuditAction, AuditDetail };

export type AuditRow = {
  seq: number;
  at: string;
  /** The officer who acted; null when nobody could be named (a failed sign-in for an unknown address). */
  officerId: string | null;
  action: AuditAction;
  /** What the action was about (a device id, an officer id, a report id); null when nothing. */
  subjectId: string | null;
  detail: AuditDetail | null;
};

export type OfficerRecord = Officer & {
  kdf: OfficerKdf;
  /** The slow hash of the officer's authentication key (see server/officer-auth.ts for its format). */
  authHash: string;
  keys: OfficerKeys;
};

export type SessionRecord = {
  tokenHash: string;
  officerId: string;
  createdAt: string;
  lastUsedAt: string;
  /** Set when the session was ended for its officer (removed): the next request is told why, once. */
  endedBecause?: 'removed';
};

/** An invite to join as an officer: the server keeps its token's hash only. */
export type InviteRecord = Invite & { invitedBy: string };

/** What an invite token was found to be. */
export type InviteLookup = { state: 'open' | 'used' | 'expired'; invite: InviteRecord } | undefined;

/** The audit log's page as the store answers it, newest first. */
export type AuditLogPage = { rows: AuditRow[]; nextBefore?: number };

/** More officers (server/team-routes.ts): invites, confirmation, removal, and reading the audit log. */
export interface TeamStore {
  /** Officers not removed, oldest first. */
  listOfficers(): Promise<OfficerRecord[]>;
  /** Every officer the audit log can name, removed ones too: id and name only. */
  officerNames(): Promise<{ id: string; name: string }[]>;
  /** Stores the invite and the 'officer-invited' row; 'email-taken' (nothing written) when an officer has that email. */
  createInvite(invite: InviteRecord, tokenHash: string): Promise<'created' | 'email-taken'>;
  /** Invites neither accepted nor expired at `at`, newest first. */
  openInvites(at: string): Promise<InviteRecord[]>;
  inviteByTokenHash(tokenHash: string, at: string): Promise<InviteLookup>;
  /**
   * In ONE transaction: checks the invite is open, marks it used, stores the officer (unconfirmed, no grants) and the
   * 'invite-accepted' row. Anything else writes nothing and says why.
   */
  acceptInvite(
    tokenHash: string,
    officer: OfficerRecord,
  ): Promise<'accepted' | 'used' | 'expired' | 'unknown' | 'email-taken'>;
  /**
   * Stores the grants, marks the officer confirmed and writes 'officer-confirmed', in one transaction; 'keys-changed'
   * (nothing written) when the grants miss an encryption key the organisation has (one rotated in meanwhile).
   */
  confirmOfficer(
    id: string,
    grants: SealedGrant[],
    by: string,
    at: string,
  ): Promise<'confirmed' | 'already-confirmed' | 'unknown' | 'keys-changed'>;
  /**
   * Marks the officer removed (their email forgotten, their name kept for the audit log), deletes their grants, ends
   * their sessions and writes 'officer-removed', in one transaction. Refuses yourself and the last confirmed officer.
   */
  removeOfficer(id: string, by: string, at: string): Promise<'removed' | 'self' | 'last-confirmed' | 'unknown'>;
  /** The audit log newest first, filtered by officer and action, `limit` rows older than `before`. */
  auditPage(query: { officer?: string; action?: AuditAction; before?: number; limit: number }): Promise<AuditLogPage>;
  /** Any audit row an action of the routes writes on its own (the audit log exported: its row count). */
  recordAudit(at: string, officerId: string, action: AuditAction, detail?: AuditDetail): Promise<void>;
}

export type DeviceRecord = Device & { enrolledBy: string | null };

export type NewOrganisation = {
  name: string;
  signingKey: string;
  nameSignature: string;
  encryptionKey: OrgEncryptionKey;
  createdAt: string;
  officer: OfficerRecord;
  grants: SealedGrant[];
};

export interface OrgStore extends TeamStore {
  /** The published descriptor (`GET /v2/org`), encryption keys oldest first; undefined before setup. */
  organisation(): Promise<OrgDescriptor | undefined>;
  /**
   * Creates the organisation, its first encryption key, the first officer, their grants, their first session and
   * the 'setup' audit row in ONE transaction; 'exists' (nothing written) when an organisation is already there.
   */
  setUp(org: NewOrganisation, session: SessionRecord): Promise<'created' | 'exists'>;
  officerByEmail(email: string): Promise<OfficerRecord | undefined>;
  officerById(id: string): Promise<OfficerRecord | undefined>;
  grantsOf(officerId: string): Promise<SealedGrant[]>;
  /** Stores the session and the 'sign-in' audit row in one transaction. */
  startSession(session: SessionRecord): Promise<void>;
  /** The 'sign-in-failed' audit row. */
  recordFailedSignIn(officerId: string | null, at: string): Promise<void>;
  sessionByHash(tokenHash: string): Promise<SessionRecord | undefined>;
  touchSession(tokenHash: string, at: string): Promise<void>;
  /** Deletes the session; with `signedOutAt` also writes the 'sign-out' audit row in the same transaction. */
  endSession(session: SessionRecord, signedOutAt?: string): Promise<void>;
  /** Stores the device (its token hash only) and the 'device-enrolled' audit row in one transaction. */
  enrolDevice(device: DeviceRecord, tokenHash: string): Promise<void>;
  /** Every enrolled device, newest first. */
  listDevices(): Promise<DeviceRecord[]>;
  /**
   * Marks the device revoked and writes the 'device-revoked' audit row in one transaction; a device revoked before
   * keeps its first revokedAt and gets no second row. Undefined when there is no such device.
   */
  revokeDevice(id: string, officerId: string, at: string): Promise<DeviceRecord | undefined>;
  /** The device holding this token hash (a read only), or undefined when no device has this token. */
  deviceByTokenHash(tokenHash: string): Promise<DeviceRecord | undefined>;
  /** Sets the device's lastSeenAt to `at` unless it is revoked (a revoked device's row stays as it was). */
  markDeviceSeen(id: string, at: string): Promise<void>;
  /** A random server secret of 32 bytes, made on first use and kept in the database (e.g. for made-up salts). */
  secret(name: string): Promise<Buffer>;
  /** The audit log, oldest first (its screen and API come later; tests read it). */
  auditLog(): Promise<AuditRow[]>;
}

// Sealed reports (protocol v2): envelopes and routing fields only. The engine never holds a key that opens them.

/** One sealed revision as a device sent it, with who sent it (an enrolled device id) and the body hash. */
export type NewSealedReport = Omit<InboxEnvelope, 'receivedAt'> & {
  /** sha-256 (hex) of the canonical JSON of the submission without submittedAt: decides replay vs conflict. */
  bodyHash: string;
};

export type SealedSaveOutcome =
  | SaveOutcome
  /** The organisation has no encryption key with this key id: nothing written. */
  | { kind: 'unknown-key' };

/** One save of a group commit: the revision and when its request arrived. */
export type SealedSave = { report: NewSealedReport; receivedAt: string };

/** Who reads: the officer and the time of the read, for the audit row written with it. */
export type Reader = { officerId: string; at: string };

export type InboxPage = { items: InboxItem[]; nextCursor?: string };

export interface SealedReportStore {
  /**
   * Inserts the revision, or finds the one already stored, in ONE transaction keyed by (id, revision), so concurrent
   * and repeated submissions store exactly one row; 'unknown-key' when the key id is none of the organisation's
   * encryption keys. A 'created' revision queues one alert per channel in `alertChannels` in the same transaction
   * (a replay queues none). A revision erased before (RetentionStore) is 'replayed' with the erasure's time and
   * stores nothing. Throws AppError('storage-unavailable') when the engine cannot be used now (the API answers 503).
   */
  saveSealed(
    report: NewSealedReport,
    receivedAt: string,
    alertChannels?: readonly AlertChannel[],
  ): Promise<SealedSaveOutcome>;
  /**
   * Group commit: every save of `saves` in ONE transaction (one commit, one fsync), each exactly as saveSealed would
   * do it, outcomes in the same order. A revision saved twice in one call answers the second with the first's receipt
   * ('replayed') or 'conflict'. All or nothing: when the transaction fails, nothing of it is kept and the call throws
   * AppError('storage-unavailable'). Engine-neutral: any engine with transactions does it with a loop inside one.
   * PostgreSQL does a group as one statement; only a revision another process stored at that very moment is answered
   * by a second one (if that fails, the call throws and the first's rows stay: a retry gets their receipts).
   */
  saveSealedMany(saves: readonly SealedSave[], alertChannels?: readonly AlertChannel[]): Promise<SealedSaveOutcome[]>;
  /** The newest revision of each report, urgent first then newest received, and one 'inbox-read' audit row. */
  inbox(options: { limit: number; cursor?: string }, reader: Reader): Promise<InboxPage>;
  /** Every revision, newest first, and a 'report-opened' audit row; undefined (no row) when there is no such report. */
  openSealed(id: string, reader: Reader): Promise<InboxReport | undefined>;
  /**
   * Marks every stored revision of the report reviewed (one already reviewed keeps its first who and when) and writes
   * a 'report-reviewed' audit row when anything changed. Undefined when there is no such report.
   */
  markReviewed(id: string, reader: Reader): Promise<(Review & { id: string }) | undefined>;
  /** Writes one 'reports-exported' audit row naming the ids; 'unknown' (no row) when any id is not stored here. */
  recordExport(ids: string[], format: ExportFormat, reader: Reader): Promise<'recorded' | 'unknown'>;
  /** How many sealed revisions are stored in all (for tests and the console). */
  sealedCount(): Promise<number>;
}

// Alerts to the safeguarding lead (server/alerts.ts): a table of pending deliveries, claimed with a lease so several
// server processes on one database deliver each once. Ids, times and urgency only.

export type AlertChannel = 'webhook' | 'email';

export type AlertRow = {
  seq: number;
  reportId: string;
  revision: number;
  channel: AlertChannel;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  /** The lease of the process delivering it now; null when nobody is. */
  claimedUntil: string | null;
  /** One plain sentence about the last failure (never a receiver's answer body). */
  lastError: string | null;
  deliveredAt: string | null;
  gaveUpAt: string | null;
};

/** A due alert leased to this process, with the routing fields it announces. */
export type ClaimedAlert = AlertRow & { claim: string; urgency: Urgency; receivedAt: string };

export type AlertOutcome =
  | { kind: 'delivered'; at: string }
  | { kind: 'retry'; error: string; nextAttemptAt: string }
  | { kind: 'gave-up'; error: string; at: string; nextAttemptAt: string };

export interface AlertStore {
  /** Leases the most overdue alert of these channels until `leaseUntil`, in one write transaction; undefined if none. */
  claimAlert(channels: readonly AlertChannel[], now: string, leaseUntil: string): Promise<ClaimedAlert | undefined>;
  /** Records the attempt; false (nothing written) when the lease was lost to another process. */
  finishAlert(alert: ClaimedAlert, outcome: AlertOutcome): Promise<boolean>;
  /** Gives the lease back without counting an attempt (the process is stopping). */
  releaseAlert(alert: ClaimedAlert): Promise<void>;
  /** When the next pending alert of these channels falls due (or its lease ends); undefined when none is pending. */
  nextAlertAt(channels: readonly AlertChannel[]): Promise<string | undefined>;
  /** Every alert, oldest first (for tests and the console). */
  alerts(): Promise<AlertRow[]>;
}

// The published guidance pack (server/guidance-routes.ts): each publication kept as signed by an officer's browser.

/** One publication: the signed envelope's JSON exactly as served, its ETag, and who published which version when. */
export type GuidancePublication = {
  /** The response body of `GET /v2/guidance`: canonical JSON of the signed envelope. */
  body: string;
  /** Strong ETag, quoted: `"<sha-256 hex of body>"`. */
  etag: string;
  version: string;
  publishedAt: string;
  publishedBy: string;
};

export interface GuidanceStore {
  /** The newest publication; undefined before the first. */
  publishedGuidance(): Promise<GuidancePublication | undefined>;
  /** Stores the publication (older ones are kept) and the 'guidance-published' audit row in ONE transaction. */
  publishGuidance(publication: GuidancePublication): Promise<void>;
}

// Key rotation and the end of a report's life (server/lifecycle-routes.ts, server/retention.ts). Each action and its
// audit row share one transaction; a deleted report takes its alerts with it.

/** The new key's private half sealed to one confirmed officer. */
export type RotationGrant = SealedGrant & { officerId: string };

export type RotateOutcome =
  | 'rotated'
  /** The grants do not name exactly the confirmed officers (one was confirmed or removed meanwhile): nothing written. */
  | 'officers-changed'
  /** Another key is as new or newer, or has this kid: nothing written. */
  | 'not-newest';

export interface KeyRotationStore {
  /**
   * In ONE transaction: checks the grants seal the key to exactly the confirmed officers (one each) and the key is
   * newer than every other, then stores the key (now the current one), the grants and a 'key-rotated' row (its kid).
   */
  rotateKey(key: OrgEncryptionKey, grants: RotationGrant[], by: string, at: string): Promise<RotateOutcome>;
}

export interface RetentionStore {
  /**
   * Deletes every revision of the report and its alerts, remembers the id and newest revision (so a resend of it is
   * answered, not stored again) and writes 'report-erased', in ONE transaction.
   */
  eraseReport(id: string, reader: Reader): Promise<'erased' | 'unknown'>;
  /**
   * In ONE transaction: deletes up to `limit` reports whose every revision was reviewed, the last review before
   * `reviewedBefore`, with their alerts (remembered as erasure does), and writes one 'reports-expired' row naming them. Returns their ids (none:
   * nothing written). A report with a revision not yet reviewed is never deleted.
   */
  expireReviewed(reviewedBefore: string, at: string, limit: number): Promise<string[]>;
}

/** One database holds everything: the reports, their alerts, the organisation side and the published guidance. */
export type Store = StoreLifecycle &
  SealedReportStore &
  OrgStore &
  AlertStore &
  GuidanceStore &
  KeyRotationStore &
  RetentionStore;
