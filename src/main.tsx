// Entry of the worker's app: takes an enrolment link out of the address bar, then starts the boot (src/boot.tsx) at
// once. index.html's static shell paints from the HTML and the stylesheet alone, so it never waits for this script;
// the boot's chunks are modulepreloaded (vite.config.ts), so importing it starts no waterfall of fetches. Waiting for
// a frame before the boot only delayed the app's first render, by a frame and whatever the page did meanwhile.
import { watchEnrolmentFragment } from './app/enrolment-fragment.ts';
import './ui/styles.css';

// Before anything else: an enrolment link's token leaves the address bar (and history) at once.
watchEnrolmentFragment(window);
const root = document.getElementById('app');
if (root) {
  import('./boot.tsx').then(
    ({ mountApp }) => mountApp(root),
    () => {
      // Its chunk could not be read (a damaged cache): say so where the screen would be.
      const main = document.getElementById('main');
      if (main) main.textContent = 'SafeVisit could not start. Reload the page and try again.';
    },
  );
}
