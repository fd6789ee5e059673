// Follows the browser's connectivity live (navigator.onLine plus the online/offline events).
// Knows nothing of the server: reaching it is the sync client's business.
import { createObservable, type Observable } from '../domain/observable.ts';

export type Connectivity = Observable<boolean> & { dispose: () => void };

export const createConnectivity = (
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = window,
  isOnline: () => boolean = () => navigator.onLine,
): Connectivity => {
  const store = createObservable(isOnline());
  const onOnline = () => store.set(true);
  const onOffline = () => store.set(false);
  target.addEventListener('online', onOnline);
  target.addEventListener('offline', onOffline);
  return {
    ...store,
    dispose: () => {
      target.removeEventListener('online', onOnline);
      target.removeEventListener('offline', onOffline);
    },
  };
};
