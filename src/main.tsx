// Boot: opens the database and the vault, builds the services, mounts the app, registers the
// service worker, and wires auto-lock and sync. The only place that creates long-lived objects.
import { render } from 'preact';
import { App } from './app/App.tsx';
import { type Services, ServicesContext } from './app/services.ts';
import { messageFor } from './domain/errors.ts';
import { REPORT_SCHEMA_VERSION, ReportDraftSchema } from './domain/report.ts';
import { createSwBridge } from './pwa/sw-bridge.ts';
import {
  APP_DB_NAME,
  createGuidanceRepo,
  createOutboxRepo,
  createReportRepo,
  createSettingsRepo,
  openVault,
  requestPersistentStorage,
  SafeVisitDb,
} from './store/index.ts';
import { createConnectivity } from './sync/connectivity.ts';
import { createSyncEngine, defaultLock } from './sync/outbox.ts';
import { createDexieOutboxPort } from './sync/outbox-port-dexie.ts';
import { autolockAfterMs, createAutolock, watchActivity } from './vault/index.ts';
import './app/styles.css';

const boot = async (): Promise<Services> => {
  const db = new SafeVisitDb(APP_DB_NAME);
  const vault = await openVault(db);
  const reports = createReportRepo(db, vault, { schema: ReportDraftSchema, schemaVersion: REPORT_SCHEMA_VERSION });
  const settings = createSettingsRepo(db, vault);
  const outbox = createOutboxRepo(db);
  const connectivity = createConnectivity();
  const bridge = createSwBridge();

  const sync = createSyncEngine({
    port: createDexieOutboxPort({ db, reports, outbox }),
    settings: async () => {
      const s = await settings.get();
      return {
        endpoint: s.endpointUrl,
        token: vault.state === 'unlocked' ? await settings.getSecret('accessToken') : null,
        keepSyncedDays: s.keepSyncedDays,
      };
    },
    lock: defaultLock(),
  });
  bridge.onSyncRequested(() => void sync.onBackgroundSyncRequested());

  const autolock = createAutolock({
    lock: () => vault.lock(),
    afterMs: autolockAfterMs((await settings.get()).autolockMinutes),
  });
  watchActivity(autolock, document);

  let stopSync: (() => void) | null = null;
  const startSync = () => {
    stopSync ??= sync.start({ connectivity });
    void sync.purgeExpired();
  };
  vault.subscribe((state) => {
    if (state === 'unlocked') {
      autolock.activity();
      startSync();
    } else {
      stopSync?.();
      stopSync = null;
    }
  });

  const waiting = {
    get: () => sync.state.get().waiting,
    subscribe: (listener: (n: number) => void) => sync.state.subscribe((s) => listener(s.waiting)),
  };
  void sync.refresh();

  return {
    bridge,
    connectivity,
    vault,
    vaultState: vault,
    reports,
    settings,
    outbox,
    guidance: createGuidanceRepo(db),
    sync,
    outboxCount: waiting,
    afterVaultCreated: async () => {
      await requestPersistentStorage(settings);
    },
    setAutolockMinutes: (minutes) => autolock.setAfterMs(autolockAfterMs(minutes)),
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
