// The long-lived services the screens use, handed down through one Preact context. Built once at boot
// (src/main.tsx); screens never open databases or keys themselves.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Observable } from '../domain/observable.ts';
import type { ReportDraft } from '../domain/report.ts';
import type { SwBridge } from '../pwa/sw-bridge.ts';
import type { GuidanceRepo, OutboxRepo, ReportRepo, SettingsRepo } from '../store/index.ts';
import type { Connectivity } from '../sync/connectivity.ts';
import type { SyncEngine } from '../sync/outbox.ts';
import type { Vault, VaultState } from '../vault/index.ts';

export type Services = {
  bridge: SwBridge;
  connectivity: Connectivity;
  vault: Vault;
  vaultState: Pick<Observable<VaultState>, 'get' | 'subscribe'>;
  /** Encrypted reports; every call needs the vault unlocked. */
  reports: ReportRepo<ReportDraft>;
  settings: SettingsRepo;
  outbox: OutboxRepo;
  guidance: GuidanceRepo;
  sync: SyncEngine;
  /** Reports waiting to be sent (readable while locked: the outbox holds no personal data). */
  outboxCount: Pick<Observable<number>, 'get' | 'subscribe'>;
  /** Follow-up after the first unlock: ask for persistent storage, start syncing. */
  afterVaultCreated: () => Promise<void>;
  /** Applies the auto-lock minutes from Settings at once. */
  setAutolockMinutes: (minutes: number) => void;
};

export const ServicesContext = createContext<Services | null>(null);

export const useServices = (): Services => {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesContext');
  return services;
};
