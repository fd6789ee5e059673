// The vault header's shape and checks, and the wrong-passphrase delays: what the vault keeps in storage beside
// the wrapped key. Pure: no crypto, no storage.
import { AppError } from '../domain/errors.ts';
import type { Bytes, KdfParams } from './crypto.ts';
import { isKdfParams, SALT_BYTES } from './crypto.ts';
import type { RekeyCrypto } from './record-json.ts';

/**
 * Version of the header layout below. 2 adds key ids (`keyId`, `retiring`); a version 1 header (no `keyId`) holds
 * data key 0, and its vault is re-keyed at its next unlock so every record moves to the version 2 additional data.
 */
export const VAULT_HEADER_VERSION = 2;

/** A data key being replaced, wrapped under the CURRENT passphrase: kept only until every record is re-encrypted. */
export type RetiringKey = { keyId: number; wrappedKey: Bytes };

/** The vault header (table `meta`, key 'vault'). Nothing in it is secret without the passphrase. */
export type VaultHeader = {
  kdf: KdfParams;
  salt: Bytes;
  /** How the data key is wrapped: AES-KW (RFC 3394) under the passphrase-derived key; no IV needed. */
  wrap: 'AES-KW';
  wrappedKey: Bytes;
  /** Id of the data key in `wrappedKey` (each re-key adds 1); missing on version 1 headers, which hold key 0. */
  keyId?: number;
  /**
   * While a re-key runs (a passphrase change, or the move to version 2 records): the data keys being replaced, wrapped
   * under the same passphrase as `wrappedKey`, so a re-key the app was closed in finishes at the next unlock. Removed
   * in the transaction that finds no record left under them.
   */
  retiring?: RetiringKey[];
  /** Unlock attempts since the last success. An attempt is counted before it is tried (see `unlock`). */
  failedAttempts: number;
  /** Epoch ms of the latest counted attempt, or null. */
  lastFailedAt: number | null;
  schemaVersion: number;
  createdAt: number;
};

/** What the vault needs from storage. `updateHeader` must run `change` inside one write transaction. */
export type VaultStorage = {
  readHeader: () => Promise<VaultHeader | undefined>;
  /** Stores the first header; AppError('invalid', { reason: 'vault-exists' }) if there is one (never overwrite a vault). */
  createHeader: (header: VaultHeader) => Promise<void>;
  /** Atomic read-change-write; `change` is synchronous and may throw to abort. AppError('no-vault') without a header. */
  updateHeader: (change: (header: VaultHeader) => VaultHeader) => Promise<VaultHeader>;
  /** The organisation's wipe policy (clear setting), or null when off. */
  readWipeAfterFailures: () => Promise<number | null>;
  /** Deletes every row of every table in one transaction. */
  wipeAll: () => Promise<void>;
  /**
   * Re-encrypts, batch by batch (crypto outside the transactions), every record not under the current key (`crypto.isCurrent`), then,
   * in ONE transaction that finds no record left under another key (apart from records that no key opens), applies
   * `finish` to the header. Calls `afterBatch` after each batch (it may throw to stop: the next call resumes).
   */
  reencryptAll: (crypto: RekeyCrypto, options: ReencryptOptions) => Promise<void>;
};

export type ReencryptOptions = {
  finish: (header: VaultHeader) => VaultHeader;
  afterBatch?: () => void;
  /** Records per write transaction (default 100). */
  batchSize?: number;
};

/** Wrong passphrases allowed before delays start. */
export const UNLOCK_FREE_ATTEMPTS = 3;
export const UNLOCK_DELAY_BASE_MS = 2_000;
export const UNLOCK_DELAY_CAP_MS = 5 * 60_000;

/** The wait after `failedAttempts` wrong passphrases: none for the first 3, then 2 s, 4 s, 8 s ... up to 5 min. */
export const unlockDelayMs = (failedAttempts: number): number =>
  failedAttempts < UNLOCK_FREE_ATTEMPTS
    ? 0
    : Math.min(UNLOCK_DELAY_BASE_MS * 2 ** (failedAttempts - UNLOCK_FREE_ATTEMPTS), UNLOCK_DELAY_CAP_MS);

/** How long until the next attempt is allowed. A clock moved backwards costs one full delay, never more. */
export const retryAfterMs = (header: Pick<VaultHeader, 'failedAttempts' | 'lastFailedAt'>, now: number): number => {
  if (header.lastFailedAt === null) return 0;
  const delay = unlockDelayMs(header.failedAttempts);
  // Capped at one delay: a negative elapsed time (a clock moved backwards) would otherwise add to the wait.
  return Math.min(delay, Math.max(0, delay - (now - header.lastFailedAt)));
};

/** Detail of AppError('wrong-passphrase') and of `failureStatus()`: no secret, safe to show. */
export type UnlockFailure = {
  failedAttempts: number;
  retryAfterMs: number;
  /** Wrong passphrases left before the wipe policy deletes everything, or null when the policy is off. */
  attemptsBeforeWipe: number | null;
  wiped: boolean;
};

const isBytes = (value: unknown): value is Bytes => value instanceof Uint8Array;

const isKeyId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

const isVaultHeader = (value: unknown): value is VaultHeader => {
  if (value === null || typeof value !== 'object') return false;
  const h = value as Record<string, unknown>;
  return (
    isKdfParams(h.kdf) &&
    isBytes(h.salt) &&
    h.salt.byteLength === SALT_BYTES &&
    h.wrap === 'AES-KW' &&
    isBytes(h.wrappedKey) &&
    (h.keyId === undefined || isKeyId(h.keyId)) &&
    (h.retiring === undefined ||
      (Array.isArray(h.retiring) &&
        h.retiring.every((r: Partial<RetiringKey> | null) => isKeyId(r?.keyId) && isBytes(r.wrappedKey)))) &&
    Number.isSafeInteger(h.failedAttempts) &&
    (h.failedAttempts as number) >= 0 &&
    (h.lastFailedAt === null || Number.isFinite(h.lastFailedAt)) &&
    typeof h.schemaVersion === 'number'
  );
};

export const checked = (value: unknown): VaultHeader => {
  if (!isVaultHeader(value)) throw new AppError('tampered', { reason: 'vault-header' });
  return value;
};

export const sameBytes = (a: Bytes, b: Bytes): boolean =>
  a.byteLength === b.byteLength && a.every((x, i) => x === b[i]);

/**
 * The stored header, checked, when it still holds the wrapping `read` had: a header write that replaces the wrapping
 * must not overwrite a passphrase changed meanwhile in another tab (AppError('conflict') then).
 */
export const sameWrapping = (stored: unknown, read: Pick<VaultHeader, 'salt' | 'wrappedKey'>): VaultHeader => {
  const current = checked(stored);
  if (!sameBytes(current.salt, read.salt) || !sameBytes(current.wrappedKey, read.wrappedKey)) {
    throw new AppError('conflict', { reason: 'passphrase-changed-elsewhere' });
  }
  return current;
};
