// Waits for the page's painted frames: the boot loads the store once the app's first render has painted. Schedules
// only; draws nothing.

/** How long a visible page waits for its frame before going on anyway (it was hidden just after it opened). */
const FRAME_WAIT_MS = 1_000;

/**
 * Runs `next` once the page has painted its next frame: a message posted from an animation frame callback runs after
 * that frame. A hidden page paints no frames, so it runs at once.
 */
const afterNextFrame = (next: () => void): void => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    next();
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
  setTimeout(once, FRAME_WAIT_MS);
};

/** The longest a busy page defers `idleAfterNextFrame`'s work past its frame. */
const IDLE_WAIT_MS = 500;

/**
 * Runs `next` once the page has painted its next frame and has nothing more urgent to do (an idle callback), so work
 * that can wait never delays what that frame showed. Where there are no idle callbacks (Safari), just after the frame.
 */
export const idleAfterNextFrame = (next: () => void): void =>
  afterNextFrame(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(next, { timeout: IDLE_WAIT_MS });
    else next();
  });
