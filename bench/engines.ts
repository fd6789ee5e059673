// Unlock and offline cold start in one engine, through the journeys' driver seam (tests/engines): the real app on the
// bench server, behind a network switch for the offline runs. Timed inside the page (no DevTools protocol outside
// Chromium) by the same code in every engine. Run on its own (`tsx bench/engines.ts ENGINE PORT UNLOCKS COLD_RUNS`)
// by bench/engine-figures.ts, so its DOM code stays out of the Node program; prints the raw samples as JSON.

import { launchChromium } from '../tests/engines/chromium-driver.ts';
import {
  actionsOn,
  type EngineDriver,
  type EngineName,
  type EngineProfile,
  pollUntil,
} from '../tests/engines/driver.ts';
import { launchFirefox } from '../tests/engines/firefox-driver.ts';
import { startNetworkSwitch } from '../tests/engines/network-switch.ts';
import { launchWebKit } from '../tests/engines/webkit-driver.ts';
import { STRONG_PASSPHRASE } from '../tests/passphrases.ts';

export type EngineSamples = {
  engine: EngineName;
  version: string;
  unlockMs: number[];
  coldStartMs: number[];
  paintTiming: boolean;
};

/** In the page: clicks Unlock and resolves just after the frame that paints the Lock button, in ms from the click. */
const timedUnlock = async (): Promise<number> => {
  const button = (text: string) =>
    Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
  const unlock = button('Unlock');
  if (!unlock) throw new Error('no Unlock button');
  const start = performance.now();
  unlock.click();
  await new Promise<void>((resolve) => {
    const check = () => (button('Lock') ? resolve() : requestAnimationFrame(check));
    check();
  });
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - start;
};

/** In the page, once loaded: navigation start to the first contentful paint (the shell's first frame), or to DOMContentLoaded where the engine has no paint timing. */
const coldStartTiming = () => {
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const link = Array.from(document.querySelectorAll('nav a')).some((a) => a.textContent?.trim() === 'Guidance');
  if (!link || !navigator.serviceWorker.controller) return null;
  return { paint: paint?.startTime ?? null, domContentLoaded: nav?.domContentLoadedEventEnd ?? null };
};

const measureUnlocks = async (profile: EngineProfile, origin: string, runs: number): Promise<number[]> => {
  const tab = actionsOn(profile.page);
  await profile.page.goto(`${origin}/#/settings`);
  await tab.fill({ label: 'Passphrase' }, STRONG_PASSPHRASE);
  await tab.fill({ label: 'Confirm passphrase' }, STRONG_PASSPHRASE);
  await tab.click({ role: 'button', name: 'Create vault' });
  await tab.waitFor({ role: 'button', name: 'Lock' });
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    await tab.click({ role: 'button', name: 'Lock' });
    await tab.fill({ label: 'Passphrase' }, STRONG_PASSPHRASE);
    samples.push(await profile.page.evaluate(timedUnlock, undefined));
  }
  return samples;
};

const measureColdStarts = async (
  profile: EngineProfile,
  origin: string,
  setOffline: (offline: boolean) => void,
  runs: number,
): Promise<{ samples: number[]; paintTiming: boolean }> => {
  await profile.page.goto(`${origin}/`);
  await pollUntil('the service worker to control the page', () =>
    profile.page.evaluate(() => navigator.serviceWorker.controller !== null, undefined),
  );
  setOffline(true);
  await profile.emulateOffline(true);
  const samples: number[] = [];
  let paintTiming = true;
  // One warm-up run, not counted.
  for (let run = 0; run <= runs; run++) {
    const page = await profile.newPage();
    await page.goto(`${origin}/`);
    const timing = await pollUntil('the shell to show offline', () => page.evaluate(coldStartTiming, undefined));
    if (timing.paint === null) paintTiming = false;
    const at = timing.paint ?? timing.domContentLoaded;
    if (run > 0 && at !== null) samples.push(at);
    await page.close();
  }
  return { samples, paintTiming };
};

const LAUNCH: Record<EngineName, () => Promise<EngineDriver>> = {
  chromium: launchChromium,
  firefox: launchFirefox,
  webkit: launchWebKit,
};

/** Both measurements in one engine, each in a fresh profile; the browser is closed before returning. */
export const measureEngine = async (
  engine: EngineName,
  serverPort: number,
  { unlockRuns, coldStartRuns }: { unlockRuns: number; coldStartRuns: number },
): Promise<EngineSamples> => {
  const network = await startNetworkSwitch(serverPort);
  const driver = await LAUNCH[engine]();
  try {
    const forUnlock = await driver.newProfile();
    const unlockMs = await measureUnlocks(forUnlock, network.url, unlockRuns);
    await forUnlock.close();
    const forColdStart = await driver.newProfile();
    const cold = await measureColdStarts(forColdStart, network.url, network.setOffline, coldStartRuns);
    await forColdStart.close();
    return {
      engine,
      version: await driver.version(),
      unlockMs,
      coldStartMs: cold.samples,
      paintTiming: cold.paintTiming,
    };
  } finally {
    await driver.close();
    await network.close();
  }
};

const [engine, port, unlockRuns, coldStartRuns] = process.argv.slice(2);
if (engine !== 'chromium' && engine !== 'firefox' && engine !== 'webkit') throw new Error(`unknown engine ${engine}`);
const samples = await measureEngine(engine, Number(port), {
  unlockRuns: Number(unlockRuns),
  coldStartRuns: Number(coldStartRuns),
});
process.stdout.write(`${JSON.stringify(samples)}\n`);
