// The Argon2id chunk failing to load (a first visit that went offline mid-load): the failure reaches the caller and
// is not kept, so the next derivation loads the real WebAssembly build again. Only the load is made to fail.
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('../../../src/vault/argon2id-wasm.ts');
  vi.resetModules();
});

describe('loading the Argon2id build', () => {
  it('passes a failed load on and loads again at the next call', async () => {
    vi.resetModules();
    vi.doMock('../../../src/vault/argon2id-wasm.ts', () => {
      throw new Error('chunk failed to load');
    });
    const crypto = await import('../../../src/vault/crypto.ts');
    await expect(crypto.loadArgon2idHere()).rejects.toThrow();
    vi.doUnmock('../../../src/vault/argon2id-wasm.ts');
    const loaded = await crypto.loadArgon2idHere();
    expect(typeof loaded.runArgon2id).toBe('function');
    // Loaded once, kept: the same module for every later call.
    expect(await crypto.loadArgon2idHere()).toBe(loaded);
    const kdf = { name: 'Argon2id', memoryKiB: 256, passes: 2, parallelism: 1 } as const;
    const bytes = await crypto.argon2idBytes(crypto.utf8('password'), crypto.utf8('somesalt'), kdf);
    expect([...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')).toBe(
      '9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe',
    );
  });
});
