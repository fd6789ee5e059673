// What an unlock upgrades in the vault header: the key derivation raised to the current target, and a version 1
// vault moved to key ids (a fresh data key, key 0 kept as retiring for the re-encryption pass). Keeps nothing.
import {
  createDataKey,
  type DeriveArgon2id,
  deriveWrappingKey,
  FIRST_KEY_ID,
  type KdfParams,
  kdfBelow,
  raisedKdf,
  randomBytes,
  rewrapDataKey,
  SALT_BYTES,
} from './crypto.ts';
import type { KeyRing } from './record-json.ts';
import { rewrapRetiring } from './retiring-keys.ts';
import { VAULT_HEADER_VERSION, type VaultHeader } from './vault-header.ts';

export type HeaderUpgrade = {
  next: Pick<VaultHeader, 'kdf' | 'salt' | 'wrappedKey' | 'retiring'>;
  /** Set when the vault moved to key ids: the header's new key id and version. */
  rekeyed: Pick<VaultHeader, 'keyId' | 'schemaVersion'> | null;
};

/** The header fields an unlock writes back; adds the fresh data key to `ring` (and makes it current) on a re-key. */
export const upgradedHeader = async (
  passphrase: string,
  header: VaultHeader,
  wrappingKey: CryptoKey,
  ring: KeyRing,
  targetKdf: KdfParams,
  derive?: DeriveArgon2id,
): Promise<HeaderUpgrade> => {
  // A header below the target (a PBKDF2 vault, or Argon2id with lower costs) is rewrapped under the raised
  // parameters, with every key it holds; the keys themselves stay as they are.
  let wrapping = wrappingKey;
  let next: Pick<VaultHeader, 'kdf' | 'salt' | 'wrappedKey' | 'retiring'> = {
    kdf: header.kdf,
    salt: header.salt,
    wrappedKey: header.wrappedKey,
    ...(header.retiring ? { retiring: header.retiring } : {}),
  };
  if (kdfBelow(header.kdf, targetKdf)) {
    const salt = randomBytes(SALT_BYTES);
    const kdf = raisedKdf(header.kdf, targetKdf);
    wrapping = await deriveWrappingKey(passphrase, salt, kdf, derive);
    next = {
      kdf,
      salt,
      wrappedKey: await rewrapDataKey(wrappingKey, header.wrappedKey, wrapping),
      ...(header.retiring ? { retiring: await rewrapRetiring(wrappingKey, header.retiring, wrapping) } : {}),
    };
  }
  // A version 1 vault (records under key 0, additional data without key id or revision) is re-keyed once: a new
  // data key for every write from now on, key 0 kept as retiring until the pass below has re-encrypted everything.
  let rekeyed: Pick<VaultHeader, 'keyId' | 'schemaVersion'> | null = null;
  if (header.keyId === undefined) {
    const fresh = await createDataKey(wrapping);
    const keyId = FIRST_KEY_ID + 1;
    next = {
      ...next,
      wrappedKey: fresh.wrappedKey,
      retiring: [{ keyId: FIRST_KEY_ID, wrappedKey: next.wrappedKey }],
    };
    rekeyed = { keyId, schemaVersion: VAULT_HEADER_VERSION };
    ring.keys.set(keyId, fresh.key);
    ring.current = keyId;
  }
  return { next, rekeyed };
};
