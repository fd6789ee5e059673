// The long-lived services the screens use, handed down through one Preact context. The core (vault,
// outbox count, connectivity) is built at boot; the session (reports, settings, sync: the parts that need
// the unlocked vault and zod) is loaded as its own chunk once the vault is unlocked.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Readable } from '../domain/observable.ts';
import type { ReportDraft } from '../domain/report-schema.ts';
import type { SwBridge } from '../pwa/sw-bridge.ts';
import type { GuidanceRepo } from '../store/guidance-repo.ts';
import type { OutboxRepo } from '../store/outbox-repo.ts';
import type { ReportRepo } from '../store/report-repo.ts';
import type { SettingsRepo } from '../store/settings-repo.ts';
import type { Connectivity } from '../sync/connectivity.ts';
import type { EnrolmentService } from '../sync/enrolment.ts';
import type { GuidanceUpdateResult } from '../sync/guidance-update.ts';
import type { SyncEngine, SyncState } from '../sync/outbox.ts';
import type { Vault, VaultState } from '../vault/vault.ts';
import { useObservable } from './use-observable.ts';

/**
 * The device's vault as the screens see it: not open yet (IndexedDB has not answered), unavailable (with why, in
 * plain words: private mode, disk full...), or open, with its state and the vault itself.
 */
export type CoreVaultState =
  | { kind: 'opening' }
  | { kind: 'unavailable'; problem: string }
  | { kind: VaultState; vault: Vault };

export type CoreServices = {
  bridge: SwBridge;
  connectivity: Connectivity;
  vaultState: Readable<CoreVaultState>;
  outbox: OutboxRepo;
  guidance: GuidanceRepo;
  /** Reports waiting to be sent, counted at boot (the outbox holds no personal data); the session's count after. */
  outboxCount: Readable<number>;
  /** Null until the first unlock has loaded it. */
  session: Readable<SessionServices | null>;
  /** Follow-up after the vault is created: ask the browser for persistent storage. */
  afterVaultCreated: () => Promise<void>;
};

export type SessionServices = {
  /** The vault the session was opened with. */
  vault: Vault;
  /** Encrypted reports; every call needs the vault unlocked. */
  reports: ReportRepo<ReportDraft>;
  settings: SettingsRepo;
  sync: SyncEngine;
  /** The session's own state (read it through useSessionValue where the session may not exist yet). */
  syncState: Readable<SyncState>;
  outboxCount: Readable<number>;
  /** Bumped each time a new guidance pack from the server is stored, so the Guidance screen reloads it. */
  guidanceRevision: Readable<number>;
  /** Enrolment with an organisation (link or hand-typed fallback), checked against its fingerprint. */
  enrolment: EnrolmentService;
  /** Reports whose sending state was changed while locked: neither sent nor deleted; the screens say so. */
  controlChanged: Readable<ReadonlySet<string>>;
  /** Asks the server for newer guidance; keeps the current pack on any failure and says why. */
  checkGuidance: () => Promise<GuidanceUpdateResult>;
  /** Applies the auto-lock minutes from Settings at once. */
  setAutolockMinutes: (minutes: number) => void;
};

export type Services = Omit<CoreServices, keyof SessionServices> & SessionServices;

export const ServicesContext = createContext<CoreServices | null>(null);

/** The services every screen has, locked or not. */
export const useCore = (): CoreServices => {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useCore outside ServicesContext');
  return services;
};

/** A value the session owns, read where the session may not exist yet: `before` until it has loaded. */
export const useSessionValue = <T>(pick: (session: SessionServices) => Readable<T>, before: Readable<T>): T => {
  const session = useObservable(useCore().session);
  return useObservable(session ? pick(session) : before);
};

/** All services; only for screens behind the vault gate, which waits for the session. */
export const useServices = (): Services => {
  const core = useCore();
  const session = core.session.get();
  if (!session) throw new Error('useServices before the session was loaded (render it behind VaultGate)');
  return { ...core, ...session };
};
