// Chooses the storage engine: PostgreSQL when DATABASE_URL is a postgres:// address, else the SQLite file. The one
// place app.ts and main.ts ask for a Store; never reads the environment itself.
import { describeDatabaseUrl, isPostgresUrl, openPostgresStore } from './pg.ts';
import type { PoolOptions } from './pg-db.ts';
import { openSqliteStore } from './sqlite.ts';
import type { Store } from './types.ts';

export type OpenStoreOptions = {
  /** A postgres:// address (DATABASE_URL); when set, the SQLite options are not used. */
  databaseUrl?: string;
  /** SQLite file; ':memory:' keeps nothing. */
  dbPath?: string;
  /** How long a write waits on a locked SQLite database, or for a PostgreSQL connection, before answering 503. */
  busyTimeoutMs?: number;
  /** PostgreSQL connections per process. */
  poolSize?: PoolOptions['poolSize'];
};

/** Opens and migrates the engine; throws an Error with one plain sentence (never a password) when it cannot. */
export const openStore = async (options: OpenStoreOptions): Promise<Store> => {
  const url = options.databaseUrl?.trim();
  if (url) {
    if (!isPostgresUrl(url))
      throw new Error('DATABASE_URL must be a postgres:// address (leave it unset to use the SQLite file).');
    return openPostgresStore(url, { connectTimeoutMs: options.busyTimeoutMs, poolSize: options.poolSize });
  }
  return openSqliteStore({ path: options.dbPath ?? ':memory:', busyTimeoutMs: options.busyTimeoutMs });
};

/** Where reports are stored, for the start-up line: the file, or the PostgreSQL address without its password. */
export const describeStore = (options: OpenStoreOptions): string =>
  options.databaseUrl?.trim() ? describeDatabaseUrl(options.databaseUrl) : (options.dbPath ?? ':memory:');
