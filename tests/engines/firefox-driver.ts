// The seam over Debian's Firefox ESR through puppeteer-core and WebDriver BiDi (no geckodriver exists here, so no
// WebDriver classic). A profile is a BiDi user context; offline is BiDi network emulation, set on each of its tabs.
import puppeteer, { type BrowserContext, type Page } from 'puppeteer-core';
import { type EngineDriver, type EnginePage, type EngineProfile, scriptOf } from './driver.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** Without these two, navigator.storage.persist() waits for a permission prompt that never comes. */
const PREFS = { 'dom.storageManager.prompt.testing': true, 'dom.storageManager.prompt.testing.allow': true };
const VIEWPORT = { width: 360, height: 740 };

const openProfile = async (context: BrowserContext): Promise<EngineProfile> => {
  const requests: string[] = [];
  const pages = new Set<Page>();
  let offline = false;
  const open = async (): Promise<EnginePage> => {
    const page = await context.newPage();
    pages.add(page);
    page.on('request', (request) => void requests.push(request.url()));
    await page.setViewport(VIEWPORT);
    if (offline) await page.setOfflineMode(true);
    return {
      goto: async (url) => void (await page.goto(url)),
      reload: async () => void (await page.reload()),
      evaluate: (fn, arg) => page.evaluate(scriptOf(fn, arg)) as never,
      close: async () => {
        pages.delete(page);
        await page.close({ runBeforeUnload: true });
      },
    };
  };
  const page = await open();
  return {
    page,
    newPage: open,
    emulateOffline: async (value) => {
      offline = value;
      await Promise.all([...pages].map((p) => p.setOfflineMode(value)));
    },
    leaveAndReturn: async () => {
      throw new Error('headless Firefox over BiDi cannot hide its page');
    },
    requestedUrls: async () => [...requests],
    close: () => context.close(),
  };
};

export const launchFirefox = async (): Promise<EngineDriver> => {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: PREFS,
  });
  return {
    name: 'firefox',
    traits: {
      emulatesOffline: true,
      hidesPage: false,
      backgroundSync: false,
      persistGranted: true,
      appleWebKit: false,
    },
    version: async () => (await browser.version()).replace(/^firefox\//i, 'Firefox '),
    newProfile: async () => openProfile(await browser.createBrowserContext()),
    close: () => browser.close(),
  };
};
