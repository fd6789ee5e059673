// The unlocked session creates and returns its own state (sync state, waiting count, guidance revision) instead of
// writing into observables handed to it. Real vault, real repositories on fake-indexeddb; offline, so nothing is sent.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createObservable } from '../../src/domain/observable.ts';
import type { SwBridge } from '../../src/pwa/sw-bridge.ts';
import { createSession } from '../../src/session.ts';
import { createGuidanceRepo } from '../../src/store/guidance-repo.ts';
import { createOutboxRepo } from '../../src/store/outbox-repo.ts';
import type { Autolock } from '../../src/vault/autolock.ts';
import { closeAfterTest, completeDraft, createdVault } from './fixtures.ts';

const openSession = async () => {
  const { db, vault } = await createdVault();
  closeAfterTest(db, vault);
  const bridge = {
    requestBackgroundSync: async () => false,
    onSyncRequested: () => () => undefined,
  } as unknown as SwBridge;
  const autolockMs: number[] = [];
  const autolock = { setAfterMs: (ms: number) => autolockMs.push(ms) } as unknown as Autolock;
  const session = await createSession({
    db,
    vault,
    outbox: createOutboxRepo(db),
    connectivity: { ...createObservable(false), dispose: () => undefined },
    bridge,
    autolock,
    guidance: createGuidanceRepo(db),
  });
  return { session, autolockMs };
};

describe('the unlocked session', () => {
  it('returns its own state: the engine’s sync state, a waiting count and a guidance revision that starts at 0', async () => {
    const { session, autolockMs } = await openSession();
    expect(session.syncState).toBe(session.sync.state);
    expect(session.outboxCount.get()).toBe(0);
    expect(session.guidanceRevision.get()).toBe(0);
    expect(autolockMs).toHaveLength(1);
  });

  it('counts a queued report in its waiting count once the engine recounts', async () => {
    const { session } = await openSession();
    const at = Date.now();
    const data = completeDraft();
    await session.reports.put({
      id: crypto.randomUUID(),
      status: 'queued',
      createdAt: at,
      updatedAt: at,
      revision: 1,
      data,
    });
    await session.sync.refresh();
    expect(session.outboxCount.get()).toBe(1);
  });
});
