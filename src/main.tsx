// Entry of the worker's app: takes an enrolment link out of the address bar, then starts the boot (src/boot.tsx)
// once index.html's static shell has painted. It holds nothing else, so running it never delays that first frame;
// the boot's chunks are fetched and compiled meanwhile (modulepreload, added to index.html by vite.config.ts).
import { watchEnrolmentFragment } from './app/enrolment-fragment.ts';
import './ui/styles.css';

/** How long a visible page waits for its first frame before booting anyway (it was hidden just after it opened). */
const FIRST_FRAME_WAIT_MS = 1_000;

/**
 * Runs `start` once the page has painted its first frame: a message posted from an animation frame callback runs
 * after that frame. A hidden page paints no frames, so it starts at once.
 */
const afterFirstFrame = (start: () => void): void => {
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    start();
  };
  if (document.visibilityState === 'hidden') {
    once();
    return;
  }
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = once;
    channel.port2.postMessage(null);
  });
  setTimeout(once, FIRST_FRAME_WAIT_MS);
};

// Before anything else: an enrolment link's token leaves the address bar (and history) at once.
watchEnrolmentFragment(window);
const root = document.getElementById('app');
if (root) {
  afterFirstFrame(() => {
    import('./boot.tsx').then(
      ({ mountApp }) => mountApp(root),
      () => {
        // Its chunk could not be read (a damaged cache): say so where the screen would be.
        const main = document.getElementById('main');
        if (main) main.textContent = 'SafeVisit could not start. Reload the page and try again.';
      },
    );
  });
}
