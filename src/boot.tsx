// Boot, loaded by main.tsx once the static shell has painted: opens the database and the vault, builds the core
// services, mounts the app, registers the service worker and wires auto-lock. The session (reports, settings, sync)
// loads after unlocking.
import { render } from 'preact';
import { App } from './app/App.tsx';
import { type CoreServices, type CoreVaultState, ServicesContext, type SessionServices } from './app/services.ts';
import { messageFor } from './domain/errors.ts';
import { createObservable } from './domain/observable.ts';
import { createSwBridge } from './pwa/sw-bridge.ts';
import { APP_DB_NAME, SafeVisitDb } from './store/db.ts';
import { createGuidanceRepo } from './store/guidance-repo.ts';
import { createOutboxRepo } from './store/outbox-repo.ts';
import { openVault } from './store/vault-storage.ts';
import { createConnectivity } from './sync/connectivity.ts';
import { createAutolock, watchActivity } from './vault/autolock.ts';
import type { Vault } from './vault/vault.ts';

// The shell's header and navigation are already on screen (index.html); this draws over them, with the status region
// and the vault gate, which fills in when the database has opened.
const boot = (): CoreServices => {
  const db = new SafeVisitDb(APP_DB_NAME);
  const vaultState = createObservable<CoreVaultState>({ kind: 'opening' });
  let openedVault: Vault | null = null;
  const outbox = createOutboxRepo(db);
  const connectivity = createConnectivity();
  const bridge = createSwBridge();
  const session = createObservable<SessionServices | null>(null);
  const guidance = createGuidanceRepo(db);
  const outboxCount = createObservable(0);
  outbox.count().then(outboxCount.set, () => undefined);

  const autolock = createAutolock({ lock: () => openedVault?.lock() });
  watchActivity(autolock, document);

  let loading: Promise<SessionServices> | null = null;
  const loadSession = (vault: Vault): Promise<SessionServices> => {
    loading ??= import('./session.ts')
      .then(({ createSession }) => createSession({ db, vault, outbox, connectivity, bridge, autolock, guidance }))
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
  openVault(db).then(
    (vault) => {
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
    },
    (error: unknown) => {
      // Storage refused (private mode, disk full...): say so plainly; nothing saved is touched.
      vaultState.set({ kind: 'unavailable', problem: messageFor(error) });
    },
  );

  return {
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
};

/** Draws the app into `root` (index.html's #app, whose static shell the first render reuses). */
export const mountApp = (root: HTMLElement): void =>
  render(
    <ServicesContext.Provider value={boot()}>
      <App />
    </ServicesContext.Provider>,
    root,
  );
