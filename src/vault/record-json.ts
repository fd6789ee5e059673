// Record encryption of JSON values under a key: the envelope of crypto.ts with the record's additional data
// (table, id, schema version). Holds no key itself.
import { AppError } from '../domain/errors.ts';
import { decrypt, type Envelope, encrypt, recordAad, utf8 } from './crypto.ts';

export const encryptJsonWith = (
  key: CryptoKey,
  table: string,
  id: string,
  schemaVersion: number,
  value: unknown,
): Promise<Envelope> => {
  const json = JSON.stringify(value);
  if (json === undefined) throw new AppError('invalid', { reason: 'not-json' });
  return encrypt(key, utf8(json), recordAad(table, id, schemaVersion));
};

export const decryptJsonWith = async (
  key: CryptoKey,
  table: string,
  id: string,
  schemaVersion: number,
  envelope: Envelope,
): Promise<unknown> => {
  const bytes = await decrypt(key, envelope, recordAad(table, id, schemaVersion));
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new AppError('tampered', { reason: 'not-json' }, { cause });
  }
};
