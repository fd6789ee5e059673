// One sync at a time: Web Locks across the origin's tabs, or an in-process mutex where they do not exist.
import type { LockFn } from './outbox-types.ts';

/** A simple in-process mutex per name: the fallback where Web Locks do not exist (tests, old browsers). */
export const createMutexLock = (): LockFn => {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const previous = tails.get(name) ?? Promise.resolve();
    const result = previous.then(fn, fn);
    // One settled promise per name stays behind once all are done: names are a handful of constants.
    tails.set(
      name,
      result.catch(() => undefined),
    );
    return result;
  };
};

/** Web Locks when the browser has them (shared by every tab of the origin), else an in-process mutex. */
export const defaultLock = (): LockFn => {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks && typeof locks.request === 'function') {
    return <T>(name: string, fn: () => Promise<T>) => locks.request(name, fn) as Promise<T>;
  }
  return createMutexLock();
};
