// The autosaver: debounced, one save at a time in order, flush for pagehide, and a failed save keeps the value.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AUTOSAVE_DELAY_MS,
  AUTOSAVE_MAX_WAIT_MS,
  createAutosaver,
  type SaveState,
} from '../../../../src/app/reports/autosave.ts';
import { AppError } from '../../../../src/domain/errors.ts';

/** A save whose calls the test resolves or rejects by hand, in order. */
const controlledSave = () => {
  const calls: { value: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const save = (value: string) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ value, resolve, reject });
    });
  return { calls, save };
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createAutosaver', () => {
  it('saves only the last of a burst of changes, once the delay has passed', async () => {
    const saved: string[] = [];
    const saver = createAutosaver<string>({ save: async (v) => void saved.push(v) });
    saver.change('a');
    saver.change('ab');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 1);
    saver.change('abc');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 1);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual(['abc']);
    expect(saver.dirty()).toBe(false);
    expect(saver.state().kind).toBe('saved');
  });

  it('saves during typing that never pauses, at least every AUTOSAVE_MAX_WAIT_MS', async () => {
    const saved: string[] = [];
    const saver = createAutosaver<string>({ save: async (v) => void saved.push(v) });
    let text = '';
    // A key every 100 ms for 3 s: the debounce alone would never run out.
    for (let i = 0; i < 30; i++) {
      text += 'x';
      saver.change(text);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(saved.length).toBeGreaterThanOrEqual(3);
    const lastSaved = saved.at(-1) ?? '';
    // Lost at most the keys of the last AUTOSAVE_MAX_WAIT_MS.
    expect(text.length - lastSaved.length).toBeLessThanOrEqual(AUTOSAVE_MAX_WAIT_MS / 100);
  });

  it('flush saves at once and synchronously hands the value to save (pagehide cannot wait)', () => {
    const { calls, save } = controlledSave();
    const saver = createAutosaver<string>({ save });
    saver.change('typed');
    void saver.flush();
    expect(calls.map((c) => c.value)).toEqual(['typed']);
  });

  it('never runs two saves at once and never lets an older value land after a newer one', async () => {
    const { calls, save } = controlledSave();
    const states: SaveState['kind'][] = [];
    const saver = createAutosaver<string>({ save, onState: (s) => states.push(s.kind) });
    saver.change('one');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    saver.change('two');
    saver.change('three');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(calls.map((c) => c.value)).toEqual(['one']);
    calls[0]?.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.value)).toEqual(['one', 'three']);
    calls[1]?.resolve();
    await saver.flush();
    expect(states.at(-1)).toBe('saved');
    expect(saver.dirty()).toBe(false);
  });

  it('reports a failed save with its error, keeps the value and saves it with the next change or flush', async () => {
    const saved: string[] = [];
    let fail = true;
    const states: SaveState[] = [];
    const saver = createAutosaver<string>({
      save: async (v) => {
        if (fail) throw new AppError('quota-exceeded');
        saved.push(v);
      },
      onState: (s) => states.push(s),
    });
    saver.change('kept');
    await saver.flush();
    const last = states.at(-1);
    expect(last?.kind).toBe('error');
    expect(last?.kind === 'error' && last.error instanceof AppError && last.error.code).toBe('quota-exceeded');
    expect(saver.dirty()).toBe(true);

    fail = false;
    await saver.flush();
    expect(saved).toEqual(['kept']);
    expect(saver.state().kind).toBe('saved');
  });

  it('does nothing on flush when there is nothing new, and dispose stops a pending save', async () => {
    const saved: string[] = [];
    const saver = createAutosaver<string>({ save: async (v) => void saved.push(v) });
    await saver.flush();
    expect(saver.state().kind).toBe('idle');
    saver.change('dropped');
    saver.dispose();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2);
    expect(saved).toEqual([]);
  });
});
