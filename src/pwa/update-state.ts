// The install/update prompt as a small state machine; the bridge feeds it service-worker events.
// Never reloads by itself: a waiting version is applied only when the user asks.

export type UpdateState = {
  /** The app shell is cached: the app opens with no network. */
  offlineReady: boolean;
  /** Show "Ready to work offline" once, on the first install. */
  showOfflineReady: boolean;
  /** A new version is installed and waits for the user's "Reload". */
  updateWaiting: boolean;
  /** The user pressed Reload; waiting for the new version to take control. */
  applying: boolean;
};

export type UpdateEvent =
  | { type: 'installed'; isUpdate: boolean }
  | { type: 'waiting' }
  | { type: 'controlling'; isUpdate: boolean }
  | { type: 'apply' }
  | { type: 'dismiss-offline-ready' };

export const INITIAL_UPDATE_STATE: UpdateState = {
  offlineReady: false,
  showOfflineReady: false,
  updateWaiting: false,
  applying: false,
};

export const updateReducer = (state: UpdateState, event: UpdateEvent): UpdateState => {
  switch (event.type) {
    case 'installed':
      return event.isUpdate ? state : { ...state, offlineReady: true, showOfflineReady: true };
    case 'waiting':
      return { ...state, offlineReady: true, updateWaiting: true };
    case 'apply':
      return state.updateWaiting ? { ...state, applying: true } : state;
    case 'controlling':
      return { ...state, offlineReady: true };
    case 'dismiss-offline-ready':
      return { ...state, showOfflineReady: false };
  }
};

/**
 * The page reloads only when the user asked for the waiting version and a new worker now controls the page.
 * (The first install also takes control, but nobody pressed Reload then; workbox's `isUpdate` cannot tell the
 * two apart on a first visit that lives long enough to see an update.)
 */
export const shouldReloadOnControlling = (state: UpdateState): boolean => state.applying;
