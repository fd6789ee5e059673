// The few cryptographic primitives of SafeVisit, all through globalThis.crypto.subtle so the same code runs
// in the page, a worker and Node tests. Pure functions: holds no key, touches no storage.
import { AppError } from '../domain/errors.ts';
import { type Argon2idParams, isKdfParams, type KdfParams, type Pbkdf2Params } from './kdf-params.ts';

export {
  type Argon2idParams,
  describeKdf,
  isKdfParams,
  KDF_DEFAULTS,
  type KdfParams,
  kdfBelow,
  type Pbkdf2Params,
  raisedKdf,
  VAULT_KDF_DEFAULTS,
} from './kdf-params.ts';

/** Bytes as WebCrypto accepts them (TypeScript 7: a plain Uint8Array is not a BufferSource). */
export type Bytes = Uint8Array<ArrayBuffer>;

export const SALT_BYTES = 16;
/** 96-bit IVs: the size AES-GCM is specified for; random per call, never reused under one key in practice. */
export const IV_BYTES = 12;
export const DATA_KEY_BITS = 256;
/**
 * Version of the record envelope and of its additional data; bump both together. Version 2 names the data key
 * that encrypted it (`kid`) and binds that key id and, for records that have one, the revision. Version 1 (no
 * `kid`: the vault's first data key, id 0) is still read, never written.
 */
export const ENVELOPE_VERSION = 2;
export const LEGACY_ENVELOPE_VERSION = 1;
/** The data key of every version 1 envelope and of a vault header made before key ids. */
export const FIRST_KEY_ID = 0;

/** An encrypted value as stored: version, data key id, IV and ciphertext (with its 16-byte GCM tag). */
export type Envelope = {
  v: typeof ENVELOPE_VERSION | typeof LEGACY_ENVELOPE_VERSION;
  /** The data key that encrypted it (version 2); missing on version 1, which is always FIRST_KEY_ID. */
  kid?: number;
  iv: Bytes;
  ct: Bytes;
};

/** Which data key opens `envelope`. */
export const envelopeKeyId = (envelope: Pick<Envelope, 'v' | 'kid'>): number =>
  envelope.v === LEGACY_ENVELOPE_VERSION ? FIRST_KEY_ID : (envelope.kid as number);

export const subtle = (): SubtleCrypto => {
  const s = globalThis.crypto?.subtle;
  // Without a secure context (plain http on a LAN address) browsers hide crypto.subtle: refuse loudly.
  if (!s) throw new AppError('storage-unavailable', { reason: 'webcrypto-missing' });
  return s;
};

export const randomBytes = (length: number): Bytes => globalThis.crypto.getRandomValues(new Uint8Array(length));

const encoder = new TextEncoder();

/** UTF-8 bytes of a string; the passphrase is NFC-normalised first so the same text typed anywhere gives one key. */
export const utf8 = (text: string): Bytes => encoder.encode(text) as Bytes;
export const passphraseBytes = (passphrase: string): Bytes => utf8(passphrase.normalize('NFC'));

/** PBKDF2 over the passphrase with checked parameters: refuses unknown or weakened ones instead of silently deriving something else. */
const pbkdf2 = async (passphrase: string, salt: Bytes, kdf: Pbkdf2Params) => {
  if (kdf?.name !== 'PBKDF2-SHA256' || kdf.hash !== 'SHA-256') throw new AppError('invalid', { reason: 'kdf-unknown' });
  if (!Number.isSafeInteger(kdf.iterations) || kdf.iterations < 1) {
    throw new AppError('invalid', { reason: 'kdf-iterations' });
  }
  if (salt.byteLength !== SALT_BYTES) throw new AppError('invalid', { reason: 'kdf-salt' });
  const material = await subtle().importKey('raw', passphraseBytes(passphrase), 'PBKDF2', false, [
    'deriveKey',
    'deriveBits',
  ]);
  return { material, params: { name: 'PBKDF2', hash: kdf.hash, salt, iterations: kdf.iterations } };
};

let argon2idModule: Promise<typeof import('./argon2id-wasm.ts')> | null = null;

/** Loads the Argon2id WebAssembly build (its own chunk) on this thread. Needs 'wasm-unsafe-eval' in the CSP's script-src. */
export const loadArgon2idHere = (): Promise<typeof import('./argon2id-wasm.ts')> => {
  argon2idModule ??= import('./argon2id-wasm.ts').catch((error: unknown) => {
    argon2idModule = null;
    throw error;
  });
  return argon2idModule;
};

/** Raw Argon2id bytes: the vault's injectable seam (a Web Worker in the page, this thread in unit tests). */
export type DeriveArgon2id = (passphrase: Bytes, salt: Bytes, kdf: Argon2idParams) => Promise<Bytes>;

/** The checks every Argon2id derivation passes first, wherever it runs. */
export const checkArgon2idInput = (salt: Bytes, kdf: Argon2idParams): void => {
  if (!isKdfParams(kdf) || kdf.name !== 'Argon2id') throw new AppError('invalid', { reason: 'kdf-parameters' });
  if (salt.byteLength < 8) throw new AppError('invalid', { reason: 'kdf-salt' });
};

/** Raw Argon2id output over the NFC passphrase (hash-wasm, version 0x13), on this thread. Any salt of 8+ bytes: the vault checks its own 16. */
export const argon2idBytes: DeriveArgon2id = async (passphrase, salt, kdf) => {
  checkArgon2idInput(salt, kdf);
  const { runArgon2id } = await loadArgon2idHere();
  return runArgon2id(passphrase, salt, kdf);
};

/**
 * Derives the key-encryption key from the passphrase: a non-extractable AES-KW key that can only wrap and
 * unwrap the data key. Argon2id's raw bytes (from `derive`: this thread unless given) are imported at once and overwritten.
 */
export const deriveWrappingKey = async (
  passphrase: string,
  salt: Bytes,
  kdf: KdfParams,
  derive: DeriveArgon2id = argon2idBytes,
): Promise<CryptoKey> => {
  if (kdf?.name === 'Argon2id') {
    if (salt.byteLength !== SALT_BYTES) throw new AppError('invalid', { reason: 'kdf-salt' });
    checkArgon2idInput(salt, kdf);
    const bits = await derive(passphraseBytes(passphrase), salt, kdf);
    try {
      return await subtle().importKey('raw', bits, 'AES-KW', false, ['wrapKey', 'unwrapKey']);
    } finally {
      bits.fill(0);
    }
  }
  const { material, params } = await pbkdf2(passphrase, salt, kdf);
  return subtle().deriveKey(params, material, { name: 'AES-KW', length: 256 }, false, ['wrapKey', 'unwrapKey']);
};

export const MASTER_KEY_BITS = 256;

/**
 * Derives a master key from the passphrase for HKDF to split further (the officer's sign-in): 256 PBKDF2 bits
 * imported at once as a non-extractable HKDF key, because WebCrypto cannot derive an HKDF key in one step.
 */
export const deriveMasterKey = async (passphrase: string, salt: Bytes, kdf: Pbkdf2Params): Promise<CryptoKey> => {
  const { material, params } = await pbkdf2(passphrase, salt, kdf);
  const bits = await subtle().deriveBits(params, material, MASTER_KEY_BITS);
  return subtle().importKey('raw', bits, 'HKDF', false, ['deriveBits', 'deriveKey']);
};

/**
 * Makes a fresh random 256-bit AES-GCM data key and returns it wrapped under `wrappingKey` together with a
 * non-extractable copy. The extractable original exists only inside this function, for the one wrapKey call.
 */
export const createDataKey = async (wrappingKey: CryptoKey): Promise<{ key: CryptoKey; wrappedKey: Bytes }> => {
  const extractable = await subtle().generateKey({ name: 'AES-GCM', length: DATA_KEY_BITS }, true, [
    'encrypt',
    'decrypt',
  ]);
  const wrappedKey = new Uint8Array(await subtle().wrapKey('raw', extractable, wrappingKey, 'AES-KW')) as Bytes;
  const key = await unwrapDataKey(wrappingKey, wrappedKey);
  return { key, wrappedKey };
};

/**
 * Unwraps the data key as a NON-extractable AES-GCM key. AES-KW carries its own integrity check, so a wrong
 * passphrase (or a changed header) fails here: AppError('wrong-passphrase').
 */
export const unwrapDataKey = async (wrappingKey: CryptoKey, wrappedKey: Bytes): Promise<CryptoKey> => {
  try {
    return await subtle().unwrapKey('raw', wrappedKey, wrappingKey, 'AES-KW', { name: 'AES-GCM' }, false, [
      'encrypt',
      'decrypt',
    ]);
  } catch (cause) {
    throw new AppError('wrong-passphrase', undefined, { cause });
  }
};

/**
 * Wraps an already-unwrapped, non-extractable data key under a new wrapping key without ever exposing it:
 * the old wrapping key unwraps the stored bytes once more as an extractable key that lives only in this call.
 */
export const rewrapDataKey = async (
  oldWrappingKey: CryptoKey,
  wrappedKey: Bytes,
  newWrappingKey: CryptoKey,
): Promise<Bytes> => {
  let extractable: CryptoKey;
  try {
    extractable = await subtle().unwrapKey('raw', wrappedKey, oldWrappingKey, 'AES-KW', { name: 'AES-GCM' }, true, [
      'encrypt',
      'decrypt',
    ]);
  } catch (cause) {
    throw new AppError('wrong-passphrase', undefined, { cause });
  }
  return new Uint8Array(await subtle().wrapKey('raw', extractable, newWrappingKey, 'AES-KW')) as Bytes;
};

const checkAadParts = (table: string, id: string, schemaVersion: number): void => {
  if (!/^[a-z][a-z0-9-]*$/.test(table)) throw new AppError('invalid', { reason: 'aad-table' });
  if (id.length === 0) throw new AppError('invalid', { reason: 'aad-id' });
  if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 0) {
    throw new AppError('invalid', { reason: 'aad-schema-version' });
  }
};

/**
 * The additional data of a version 1 record (read only): its table, record id and schema version, so a ciphertext
 * copied onto another record (or relabelled) fails to decrypt. The id is URI-encoded so no id can imitate another
 * table/id pair through the ':' separator.
 */
export const recordAad = (table: string, id: string, schemaVersion: number): Bytes => {
  checkAadParts(table, id, schemaVersion);
  return utf8(`safevisit:v${LEGACY_ENVELOPE_VERSION}:${table}:${encodeURIComponent(id)}:${schemaVersion}`);
};

/** Where a record lives, as its additional data binds it. `revision` for records that have one (report bodies). */
export type RecordContext = { table: string; id: string; schemaVersion: number; revision?: number };

/**
 * The additional data of a version 2 record: the data key id, table, record id, schema version and revision ('-'
 * for records without one). An older body of the same record (a lower revision) put back under the row's current
 * revision fails to decrypt, as does a body relabelled to another key id.
 */
export const boundRecordAad = (keyId: number, { table, id, schemaVersion, revision }: RecordContext): Bytes => {
  checkAadParts(table, id, schemaVersion);
  if (!Number.isSafeInteger(keyId) || keyId < 0) throw new AppError('invalid', { reason: 'aad-key-id' });
  if (revision !== undefined && (!Number.isSafeInteger(revision) || revision < 0)) {
    throw new AppError('invalid', { reason: 'aad-revision' });
  }
  const bound = revision === undefined ? '-' : String(revision);
  return utf8(`safevisit:v${ENVELOPE_VERSION}:${keyId}:${table}:${encodeURIComponent(id)}:${schemaVersion}:${bound}`);
};

/** AES-256-GCM with a fresh random 96-bit IV on every call; `keyId` names the data key in the envelope. */
export const encrypt = async (key: CryptoKey, bytes: Bytes, aad: Bytes, keyId = FIRST_KEY_ID): Promise<Envelope> => {
  const iv = randomBytes(IV_BYTES);
  const ct = new Uint8Array(
    await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, key, bytes),
  ) as Bytes;
  return { v: ENVELOPE_VERSION, kid: keyId, iv, ct };
};

/** Reverses `encrypt`. Any malformed envelope or failed authentication (changed bytes, other AAD, other key) is AppError('tampered'). */
export const decrypt = async (key: CryptoKey, envelope: Envelope, aad: Bytes): Promise<Bytes> => {
  if (
    envelope === null ||
    typeof envelope !== 'object' ||
    (envelope.v !== ENVELOPE_VERSION && envelope.v !== LEGACY_ENVELOPE_VERSION) ||
    (envelope.v === ENVELOPE_VERSION && !(Number.isSafeInteger(envelope.kid) && (envelope.kid as number) >= 0)) ||
    !(envelope.iv instanceof Uint8Array) ||
    envelope.iv.byteLength !== IV_BYTES ||
    !(envelope.ct instanceof Uint8Array) ||
    envelope.ct.byteLength < 16
  ) {
    throw new AppError('tampered', { reason: 'envelope' });
  }
  try {
    return new Uint8Array(
      await subtle().decrypt(
        { name: 'AES-GCM', iv: envelope.iv, additionalData: aad, tagLength: 128 },
        key,
        envelope.ct,
      ),
    ) as Bytes;
  } catch (cause) {
    throw new AppError('tampered', undefined, { cause });
  }
};
