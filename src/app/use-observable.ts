// Preact hook that re-renders a component when an observable value changes.
import { useEffect, useState } from 'preact/hooks';
import type { Observable } from '../domain/observable.ts';

export const useObservable = <T>(source: Pick<Observable<T>, 'get' | 'subscribe'>): T => {
  // Called as methods: a class-based source (the Vault) needs its `this`.
  const [value, setValue] = useState(() => source.get());
  useEffect(() => {
    setValue(() => source.get());
    return source.subscribe((next) => setValue(() => next));
  }, [source]);
  return value;
};
