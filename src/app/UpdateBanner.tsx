// Tells the user the app now works offline, or that a new version waits; reloads only on request.
import { useCore } from './services.ts';
import { useObservable } from './use-observable.ts';

export const UpdateBanner = () => {
  const { bridge } = useCore();
  const state = useObservable(bridge.state);
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
        <p>Ready to work offline.</p>
        <button type="button" class="button--secondary" onClick={bridge.dismissOfflineReady}>
          Dismiss
        </button>
      </section>
    );
  }
  return null;
};
