// The PostgreSQL engine (node-postgres): opens a pool on DATABASE_URL, applies the numbered schema steps of
// pg-schema.ts once (several processes may start together) and refuses a database from a newer server. The
// statements live in pg-org.ts, pg-team.ts, pg-sealed.ts and pg-alerts.ts. Never prints or keeps the password.

import { pgAlertStore } from './pg-alerts.ts';
import { type Db, openPool, type PoolOptions, type Sql } from './pg-db.ts';
import { pgGuidanceStore } from './pg-guidance.ts';
import { pgLifecycleStore } from './pg-lifecycle.ts';
import { pgOrgStore } from './pg-org.ts';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from './pg-schema.ts';
import { pgSealedStore } from './pg-sealed.ts';
import { pgTeamStore } from './pg-team.ts';
import type { Store } from './types.ts';

/** Taken for the whole migration, so two processes starting on one database apply each step once. */
const MIGRATION_LOCK_KEY = 0x5afe_0001;

/** True for the addresses this engine takes (anything else is a SQLite path). */
export const isPostgresUrl = (value: string): boolean => /^postgres(ql)?:\/\//i.test(value);

/** The address without its password, for messages: postgres://user@host:port/db. */
export const describeDatabaseUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL (not a valid address)';
  }
};

/** A newer server wrote this database: this one must not touch it. */
export class NewerSchemaError extends Error {}

/** Applies the missing steps up to `target` in one transaction; returns the version the database had before. */
export const migratePostgres = async (db: Db, target = PG_SCHEMA_VERSION): Promise<number> =>
  db.tx(async (sql: Sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await sql.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    // One row always: the highest version, or 0 on an empty database.
    const { v: current } = (
      await sql.query<{ v: number }>('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations')
    ).rows[0] as { v: number };
    if (current > PG_SCHEMA_VERSION)
      throw new NewerSchemaError(`it was made by a newer SafeVisit server (schema ${current}); update the server`);
    for (let v = current + 1; v <= target; v++) {
      await sql.query(PG_MIGRATIONS[v] as string);
      await sql.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
        v,
        new Date().toISOString(),
      ]);
    }
    return current;
  });

/**
 * Opens the pool, checks the database answers and migrates it. Throws an Error with one plain sentence naming the
 * address without its password when the database cannot be reached, refuses the credentials or is newer.
 */
export const openPostgresStore = async (url: string, options: PoolOptions = {}): Promise<Store> => {
  let password: string;
  let db: Db;
  try {
    password = decodeURIComponent(new URL(url).password);
    db = openPool(url, options);
  } catch {
    throw new Error('DATABASE_URL is not a valid postgres://user:password@host:port/database address.');
  }
  try {
    await migratePostgres(db);
  } catch (error) {
    await db.pool.end().catch(() => {});
    // The password as written in the address, so no message can carry it even when a driver quotes the address.
    const reason = String((error as Error).message ?? error);
    const safe = password ? reason.split(password).join('***') : reason;
    throw new Error(`the PostgreSQL database ${describeDatabaseUrl(url)} (DATABASE_URL) cannot be used: ${safe}.`, {
      cause: error,
    });
  }
  let closed = false;
  return {
    ...pgOrgStore(db),
    ...pgTeamStore(db),
    ...pgSealedStore(db),
    ...pgAlertStore(db),
    ...pgGuidanceStore(db),
    ...pgLifecycleStore(db),
    discardedPlaintextReports: 0,
    close: async () => {
      if (closed) return;
      closed = true;
      await db.pool.end();
    },
  };
};
