// The key-derivation worker: runs Argon2id (hash-wasm) for the page so the unlock screen keeps drawing while the
// passphrase is stretched. Answers one message with one message; keeps nothing between them.
import { runArgon2id } from './argon2id-wasm.ts';
import type { Bytes } from './crypto.ts';
import type { Argon2idParams } from './kdf-params.ts';

/** A derivation asked of the worker (kdf-worker-client.ts checks the parameters before sending). */
export type KdfRequest = { id: number; password: Bytes; salt: Bytes; kdf: Argon2idParams };
/** Its answer: the raw bytes (transferred, not copied), or that it failed. */
export type KdfResponse = { id: number; ok: true; bytes: Bytes } | { id: number; ok: false };

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<KdfRequest>) => void) | null;
  postMessage: (message: KdfResponse, options?: { transfer: Transferable[] }) => void;
};

scope.onmessage = async ({ data }) => {
  const { id, password, salt, kdf } = data;
  try {
    const bytes = await runArgon2id(password, salt, kdf);
    scope.postMessage({ id, ok: true, bytes }, { transfer: [bytes.buffer] });
  } catch {
    scope.postMessage({ id, ok: false });
  } finally {
    password.fill(0);
  }
};
