// The messages the page and the service worker exchange; shared by both sides.
export const SW_MESSAGES = {
  skipWaiting: 'SKIP_WAITING',
  syncRequested: 'SYNC_REQUESTED',
} as const;

/** Background Sync tag the page registers when reports wait to be sent. */
export const SYNC_TAG = 'safevisit-outbox';
