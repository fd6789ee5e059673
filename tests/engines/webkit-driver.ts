// The seam over WebKitGTK: Debian's WebKitWebDriver under Xvfb (MiniBrowser has no headless mode) through
// webdriverio, WebDriver classic (the driver refuses BiDi). A profile is a driver session (its own MiniBrowser, with
// automation's ephemeral storage); a tab is a window. WebDriver classic has no network emulation: going offline here
// only cuts the origin (the page keeps navigator.onLine true), and the user coming back is a real minimise/restore.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { remote } from 'webdriverio';
import { type EngineDriver, type EnginePage, type EngineProfile, pollUntil, scriptOf } from './driver.ts';

export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATH = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const XVFB_RUN = '/usr/bin/xvfb-run';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

type Session = Awaited<ReturnType<typeof remote>>;

/** Starts a MiniBrowser session with the Storage API on (without it navigator.storage is undefined). */
const newSession = (port: number): Promise<Session> =>
  remote({
    hostname: '127.0.0.1',
    port,
    path: '/',
    logLevel: 'error',
    connectionRetryCount: 0,
    capabilities: {
      browserName: 'MiniBrowser',
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': {
        binary: MINIBROWSER_PATH,
        args: ['--automation', '--features=+StorageAPI,+StorageAPIEstimate'],
      },
    } as WebdriverIO.Capabilities,
  });

const openProfile = async (session: Session): Promise<EngineProfile> => {
  const handles = new Set<string>();
  let current = await session.getWindowHandle();
  const focus = async (handle: string) => {
    if (current === handle) return;
    await session.switchToWindow(handle);
    current = handle;
  };
  const wrap = (handle: string): EnginePage => {
    handles.add(handle);
    return {
      goto: async (url) => {
        await focus(handle);
        await session.url(url);
      },
      reload: async () => {
        await focus(handle);
        await session.refresh();
      },
      evaluate: async (fn, arg) => {
        await focus(handle);
        return (await session.execute(`return ${scriptOf(fn, arg)};`)) as never;
      },
      close: async () => {
        await focus(handle);
        await session.closeWindow();
        handles.delete(handle);
        const next = [...handles][0];
        if (next) {
          await session.switchToWindow(next);
          current = next;
        }
      },
    };
  };
  const resourceUrls = (): string[] =>
    performance
      .getEntries()
      .flatMap((entry) => (entry.entryType === 'resource' || entry.entryType === 'navigation' ? [entry.name] : []));
  return {
    page: wrap(current),
    newPage: async () => {
      const { handle } = await session.createWindow('tab');
      await session.switchToWindow(handle);
      current = handle;
      return wrap(handle);
    },
    emulateOffline: async () => undefined,
    leaveAndReturn: async () => {
      await session.minimizeWindow();
      await pollUntil('the page to be hidden', () => session.execute(() => document.visibilityState === 'hidden'));
      await session.maximizeWindow();
    },
    requestedUrls: async () => {
      const urls: string[] = [];
      for (const handle of [...handles]) {
        await focus(handle);
        urls.push(...((await session.execute(resourceUrls)) as string[]));
      }
      return urls;
    },
    close: () => session.deleteSession(),
  };
};

export const launchWebKit = async (): Promise<EngineDriver> => {
  const port = await freePort();
  const driver: ChildProcess = spawn(
    XVFB_RUN,
    ['-a', '-s', '-screen 0 1280x1024x24', WEBKIT_DRIVER_PATH, `--port=${port}`, '--host=127.0.0.1'],
    { stdio: 'ignore', detached: true },
  );
  const stopDriver = () => {
    // xvfb-run, Xvfb and the driver share the group started here: end exactly that group.
    if (driver.pid && driver.exitCode === null) process.kill(-driver.pid, 'SIGTERM');
  };
  try {
    await pollUntil('WebKitWebDriver to answer', async () => (await fetch(`http://127.0.0.1:${port}/status`)).ok);
  } catch (error) {
    stopDriver();
    throw error;
  }
  const sessions = new Set<Session>();
  let version = '';
  return {
    name: 'webkit',
    traits: {
      emulatesOffline: false,
      hidesPage: true,
      backgroundSync: false,
      persistGranted: false,
      appleWebKit: true,
    },
    version: async () => version,
    newProfile: async () => {
      const session = await newSession(port);
      sessions.add(session);
      const caps = session.capabilities as { browserName?: string; browserVersion?: string };
      version = `WebKitGTK ${caps.browserVersion ?? '?'} (${caps.browserName ?? 'MiniBrowser'})`;
      const profile = await openProfile(session);
      return {
        ...profile,
        close: async () => {
          sessions.delete(session);
          await profile.close().catch(() => undefined);
        },
      };
    },
    close: async () => {
      await Promise.all([...sessions].map((s) => s.deleteSession().catch(() => undefined)));
      stopDriver();
    },
  };
};
