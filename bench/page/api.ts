// What the bench page puts on `window.bench`, as types only (no DOM), so the Node runner can call it through
// page.evaluate without taking in the page's code. bench/page/main.ts implements it.
import type { OrgDescriptor } from '../../src/domain/org-protocol.ts';

export type SearchTimes = { samples: number[]; queries: number; prepareMs: number; hits: number };
/** `kdf` in words (describeKdf); `belowDefault` when the stored header is cheaper than the app's own default. */
export type VaultUnlockTimes = { times: number[]; kdf: string; belowDefault: boolean };
export type EncryptionOverhead = { encryptedMs: number[]; plainMs: number[]; checked: boolean };
export type SeededDrafts = { stored: number; passphrase: string };
export type SyncRun = {
  ms: number;
  /** Time to queue the reports, each sealed at submit (not part of `ms`). */
  queueMs: number;
  queued: number;
  /** The sync engine's RunSummary (src/sync/outbox.ts), restated here so this file needs no DOM types. */
  summary: { stopped: string; sent: number; failed: number; retried: number };
  left: { outbox: number; reports: number };
  /** Time spent waiting on fetch (network and server), summed over the requests. */
  fetchMs: number;
  requests: number;
  /** Time spent in each method of the storage port, summed. */
  portMs: Record<string, number>;
};

/** The officer's inbox: `runs` times fetching and opening every report, then searching the opened reports. */
export type InboxTimes = {
  /** Per run: from asking for the inbox to every report decrypted and checked. */
  openMs: number[];
  /** Per run: to the first screenful opened (what the inbox shows first). */
  firstScreenMs: number[];
  reports: number;
  opened: number;
  /** One sample per query per pass, ms. */
  searchMs: number[];
  queries: number;
  hits: number;
};

export type BenchApi = {
  searchTimes: (passes: number) => SearchTimes;
  /** `onPageThread`: Argon2id on the page's own thread instead of the app's worker (CPU throttling reaches only the page). */
  vaultUnlockTimes: (runs: number, onPageThread?: boolean) => Promise<VaultUnlockTimes>;
  encryptionOverhead: (n: number, rounds: number) => Promise<EncryptionOverhead>;
  seedAppDrafts: (n: number) => Promise<SeededDrafts>;
  /** Queues `n` reports sealed at submit to `org` (outside the timed run), then times one sync run. */
  syncAll: (endpoint: string, token: string, n: number, org: OrgDescriptor) => Promise<SyncRun>;
  /** Signs in as the officer, then times the inbox code (src/officer/inbox) over what the server holds. */
  inboxTimes: (
    origin: string,
    officer: { email: string; passphrase: string },
    runs: number,
    passes: number,
  ) => Promise<InboxTimes>;
};
