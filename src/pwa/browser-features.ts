// What this browser can do for an installed app, read once from the window: Background Sync, an install prompt,
// whether it is Apple's WebKit (every iPhone browser) and whether the app already runs from the home screen. Pure
// reads; the screens choose what to say from it.

export type BrowserFeatures = {
  /** Background Sync (SyncManager): the service worker can wake the app when the connection returns. */
  backgroundSync: boolean;
  /** The browser offers its own install prompt (beforeinstallprompt: Chromium's browsers). */
  installPrompt: boolean;
  /** Apple's WebKit (Safari, and every browser on iPhone and iPad): install only by "Add to Home Screen". */
  appleWebKit: boolean;
  /** Opened from the home screen (display-mode standalone, or iOS's navigator.standalone). */
  standalone: boolean;
};

type WindowLike = {
  navigator: { userAgent: string; standalone?: boolean };
  matchMedia?: (query: string) => { matches: boolean };
};

/** Apple's WebKit says AppleWebKit and no Chrome/Chromium token; Android's browsers say Android. */
export const isAppleWebKit = (userAgent: string): boolean =>
  /AppleWebKit\//.test(userAgent) && !/(Chrome|Chromium)\/|Android/.test(userAgent);

export const detectBrowserFeatures = (win: WindowLike = window as unknown as WindowLike): BrowserFeatures => ({
  backgroundSync: 'SyncManager' in win,
  installPrompt: 'onbeforeinstallprompt' in win,
  appleWebKit: isAppleWebKit(win.navigator.userAgent),
  standalone: win.navigator.standalone === true || win.matchMedia?.('(display-mode: standalone)').matches === true,
});

/** How to install SafeVisit in this browser, as a phrase ("tap Share, then ..."); empty when it runs installed. */
export const installHow = (features: BrowserFeatures): string => {
  if (features.standalone) return '';
  if (features.appleWebKit) return 'tap Share, then “Add to Home Screen”';
  if (features.installPrompt) return 'choose “Install app” in the browser’s menu';
  return 'choose “Add to Home screen” or “Install” in the browser’s menu';
};
