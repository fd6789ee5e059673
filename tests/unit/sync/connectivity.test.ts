import { describe, expect, it } from 'vitest';
import { createConnectivity } from '../../../src/sync/connectivity.ts';

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
});
