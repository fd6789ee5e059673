// Sealed reports (ODK-style): the device seals a report to the organisation's public encryption key and keeps no
// key that opens it; an officer holding the organisation's private keys opens it. Never stores anything.
import { AppError } from '../domain/errors.ts';
import type { OrgEncryptionKey } from '../domain/org-protocol.ts';
import { type Bytes, utf8 } from './crypto.ts';
import { decodeBase64Url, encodeBase64Url, statementBytes } from './encoding.ts';
import { HPKE_ALG, hpkeOpen, hpkeSeal, importHpkePublicKey } from './hpke.ts';
import type { OrgPrivateKeys } from './org-keys.ts';

/**
 * Version of the report seal (HPKE suite, info and additional data). It is bound in the additional data, and the
 * suite is also fixed by the signed statement of the key that `keyId` names; a new version needs a wire field.
 */
export const REPORT_SEAL_VERSION = 1;
const REPORT_INFO = utf8(`safevisit/report/v${REPORT_SEAL_VERSION}`);

/** A sealed report as the outbox keeps it and the wire carries it (base64url text). */
export type SealedReport = { keyId: string; enc: string; ciphertext: string };
/** What the additional data binds besides the key id, so an envelope cannot be moved to another report. */
export type ReportAad = { id: string; revision: number; schemaVersion: number };

const reportAad = (aad: ReportAad, keyId: string): Bytes => {
  const { id, revision, schemaVersion } = aad;
  if (typeof id !== 'string' || id.length === 0) throw new AppError('invalid', { reason: 'aad-id' });
  if (!Number.isSafeInteger(revision) || revision < 0) throw new AppError('invalid', { reason: 'aad-revision' });
  if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 0) {
    throw new AppError('invalid', { reason: 'aad-schema-version' });
  }
  return statementBytes('safevisit/report', REPORT_SEAL_VERSION, { alg: HPKE_ALG, id, revision, schemaVersion, keyId });
};

/**
 * Seals a report to an organisation encryption key from a verified descriptor (public data only). Every call
 * uses a fresh ephemeral key, so seal once at submit and keep the result: retries must send the same bytes.
 */
export const sealReport = async (
  key: OrgEncryptionKey,
  aad: ReportAad,
  plaintext: Uint8Array,
): Promise<SealedReport> => {
  const recipient = await importHpkePublicKey(decodeBase64Url(key.publicKey));
  const { enc, ct } = await hpkeSeal(recipient, REPORT_INFO, reportAad(aad, key.kid), new Uint8Array(plaintext));
  return { keyId: key.kid, enc: encodeBase64Url(enc), ciphertext: encodeBase64Url(ct) };
};

/**
 * Opens a sealed report with the organisation's private key for its key id (old, rotated-out keys included).
 * A key id with no private key here is AppError('invalid', { reason: 'unknown-key' }); another id, revision,
 * schema version or key id than it was sealed with, or any changed byte, is AppError('tampered').
 */
export const openReport = async (keys: OrgPrivateKeys, aad: ReportAad, sealed: SealedReport): Promise<Uint8Array> => {
  const privateKey = keys.encryption.get(sealed.keyId);
  if (!privateKey) throw new AppError('invalid', { reason: 'unknown-key', keyId: sealed.keyId });
  const additionalData = reportAad(aad, sealed.keyId);
  let enc: Bytes;
  let ct: Bytes;
  try {
    enc = decodeBase64Url(sealed.enc);
    ct = decodeBase64Url(sealed.ciphertext);
  } catch (cause) {
    throw new AppError('tampered', { reason: 'encoding' }, { cause });
  }
  return hpkeOpen(privateKey, REPORT_INFO, additionalData, { enc, ct });
};
