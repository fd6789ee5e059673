// The device's store as the boot opens it, in a chunk of its own (Dexie is most of it) that the boot loads once the
// app's first render has painted: the database, the outbox and guidance repositories, and the vault over them.
// Builds them only; the boot wires them into the screens.
import type { Vault } from '../vault/vault.ts';
import { APP_DB_NAME, SafeVisitDb } from './db.ts';
import { createGuidanceRepo, type GuidanceRepo } from './guidance-repo.ts';
import { createOutboxRepo, type OutboxRepo } from './outbox-repo.ts';
import { openVault } from './vault-storage.ts';

export type DeviceStore = {
  db: SafeVisitDb;
  outbox: OutboxRepo;
  guidance: GuidanceRepo;
  /** The vault over this database; rejects (a plain-words AppError) when the browser refuses storage. */
  vault: Promise<Vault>;
};

export const openDeviceStore = (name: string = APP_DB_NAME): DeviceStore => {
  const db = new SafeVisitDb(name);
  return { db, outbox: createOutboxRepo(db), guidance: createGuidanceRepo(db), vault: openVault(db) };
};
