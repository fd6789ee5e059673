// Connectivity as the browser reports it: navigator.onLine at the start, then the online and offline events, until
// disposed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConnectivity } from '../../../src/sync/connectivity.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('connectivity', () => {
  it('starts from the browser answer and follows online/offline events', () => {
    const target = new EventTarget();
    const connectivity = createConnectivity(target, () => false);
    const seen: boolean[] = [];
    connectivity.subscribe((online) => seen.push(online));
    expect(connectivity.get()).toBe(false);
    target.dispatchEvent(new Event('online'));
    target.dispatchEvent(new Event('online'));
    target.dispatchEvent(new Event('offline'));
    expect(seen).toEqual([true, false]);
    connectivity.dispose();
    target.dispatchEvent(new Event('online'));
    expect(connectivity.get()).toBe(false);
  });

  it('hears no offline event once disposed', () => {
    const target = new EventTarget();
    const connectivity = createConnectivity(target, () => true);
    connectivity.dispose();
    target.dispatchEvent(new Event('offline'));
    expect(connectivity.get()).toBe(true);
  });

  it.each([true, false])('asks navigator.onLine when not told otherwise (%s)', (onLine) => {
    // The page's navigator; Node's has no onLine.
    vi.stubGlobal('navigator', { onLine });
    const connectivity = createConnectivity(new EventTarget());
    expect(connectivity.get()).toBe(onLine);
    connectivity.dispose();
  });
});
