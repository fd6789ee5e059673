// Hash routes of the app (#/reports, #/guidance/<id>, ...): the URL never carries personal data,
// only screen names and random record ids.
import { useEffect, useState } from 'preact/hooks';

export const SCREENS = ['reports', 'guidance', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];
/** The navigation's link texts (index.html's static shell repeats them). */
export const SCREEN_LABELS: Record<Screen, string> = { reports: 'Reports', guidance: 'Guidance', settings: 'Settings' };
export type Route = { screen: Screen; param?: string };

export const parseRoute = (hash: string): Route => {
  const [screen, param] = hash.replace(/^#\/?/, '').split('/');
  const known = SCREENS.find((s) => s === screen) ?? 'reports';
  return param && known === screen ? { screen: known, param: decodeURIComponent(param) } : { screen: known };
};

export const routeHref = (screen: Screen, param?: string): string =>
  `#/${screen}${param ? `/${encodeURIComponent(param)}` : ''}`;

export const navigate = (screen: Screen, param?: string): void => {
  window.location.hash = routeHref(screen, param);
};

export const useRoute = (): Route => {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () =>
      setRoute((current) => {
        const next = parseRoute(window.location.hash);
        return next.screen === current.screen && next.param === current.param ? current : next;
      });
    window.addEventListener('hashchange', onChange);
    // A link followed between the first render and this effect (the static shell's, tapped while the app draws over
    // it) fired its hashchange before anyone listened: read the address once more.
    onChange();
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
};
