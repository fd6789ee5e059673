// One sync at a time: the in-process mutex (the fallback) and the choice of Web Locks where the browser has them.
// Node has no Web Locks, so the browser's `navigator.locks` is stood in for by one that records its requests.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LockFn } from '../../../src/sync/outbox-types.ts';
import { createMutexLock, defaultLock } from '../../../src/sync/sync-lock.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A promise with its resolve outside, to hold a lock until the test lets go. */
const gate = () => {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
};

/** Checks that `lock` runs a second holder of a name only once the first has finished. */
const expectOneAtATime = async (lock: LockFn) => {
  const order: string[] = [];
  const first = gate();
  const a = lock('sync', async () => {
    order.push('a+');
    await first.opened;
    order.push('a-');
  });
  const b = lock('sync', async () => {
    order.push('b');
  });
  await new Promise((resolve) => setImmediate(resolve));
  expect(order).toEqual(['a+']);
  first.open();
  await Promise.all([a, b]);
  expect(order).toEqual(['a+', 'a-', 'b']);
};

describe('createMutexLock', () => {
  it('runs a holder that comes after a failed one, and passes each holder its own result and error', async () => {
    const lock = createMutexLock();
    const failing = lock('sync', async () => {
      throw new Error('first failed');
    });
    const next = lock('sync', async () => 'second ran');
    await expect(failing).rejects.toThrow('first failed');
    expect(await next).toBe('second ran');
  });

  it('does not start a holder until the one before it has finished', async () => {
    await expectOneAtATime(createMutexLock());
  });

  it('makes a holder that joins while the second runs (the first done) wait for the second', async () => {
    const lock = createMutexLock();
    const order: string[] = [];
    const first = gate();
    const second = gate();
    const a = lock('sync', async () => {
      await first.opened;
      order.push('a');
    });
    const secondStarted = gate();
    const b = lock('sync', async () => {
      order.push('b+');
      secondStarted.open();
      await second.opened;
      order.push('b-');
    });
    first.open();
    await a;
    await secondStarted.opened;
    const c = lock('sync', async () => {
      order.push('c');
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a', 'b+']);
    second.open();
    await Promise.all([b, c]);
    expect(order).toEqual(['a', 'b+', 'b-', 'c']);
  });
});

describe('defaultLock', () => {
  it('uses Web Locks when the browser has them, with the given name', async () => {
    const requested: string[] = [];
    vi.stubGlobal('navigator', {
      locks: {
        request: async (name: string, fn: () => Promise<unknown>) => {
          requested.push(name);
          return fn();
        },
      },
    });
    const lock = defaultLock();
    expect(await lock('safevisit-sync', async () => 42)).toBe(42);
    expect(requested).toEqual(['safevisit-sync']);
  });

  it('falls back to the in-process mutex without navigator or without Web Locks', async () => {
    for (const nav of [undefined, {}, { locks: {} }]) {
      vi.stubGlobal('navigator', nav);
      await expectOneAtATime(defaultLock());
    }
  });
});
