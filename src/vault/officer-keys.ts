// An officer's keys, Bitwarden-style: passphrase -> master key -> (authentication key for the server, KEK that never
// leaves the browser) -> the officer's own HPKE key pair -> grants (the organisation's private keys sealed to it).
// Holds nothing itself; the server only ever sees the authentication key, public keys and sealed bytes.
import { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import {
  Base64UrlSchema,
  type OfficerKdf,
  OfficerKdfSchema,
  type OfficerKeys,
  OfficerKeysSchema,
  type OrgDescriptor,
  type SealedGrant,
  SealedGrantSchema,
} from '../domain/org-protocol.ts';
import {
  type Bytes,
  deriveMasterKey,
  IV_BYTES,
  KDF_DEFAULTS,
  randomBytes,
  SALT_BYTES,
  subtle,
  utf8,
} from './crypto.ts';
import { decodeBase64Url, encodeBase64Url, packEnvelope, statementBytes, unpackEnvelope } from './encoding.ts';
import {
  exportHpkePublicKey,
  generateHpkeKeyPair,
  HPKE_ALG,
  hpkeOpen,
  hpkePublicKeyOf,
  hpkeSeal,
  importHpkePrivateKey,
  importHpkePublicKey,
  rememberKeyPair,
} from './hpke.ts';
import {
  fingerprintOf,
  type OrgPrivateKeys,
  SIGNING_KEY_ALG,
  signingPublicKeyOf,
  verifyOrgDescriptor,
} from './org-keys.ts';

export const AUTH_KEY_BYTES = 32;
/** The grant kid of the organisation's signing key; every other grant is named by its encryption key's kid. */
export const SIGNING_GRANT_KID = 'signing';
const OFFICER_KEY_ALG = 'A256GCM-PKCS8';
const ENVELOPE_VERSION = 1;
const HKDF_AUTH_INFO = utf8('safevisit/officer/auth-key/v1');
const HKDF_KEK_INFO = utf8('safevisit/officer/kek/v1');
const GRANT_INFO = utf8('safevisit/grant/v1');
const ECDH_P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;

const WrappedKeyEnvelopeSchema = z.strictObject({
  v: z.literal(ENVELOPE_VERSION),
  alg: z.literal(OFFICER_KEY_ALG),
  iv: Base64UrlSchema.length(16),
  ct: Base64UrlSchema.min(1),
});

const GrantEnvelopeSchema = z.strictObject({
  v: z.literal(ENVELOPE_VERSION),
  alg: z.literal(HPKE_ALG),
  kid: z.string().min(1).max(64),
  enc: Base64UrlSchema.length(87),
  ct: Base64UrlSchema.min(1),
});

/** The address as the server keeps it (EmailSchema trims and lower-cases), so both sides bind the same text. */
const normaliseEmail = (email: string): string => email.trim().toLowerCase();

const officerKeyAad = (email: string, publicKey: string): Bytes =>
  statementBytes('safevisit/officer-private-key', ENVELOPE_VERSION, { email: normaliseEmail(email), publicKey });

const grantAad = (email: string, kid: string): Bytes =>
  statementBytes('safevisit/grant', ENVELOPE_VERSION, { alg: HPKE_ALG, officer: normaliseEmail(email), kid });

/** Fresh KDF parameters for a new officer account: the vault's PBKDF2 cost and a salt of its own. */
export const newOfficerKdf = (): OfficerKdf => ({
  name: 'PBKDF2-SHA256',
  iterations: KDF_DEFAULTS.iterations,
  salt: encodeBase64Url(randomBytes(SALT_BYTES)),
});

/**
 * master key = PBKDF2(passphrase, salt); HKDF-SHA256 splits it into the authentication key (32 bytes, base64url,
 * sent to the server at sign-in) and the KEK (AES-256-GCM, non-extractable, wrap/unwrap only, never leaves).
 * Parameters below the schema's floor (a server asking for a cheaper derivation) are AppError('invalid').
 */
export const deriveOfficerSecrets = async (
  passphrase: string,
  kdf: OfficerKdf,
): Promise<{ authKey: string; kek: CryptoKey }> => {
  const parsed = OfficerKdfSchema.safeParse(kdf);
  if (!parsed.success) throw new AppError('invalid', { reason: 'kdf' });
  const master = await deriveMasterKey(passphrase, decodeBase64Url(parsed.data.salt), {
    name: 'PBKDF2-SHA256',
    hash: 'SHA-256',
    iterations: parsed.data.iterations,
  });
  const hkdf = (info: Bytes) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info });
  const authKey = new Uint8Array(await subtle().deriveBits(hkdf(HKDF_AUTH_INFO), master, AUTH_KEY_BYTES * 8));
  const kek = await subtle().deriveKey(hkdf(HKDF_KEK_INFO), master, { name: 'AES-GCM', length: 256 }, false, [
    'wrapKey',
    'unwrapKey',
  ]);
  return { authKey: encodeBase64Url(authKey), kek };
};

/**
 * Opens the officer's own private key with the KEK, as a NON-extractable key. The additional data binds the email
 * and the public key, so a wrong passphrase, another officer's wrapped key or a swapped public key all fail the
 * same way: AppError('wrong-passphrase'). A malformed envelope is AppError('invalid').
 */
export const openOfficerPrivateKey = async (kek: CryptoKey, email: string, keys: OfficerKeys): Promise<CryptoKey> => {
  if (!OfficerKeysSchema.safeParse(keys).success) throw new AppError('invalid', { reason: 'officer-keys' });
  const envelope = unpackEnvelope(keys.wrappedPrivateKey, WrappedKeyEnvelopeSchema);
  const publicKey = await importHpkePublicKey(decodeBase64Url(keys.publicKey));
  let privateKey: CryptoKey;
  try {
    privateKey = await subtle().unwrapKey(
      'pkcs8',
      decodeBase64Url(envelope.ct),
      kek,
      { name: 'AES-GCM', iv: decodeBase64Url(envelope.iv), additionalData: officerKeyAad(email, keys.publicKey) },
      ECDH_P256,
      false,
      ['deriveBits'],
    );
  } catch (cause) {
    throw new AppError('wrong-passphrase', undefined, { cause });
  }
  return rememberKeyPair({ privateKey, publicKey }).privateKey;
};

/**
 * Makes the officer's HPKE key pair and wraps its private key under the KEK (AES-256-GCM, PKCS#8). Returns what the
 * server keeps and a non-extractable private key; the extractable original exists only for the one wrapKey call.
 */
export const createOfficerKeyPair = async (
  kek: CryptoKey,
  email: string,
): Promise<{ keys: OfficerKeys; privateKey: CryptoKey }> => {
  const pair = await generateHpkeKeyPair(true);
  const publicKey = encodeBase64Url(await exportHpkePublicKey(pair.publicKey));
  const iv = randomBytes(IV_BYTES);
  const ct = await subtle().wrapKey('pkcs8', pair.privateKey, kek, {
    name: 'AES-GCM',
    iv,
    additionalData: officerKeyAad(email, publicKey),
  });
  const keys: OfficerKeys = {
    publicKey,
    wrappedPrivateKey: packEnvelope({
      v: ENVELOPE_VERSION,
      alg: OFFICER_KEY_ALG,
      iv: encodeBase64Url(iv),
      ct: encodeBase64Url(new Uint8Array(ct)),
    }),
  };
  return { keys, privateKey: await openOfficerPrivateKey(kek, email, keys) };
};

const exportPkcs8 = async (key: CryptoKey): Promise<Bytes> => {
  try {
    return new Uint8Array(await subtle().exportKey('pkcs8', key));
  } catch (cause) {
    throw new AppError('invalid', { reason: 'key-not-extractable' }, { cause });
  }
};

/**
 * Seals one of the organisation's private keys to one officer's public key (HPKE). The additional data binds the
 * officer's email and the key's kid, so a grant moved to another officer or relabelled fails to open.
 */
export const sealGrant = async (
  officerPublicKey: string,
  officerEmail: string,
  kid: string,
  key: CryptoKey,
): Promise<SealedGrant> => {
  const recipient = await importHpkePublicKey(decodeBase64Url(officerPublicKey));
  const { enc, ct } = await hpkeSeal(recipient, GRANT_INFO, grantAad(officerEmail, kid), await exportPkcs8(key));
  const sealed = packEnvelope({
    v: ENVELOPE_VERSION,
    alg: HPKE_ALG,
    kid,
    enc: encodeBase64Url(enc),
    ct: encodeBase64Url(ct),
  });
  return { kid, sealed };
};

/** Seals every private key of the organisation to one officer (`sealGrant`), one grant per key. */
export const sealGrants = async (
  officerPublicKey: string,
  officerEmail: string,
  keys: OrgPrivateKeys,
): Promise<SealedGrant[]> => {
  const entries: [string, CryptoKey][] = [[SIGNING_GRANT_KID, keys.signing], ...keys.encryption];
  return Promise.all(entries.map(([kid, key]) => sealGrant(officerPublicKey, officerEmail, kid, key)));
};

/**
 * Opens an officer's grants with their private key. The descriptor is checked first (its own signatures), then
 * each opened key must be the one the descriptor publishes under that kid. A grant for another officer, a changed
 * byte, or a key that does not match is AppError('tampered'); malformed input is AppError('invalid'). The keys
 * come back extractable, so this officer can seal them again for the next officer they confirm.
 */
export const openGrants = async (
  officerPrivateKey: CryptoKey,
  officerEmail: string,
  grants: SealedGrant[],
  org: OrgDescriptor,
): Promise<OrgPrivateKeys> => {
  const descriptor = await verifyOrgDescriptor(org, await fingerprintOf(org.signingKey));
  let signing: CryptoKey | undefined;
  const encryption = new Map<string, CryptoKey>();
  for (const grant of grants) {
    if (!SealedGrantSchema.safeParse(grant).success) throw new AppError('invalid', { reason: 'grant' });
    const envelope = unpackEnvelope(grant.sealed, GrantEnvelopeSchema);
    if (envelope.kid !== grant.kid) throw new AppError('tampered', { reason: 'grant-kid', kid: grant.kid });
    const pkcs8 = await hpkeOpen(officerPrivateKey, GRANT_INFO, grantAad(officerEmail, grant.kid), {
      enc: decodeBase64Url(envelope.enc),
      ct: decodeBase64Url(envelope.ct),
    });
    if (grant.kid === SIGNING_GRANT_KID) {
      signing = await importGrantedSigningKey(pkcs8, descriptor.signingKey);
    } else {
      const published = descriptor.encryptionKeys.find((key) => key.kid === grant.kid);
      if (!published) throw new AppError('tampered', { reason: 'grant-unknown-kid', kid: grant.kid });
      const pair = await importHpkePrivateKey(pkcs8, true).catch((cause: unknown) => {
        throw new AppError('tampered', { reason: 'grant-key', kid: grant.kid }, { cause });
      });
      if (encodeBase64Url(await hpkePublicKeyOf(pair.privateKey)) !== published.publicKey) {
        throw new AppError('tampered', { reason: 'grant-key', kid: grant.kid });
      }
      encryption.set(grant.kid, pair.privateKey);
    }
  }
  if (!signing) throw new AppError('invalid', { reason: 'no-signing-grant' });
  return { signing, encryption };
};

const importGrantedSigningKey = async (pkcs8: Bytes, signingKeySpki: string): Promise<CryptoKey> => {
  let key: CryptoKey;
  try {
    key = await subtle().importKey('pkcs8', pkcs8, SIGNING_KEY_ALG, true, ['sign']);
  } catch (cause) {
    throw new AppError('tampered', { reason: 'grant-key', kid: SIGNING_GRANT_KID }, { cause });
  }
  if ((await signingPublicKeyOf(key)) !== signingKeySpki) {
    throw new AppError('tampered', { reason: 'grant-key', kid: SIGNING_GRANT_KID });
  }
  return key;
};
