// Service worker: precaches the app shell and serves it offline; wakes the page's sync on
// Background Sync. A thin router: it never holds keys or plaintext.
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { SW_MESSAGES, SYNC_TAG } from './pwa/sw-messages.ts';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Every in-app URL opens the cached shell; the sync API is never answered from cache, and the officer's
// screens (their own page, not precached) always come from the server.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/v[12]\//, /^\/officer(\/|$)/] }),
);

// A waiting version activates only when the user presses "Reload" (no code swapped under a draft).
self.addEventListener('message', (event) => {
  if (event.data?.type === SW_MESSAGES.skipWaiting) void self.skipWaiting();
});
// Activation happens on first install or when the user asked for the update: take control at once
// so the very first visit already works offline.
clientsClaim();

type SyncEvent = ExtendableEvent & { tag: string };
self.addEventListener('sync', (event) => {
  const e = event as SyncEvent;
  if (e.tag !== SYNC_TAG) return;
  e.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((clients) => {
      for (const client of clients) client.postMessage({ type: SW_MESSAGES.syncRequested });
    }),
  );
});
