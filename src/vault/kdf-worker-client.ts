// Argon2id off the page's main thread: the vault's derivation in the page, through one Web Worker (kdf-worker.ts,
// loaded when the unlock or create screen opens). Falls back to this thread, plainly, where a worker cannot run.
import { argon2idBytes, type Bytes, checkArgon2idInput, type DeriveArgon2id, loadArgon2idHere } from './crypto.ts';
import type { KdfRequest, KdfResponse } from './kdf-worker.ts';

type Pending = { resolve: (bytes: Bytes) => void; reject: (error: unknown) => void; retry: () => void };

let worker: Worker | null = null;
/** Set once a worker failed to start (no Worker, a blocked or missing script): every derivation runs here. */
let workerUnavailable = false;
let lastId = 0;
const pending = new Map<number, Pending>();

const stopWorker = () => {
  worker?.terminate();
  worker = null;
  workerUnavailable = true;
  // Whatever was asked of it runs on this thread instead.
  const waiting = [...pending.values()];
  pending.clear();
  for (const job of waiting) job.retry();
};

const startWorker = (): Worker | null => {
  if (worker !== null || workerUnavailable) return worker;
  // No Worker at all (Node, old browsers) throws here too.
  try {
    worker = new Worker(new URL('./kdf-worker.ts', import.meta.url), { type: 'module', name: 'safevisit-kdf' });
  } catch {
    workerUnavailable = true;
    return null;
  }
  worker.onmessage = ({ data }: MessageEvent<KdfResponse>) => {
    const job = pending.get(data.id);
    if (job === undefined) return;
    pending.delete(data.id);
    if (data.ok) {
      job.resolve(data.bytes);
      return;
    }
    // It runs but cannot derive (its WebAssembly refused, out of memory): this thread takes over, now and after.
    stopWorker();
    job.retry();
  };
  // The script did not load or run (offline before it was cached, a CSP that blocks it): this thread takes over.
  worker.onerror = (event) => {
    event.preventDefault();
    stopWorker();
  };
  return worker;
};

/**
 * Starts the key-derivation worker (or, without workers, loads Argon2id here) so it is ready when the passphrase is
 * typed: the unlock and create screens call it as they open. Never rejects for a worker that cannot start.
 */
export const preloadKeyDerivation = async (): Promise<void> => {
  if (startWorker() === null) await loadArgon2idHere();
};

/** Argon2id in the worker; on this thread where there is none. The worker gets its own copy of the passphrase bytes and overwrites it. */
export const argon2idOffMainThread: DeriveArgon2id = async (passphrase, salt, kdf) => {
  checkArgon2idInput(salt, kdf);
  const running = startWorker();
  if (running === null) return argon2idBytes(passphrase, salt, kdf);
  return new Promise<Bytes>((resolve, reject) => {
    // Stryker disable next-line UpdateOperator: counting down gives unique ids just the same
    const id = ++lastId;
    const password = new Uint8Array(passphrase) as Bytes;
    pending.set(id, {
      resolve,
      reject,
      retry: () => argon2idBytes(passphrase, salt, kdf).then(resolve, reject),
    });
    const request: KdfRequest = { id, password, salt, kdf };
    running.postMessage(request, [password.buffer]);
  });
};
