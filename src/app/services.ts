// The long-lived services the screens use, handed down through one Preact context. The core (vault,
// outbox count, connectivity) is built at boot; the session (reports, settings, sync: the parts that need
// the unlocked vault and zod) is loaded as its own chunk once the vault is unlocked.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Observable } from '../domain/observable.ts';
import type { ReportDraft } from '../domain/report-schema.ts';
import type { SwBridge } from '../pwa/sw-bridge.ts';
import type { GuidanceRepo } from '../store/guidance-repo.ts';
import type { OutboxRepo } from '../store/outbox-repo.ts';
import type { ReportRepo } from '../store/report-repo.ts';
import type { SettingsRepo } from '../store/settings-repo.ts';
import type { Connectivity } from '../sync/connectivity.ts';
import type { GuidanceUpdateResult } from '../sync/guidance-update.ts';
import type { SyncEngine, SyncState } from '../sync/outbox.ts';
import type { Vault, VaultState } from '../vault/vault.ts';

type Readable<T> = Pick<Observable<T>, 'get' | 'subscribe'>;

/** The vault's state, plus the moments before the database opens and the case where it cannot. */
export type CoreVaultState = VaultState | 'opening' | 'unavailable';

export type CoreServices = {
  bridge: SwBridge;
  connectivity: Connectivity;
  /** The open vault; read it only once vaultState is past 'opening'. */
  readonly vault: Vault;
  vaultState: Readable<CoreVaultState>;
  /** Why the device's storage could not be opened (private mode, disk full...), in plain words. */
  storageProblem: Readable<string | null>;
  outbox: OutboxRepo;
  guidance: GuidanceRepo;
  /** Reports waiting to be sent (readable while locked: the outbox holds no personal data). */
  outboxCount: Readable<number>;
  /** The sync engine's state once the session runs; null before the first unlock. */
  syncState: Readable<SyncState | null>;
  session: Readable<SessionServices | null>;
  /** Bumped each time a new guidance pack from the server is stored, so the Guidance screen reloads it. */
  guidanceRevision: Readable<number>;
  /** Follow-up after the vault is created: ask the browser for persistent storage. */
  afterVaultCreated: () => Promise<void>;
};

export type SessionServices = {
  /** Encrypted reports; every call needs the vault unlocked. */
  reports: ReportRepo<ReportDraft>;
  settings: SettingsRepo;
  sync: SyncEngine;
  /** Asks the server for newer guidance; keeps the current pack on any failure and says why. */
  checkGuidance: () => Promise<GuidanceUpdateResult>;
  /** Applies the auto-lock minutes from Settings at once. */
  setAutolockMinutes: (minutes: number) => void;
};

export type Services = CoreServices & SessionServices;

export const ServicesContext = createContext<CoreServices | null>(null);

/** The services every screen has, locked or not. */
export const useCore = (): CoreServices => {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useCore outside ServicesContext');
  return services;
};

/** All services; only for screens behind the vault gate, which waits for the session. */
export const useServices = (): Services => {
  const core = useCore();
  const session = core.session.get();
  if (!session) throw new Error('useServices before the session was loaded (render it behind VaultGate)');
  return { ...core, ...session };
};
