// What the app says where the browser lacks something: Safari (no install prompt, data cleared after 7 days unused
// unless added to the home screen), Firefox (no Background Sync), a refused or missing persist().
import { describe, expect, it } from 'vitest';
import { storageAdvice } from '../../../src/app/settings/StoragePanel.tsx';
import {
  type BrowserFeatures,
  detectBrowserFeatures,
  installHow,
  isAppleWebKit,
} from '../../../src/pwa/browser-features.ts';

const AGENTS = {
  iphoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  iphoneChrome:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  webkitGtk: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 14; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  androidFirefox: 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0',
  desktopChromium:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
};

const features = (change: Partial<BrowserFeatures> = {}): BrowserFeatures => ({
  backgroundSync: false,
  installPrompt: false,
  appleWebKit: false,
  standalone: false,
  ...change,
});

describe('browser features', () => {
  it('counts every iPhone browser and WebKitGTK as Apple WebKit, and no Chromium or Firefox', () => {
    expect(isAppleWebKit(AGENTS.iphoneSafari)).toBe(true);
    expect(isAppleWebKit(AGENTS.iphoneChrome)).toBe(true);
    expect(isAppleWebKit(AGENTS.webkitGtk)).toBe(true);
    expect(isAppleWebKit(AGENTS.androidChrome)).toBe(false);
    expect(isAppleWebKit(AGENTS.androidFirefox)).toBe(false);
    expect(isAppleWebKit(AGENTS.desktopChromium)).toBe(false);
  });

  it('reads Background Sync, the install prompt and the home-screen mode from the window', () => {
    const chromium = {
      SyncManager: class {},
      onbeforeinstallprompt: null,
      navigator: { userAgent: AGENTS.androidChrome },
    };
    expect(detectBrowserFeatures(chromium)).toEqual(features({ backgroundSync: true, installPrompt: true }));
    const homeScreen = {
      navigator: { userAgent: AGENTS.iphoneSafari, standalone: true },
      matchMedia: () => ({ matches: false }),
    };
    expect(detectBrowserFeatures(homeScreen)).toEqual(features({ appleWebKit: true, standalone: true }));
    const pwaWindow = { navigator: { userAgent: AGENTS.androidFirefox }, matchMedia: () => ({ matches: true }) };
    expect(detectBrowserFeatures(pwaWindow).standalone).toBe(true);
  });

  it('tells Safari users to add the app to the home screen, others the menu, and nobody once installed', () => {
    expect(installHow(features({ appleWebKit: true }))).toBe('tap Share, then “Add to Home Screen”');
    expect(installHow(features({ installPrompt: true }))).toContain('Install app');
    expect(installHow(features())).toContain('browser’s menu');
    expect(installHow(features({ appleWebKit: true, standalone: true }))).toBe('');
  });
});

describe('storage advice', () => {
  it('on an iPhone not added to the home screen, says the data may be cleared after 7 days unused and how to prevent it', () => {
    for (const answer of [false, null]) {
      const [kept, background] = storageAdvice(answer, features({ appleWebKit: true }));
      expect(kept).toContain('may clear it');
      expect(kept).toContain('Add to Home Screen');
      expect(kept).toContain('after 7 days without use');
      expect(background).toContain('cannot send reports in the background');
    }
  });

  it('elsewhere, when persist() is refused, says the data may be cleared and to install the app and send promptly', () => {
    const [kept] = storageAdvice(false, features({ backgroundSync: true, installPrompt: true }));
    expect(kept).toContain('has not promised');
    expect(kept).toContain('Install app');
    expect(kept).not.toContain('7 days');
  });

  it('says nothing is at risk once granted, and mentions the background only where Background Sync is missing', () => {
    expect(storageAdvice(true, features({ backgroundSync: true }))).toEqual([
      'The browser has agreed to keep SafeVisit’s data even when the device runs low on space.',
    ]);
    expect(storageAdvice(true, features())[1]).toContain('when you come back to it, and every 2 minutes');
  });
});
