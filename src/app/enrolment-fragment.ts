// The enrolment link a device was opened with (`<origin>/#enrol=...`): taken from the address bar at boot, before
// anything draws, and kept in memory only until Settings has asked the worker. The token never stays in history.

import { ENROL_FRAGMENT_PREFIX } from '../domain/enrol-fragment.ts';
import { createObservable } from '../domain/observable.ts';
import { routeHref } from './router.ts';

/** The fragment as opened ("#enrol=..."), until Settings takes it. */
export const pendingEnrolmentLink = createObservable<string | null>(null);

/**
 * Moves an `#enrol=` fragment from the address bar into memory and shows Settings instead: replaceState, so no
 * history entry (nor a reload) keeps the token. Returns true when there was one.
 */
export const takeEnrolmentFragment = (win: Pick<Window, 'location' | 'history'>): boolean => {
  const { hash, pathname, search } = win.location;
  if (!hash.startsWith(ENROL_FRAGMENT_PREFIX)) return false;
  pendingEnrolmentLink.set(hash);
  win.history.replaceState(null, '', `${pathname}${search}${routeHref('settings')}`);
  return true;
};

/**
 * Takes the fragment now and whenever a link is opened in the running app (a same-page navigation only changes the
 * hash). Call before the router listens, so it reads the Settings route and never the token.
 */
export const watchEnrolmentFragment = (win: Pick<Window, 'location' | 'history' | 'addEventListener'>): void => {
  takeEnrolmentFragment(win);
  // Registered before the router's listener, so the router reads the Settings route this replaces the link with.
  win.addEventListener('hashchange', () => takeEnrolmentFragment(win));
};
