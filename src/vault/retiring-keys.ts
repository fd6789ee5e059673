// Data keys kept while a passphrase change re-encrypts the records: unwrapping, rewrapping and dropping them from
// the header. Holds no key itself.
import { AppError } from '../domain/errors.ts';
import { rewrapDataKey, unwrapDataKey } from './crypto.ts';
import type { RetiringKey, VaultHeader } from './vault-header.ts';

/** Unwraps each retiring key (AES-KW under the same wrapping key as the current one); a failure is a changed header. */
export const unwrapRetiring = async (wrappingKey: CryptoKey, retiring: RetiringKey[] = []) =>
  Promise.all(
    retiring.map(async ({ keyId, wrappedKey }): Promise<[number, CryptoKey]> => {
      try {
        return [keyId, await unwrapDataKey(wrappingKey, wrappedKey)];
      } catch (cause) {
        throw new AppError('tampered', { reason: 'vault-header' }, { cause });
      }
    }),
  );

/** The header with no re-key pending (its `retiring` removed). */
export const withoutRetiring = ({ retiring: _, ...rest }: VaultHeader): VaultHeader => rest;

/** The retiring keys rewrapped from one wrapping key to another (a passphrase change, a raised KDF). */
export const rewrapRetiring = async (from: CryptoKey, retiring: RetiringKey[], to: CryptoKey): Promise<RetiringKey[]> =>
  Promise.all(
    retiring.map(async ({ keyId, wrappedKey }) => ({ keyId, wrappedKey: await rewrapDataKey(from, wrappedKey, to) })),
  );
