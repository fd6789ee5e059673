// A tiny observable value: the one pattern the app uses to share state with its screens.
// Pure: no DOM, no storage.

export type Observable<T> = {
  get: () => T;
  set: (value: T) => void;
  update: (change: (value: T) => T) => void;
  subscribe: (listener: (value: T) => void) => () => void;
};

export const createObservable = <T>(initial: T): Observable<T> => {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  const set = (next: T) => {
    if (Object.is(next, value)) return;
    value = next;
    for (const listener of [...listeners]) listener(value);
  };
  return {
    get: () => value,
    set,
    update: (change) => set(change(value)),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
};

/** The read side of an observable: what a screen may hold. */
export type Readable<T> = Pick<Observable<T>, 'get' | 'subscribe'>;
