// HPKE for SafeVisit (RFC 9180, base mode, single shot): DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-256-GCM,
// through @hpke/core on WebCrypto. Seals to a public key and opens with a private one; stores no key anywhere.
import { Aes256Gcm, CipherSuite, DhkemP256HkdfSha256, HkdfSha256 } from '@hpke/core';
import { AppError } from '../domain/errors.ts';
import { type Bytes, subtle } from './crypto.ts';

/** The suite's name in envelopes and signed key statements. */
export const HPKE_ALG = 'HPKE-P256-SHA256-A256GCM';
/** An uncompressed P-256 point: the public key and `enc` sizes of DHKEM(P-256). */
export const HPKE_PUBLIC_KEY_BYTES = 65;
export const HPKE_ENC_BYTES = 65;

export const HPKE_SUITE = new CipherSuite({
  kem: new DhkemP256HkdfSha256(),
  kdf: new HkdfSha256(),
  aead: new Aes256Gcm(),
});

const ECDH_P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;

// Opening needs the recipient's public key too (it is in the KEM context). A private key that is not extractable
// cannot give it back, so every private key this folder makes or imports is remembered with its public key.
const publicKeys = new WeakMap<CryptoKey, CryptoKey>();

export const rememberKeyPair = (pair: CryptoKeyPair): CryptoKeyPair => {
  publicKeys.set(pair.privateKey, pair.publicKey);
  return pair;
};

/** The recipient key pair for a private key: remembered, or read back from an extractable private key. */
const recipientPair = async (privateKey: CryptoKey): Promise<CryptoKeyPair> => {
  const known = publicKeys.get(privateKey);
  if (known) return { privateKey, publicKey: known };
  if (privateKey.type !== 'private' || !privateKey.extractable) throw new AppError('invalid', { reason: 'hpke-key' });
  const { kty, crv, x, y } = await subtle().exportKey('jwk', privateKey);
  const publicKey = await subtle().importKey('jwk', { kty, crv, x, y }, ECDH_P256, true, []);
  return rememberKeyPair({ privateKey, publicKey });
};

/** A fresh P-256 key pair for HPKE. Extractable only when the private key must be wrapped or sealed again. */
export const generateHpkeKeyPair = async (extractable: boolean): Promise<CryptoKeyPair> =>
  rememberKeyPair(await subtle().generateKey(ECDH_P256, extractable, ['deriveBits']));

/** A P-256 private key from PKCS#8 bytes (remembered with its public key). Bad bytes are AppError('invalid'). */
export const importHpkePrivateKey = async (pkcs8: Bytes, extractable: boolean): Promise<CryptoKeyPair> => {
  let extractableKey: CryptoKey;
  try {
    extractableKey = await subtle().importKey('pkcs8', pkcs8, ECDH_P256, true, ['deriveBits']);
  } catch (cause) {
    throw new AppError('invalid', { reason: 'hpke-private-key' }, { cause });
  }
  const { publicKey } = await recipientPair(extractableKey);
  if (extractable) return { privateKey: extractableKey, publicKey };
  const privateKey = await subtle().importKey('pkcs8', pkcs8, ECDH_P256, false, ['deriveBits']);
  return rememberKeyPair({ privateKey, publicKey });
};

/** The raw uncompressed point of a public key (65 bytes). */
export const exportHpkePublicKey = async (publicKey: CryptoKey): Promise<Bytes> =>
  new Uint8Array(await subtle().exportKey('raw', publicKey));

/** The public key of a private key this folder made or imported, as raw bytes. */
export const hpkePublicKeyOf = async (privateKey: CryptoKey): Promise<Bytes> =>
  exportHpkePublicKey((await recipientPair(privateKey)).publicKey);

/** Imports a raw public key, checking that it is a point on P-256; anything else is AppError('invalid'). */
export const importHpkePublicKey = async (raw: Bytes): Promise<CryptoKey> => {
  // Stryker disable next-line ConditionalExpression: the suite refuses a point of another length below with the same error
  if (raw.byteLength !== HPKE_PUBLIC_KEY_BYTES) throw new AppError('invalid', { reason: 'hpke-public-key' });
  try {
    return await HPKE_SUITE.kem.deserializePublicKey(raw);
  } catch (cause) {
    throw new AppError('invalid', { reason: 'hpke-public-key' }, { cause });
  }
};

export type HpkeSealed = { enc: Bytes; ct: Bytes };

/** Seals `plaintext` to `recipient` with a fresh ephemeral key; `info` separates purposes, `aad` binds context. */
export const hpkeSeal = async (
  recipient: CryptoKey,
  info: Bytes,
  aad: Bytes,
  plaintext: Bytes,
): Promise<HpkeSealed> => {
  const sealed = await HPKE_SUITE.seal({ recipientPublicKey: recipient, info }, plaintext, aad);
  return { enc: new Uint8Array(sealed.enc), ct: new Uint8Array(sealed.ct) };
};

/** Reverses `hpkeSeal`. Another key, info or aad, or any changed byte of enc or ct, is AppError('tampered'). */
export const hpkeOpen = async (privateKey: CryptoKey, info: Bytes, aad: Bytes, sealed: HpkeSealed): Promise<Bytes> => {
  const recipientKey = await recipientPair(privateKey);
  if (sealed.enc.byteLength !== HPKE_ENC_BYTES) throw new AppError('tampered', { reason: 'hpke-enc' });
  try {
    return new Uint8Array(await HPKE_SUITE.open({ recipientKey, enc: sealed.enc, info }, sealed.ct, aad));
  } catch (cause) {
    throw new AppError('tampered', undefined, { cause });
  }
};
