// The observable value screens share state through: who hears a change, and when nobody should.
import { describe, expect, it } from 'vitest';
import { createObservable } from '../../../src/domain/observable.ts';

describe('createObservable', () => {
  it('holds its value and tells each listener every new one', () => {
    const value = createObservable(1);
    const heard: number[] = [];
    value.subscribe((v) => heard.push(v));
    value.set(2);
    value.update((v) => v * 10);
    expect(value.get()).toBe(20);
    expect(heard).toEqual([2, 20]);
  });

  it('stays quiet when the value does not change (NaN included)', () => {
    const value = createObservable(Number.NaN);
    const heard: number[] = [];
    value.subscribe((v) => heard.push(v));
    value.set(Number.NaN);
    value.update((v) => v);
    expect(heard).toEqual([]);
  });

  it('stops telling a listener once it unsubscribes, and keeps telling the others', () => {
    const value = createObservable('a');
    const first: string[] = [];
    const second: string[] = [];
    const stop = value.subscribe((v) => first.push(v));
    value.subscribe((v) => second.push(v));
    value.set('b');
    stop();
    value.set('c');
    expect(first).toEqual(['b']);
    expect(second).toEqual(['b', 'c']);
  });

  it('lets a listener unsubscribe another while a change is being told, without skipping anyone this time', () => {
    const value = createObservable(0);
    const heard: string[] = [];
    let stopSecond = () => {};
    value.subscribe((v) => {
      heard.push(`first ${v}`);
      stopSecond();
    });
    stopSecond = value.subscribe((v) => heard.push(`second ${v}`));
    value.set(1);
    value.set(2);
    expect(heard).toEqual(['first 1', 'second 1', 'first 2']);
  });
});
