// The seam over Debian Chromium through playwright-core (the flags of scripts/chromium.mjs): a profile is a browser
// context; offline is Playwright's setOffline, which cuts the service worker's requests too.
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { type EngineDriver, type EnginePage, type EngineProfile, scriptOf } from './driver.ts';

const VIEWPORT = { width: 360, height: 740 };

const wrap = (page: Page): EnginePage => ({
  goto: async (url) => void (await page.goto(url)),
  reload: async () => void (await page.reload()),
  evaluate: (fn, arg) => page.evaluate(scriptOf(fn, arg)) as never,
  close: () => page.close({ runBeforeUnload: true }),
});

const openProfile = async (context: BrowserContext): Promise<EngineProfile> => {
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = wrap(await context.newPage());
  return {
    page,
    newPage: async () => wrap(await context.newPage()),
    emulateOffline: (offline) => context.setOffline(offline),
    leaveAndReturn: async () => {
      throw new Error('Chromium headless cannot hide its page here');
    },
    requestedUrls: async () => [...requests],
    close: () => context.close(),
  };
};

export const launchChromium = async (): Promise<EngineDriver> => {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    name: 'chromium',
    traits: {
      emulatesOffline: true,
      hidesPage: false,
      backgroundSync: true,
      persistGranted: false,
      appleWebKit: false,
    },
    version: async () => `Chromium ${browser.version()}`,
    newProfile: async () => openProfile(await browser.newContext({ viewport: VIEWPORT })),
    close: () => browser.close(),
  };
};
