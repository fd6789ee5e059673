// Record encryption of JSON values under the vault's key ring: the envelope of crypto.ts with the record's additional
// data (version 2: key id, table, id, schema version, revision; version 1 read only). Holds no key of its own.
import { AppError } from '../domain/errors.ts';
import {
  boundRecordAad,
  decrypt,
  type Envelope,
  encrypt,
  envelopeKeyId,
  LEGACY_ENVELOPE_VERSION,
  type RecordContext,
  recordAad,
  utf8,
} from './crypto.ts';

/**
 * The data keys an unlocked vault holds: `current` encrypts every write; while a re-key runs (vault.ts), the keys it
 * replaces stay here too, for reading what is not re-encrypted yet. Mutated in place, so a handle taken before a
 * re-key started writes under the new key.
 */
export type KeyRing = { current: number; keys: Map<number, CryptoKey> };

/** Record encryption as the store uses it (`Vault.keyed()`, the vault itself). `revision` binds a report body's. */
export type KeyedCrypto = {
  encryptJson: (
    table: string,
    id: string,
    schemaVersion: number,
    value: unknown,
    revision?: number,
  ) => Promise<Envelope>;
  decryptJson: (
    table: string,
    id: string,
    schemaVersion: number,
    envelope: Envelope,
    revision?: number,
  ) => Promise<unknown>;
};

/** What a re-key pass gets: the ring's record encryption and which envelopes are already under its current key. */
export type RekeyCrypto = KeyedCrypto & { isCurrent: (envelope: Pick<Envelope, 'v' | 'kid'>) => boolean };

/** The ring as KeyedCrypto, reading it at each call (so it follows a re-key, and a lock that empties it). */
export const keyedWith = (ring: KeyRing): RekeyCrypto => ({
  encryptJson: (table, id, schemaVersion, value, revision) =>
    encryptJsonWith(ring, { table, id, schemaVersion, revision }, value),
  decryptJson: (table, id, schemaVersion, envelope, revision) =>
    decryptJsonWith(ring, { table, id, schemaVersion, revision }, envelope),
  isCurrent: (envelope) => envelopeKeyId(envelope) === ring.current,
});

export const encryptJsonWith = (ring: KeyRing, context: RecordContext, value: unknown): Promise<Envelope> => {
  const json = JSON.stringify(value);
  if (json === undefined) throw new AppError('invalid', { reason: 'not-json' });
  const key = ring.keys.get(ring.current);
  if (key === undefined) throw new AppError('locked');
  return encrypt(key, utf8(json), boundRecordAad(ring.current, context), ring.current);
};

/** AppError('tampered') when the envelope was changed, belongs to another record or revision, or its key is gone. */
export const decryptJsonWith = async (ring: KeyRing, context: RecordContext, envelope: Envelope): Promise<unknown> => {
  if (envelope === null || typeof envelope !== 'object') throw new AppError('tampered', { reason: 'envelope' });
  const keyId = envelopeKeyId(envelope);
  const key = ring.keys.get(keyId);
  // A key no longer held: a copy from before a re-key put back in place of the current record.
  if (key === undefined) throw new AppError('tampered', { reason: 'key-retired' });
  const aad =
    envelope.v === LEGACY_ENVELOPE_VERSION
      ? recordAad(context.table, context.id, context.schemaVersion)
      : boundRecordAad(keyId, context);
  const bytes = await decrypt(key, envelope, aad);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new AppError('tampered', { reason: 'not-json' }, { cause });
  }
};
