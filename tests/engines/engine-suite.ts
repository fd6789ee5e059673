// One engine for a spec file: its browser, the real server on 127.0.0.1 behind a network switch, and fresh profiles
// per test, each closed after the test with the guard that no request left the test's origins. The journeys get the
// user's actions on top of the seam (driver.ts) and never see which engine runs them.
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { AppOptions } from '../../server/app.ts';
import { startServer, type TestServer } from '../e2e/harness.ts';
import { launchChromium } from './chromium-driver.ts';
import {
  actionsOn,
  type EngineDriver,
  type EngineName,
  type EnginePage,
  type EngineProfile,
  type PageActions,
} from './driver.ts';
import { launchFirefox } from './firefox-driver.ts';
import { type NetworkSwitch, startNetworkSwitch } from './network-switch.ts';
import { launchWebKit } from './webkit-driver.ts';

const LAUNCHERS: Record<EngineName, () => Promise<EngineDriver>> = {
  chromium: launchChromium,
  firefox: launchFirefox,
  webkit: launchWebKit,
};

/** A test server reached through its own network switch; `url` is the origin the browsers use. */
export type Origin = { url: string; server: TestServer; network: NetworkSwitch };

/** A tab: the seam's page plus the user's actions on it. */
export type Tab = EnginePage & PageActions;

export type Profile = {
  tab: Tab;
  newTab: () => Promise<Tab>;
  /** Cuts (or restores) the origin's connections and, where the engine can, tells the browser it is offline. */
  setOffline: (offline: boolean) => Promise<void>;
  leaveAndReturn: () => Promise<void>;
};

export type EngineSuite = {
  driver: EngineDriver;
  origin: Origin;
  /** Another origin for one test (another static folder, say), closed after the file. */
  startOrigin: (options?: AppOptions) => Promise<Origin>;
  newProfile: (origin?: Origin) => Promise<Profile>;
};

const tabOf = (page: EnginePage): Tab => ({ ...page, ...actionsOn(page) });

const isAllowed = (origins: Origin[], url: string) =>
  /^(data|blob|about):/.test(url) || origins.some((o) => url === o.url || url.startsWith(`${o.url}/`));

export const engineSuite = (engine: EngineName, serverOptions: AppOptions = {}): EngineSuite => {
  const origins: Origin[] = [];
  let open: Array<{ profile: EngineProfile; origin: Origin }> = [];
  const startOrigin = async (options: AppOptions = serverOptions): Promise<Origin> => {
    const server = await startServer(options);
    const network = await startNetworkSwitch(Number(new URL(server.url).port));
    const origin = { url: network.url, server, network };
    origins.push(origin);
    return origin;
  };
  const suite: EngineSuite = {
    driver: undefined as unknown as EngineDriver,
    origin: undefined as unknown as Origin,
    startOrigin,
    newProfile: async (origin = suite.origin) => {
      const profile = await suite.driver.newProfile();
      open.push({ profile, origin });
      return {
        tab: tabOf(profile.page),
        newTab: async () => tabOf(await profile.newPage()),
        setOffline: async (offline) => {
          origin.network.setOffline(offline);
          await profile.emulateOffline(offline);
        },
        leaveAndReturn: profile.leaveAndReturn,
      };
    },
  };
  beforeAll(async () => {
    suite.driver = await LAUNCHERS[engine]();
    suite.origin = await startOrigin();
  }, 120_000);
  afterEach(async () => {
    const closing = open;
    open = [];
    const seen: string[] = [];
    for (const { profile } of closing) {
      seen.push(...(await profile.requestedUrls().catch(() => [])));
      await profile.close().catch(() => undefined);
    }
    for (const origin of origins) origin.network.setOffline(false);
    expect(
      seen.filter((url) => !isAllowed(origins, url)),
      'requests to another origin',
    ).toEqual([]);
  });
  afterAll(async () => {
    await suite.driver?.close();
    for (const origin of origins) {
      await origin.network.close();
      await origin.server.close();
    }
  });
  return suite;
};
