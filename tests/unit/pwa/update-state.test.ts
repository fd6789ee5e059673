import { describe, expect, it } from 'vitest';
import {
  INITIAL_UPDATE_STATE,
  shouldReloadOnControlling,
  type UpdateEvent,
  type UpdateState,
  updateReducer,
} from '../../../src/pwa/update-state.ts';

const play = (events: UpdateEvent[]): UpdateState => events.reduce(updateReducer, INITIAL_UPDATE_STATE);

describe('update prompt state', () => {
  it('says "ready to work offline" on the first install only', () => {
    expect(play([{ type: 'installed', isUpdate: false }])).toMatchObject({
      offlineReady: true,
      showOfflineReady: true,
    });
    expect(play([{ type: 'installed', isUpdate: true }]).showOfflineReady).toBe(false);
  });

  it('shows a waiting version without applying it', () => {
    const state = play([{ type: 'installed', isUpdate: false }, { type: 'waiting' }]);
    expect(state).toMatchObject({ updateWaiting: true, applying: false });
  });

  it('never reloads when a new version takes control that the user did not ask for', () => {
    const state = play([{ type: 'waiting' }]);
    expect(shouldReloadOnControlling(state)).toBe(false);
  });

  it('reloads once the user pressed Reload and the new version controls the page', () => {
    const state = play([{ type: 'waiting' }, { type: 'apply' }]);
    expect(state.applying).toBe(true);
    expect(shouldReloadOnControlling(state)).toBe(true);
  });

  it('ignores Reload when nothing waits, so the first install taking control never reloads', () => {
    const state = play([
      { type: 'apply' },
      { type: 'installed', isUpdate: false },
      { type: 'controlling', isUpdate: false },
    ]);
    expect(state.applying).toBe(false);
    expect(shouldReloadOnControlling(state)).toBe(false);
  });

  it('dismisses the offline-ready note', () => {
    const state = play([{ type: 'installed', isUpdate: false }, { type: 'dismiss-offline-ready' }]);
    expect(state).toMatchObject({ offlineReady: true, showOfflineReady: false });
  });
});
