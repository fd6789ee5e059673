// The app shell: header, navigation, status region, update banner and the current screen. index.html carries the
// same header and navigation as static markup, painted before this script runs; the first render reuses it.
import { lazyComponent } from '../ui/lazy.tsx';
import { type Route, routeHref, SCREEN_LABELS, SCREENS, useRoute } from './router.ts';
import { StatusBar } from './StatusBar.tsx';
import { UpdateBanner } from './UpdateBanner.tsx';
import { LockButton, VaultGate } from './vault/VaultScreens.tsx';

// Each screen is its own chunk: the first load is the shell, the vault screens and the store only.
const ReportsScreen = lazyComponent(() => import('./reports/ReportsScreen.tsx').then((m) => m.ReportsScreen));
const GuidanceScreen = lazyComponent(() => import('./guidance/GuidanceScreen.tsx').then((m) => m.GuidanceScreen));
const SettingsScreen = lazyComponent(() => import('./settings/SettingsScreen.tsx').then((m) => m.SettingsScreen));

const CurrentScreen = ({ route }: { route: Route }) => {
  switch (route.screen) {
    case 'reports':
      return (
        <VaultGate>
          <ReportsScreen param={route.param} />
        </VaultGate>
      );
    case 'guidance':
      return <GuidanceScreen param={route.param} />;
    case 'settings':
      return (
        <VaultGate>
          <SettingsScreen />
        </VaultGate>
      );
  }
};

export const App = () => {
  const route = useRoute();
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="app-header">
        <span class="app-header__name">SafeVisit</span>
        <StatusBar />
        <LockButton />
      </header>
      <nav class="app-nav" aria-label="Main">
        <ul>
          {SCREENS.map((screen) => (
            <li key={screen}>
              <a href={routeHref(screen)} aria-current={route.screen === screen ? 'page' : undefined}>
                {SCREEN_LABELS[screen]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <UpdateBanner />
      <main id="main" tabIndex={-1}>
        <CurrentScreen route={route} />
      </main>
    </>
  );
};
