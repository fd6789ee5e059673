// The one IndexedDB database of SafeVisit (Dexie 4): its tables, row types and schema versions.
// Holds rows only: personal data arrives here already encrypted by the vault; nothing here decrypts.
import { Dexie, type Table } from 'dexie';
import type { ReportStatus } from '../domain/report-record.ts';
import type { Bytes, Envelope } from '../vault/crypto.ts';
import type { VaultHeader } from '../vault/vault.ts';

export const APP_DB_NAME = 'safevisit';

/** The schema version of the database itself (tables and indexes); report bodies carry their own. */
export const DB_SCHEMA_VERSION = 3;

/** `reports`: only these fields are in clear; everything the worker typed is inside `ciphertext`. */
export type ReportRow = {
  id: string;
  status: ReportStatus;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  revision: number;
  /** Version of the report body schema; part of the ciphertext's additional data, kept so old rows stay readable. */
  schemaVersion: number;
  /** Envelope version of the ciphertext (see vault/crypto.ts). */
  v: Envelope['v'];
  /** The data key that encrypted the body (envelope version 2; missing on version 1, key 0). */
  kid?: number;
  iv: Bytes;
  ciphertext: Bytes;
  /** The server's receipt for the last revision it acknowledged (no personal data). */
  receipt?: { revision: number; receivedAt: string };
  /** Why the server (or the submit rules) refused the last send: field paths and plain messages, written by sync. */
  syncIssues?: { path: string; message: string }[];
  /**
   * status, revision and receipt sealed by the data key and bound to this body (see report-control.ts). The clear
   * copies above are indexes for counting while locked; nothing is sent or deleted unless they match this envelope.
   * Missing on rows written before schema version 2: such a row is treated as changed until it is saved again.
   */
  control?: Envelope;
  /** The report's incident types, encrypted by the data key (report-repo.ts): what its receipt shows once sent. */
  summary?: Envelope;
};

/**
 * `receipts`: what stays of a sent report once its content has gone (the retention days, or at once): when the server
 * received which revision, and the incident types encrypted in `summary` (the report row's own, copied). Decides
 * nothing: never sent, never read by sync or the purge.
 */
export type ReceiptRow = {
  id: string;
  revision: number;
  /** The server's receivedAt (ISO 8601). */
  receivedAt: string;
  summary?: Envelope;
};

/** `outbox`: one row per queued report, written together with the report's status change. */
export type OutboxRow = {
  reportId: string;
  revision: number;
  attempts: number;
  /** Epoch milliseconds. */
  nextAttemptAt: number;
  lastError: string | null;
  /**
   * reportId and revision sealed by the data key (report-control.ts), and the sealed submission exactly as it will be
   * POSTed once it is sealed (HPKE ciphertext the device cannot open): a row forged or edited while locked is refused.
   */
  control?: Envelope;
};

/** `guidance`, key 'active': the pack is not personal data, so it is stored in clear and readable while locked. */
export type GuidanceRow = {
  version: string;
  etag: string | null;
  pack: unknown;
  /** Epoch milliseconds. */
  fetchedAt: number;
  /**
   * The fingerprint of the organisation whose signature the pack carried when it was received (protocol v2). Absent
   * on a row stored by an older app from v1 (unsigned): that row is no longer shown.
   */
  signedBy?: string;
  /** That organisation's signature of `pack` (base64url), checked again at each guidance check. */
  signature?: string;
};

export type MetaKey = 'vault';
/** The vault header's key in `meta`. */
export const VAULT_HEADER_KEY: MetaKey = 'vault';
export type GuidanceKey = 'active';

// Dexie schema strings: first entry is the primary key ('' = out-of-line key), then the indexes.
// Never edit a released version: add `this.version(n + 1).stores({...}).upgrade(tx => ...)` below it.
export const SCHEMA_V1 = {
  meta: '',
  reports: 'id, status, updatedAt',
  outbox: 'reportId, nextAttemptAt',
  guidance: '',
  settings: '',
  secrets: '',
} as const;

/** Version 3 adds `receipts`. */
export const SCHEMA_V3 = { ...SCHEMA_V1, receipts: 'id, receivedAt' } as const;

export const TABLE_NAMES = Object.keys(SCHEMA_V3) as (keyof typeof SCHEMA_V3)[];

export class SafeVisitDb extends Dexie {
  meta!: Table<VaultHeader, MetaKey>;
  reports!: Table<ReportRow, string>;
  outbox!: Table<OutboxRow, string>;
  guidance!: Table<GuidanceRow, GuidanceKey>;
  /** Non-secret settings in clear, one row per setting name. */
  settings!: Table<unknown, string>;
  /** Secrets (access token, organisation defaults), one encrypted envelope per name. */
  secrets!: Table<Envelope, string>;
  /** What stays of each sent report (ReceiptRow). */
  receipts!: Table<ReceiptRow, string>;

  /** `name` is 'safevisit' in the app (APP_DB_NAME); tests pass a unique name each. */
  constructor(name: string, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    // Version 2: where reports go lives only in the encrypted enrolment. The clear endpoint and the hand-typed token
    // could send reports anywhere, and a key-less upgrade cannot check them, so they are dropped: the device enrols
    // again (Settings says so). Tables and indexes are unchanged; control envelopes are written as rows are saved.
    this.version(2)
      .stores(SCHEMA_V1)
      .upgrade(async (tx) => {
        await tx.table('settings').delete('endpointUrl');
        await tx.table('secrets').delete('accessToken');
      });
    // Version 3: a sent report leaves a receipt behind (the worker can tell which report arrived).
    this.version(3).stores(SCHEMA_V3);
  }
}
