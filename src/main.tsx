// Entry of the worker's app: takes an enrolment link out of the address bar, then starts the boot (src/boot.tsx)
// once index.html's static shell has painted. It holds nothing else, so running it never delays that first frame;
// the boot's chunks are fetched and compiled meanwhile (modulepreload, added to index.html by vite.config.ts).
import { watchEnrolmentFragment } from './app/enrolment-fragment.ts';
import { afterNextFrame } from './ui/first-frame.ts';
import './ui/styles.css';

// Before anything else: an enrolment link's token leaves the address bar (and history) at once.
watchEnrolmentFragment(window);
const root = document.getElementById('app');
if (root) {
  afterNextFrame(() => {
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
