// The user coming back to the app, which starts a sync where Background Sync is missing: the page shown again,
// restored (pageshow) or focused counts once per return, never while hidden (the engine's side: sync-triggers.test.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WAKE_COALESCE_MS, watchWakeEvents } from '../../../src/sync/wake-events.ts';

/** A window and a document as plain event targets, the document with a settable visibility. */
const fakePage = () => {
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
  return { win, doc };
};

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-30T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('wake events', () => {
  it('wakes once per return to the app (focus, pageshow and visibilitychange together), never while hidden', () => {
    const { win, doc } = fakePage();
    let wakes = 0;
    const stop = watchWakeEvents(win, doc)(() => wakes++);
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(wakes).toBe(0);

    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    win.dispatchEvent(new Event('focus'));
    win.dispatchEvent(new Event('pageshow'));
    expect(wakes).toBe(1);

    vi.advanceTimersByTime(WAKE_COALESCE_MS);
    win.dispatchEvent(new Event('pageshow'));
    expect(wakes).toBe(2);
    vi.advanceTimersByTime(WAKE_COALESCE_MS);
    win.dispatchEvent(new Event('focus'));
    expect(wakes).toBe(3);
    // Hidden and shown again, with no focus or pageshow (another tab, then back).
    vi.advanceTimersByTime(WAKE_COALESCE_MS);
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(wakes).toBe(4);

    stop();
    for (const [target, type] of [
      [win, 'focus'],
      [win, 'pageshow'],
      [doc, 'visibilitychange'],
    ] as const) {
      vi.advanceTimersByTime(WAKE_COALESCE_MS);
      target.dispatchEvent(new Event(type));
    }
    expect(wakes).toBe(4);
  });

  it.each([
    ['no window and no document, as in Node or a worker', () => watchWakeEvents()],
    ['a window but no document', () => watchWakeEvents(new EventTarget(), undefined)],
    ['a document but no window', () => watchWakeEvents(undefined, fakePage().doc)],
  ])('outside a page (%s) watches nothing and stops cleanly', (_where, source) => {
    const stop = source()(() => {
      throw new Error('woke without a page');
    });
    expect(() => stop()).not.toThrow();
  });
});
