// The sync engine tests' shared set-up: servers, proxies and stores closed after each test, and an engine over a
// test store with a manual clock, a fixed jitter and an in-process lock.
import { afterEach } from 'vitest';
import { createMutexLock, createSyncEngine, type SyncEngineDeps } from '../../../src/sync/outbox.ts';
import {
  type ManualClock,
  openTestStore,
  type RunningServer,
  startFaultProxy,
  startHttp,
  startReferenceServer,
  type TestStore,
} from '../fixtures.ts';

/** Registers an afterEach that closes whatever the returned helpers opened, last opened first. */
export const useEngineHarness = () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const closing = <T extends { close: () => unknown }>(opened: T): T => {
    cleanups.push(() => opened.close());
    return opened;
  };
  return {
    cleanups,
    server: async (): Promise<RunningServer> => closing(await startReferenceServer()),
    proxyTo: async (target: string, plan: Parameters<typeof startFaultProxy>[1]) =>
      closing(await startFaultProxy(target, plan)),
    http: async (handler: Parameters<typeof startHttp>[0]) => closing(await startHttp(handler)),
    store: async (options: Parameters<typeof openTestStore>[0]): Promise<TestStore> =>
      closing(await openTestStore(options)),
  };
};

export const engineFor = (s: TestStore, clock: ManualClock, extra: Partial<SyncEngineDeps> = {}) =>
  createSyncEngine({
    port: s.port,
    settings: s.settings,
    now: clock.now,
    random: () => 0.5,
    lock: createMutexLock(),
    ...extra,
  });
