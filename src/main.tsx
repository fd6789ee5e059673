// Boot: opens the database and the vault, builds the core services, mounts the app, registers the
// service worker and wires auto-lock. The session (reports, settings, sync) loads after unlocking.
import { render } from 'preact';
import { App } from './app/App.tsx';
import { type CoreServices, ServicesContext, type SessionServices } from './app/services.ts';
import { messageFor } from './domain/errors.ts';
import { createObservable } from './domain/observable.ts';
import { createSwBridge } from './pwa/sw-bridge.ts';
import { APP_DB_NAME, SafeVisitDb } from './store/db.ts';
import { createGuidanceRepo } from './store/guidance-repo.ts';
import { createOutboxRepo } from './store/outbox-repo.ts';
import { openVault } from './store/vault-storage.ts';
import { createConnectivity } from './sync/connectivity.ts';
import type { SyncState } from './sync/outbox.ts';
import { createAutolock, watchActivity } from './vault/autolock.ts';
import './app/styles.css';

const boot = async (): Promise<CoreServices> => {
  const db = new SafeVisitDb(APP_DB_NAME);
  const vault = await openVault(db);
  const outbox = createOutboxRepo(db);
  const connectivity = createConnectivity();
  const bridge = createSwBridge();
  const syncState = createObservable<SyncState | null>(null);
  const outboxCount = createObservable(0);
  const session = createObservable<SessionServices | null>(null);
  const guidance = createGuidanceRepo(db);
  const guidanceRevision = createObservable(0);
  outbox.count().then(outboxCount.set, () => undefined);

  const autolock = createAutolock({ lock: () => vault.lock() });
  watchActivity(autolock, document);

  let loading: Promise<SessionServices> | null = null;
  const loadSession = (): Promise<SessionServices> => {
    loading ??= import('./session.ts')
      .then(({ createSession }) =>
        createSession({
          db,
          vault,
          outbox,
          connectivity,
          bridge,
          autolock,
          syncState,
          outboxCount,
          guidance,
          guidanceRevision,
        }),
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
  vault.subscribe((state) => {
    if (state === 'unlocked') {
      autolock.activity();
      void loadSession();
    }
  });

  return {
    bridge,
    connectivity,
    vault,
    vaultState: vault,
    outbox,
    guidance,
    guidanceRevision,
    outboxCount,
    syncState,
    session,
    afterVaultCreated: async () => {
      const [{ requestPersistentStorage }, { settings }] = await Promise.all([
        import('./store/persistence.ts'),
        loadSession(),
      ]);
      await requestPersistentStorage(settings);
    },
  };
};

const root = document.getElementById('app');
if (root) {
  boot().then(
    (services) =>
      render(
        <ServicesContext.Provider value={services}>
          <App />
        </ServicesContext.Provider>,
        root,
      ),
    (error: unknown) => {
      // Storage refused (private mode, disk full...): say so plainly; nothing saved is touched.
      root.textContent = messageFor(error);
    },
  );
}
