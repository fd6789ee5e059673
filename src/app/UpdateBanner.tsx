// Tells the user the app now works offline (on Safari, which has no install prompt, how to add it to the home
// screen), or that a new version waits; reloads only on request.
import { useState } from 'preact/hooks';
import { detectBrowserFeatures, installHow } from '../pwa/browser-features.ts';
import { useCore } from './services.ts';
import { useObservable } from './use-observable.ts';

export const UpdateBanner = () => {
  const { bridge } = useCore();
  const state = useObservable(bridge.state);
  const [features] = useState(detectBrowserFeatures);
  if (state.updateWaiting) {
    return (
      <section class="banner" aria-label="Update">
        <p>A new version is ready. Your drafts are saved; reload when you are ready.</p>
        <button type="button" onClick={bridge.applyUpdate} disabled={state.applying}>
          Reload
        </button>
      </section>
    );
  }
  if (state.showOfflineReady) {
    return (
      // Floats over the page bottom: it arrives after the first paint and must not push the screen down.
      <section class="banner banner--toast" aria-label="Offline ready">
        <p>
          Ready to work offline.
          {features.appleWebKit && !features.standalone && ` To install SafeVisit, ${installHow(features)}.`}
        </p>
        <button type="button" class="button--secondary" onClick={bridge.dismissOfflineReady}>
          Dismiss
        </button>
      </section>
    );
  }
  return null;
};
