// The Chromium measurements: Debian Chromium through playwright-core (flags from scripts/chromium.mjs), the real
// app and the bench page on the bench server's origin. Each function returns raw samples; run.ts judges them.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import type { OrgDescriptor } from '../src/domain/org-protocol.ts';
import type { BenchApi } from './page/api.ts';

export const PROBES_PATH = 'bench/app-probes.js';
const VIEWPORT = { width: 360, height: 740 };

type AutosaveEntry = { inputAt: number; scheduledAt: number; delay: number; firedAt: number; commitAt: number };
/** What bench/app-probes.js puts on the app's window. */
export type ColdStartRun = {
  visibleAt: number;
  linkInDomAt: number | null;
  workerStart: number | null;
  responseEnd: number | null;
  domContentLoaded: number | null;
};
type Probes = {
  coldStart: Promise<ColdStartRun>;
  pending: Promise<number> | null;
  buttonVisible: (text: string) => Promise<number>;
  listVisible: (n: number) => Promise<number>;
  listFirstScreen: () => Promise<number>;
  listSearchable: (n: number) => Promise<number>;
  listPending: { first: Promise<number>; searchable: Promise<number>; all: Promise<number> } | null;
  lastClickAt: number | null;
  skipAutosaveDebounce: boolean;
  autosaves: AutosaveEntry[];
  autosaveCommitted: (index: number, timeoutMs: number) => Promise<AutosaveEntry>;
  rawReportsContain: (text: string) => Promise<{ rows: number; found: boolean }>;
};
// Callbacks passed to page.evaluate run in the page: they reach the probes and the bench API through these casts
// (no helper functions inside them, since they are serialised on their own).
type ProbeGlobal = { __bench: Probes };
type BenchGlobal = { bench: BenchApi };
type SwGlobal = { navigator: { serviceWorker: { controller: unknown; ready: Promise<unknown> } } };
/** The bits of IndexedDB the floor probe uses (this file is compiled without the DOM's types). */
type IdbRequest<T> = { result: T; error: unknown; onsuccess: (() => void) | null; onerror: (() => void) | null };
type IdbDatabase = {
  createObjectStore: (name: string, options: { keyPath: string }) => unknown;
  transaction: (
    store: string,
    mode: 'readwrite',
  ) => {
    objectStore: (name: string) => { put: (row: unknown) => unknown };
    oncomplete: (() => void) | null;
    onerror: (() => void) | null;
    error: unknown;
  };
  close: () => void;
};
type IdbGlobal = {
  indexedDB: {
    open: (name: string, version: number) => IdbRequest<IdbDatabase> & { onupgradeneeded: (() => void) | null };
    deleteDatabase: (name: string) => IdbRequest<undefined> & { onblocked: (() => void) | null };
  };
};
type ReadyGlobal = { document: { body: { dataset: Record<string, string | undefined> } } };

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

/** Clicks and returns the time from the click event to the frame showing what `arm` waits for. */
const timedClick = async (page: Page, arm: () => Promise<void>, click: () => Promise<void>): Promise<number> => {
  await arm();
  await click();
  return page.evaluate(async () => {
    const probes = (globalThis as unknown as ProbeGlobal).__bench;
    const shownAt = await (probes.pending as Promise<number>);
    return shownAt - (probes.lastClickAt as number);
  });
};

const armButton = (page: Page, text: string) => () =>
  page.evaluate((name) => {
    const probes = (globalThis as unknown as ProbeGlobal).__bench;
    probes.pending = probes.buttonVisible(name);
  }, text);

export type ListTimes = { firstScreenMs: number; searchableMs: number; allMs: number };

/** Clicks "Reports" and times, from the click, the first screenful, all searchable and every card painted. */
const timedList = async (page: Page, n: number, click: () => Promise<void>): Promise<ListTimes> => {
  await page.evaluate((count) => {
    const probes = (globalThis as unknown as ProbeGlobal).__bench;
    probes.listPending = {
      first: probes.listFirstScreen(),
      searchable: probes.listSearchable(count),
      all: probes.listVisible(count),
    };
  }, n);
  await click();
  return page.evaluate(async () => {
    const probes = (globalThis as unknown as ProbeGlobal).__bench;
    const pending = probes.listPending as NonNullable<Probes['listPending']>;
    const [first, searchable, all] = await Promise.all([pending.first, pending.searchable, pending.all]);
    const clickAt = probes.lastClickAt as number;
    return { firstScreenMs: first - clickAt, searchableMs: searchable - clickAt, allMs: all - clickAt };
  });
};

/** The plain-storage floor in this page, median of `rounds`: see StorageFloor in report.ts. */
export const storageFloor = (
  page: Page,
  records: number,
  recordKb: number,
  rounds: number,
): Promise<{ writeMs: number; encryptMs: number }> =>
  page.evaluate(
    async ([n, kb, r]) => {
      // No named inner functions here: the runner's compiler would wrap them in a helper the page does not have.
      const bodies = Array.from({ length: n }, () => crypto.getRandomValues(new Uint8Array(kb * 1024)));
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
      const idb = (globalThis as unknown as IdbGlobal).indexedDB;
      const writes: number[] = [];
      const encrypts: number[] = [];
      for (let round = 0; round < r; round++) {
        const db = await new Promise<IdbDatabase>((resolve, reject) => {
          const req = idb.open('bench-floor', 1);
          req.onupgradeneeded = () => req.result.createObjectStore('rows', { keyPath: 'id' });
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        const writeStart = performance.now();
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('rows', 'readwrite');
          const store = tx.objectStore('rows');
          for (const [i, body] of bodies.entries()) store.put({ id: `r${i}`, updatedAt: i, body });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        writes.push(performance.now() - writeStart);
        db.close();
        const encryptStart = performance.now();
        for (const body of bodies)
          await crypto.subtle.encrypt({ name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)) }, key, body);
        encrypts.push(performance.now() - encryptStart);
      }
      await new Promise<void>((resolve) => {
        const del = idb.deleteDatabase('bench-floor');
        del.onsuccess = del.onerror = del.onblocked = () => resolve();
      });
      writes.sort((a, b) => a - b);
      encrypts.sort((a, b) => a - b);
      return {
        writeMs: writes[Math.floor(r / 2)] as number,
        encryptMs: encrypts[Math.floor(r / 2)] as number,
      };
    },
    [records, recordKb, rounds] as const,
  );

/** A fixed amount of main-thread work, in ms: shows that the CPU throttling really applied to a page. */
const busyLoopMs = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const started = performance.now();
    let x = 0;
    for (let i = 0; i < 3_000_000; i++) x = (x + i * 7) % 1_000_003;
    return performance.now() - started + (x < 0 ? 1 : 0);
  });

export type ColdStart = {
  samples: number[];
  runs: ColdStartRun[];
  warmup: number;
  throttledLoopMs: number;
  unthrottledLoopMs: number;
};

/**
 * Offline cold start: a profile whose service worker is installed and in control, then for each run the service
 * worker stopped, a new tab with CPU 4x slower, the network cut, and the time from navigation start to the frame
 * that shows the "Guidance" link.
 */
export const coldStartOffline = async (
  browser: Browser,
  origin: string,
  runs: number,
  cpuSlowdown: number,
): Promise<ColdStart> => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ path: PROBES_PATH });
  try {
    const first = await context.newPage();
    await first.goto(`${origin}/`);
    await first.waitForFunction(
      () => (globalThis as unknown as SwGlobal).navigator.serviceWorker.controller !== null,
      undefined,
      { timeout: 30_000 },
    );
    await first.evaluate(() => (globalThis as unknown as SwGlobal).navigator.serviceWorker.ready.then(() => true));
    const unthrottledLoopMs = await busyLoopMs(first);
    await first.close();
    await context.setOffline(true);
    const measured: ColdStartRun[] = [];
    let throttledLoopMs = 0;
    let uncontrolled = 0;
    for (let run = 0; run <= runs; run++) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
      await page.goto(`${origin}/`, { waitUntil: 'commit' });
      const at = await page.evaluate(() => (globalThis as unknown as ProbeGlobal).__bench.coldStart);
      measured.push(at);
      if (await page.evaluate(() => (globalThis as unknown as SwGlobal).navigator.serviceWorker.controller === null))
        uncontrolled++;
      if (run === runs) throttledLoopMs = await busyLoopMs(page);
      await cdp.detach();
      await page.close();
    }
    // The first run also pays for compiling the code into the cache: kept apart as the warm-up.
    if (uncontrolled > 0) throw new Error(`${uncontrolled} cold starts were not served by the service worker`);
    const samples = measured.map((r) => r.visibleAt);
    return {
      samples: samples.slice(1),
      runs: measured.slice(1),
      warmup: samples[0] as number,
      throttledLoopMs,
      unthrottledLoopMs,
    };
  } finally {
    await context.close();
  }
};

/** A page of the bench page (service workers blocked, so the app's worker never answers for /bench/). */
const openBenchPage = async (context: BrowserContext, origin: string): Promise<Page> => {
  const page = await context.newPage();
  await page.goto(`${origin}/bench/`);
  await page.waitForFunction(() => (globalThis as unknown as ReadyGlobal).document.body.dataset.ready === 'true');
  return page;
};

export type PageFigures = {
  search: Awaited<ReturnType<BenchApi['searchTimes']>>;
  vaultUnlock: Awaited<ReturnType<BenchApi['vaultUnlockTimes']>>;
  /** vault.unlock with the page's CPU throttled; Argon2id on the page's thread (CDP cannot throttle a worker). */
  vaultUnlockThrottled: Awaited<ReturnType<BenchApi['vaultUnlockTimes']>>;
  overhead: Awaited<ReturnType<BenchApi['encryptionOverhead']>>;
  sync: Awaited<ReturnType<BenchApi['syncAll']>>;
  inbox: Awaited<ReturnType<BenchApi['inboxTimes']>>;
};

export type BenchPageTask = keyof PageFigures;

/** Runs one bench-page measurement in a fresh profile. */
export const benchPageFigure = async <K extends BenchPageTask>(
  browser: Browser,
  origin: string,
  task: K,
  args: {
    searchPasses: number;
    unlockRuns: number;
    writes: number;
    rounds: number;
    token: string;
    reports: number;
    /** The organisation the sync benchmark's reports are sealed to. */
    org: OrgDescriptor;
    /** Its officer, who reads the inbox. */
    officer?: { email: string; passphrase: string };
    inboxRuns?: number;
    /** CPU slowdown of the throttled unlock (Emulation.setCPUThrottlingRate). */
    cpuSlowdown?: number;
  },
): Promise<PageFigures[K]> => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await openBenchPage(context, origin);
    page.setDefaultTimeout(120_000);
    switch (task) {
      case 'search':
        return (await page.evaluate(
          (passes) => (globalThis as unknown as BenchGlobal).bench.searchTimes(passes),
          args.searchPasses,
        )) as PageFigures[K];
      case 'vaultUnlock':
        return (await page.evaluate(
          (runs) => (globalThis as unknown as BenchGlobal).bench.vaultUnlockTimes(runs),
          args.unlockRuns,
        )) as PageFigures[K];
      case 'vaultUnlockThrottled': {
        // Chromium refuses Emulation.setCPUThrottlingRate for a worker ("only supported for pages"), so the slowed
        // derivation runs on the throttled page's own thread: the time a 4x slower phone's worker would take.
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: args.cpuSlowdown ?? 1 });
        return (await page.evaluate(
          (runs) => (globalThis as unknown as BenchGlobal).bench.vaultUnlockTimes(runs, true),
          args.unlockRuns,
        )) as PageFigures[K];
      }
      case 'overhead':
        return (await page.evaluate(
          ([n, rounds]) => (globalThis as unknown as BenchGlobal).bench.encryptionOverhead(n, rounds),
          [args.writes, args.rounds] as const,
        )) as PageFigures[K];
      case 'sync':
        return (await page.evaluate(
          ([endpoint, token, n, org]) => (globalThis as unknown as BenchGlobal).bench.syncAll(endpoint, token, n, org),
          [origin, args.token, args.reports, args.org] as const,
        )) as PageFigures[K];
      case 'inbox': {
        if (!args.officer) throw new Error('the inbox needs the officer who reads it');
        return (await page.evaluate(
          ([endpoint, officer, runs, passes]) =>
            (globalThis as unknown as BenchGlobal).bench.inboxTimes(endpoint, officer, runs, passes),
          [origin, args.officer, args.inboxRuns ?? 1, args.searchPasses] as const,
        )) as PageFigures[K];
      }
    }
    throw new Error(`unknown bench page task ${String(task)}`);
  } finally {
    await context.close();
  }
};

export type AppFigures = {
  seeded: number;
  unlockMs: number[];
  listMs: number[];
  listFirstScreenMs: number[];
  listSearchableMs: number[];
  floor: { writeMs: number; encryptMs: number };
  heapUsedMb: number;
  heapTotalMb: number;
  autosave: { latencyMs: number[]; rawMs: number[]; debounceMs: number; plaintextFound: boolean; rows: number };
};

/**
 * In one profile: the bench page seeds `drafts` encrypted drafts into the app's own database, then the REAL app
 * (production build, service worker allowed) is unlocked, lists them, is weighed, and takes `edits` keystrokes.
 * Each step records into `into` as it goes, so a later failure keeps the earlier figures.
 */
export const appFigures = async (
  browser: Browser,
  origin: string,
  opts: {
    drafts: number;
    unlockRuns: number;
    listRuns: number;
    edits: number;
    floor: { records: number; recordKb: number; rounds: number };
  },
  into: Partial<AppFigures>,
): Promise<void> => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    // The bench page runs before the app has registered its service worker (which would answer /bench/ with the app).
    const seeder = await openBenchPage(context, origin);
    seeder.setDefaultTimeout(120_000);
    const seeded = await seeder.evaluate(
      (n) => (globalThis as unknown as BenchGlobal).bench.seedAppDrafts(n),
      opts.drafts,
    );
    into.seeded = seeded.stored;
    await seeder.close();

    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.addInitScript({ path: PROBES_PATH });
    await page.goto(`${origin}/#/settings`);
    const passphrase = page.getByLabel('Passphrase', { exact: true });
    const unlockButton = page.getByRole('button', { name: 'Unlock' });
    const lockButton = page.getByRole('button', { name: 'Lock', exact: true });

    // Unlock: from the click on Unlock to the frame that shows the Lock button (KDF, unwrap and the screen).
    into.unlockMs = [];
    for (let run = 0; run < opts.unlockRuns; run++) {
      await unlockButton.waitFor();
      await passphrase.fill(seeded.passphrase);
      into.unlockMs.push(await timedClick(page, armButton(page, 'Lock'), () => unlockButton.click()));
      if (run < opts.unlockRuns - 1) await lockButton.click();
    }
    await page.getByRole('button', { name: 'Save settings' }).waitFor();

    // The list: from the click on "Reports" to the frame showing every card (decrypt, validate, render).
    const reportsLink = page.getByRole('link', { name: 'Reports', exact: true });
    const settingsLink = page.getByRole('link', { name: 'Settings', exact: true });
    into.listMs = [];
    into.listFirstScreenMs = [];
    into.listSearchableMs = [];
    for (let run = 0; run < opts.listRuns; run++) {
      const times = await timedList(page, opts.drafts, () => reportsLink.click());
      into.listMs.push(times.allMs);
      into.listFirstScreenMs.push(times.firstScreenMs);
      into.listSearchableMs.push(times.searchableMs);
      if (run < opts.listRuns - 1) {
        await settingsLink.click();
        await page.getByRole('button', { name: 'Save settings' }).waitFor();
      }
    }

    // The floor, in this same page: plain records written to IndexedDB and encrypted, nothing of the app's.
    into.floor = await storageFloor(page, opts.floor.records, opts.floor.recordKb, opts.floor.rounds);

    // Heap with the 1,000 drafts decrypted and on screen, after a full garbage collection.
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    into.heapUsedMb = heap.usedSize / 2 ** 20;
    into.heapTotalMb = heap.totalSize / 2 ** 20;
    await cdp.detach();

    // Autosave: a new report, `edits` keystrokes in "Description of incident", each awaited until its commit.
    await page.getByRole('button', { name: 'New report' }).click();
    const description = page.getByLabel('Description of incident');
    await description.waitFor();
    await description.click();
    const before = await page.evaluate(() => {
      const probes = (globalThis as unknown as ProbeGlobal).__bench;
      probes.skipAutosaveDebounce = true;
      return probes.autosaves.length;
    });
    const sentence = 'The young person said older students sent messages every night and shared a photo of her. ';
    const text = sentence.repeat(Math.ceil(opts.edits / sentence.length)).slice(0, opts.edits);
    const entries: AutosaveEntry[] = [];
    for (let i = 0; i < opts.edits; i++) {
      await page.keyboard.type(text[i] as string);
      entries.push(
        await page.evaluate(
          (index) => (globalThis as unknown as ProbeGlobal).__bench.autosaveCommitted(index, 10_000),
          before + i,
        ),
      );
    }
    // Leave the field so the editor's last save runs, then prove nothing typed is stored in clear.
    await page.keyboard.press('Tab');
    const raw = await page.evaluate(
      (typed) => (globalThis as unknown as ProbeGlobal).__bench.rawReportsContain(typed),
      text.slice(0, 40),
    );
    into.autosave = {
      // Keystroke to commit without the debounce wait: the input handler up to the timer, then the save itself.
      latencyMs: entries.map((e) => e.scheduledAt - e.inputAt + (e.commitAt - e.firedAt)),
      rawMs: entries.map((e) => e.commitAt - e.inputAt),
      debounceMs: entries[0]?.delay ?? Number.NaN,
      plaintextFound: raw.found,
      rows: raw.rows,
    };
  } finally {
    await context.close();
  }
};
