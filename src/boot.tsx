// Boot, loaded by main.tsx as soon as it runs: builds the core services and draws the app at once,
// without the store; once that render has painted it loads the store's chunk (Dexie: the database, the outbox and
// guidance repositories, the vault), registers the service worker and wires the vault into the screens. Auto-lock
// is wired from the start. The session (reports, settings, sync) loads after unlocking.
import { render } from 'preact';
import { App } from './app/App.tsx';
import { type CoreServices, type CoreVaultState, ServicesContext, type SessionServices } from './app/services.ts';
import { messageFor } from './domain/errors.ts';
import { createObservable } from './domain/observable.ts';
import { createSwBridge } from './pwa/sw-bridge.ts';
import { deferredGuidanceRepo, deferredOutboxRepo } from './store/deferred-repos.ts';
import type { DeviceStore } from './store/device-store.ts';
import { createConnectivity } from './sync/connectivity.ts';
import { idleAfterNextFrame } from './ui/first-frame.ts';
import { createAutolock, watchActivity } from './vault/autolock.ts';
import type { Vault } from './vault/vault.ts';

/** What the vault gate says when the store's chunk could not be read (a damaged cache). */
export const STORE_UNREADABLE = 'SafeVisit could not open its storage. Reload the page and try again.';

type Boot = {
  services: CoreServices;
  /** Loads the store and opens the vault (the gate shows "Opening…" until then) and registers the service worker. */
  openStore: () => void;
};

const boot = (): Boot => {
  const vaultState = createObservable<CoreVaultState>({ kind: 'opening' });
  let openedVault: Vault | null = null;
  const connectivity = createConnectivity();
  const bridge = createSwBridge();
  const session = createObservable<SessionServices | null>(null);
  const outboxCount = createObservable(0);

  // Settled by openStore(); until then the screens' outbox and guidance calls wait for it.
  let loadStore = (): void => undefined;
  const store = new Promise<DeviceStore>((resolve, reject) => {
    loadStore = () => {
      import('./store/device-store.ts').then(({ openDeviceStore }) => resolve(openDeviceStore()), reject);
    };
  });
  const outbox = deferredOutboxRepo(store.then((s) => s.outbox));
  const guidance = deferredGuidanceRepo(store.then((s) => s.guidance));

  const autolock = createAutolock({ lock: () => openedVault?.lock() });
  watchActivity(autolock, document);

  let loading: Promise<SessionServices> | null = null;
  const loadSession = (vault: Vault): Promise<SessionServices> => {
    loading ??= Promise.all([import('./session.ts'), store])
      .then(([{ createSession }, { db, outbox, guidance }]) =>
        createSession({ db, vault, outbox, connectivity, bridge, autolock, guidance }),
      )
      .then((s) => {
        session.set(s);
        return s;
      })
      .catch((error: unknown) => {
        loading = null;
        throw error;
      });
    return loading;
  };

  const opened = (vault: Vault) => {
    openedVault = vault;
    const follow = (state: Vault['state']) => {
      vaultState.set({ kind: state, vault });
      if (state === 'unlocked') {
        autolock.activity();
        void loadSession(vault);
      }
    };
    vault.subscribe(follow);
    follow(vault.state);
  };
  const unavailable = (problem: string) => vaultState.set({ kind: 'unavailable', problem });

  const openStore = () => {
    loadStore();
    bridge.register();
    outbox.count().then(outboxCount.set, () => undefined);
    store.then(
      // Storage refused (private mode, disk full...): say so plainly; nothing saved is touched.
      (s) => s.vault.then(opened, (error: unknown) => unavailable(messageFor(error))),
      () => unavailable(STORE_UNREADABLE),
    );
  };

  const services: CoreServices = {
    bridge,
    connectivity,
    vaultState,
    outbox,
    guidance,
    outboxCount,
    session,
    afterVaultCreated: async () => {
      // Called by the create screen, which exists only once the vault is open.
      if (!openedVault) return;
      const [{ requestPersistentStorage }, { settings }] = await Promise.all([
        import('./store/persistence.ts'),
        loadSession(openedVault),
      ]);
      await requestPersistentStorage(settings);
    },
  };
  return { services, openStore };
};

/**
 * Draws the app into `root` (index.html's #app, whose static shell the first render reuses), then, once that render
 * has painted, opens the store: the first render never waits for Dexie to be fetched, compiled or run.
 */
export const mountApp = (root: HTMLElement): void => {
  const { services, openStore } = boot();
  render(
    <ServicesContext.Provider value={services}>
      <App />
    </ServicesContext.Provider>,
    root,
  );
  idleAfterNextFrame(openStore);
};
