import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Argon2idParams, Bytes } from '../../../src/vault/crypto.ts';

const kdf: Argon2idParams = { name: 'Argon2id', memoryKiB: 256, passes: 2, parallelism: 1 };
// The reference implementation's vector for "password"/"somesalt" (phc-winner-argon2 src/test.c, version 0x13).
const EXPECTED = '9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe';
const bytes = (text: string) => new TextEncoder().encode(text) as Bytes;
const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

/** A fresh copy of the module: it remembers whether a worker could start. */
const freshClient = async () => {
  vi.resetModules();
  return import('../../../src/vault/kdf-worker-client.ts');
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Argon2id off the main thread', () => {
  it('runs on this thread, with the same output, where there is no Web Worker (Node, old browsers)', async () => {
    vi.stubGlobal('Worker', undefined);
    const { argon2idOffMainThread, preloadKeyDerivation } = await freshClient();
    await preloadKeyDerivation();
    expect(hex(await argon2idOffMainThread(bytes('password'), bytes('somesalt'), kdf))).toBe(EXPECTED);
  });

  it('falls back to this thread when the worker script cannot load, finishing the derivation already sent', async () => {
    const created: { onerror: ((event: Event) => void) | null; terminated: boolean; sent: unknown[] }[] = [];
    class FailingWorker {
      onerror: ((event: Event) => void) | null = null;
      onmessage = null;
      terminated = false;
      sent: unknown[] = [];
      constructor() {
        created.push(this);
      }
      postMessage(message: unknown) {
        this.sent.push(message);
        // The browser reports a script that did not load (offline, refused by the CSP) as an error event.
        queueMicrotask(() => this.onerror?.(new Event('error')));
      }
      terminate() {
        this.terminated = true;
      }
    }
    vi.stubGlobal('Worker', FailingWorker);
    const { argon2idOffMainThread } = await freshClient();
    const passphrase = bytes('password');
    expect(hex(await argon2idOffMainThread(passphrase, bytes('somesalt'), kdf))).toBe(EXPECTED);
    expect(created).toHaveLength(1);
    expect(created[0]?.terminated).toBe(true);
    // The worker got its own copy of the passphrase bytes, never the caller's.
    expect((created[0]?.sent[0] as { password?: Uint8Array } | undefined)?.password).not.toBe(passphrase);
    // Later derivations go straight to this thread: no second worker.
    expect(hex(await argon2idOffMainThread(bytes('password'), bytes('somesalt'), kdf))).toBe(EXPECTED);
    expect(created).toHaveLength(1);
  });

  it('falls back to this thread when the worker runs but answers that it could not derive', async () => {
    let created = 0;
    class RefusingWorker {
      onmessage: ((event: MessageEvent) => void) | null = null;
      onerror = null;
      constructor() {
        created++;
      }
      postMessage({ id }: { id: number }) {
        queueMicrotask(() => this.onmessage?.(new MessageEvent('message', { data: { id, ok: false } })));
      }
      terminate() {}
    }
    vi.stubGlobal('Worker', RefusingWorker);
    const { argon2idOffMainThread } = await freshClient();
    expect(hex(await argon2idOffMainThread(bytes('password'), bytes('somesalt'), kdf))).toBe(EXPECTED);
    expect(hex(await argon2idOffMainThread(bytes('password'), bytes('somesalt'), kdf))).toBe(EXPECTED);
    expect(created).toBe(1);
  });

  it('refuses parameters out of range before sending anything to a worker', async () => {
    const created: unknown[] = [];
    vi.stubGlobal(
      'Worker',
      class {
        constructor() {
          created.push(this);
        }
      },
    );
    const { argon2idOffMainThread } = await freshClient();
    await expect(
      argon2idOffMainThread(bytes('password'), bytes('somesalt'), { ...kdf, memoryKiB: 4 }),
    ).rejects.toMatchObject({ code: 'invalid' });
    expect(created).toHaveLength(0);
  });

  it('the worker script answers with the 32 raw bytes, transferred, and overwrites its copy of the passphrase', async () => {
    const posted: [unknown, { transfer: ArrayBuffer[] } | undefined][] = [];
    vi.stubGlobal('onmessage', null);
    vi.stubGlobal('postMessage', (message: unknown, options?: { transfer: ArrayBuffer[] }) =>
      posted.push([message, options]),
    );
    vi.resetModules();
    await import('../../../src/vault/kdf-worker.ts');
    const handler = (globalThis as unknown as { onmessage: (event: { data: unknown }) => Promise<void> }).onmessage;
    const password = bytes('password');
    await handler({ data: { id: 7, password, salt: bytes('somesalt'), kdf } });
    const [[message, options]] = posted as [
      [{ id: number; ok: boolean; bytes: Uint8Array }, { transfer: ArrayBuffer[] }],
    ];
    expect(message.id).toBe(7);
    expect(hex(message.bytes)).toBe(EXPECTED);
    expect(options.transfer).toEqual([message.bytes.buffer]);
    expect(password.every((byte) => byte === 0)).toBe(true);
  });
});

/** A Worker stand-in that answers like kdf-worker.ts (real Argon2id, here), in the order `order` picks. */
const answeringWorker = (
  log: { created: { url: unknown; options: unknown }[]; asked: number[]; leftInPage: Uint8Array[] },
  order: 'fifo' | 'lifo' = 'fifo',
) =>
  class {
    onmessage: ((event: MessageEvent) => void) | null = null;
    onerror = null;
    #queue: { id: number; password: Bytes; salt: Bytes; kdf: Argon2idParams }[] = [];
    constructor(url: unknown, options: unknown) {
      log.created.push({ url, options });
    }
    postMessage(request: { id: number; password: Bytes; salt: Bytes; kdf: Argon2idParams }, transfer: Transferable[]) {
      log.asked.push(request.id);
      // As the browser does: what is listed for transfer moves to the worker and is gone from the page.
      this.#queue.push(structuredClone(request, { transfer }));
      log.leftInPage.push(request.password);
      queueMicrotask(() => void this.#answer());
    }
    async #answer() {
      const request = order === 'fifo' ? this.#queue.shift() : this.#queue.pop();
      if (!request) return;
      const { runArgon2id } = await import('../../../src/vault/argon2id-wasm.ts');
      const out = await runArgon2id(request.password, request.salt, request.kdf);
      // An answer for a request nobody is waiting for comes first: it must be ignored.
      this.onmessage?.(
        new MessageEvent('message', { data: { id: 10_000 + request.id, ok: true, bytes: new Uint8Array(32) } }),
      );
      this.onmessage?.(new MessageEvent('message', { data: { id: request.id, ok: true, bytes: out } }));
    }
    terminate() {}
  };

describe('Argon2id in a worker that answers', () => {
  it('gives each derivation the worker’s own answer, even when the answers come back out of order', async () => {
    const log = {
      created: [] as { url: unknown; options: unknown }[],
      asked: [] as number[],
      leftInPage: [] as Uint8Array[],
    };
    vi.stubGlobal('Worker', answeringWorker(log, 'lifo'));
    const { argon2idOffMainThread } = await freshClient();
    const [first, second] = await Promise.all([
      argon2idOffMainThread(bytes('password'), bytes('somesalt'), kdf),
      argon2idOffMainThread(bytes('passwore'), bytes('somesalt'), kdf),
    ]);
    expect(hex(first as Bytes)).toBe(EXPECTED);
    expect(hex(second as Bytes)).not.toBe(EXPECTED);
    expect(new Set(log.asked).size).toBe(2);
    // One module worker, named, for every derivation.
    expect(log.created).toHaveLength(1);
    expect(log.created[0]?.options).toEqual({ type: 'module', name: 'safevisit-kdf' });
    expect(String(log.created[0]?.url)).toMatch(/kdf-worker\.ts$/);
  });

  it('starts the worker once when the unlock screen preloads it, and uses it for the derivation', async () => {
    const log = {
      created: [] as { url: unknown; options: unknown }[],
      asked: [] as number[],
      leftInPage: [] as Uint8Array[],
    };
    vi.stubGlobal('Worker', answeringWorker(log));
    const { argon2idOffMainThread, preloadKeyDerivation } = await freshClient();
    await preloadKeyDerivation();
    expect(log.created).toHaveLength(1);
    expect(hex(await argon2idOffMainThread(bytes('password'), bytes('somesalt'), kdf))).toBe(EXPECTED);
    expect(log.created).toHaveLength(1);
    expect(log.asked).toHaveLength(1);
    // A worker that answered keeps serving: the next derivation goes to it too.
    expect(hex(await argon2idOffMainThread(bytes('password'), bytes('somesalt'), kdf))).toBe(EXPECTED);
    expect(log.asked).toHaveLength(2);
    // The page kept no copy of the passphrase bytes it sent: they moved to the worker.
    expect(log.leftInPage.map((copy) => copy.byteLength)).toEqual([0, 0]);
  });

  it('loads Argon2id on this thread when preloading without a worker, and passes on a chunk that fails to load', async () => {
    vi.stubGlobal('Worker', undefined);
    vi.doMock('../../../src/vault/argon2id-wasm.ts', () => {
      throw new Error('chunk failed to load');
    });
    try {
      const { preloadKeyDerivation } = await freshClient();
      await expect(preloadKeyDerivation()).rejects.toThrow();
    } finally {
      vi.doUnmock('../../../src/vault/argon2id-wasm.ts');
    }
  });

  it('runs here when the worker cannot even be constructed, and does not try again', async () => {
    let tries = 0;
    vi.stubGlobal(
      'Worker',
      class {
        constructor() {
          tries++;
          throw new Error('blocked by the CSP');
        }
      },
    );
    const { argon2idOffMainThread, preloadKeyDerivation } = await freshClient();
    await preloadKeyDerivation();
    expect(hex(await argon2idOffMainThread(bytes('password'), bytes('somesalt'), kdf))).toBe(EXPECTED);
    expect(tries).toBe(1);
  });

  it('finishes every derivation waiting on a worker that fails, and keeps the error event from the console', async () => {
    const events: Event[] = [];
    let worker: { onerror: ((event: Event) => void) | null } | null = null;
    vi.stubGlobal(
      'Worker',
      class {
        onerror: ((event: Event) => void) | null = null;
        onmessage = null;
        sent = 0;
        constructor() {
          worker = this;
        }
        postMessage() {
          this.sent++;
          if (this.sent === 2) {
            const event = new Event('error', { cancelable: true });
            events.push(event);
            queueMicrotask(() => this.onerror?.(event));
          }
        }
        terminate() {}
      },
    );
    const { argon2idOffMainThread } = await freshClient();
    const both = await Promise.all([
      argon2idOffMainThread(bytes('password'), bytes('somesalt'), kdf),
      argon2idOffMainThread(bytes('password'), bytes('somesalt'), kdf),
    ]);
    expect(both.map((b) => hex(b))).toEqual([EXPECTED, EXPECTED]);
    expect(worker).not.toBeNull();
    expect(events[0]?.defaultPrevented).toBe(true);
  });
  it('takes a late error event from a worker it already stopped calmly', async () => {
    let worker: { onerror: ((event: Event) => void) | null } | null = null;
    vi.stubGlobal(
      'Worker',
      class {
        onmessage: ((event: MessageEvent) => void) | null = null;
        onerror: ((event: Event) => void) | null = null;
        constructor() {
          worker = this;
        }
        postMessage({ id }: { id: number }) {
          queueMicrotask(() => this.onmessage?.(new MessageEvent('message', { data: { id, ok: false } })));
        }
        terminate() {}
      },
    );
    const { argon2idOffMainThread } = await freshClient();
    expect(hex(await argon2idOffMainThread(bytes('password'), bytes('somesalt'), kdf))).toBe(EXPECTED);
    const late = worker as { onerror: ((event: Event) => void) | null } | null;
    expect(() => late?.onerror?.(new Event('error', { cancelable: true }))).not.toThrow();
    expect(hex(await argon2idOffMainThread(bytes('password'), bytes('somesalt'), kdf))).toBe(EXPECTED);
  });
});
