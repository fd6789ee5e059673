// The keys of a passphrase change: the new wrapping key from the new passphrase, a NEW data key, and every key it
// replaces rewrapped under the new passphrase (retiring until the re-encryption pass ends). Writes nothing itself.
import {
  createDataKey,
  type DeriveArgon2id,
  deriveWrappingKey,
  FIRST_KEY_ID,
  type KdfParams,
  raisedKdf,
  randomBytes,
  rewrapDataKey,
  SALT_BYTES,
} from './crypto.ts';
import { rewrapRetiring, unwrapRetiring } from './retiring-keys.ts';
import { type RetiringKey, VAULT_HEADER_VERSION, type VaultHeader } from './vault-header.ts';

/** What a checked passphrase opened: the header as read, its wrapping key and its current data key. */
export type Opened = { header: VaultHeader; wrappingKey: CryptoKey; key: CryptoKey };

export type NewKeys = {
  /** The header fields that make `next` current: new salt (and KDF never lowered), the new key, the old ones retiring. */
  fields: Pick<VaultHeader, 'kdf' | 'salt' | 'wrappedKey' | 'keyId' | 'retiring' | 'schemaVersion'>;
  /** Every data key the ring must hold from the header write on (the old ones, to read; the new one, current). */
  keys: [number, CryptoKey][];
  keyId: number;
};

/** Prepares the change from `opened` to passphrase `next`; the caller writes `fields` in one header write. */
export const newKeysFor = async (
  opened: Opened,
  next: string,
  targetKdf: KdfParams,
  derive?: DeriveArgon2id,
): Promise<NewKeys> => {
  const { header, wrappingKey, key } = opened;
  const salt = randomBytes(SALT_BYTES);
  // Never lower the work factor below what the header already had.
  const kdf = raisedKdf(header.kdf, targetKdf);
  const newWrappingKey = await deriveWrappingKey(next, salt, kdf, derive);
  const oldId = header.keyId ?? FIRST_KEY_ID;
  const keyId = Math.max(oldId, ...(header.retiring ?? []).map((r) => r.keyId)) + 1;
  const fresh = await createDataKey(newWrappingKey);
  const retiring: RetiringKey[] = [
    { keyId: oldId, wrappedKey: await rewrapDataKey(wrappingKey, header.wrappedKey, newWrappingKey) },
    ...(await rewrapRetiring(wrappingKey, header.retiring ?? [], newWrappingKey)),
  ];
  const oldKeys = await unwrapRetiring(wrappingKey, header.retiring);
  return {
    fields: { kdf, salt, wrappedKey: fresh.wrappedKey, keyId, retiring, schemaVersion: VAULT_HEADER_VERSION },
    keys: [[oldId, key], ...oldKeys, [keyId, fresh.key]],
    keyId,
  };
};
