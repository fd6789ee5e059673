// The organisation's identity: its ECDSA P-256 signing key (whose SPKI hash is the fingerprint devices pin), its
// signed HPKE encryption keys, and the check of a published descriptor. Never sends or stores a private key.
import { AppError } from '../domain/errors.ts';
import {
  type OrgDescriptor,
  OrgDescriptorSchema,
  type OrgEncryptionKey,
  OrgNameSchema,
  type SetupRequest,
} from '../domain/org-protocol.ts';
import { type Bytes, subtle } from './crypto.ts';
import { decodeBase64Url, encodeBase64Url, statementBytes } from './encoding.ts';
import { exportHpkePublicKey, generateHpkeKeyPair, HPKE_ALG, importHpkePublicKey } from './hpke.ts';

/** The organisation's private keys, in memory only: the signing key and each encryption key by its kid. */
export type OrgPrivateKeys = { signing: CryptoKey; encryption: Map<string, CryptoKey> };

export const SIGNING_KEY_ALG = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN_PARAMS = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** Version of the signed statements below; bump it (and keep verifying the old one) if their fields change. */
export const ORG_STATEMENT_VERSION = 1;
/** Characters of the key id (base64url of the first 12 bytes of the public key's SHA-256). */
const KID_BYTES = 12;
/** Bytes of the fingerprint shown to people: 80 bits, 16 characters of Crockford base32. */
const FINGERPRINT_CODE_BYTES = 10;
const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const sha256 = async (bytes: Bytes): Promise<Bytes> => new Uint8Array(await subtle().digest('SHA-256', bytes));

const nameStatement = (name: string, signingKey: string): Bytes =>
  statementBytes('safevisit/org-name', ORG_STATEMENT_VERSION, { name, signingKey });

const encryptionKeyStatement = (key: Omit<OrgEncryptionKey, 'signature'>): Bytes =>
  statementBytes('safevisit/org-encryption-key', ORG_STATEMENT_VERSION, {
    alg: HPKE_ALG,
    kid: key.kid,
    publicKey: key.publicKey,
    createdAt: key.createdAt,
  });

const sign = async (signing: CryptoKey, statement: Bytes): Promise<string> =>
  encodeBase64Url(new Uint8Array(await subtle().sign(SIGN_PARAMS, signing, statement)));

const verify = async (publicKey: CryptoKey, signature: string, statement: Bytes): Promise<boolean> =>
  subtle().verify(SIGN_PARAMS, publicKey, decodeBase64Url(signature), statement);

/** The organisation's fingerprint: base64url SHA-256 of the signing key's SPKI bytes (43 characters). */
export const fingerprintOf = async (signingKeySpki: string): Promise<string> =>
  encodeBase64Url(await sha256(decodeBase64Url(signingKeySpki)));

/**
 * The fingerprint as people compare it, for example "K7QM-3XDA-PZ9B-R2TF": its first 80 bits in Crockford base32
 * (no I, L, O or U, so nothing reads as another letter), in four groups of four.
 */
export const fingerprintCode = (fingerprint: string): string => {
  const bytes = decodeBase64Url(fingerprint);
  if (bytes.byteLength < FINGERPRINT_CODE_BYTES) throw new AppError('invalid', { reason: 'fingerprint' });
  let bits = 0n;
  for (const byte of bytes.subarray(0, FINGERPRINT_CODE_BYTES)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let shift = FINGERPRINT_CODE_BYTES * 8 - 5; shift >= 0; shift -= 5) {
    code += CROCKFORD_BASE32[Number((bits >> BigInt(shift)) & 31n)];
  }
  return code.replace(/(.{4})(?=.)/g, '$1-');
};

/** A new encryption key pair (rotation): its public half signed by the organisation's signing key. */
export const createEncryptionKey = async (
  signing: CryptoKey,
  now: Date = new Date(),
): Promise<{ publicKey: OrgEncryptionKey; privateKey: CryptoKey }> => {
  // Extractable: an officer seals it again for each officer confirmed later.
  const pair = await generateHpkeKeyPair(true);
  const raw = await exportHpkePublicKey(pair.publicKey);
  const unsigned = {
    kid: encodeBase64Url((await sha256(raw)).subarray(0, KID_BYTES)),
    publicKey: encodeBase64Url(raw),
    createdAt: now.toISOString(),
  };
  const signature = await sign(signing, encryptionKeyStatement(unsigned));
  return { publicKey: { ...unsigned, signature }, privateKey: pair.privateKey };
};

/**
 * Makes the organisation's keys in the first officer's browser: a signing key pair, the name signed with it, and a
 * first encryption key. The private keys are extractable (sealed to each officer later) and live in memory only.
 */
export const createOrganisationKeys = async (
  name: string,
): Promise<{ organisation: SetupRequest['organisation']; privateKeys: OrgPrivateKeys }> => {
  const parsedName = OrgNameSchema.safeParse(name);
  if (!parsedName.success) throw new AppError('invalid', { reason: 'org-name' });
  const signing = await subtle().generateKey(SIGNING_KEY_ALG, true, ['sign', 'verify']);
  const signingKey = encodeBase64Url(new Uint8Array(await subtle().exportKey('spki', signing.publicKey)));
  const nameSignature = await sign(signing.privateKey, nameStatement(parsedName.data, signingKey));
  const encryption = await createEncryptionKey(signing.privateKey);
  return {
    organisation: { name: parsedName.data, signingKey, nameSignature, encryptionKey: encryption.publicKey },
    privateKeys: {
      signing: signing.privateKey,
      encryption: new Map([[encryption.publicKey.kid, encryption.privateKey]]),
    },
  };
};

/** The descriptor the server publishes for a set-up organisation (`GET /v2/org`). */
export const orgDescriptorOf = (
  organisation: SetupRequest['organisation'],
  moreEncryptionKeys: OrgEncryptionKey[] = [],
): OrgDescriptor => ({
  v: 1,
  name: organisation.name,
  signingKey: organisation.signingKey,
  nameSignature: organisation.nameSignature,
  encryptionKeys: [organisation.encryptionKey, ...moreEncryptionKeys],
});

export const importSigningPublicKey = async (spki: string): Promise<CryptoKey> => {
  try {
    // Stryker disable next-line BooleanLiteral: this key only verifies here; nothing exports it.
    return await subtle().importKey('spki', decodeBase64Url(spki), SIGNING_KEY_ALG, true, ['verify']);
  } catch (cause) {
    throw new AppError('invalid', { reason: 'signing-key' }, { cause });
  }
};

/**
 * Checks a descriptor against a pinned fingerprint: the signing key must hash to it, and the name and every
 * encryption key must carry a good signature by that key. A malformed descriptor is AppError('invalid'); any other
 * failure is AppError('tampered') with a `reason` ('fingerprint', 'name-signature', 'key-signature', 'key').
 */
export const verifyOrgDescriptor = async (org: OrgDescriptor, fingerprint: string): Promise<OrgDescriptor> => {
  const parsed = OrgDescriptorSchema.safeParse(org);
  if (!parsed.success) throw new AppError('invalid', { reason: 'descriptor' });
  const descriptor = parsed.data;
  if ((await fingerprintOf(descriptor.signingKey)) !== fingerprint) {
    throw new AppError('tampered', { reason: 'fingerprint' });
  }
  const signingKey = await importSigningPublicKey(descriptor.signingKey);
  if (!(await verify(signingKey, descriptor.nameSignature, nameStatement(descriptor.name, descriptor.signingKey)))) {
    throw new AppError('tampered', { reason: 'name-signature' });
  }
  const kids = new Set<string>();
  for (const key of descriptor.encryptionKeys) {
    if (kids.has(key.kid)) throw new AppError('tampered', { reason: 'key', kid: key.kid });
    kids.add(key.kid);
    if (!(await verify(signingKey, key.signature, encryptionKeyStatement(key)))) {
      throw new AppError('tampered', { reason: 'key-signature', kid: key.kid });
    }
    // Signed, yet it must also be a usable point, or sealing to it would fail later on the device.
    await importHpkePublicKey(decodeBase64Url(key.publicKey)).catch((cause: unknown) => {
      throw new AppError('tampered', { reason: 'key', kid: key.kid }, { cause });
    });
  }
  return descriptor;
};

/** The key new reports are sealed to: the newest by createdAt (the later one in the list on a tie). */
export const currentEncryptionKey = (org: OrgDescriptor): OrgEncryptionKey => {
  const [first, ...rest] = org.encryptionKeys;
  if (!first) throw new AppError('invalid', { reason: 'no-encryption-key' });
  return rest.reduce(
    (newest, key) => (Date.parse(key.createdAt) >= Date.parse(newest.createdAt) ? key : newest),
    first,
  );
};

/** Reads the SPKI of the public half of an extractable ECDSA private key (to check a key against a descriptor). */
export const signingPublicKeyOf = async (privateKey: CryptoKey): Promise<string> => {
  const { kty, crv, x, y } = await subtle().exportKey('jwk', privateKey);
  // Stryker disable next-line ArrayDeclaration: this key is only exported as SPKI, so its usages never matter.
  const publicKey = await subtle().importKey('jwk', { kty, crv, x, y }, SIGNING_KEY_ALG, true, ['verify']);
  return encodeBase64Url(new Uint8Array(await subtle().exportKey('spki', publicKey)));
};
