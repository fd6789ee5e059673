// The one piece of hash-wasm the vault uses, Argon2id, as its own small chunk (WebAssembly inlined as base64), run on
// whichever thread imports it (the key-derivation worker in the page). Checks nothing: callers check the parameters.
import { argon2id } from 'hash-wasm';
import type { Bytes } from './crypto.ts';
import type { Argon2idParams } from './kdf-params.ts';

export const ARGON2ID_OUTPUT_BYTES = 32;

/** Argon2id v1.3 over `password` (already NFC UTF-8): 32 raw bytes in a buffer of their own. */
export const runArgon2id = async (password: Bytes, salt: Bytes, kdf: Argon2idParams): Promise<Bytes> => {
  const out = await argon2id({
    password,
    salt,
    iterations: kdf.passes,
    parallelism: kdf.parallelism,
    memorySize: kdf.memoryKiB,
    hashLength: ARGON2ID_OUTPUT_BYTES,
    outputType: 'binary',
  });
  return new Uint8Array(out) as Bytes;
};
