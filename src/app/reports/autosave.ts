// Debounced, one-at-a-time saving of the value being edited, with an immediate flush for pagehide.
// Knows nothing of reports or storage: it calls the `save` it is given and reports its state.

/** Long enough to skip most keystrokes, short enough that a killed browser loses well under a second. */
export const AUTOSAVE_DELAY_MS = 400;

/**
 * Someone who types without a pause never lets the debounce run out: a change waits at most this long, so
 * killing the browser mid-sentence loses at most about the last second (this plus one save).
 */
export const AUTOSAVE_MAX_WAIT_MS = 800;

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  | { kind: 'error'; error: unknown };

export type Autosaver<T> = {
  /** Records the newest value and saves it after the delay (restarting the delay on every change). */
  change: (value: T) => void;
  /** Saves the newest unsaved value now; resolves when every save started so far has settled. */
  flush: () => Promise<void>;
  /** True while a change has not reached storage yet. */
  dirty: () => boolean;
  state: () => SaveState;
  /** Stops the timer; does not save (call flush first when the value matters). */
  dispose: () => void;
};

export type AutosaverOptions<T> = {
  save: (value: T) => Promise<void>;
  onState?: (state: SaveState) => void;
  delayMs?: number;
  maxWaitMs?: number;
  now?: () => number;
};

export const createAutosaver = <T>({
  save,
  onState,
  delayMs = AUTOSAVE_DELAY_MS,
  maxWaitMs = AUTOSAVE_MAX_WAIT_MS,
  now = Date.now,
}: AutosaverOptions<T>): Autosaver<T> => {
  // `pending` holds the newest value not yet handed to `save`; a box so that `undefined` can be a value.
  let pending: { value: T } | null = null;
  // When the oldest change not yet handed to `save` was made.
  let dirtySince: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let current: SaveState = { kind: 'idle' };

  const setState = (next: SaveState) => {
    current = next;
    onState?.(next);
  };

  const clearTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  // Saves run one after another so an older value can never land after a newer one.
  const run = (): Promise<void> => {
    if (running) return running;
    running = (async () => {
      while (pending) {
        const { value } = pending;
        pending = null;
        dirtySince = null;
        setState({ kind: 'saving' });
        try {
          await save(value);
        } catch (error) {
          // Keep the value: the next change or flush tries again; storage still holds the last good version.
          pending ??= { value };
          setState({ kind: 'error', error });
          return;
        }
      }
      setState({ kind: 'saved', at: now() });
    })().finally(() => {
      running = null;
    });
    return running;
  };

  return {
    change: (value) => {
      pending = { value };
      const at = now();
      dirtySince ??= at;
      clearTimer();
      if (current.kind !== 'error' && current.kind !== 'saving') setState({ kind: 'pending' });
      timer = setTimeout(
        () => {
          timer = undefined;
          void run();
        },
        Math.max(0, Math.min(delayMs, dirtySince + maxWaitMs - at)),
      );
    },
    flush: async () => {
      clearTimer();
      // A save in flight first, then whatever arrived meanwhile.
      if (running) await running;
      if (pending) await run();
    },
    dirty: () => pending !== null || running !== null,
    state: () => current,
    dispose: clearTimer,
  };
};
