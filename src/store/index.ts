// The public surface of the store: the database, the vault over it, and one repository per table group.
// Everything personal goes through the vault; only this folder imports Dexie.
export { APP_DB_NAME, DB_SCHEMA_VERSION, type GuidanceRow, type OutboxRow, type ReportRow, SafeVisitDb } from './db.ts';
export { isQuotaError, toStorageError } from './errors.ts';
export { createGuidanceRepo, type GuidanceRepo } from './guidance-repo.ts';
export {
  createOutboxPort,
  type OutboxPortDeps,
  type StoreOutboxPort,
  type StoreSyncSettings,
  syncSettingsFrom,
} from './outbox-port.ts';
export { createOutboxRepo, type OutboxRepo } from './outbox-repo.ts';
export { type PersistentStorageApi, requestPersistentStorage } from './persistence.ts';
export {
  type ChunkSizes,
  createReportRepo,
  type ReportChunk,
  type ReportMeta,
  type ReportRecord,
  type ReportRepo,
  type ReportRepoOptions,
  type SentReceipt,
} from './report-repo.ts';
export { createReportSealer, type ReportSealer, type SealOutcome, sealingOptions } from './report-sealer.ts';
export { createSettingsRepo, type SettingsRepo } from './settings-repo.ts';
export { createVaultStorage, openVault } from './vault-storage.ts';
