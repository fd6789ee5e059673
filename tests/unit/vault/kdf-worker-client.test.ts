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
