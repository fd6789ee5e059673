// The page's one door to the service worker (workbox-window): registers it when asked, turns its events into
// the update state, and applies a waiting version on request. Holds no data of the user's. workbox-window is loaded
// when registering (after the app's first render), so it is no part of the first load.
import type { Workbox } from 'workbox-window';
import { createObservable, type Observable } from '../domain/observable.ts';
import { SW_MESSAGES, SYNC_TAG } from './sw-messages.ts';
import { INITIAL_UPDATE_STATE, shouldReloadOnControlling, type UpdateState, updateReducer } from './update-state.ts';

export type SwBridge = {
  state: Observable<UpdateState>;
  /**
   * Registers the service worker; the boot calls it once, after the app's first render has painted (registering
   * costs the page's thread several milliseconds, and a worker installed before is in control already).
   */
  register: () => void;
  applyUpdate: () => void;
  dismissOfflineReady: () => void;
  /** Asks the browser to wake the app's sync when connectivity returns (Background Sync), where it can. */
  requestBackgroundSync: () => Promise<boolean>;
  /** Called when the service worker asks the page to run its outbox. */
  onSyncRequested: (listener: () => void) => () => void;
};

export const createSwBridge = (scriptUrl = '/sw.js'): SwBridge => {
  const state = createObservable(INITIAL_UPDATE_STATE);
  const dispatch = (event: Parameters<typeof updateReducer>[1]) => state.set(updateReducer(state.get(), event));
  const syncListeners = new Set<() => void>();
  const supported = typeof navigator !== 'undefined' && 'serviceWorker' in navigator;
  /** Set by register(); until then there is no waiting version to apply. */
  let wb: Workbox | undefined;

  const follow = (workbox: Workbox) => {
    workbox.addEventListener('installed', (e) => dispatch({ type: 'installed', isUpdate: Boolean(e.isUpdate) }));
    workbox.addEventListener('waiting', () => dispatch({ type: 'waiting' }));
    workbox.addEventListener('controlling', (e) => {
      const reload = shouldReloadOnControlling(state.get());
      dispatch({ type: 'controlling', isUpdate: Boolean(e.isUpdate) });
      if (reload) window.location.reload();
    });
    workbox.addEventListener('message', (e) => {
      if (e.data?.type === SW_MESSAGES.syncRequested) for (const listener of syncListeners) listener();
    });
  };

  return {
    state,
    register: () => {
      if (!supported) return;
      import('workbox-window')
        .then(({ Workbox }) => {
          wb = new Workbox(scriptUrl);
          follow(wb);
          return wb.register();
        })
        .catch(() => {
          // No service worker (private mode, or an insecure origin), or its chunk could not be read: the app still
          // runs online.
        });
    },
    applyUpdate: () => {
      dispatch({ type: 'apply' });
      wb?.messageSkipWaiting();
    },
    dismissOfflineReady: () => dispatch({ type: 'dismiss-offline-ready' }),
    requestBackgroundSync: async () => {
      if (!supported) return false;
      const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
        sync?: { register: (tag: string) => Promise<void> };
      };
      if (!registration.sync) return false;
      try {
        await registration.sync.register(SYNC_TAG);
        return true;
      } catch {
        return false;
      }
    },
    onSyncRequested: (listener) => {
      syncListeners.add(listener);
      return () => syncListeners.delete(listener);
    },
  };
};
