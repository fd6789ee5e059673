// The moments the user comes back to the app: the page shown again (visibilitychange to visible), opened or restored
// from the back-forward cache (pageshow), or focused. Where Background Sync is missing (Firefox, Safari) these,
// `online` and the engine's timer are what send waiting reports. Knows nothing of the outbox or the server.

/** Subscribes a listener to the wake moments; returns the unsubscribe. */
export type WakeSource = (listener: () => void) => () => void;

/** One return to the app fires several of these events at once (focus, visibilitychange, pageshow): one wake. */
export const WAKE_COALESCE_MS = 1_000;

type Target = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

type Doc = Target & { visibilityState: DocumentVisibilityState };

/** Outside a page (Node, a worker) there is no window to watch: the source then never fires. */
export const watchWakeEvents =
  (
    win: Target | undefined = globalThis.window,
    doc: Doc | undefined = globalThis.document,
    now: () => number = Date.now,
  ): WakeSource =>
  (listener) => {
    if (!win || !doc) return () => undefined;
    let lastAt = Number.NEGATIVE_INFINITY;
    const wake = () => {
      if (doc.visibilityState !== 'visible') return;
      const at = now();
      if (at - lastAt < WAKE_COALESCE_MS) return;
      lastAt = at;
      listener();
    };
    win.addEventListener('pageshow', wake);
    win.addEventListener('focus', wake);
    doc.addEventListener('visibilitychange', wake);
    return () => {
      win.removeEventListener('pageshow', wake);
      win.removeEventListener('focus', wake);
      doc.removeEventListener('visibilitychange', wake);
    };
  };
