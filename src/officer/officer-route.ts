// Hash routes of the officer's screens (#/inbox, #/inbox/<report id>, #/devices, #/officers, #/audit, #/guidance): the URL carries screen names and
// random report ids only, never anything from a report.
import { useEffect, useState } from 'preact/hooks';

export const OFFICER_SCREENS = ['inbox', 'devices', 'officers', 'audit', 'guidance'] as const;
export type OfficerScreen = (typeof OFFICER_SCREENS)[number];
export type OfficerRoute = { screen: OfficerScreen; id?: string };

/** An unknown or empty hash is the inbox: the screen after sign-in. */
export const parseOfficerRoute = (hash: string): OfficerRoute => {
  const [screen, id] = hash.replace(/^#\/?/, '').split('/');
  const known = OFFICER_SCREENS.find((s) => s === screen) ?? 'inbox';
  if (known !== screen || !id) return { screen: known };
  try {
    return { screen: known, id: decodeURIComponent(id) };
  } catch {
    return { screen: known };
  }
};

export const officerHref = (screen: OfficerScreen, id?: string): string =>
  `#/${screen}${id ? `/${encodeURIComponent(id)}` : ''}`;

export const useOfficerRoute = (): OfficerRoute => {
  const [route, setRoute] = useState(() => parseOfficerRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseOfficerRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
};
