// The PostgreSQL engine's connection helpers: one pool, a transaction runner and the "try again later" guard that
// turns any engine failure into AppError('storage-unavailable') (the API answers 503). Never builds SQL itself.
import pg from 'pg';
import { AppError } from '../../src/domain/errors.ts';

/**
 * What a statement runs on: the pool (autocommit) or one client inside a transaction. A statement given as
 * `{ name, text, values }` is prepared once per connection and then only executed (no parse or plan again).
 */
export type Sql = {
  query: <R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string | pg.QueryConfig,
    values?: unknown[],
  ) => Promise<pg.QueryResult<R>>;
};

export type Db = Sql & {
  /** Runs `work` in one READ COMMITTED transaction on one client: committed when it resolves, rolled back if not. */
  tx: <T>(work: (sql: Sql) => Promise<T>) => Promise<T>;
  /** The rows of one autocommitted statement. */
  rows: <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;
  pool: pg.Pool;
};

// BIGINT (counts, serial sequence numbers) as a JavaScript number: sequence numbers stay far below 2^53.
const INT8_OID = 20;
const types = new pg.TypeOverrides();
types.setTypeParser(INT8_OID, (value: string) => Number(value));

/** How long a request waits for a free connection (or a new one) before the API answers 503. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** Connections per server process; two processes on one database hold twice this many. */
export const DEFAULT_POOL_SIZE = 10;

export type PoolOptions = { connectTimeoutMs?: number; poolSize?: number };

export const openPool = (connectionString: string, options: PoolOptions = {}): Db => {
  const pool = new pg.Pool({
    connectionString,
    types,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    // A statement stuck behind a lock for this long gives up (503) rather than holding the request.
    statement_timeout: 30_000,
    application_name: 'safevisit',
  });
  // An idle connection the server closed (restart, failover) must not crash the process: the pool drops it.
  pool.on('error', () => {});
  // A connection that drops mid-transaction fails the statement in flight, then emits 'error' on its client, which the
  // pool listens for only while the client is idle: without a listener of its own the process would crash.
  pool.on('connect', (client) => client.on('error', () => {}));
  const rows = async <R extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
    (await pool.query<R>(text, values)).rows;
  const tx = async <T>(work: (sql: Sql) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A rollback fails only on a connection that has gone, which the pool closes on release instead of reusing.
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  return { pool, query: (text, values) => pool.query(text, values), rows, tx };
};

/** Any engine failure is "try again later" (503), never a 500. */
export const guardedAsync = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw new AppError('storage-unavailable', undefined, { cause: error });
  }
};

/** Guards every method of a store object. */
export const guardAll = <S extends object>(store: S): S =>
  Object.fromEntries(
    Object.entries(store as Record<string, (...args: unknown[]) => Promise<unknown>>).map(([name, method]) => [
      name,
      (...args: unknown[]) => guardedAsync(() => method(...args)),
    ]),
  ) as S;

/** One audit row, inside the transaction of the action it records. */
export const writeAudit = async (
  sql: Sql,
  at: string,
  officerId: string | null,
  action: string,
  subjectId: string | null,
  detail?: unknown,
): Promise<void> => {
  await sql.query('INSERT INTO audit (at, officer_id, action, subject_id, detail) VALUES ($1, $2, $3, $4, $5)', [
    at,
    officerId,
    action,
    subjectId,
    detail ? JSON.stringify(detail) : null,
  ]);
};

/**
 * Serialises the organisation side's checked writes (invites, confirmations, removals) across server processes: a
 * transaction-scoped advisory lock, so "the last confirmed officer" and "email taken" are decided one at a time.
 */
export const lockTeam = async (sql: Sql): Promise<void> => {
  await sql.query('SELECT pg_advisory_xact_lock($1)', [TEAM_LOCK_KEY]);
};
const TEAM_LOCK_KEY = 0x5afe_7ea;

/**
 * Calls made in the same turn of the event loop (the token checks of requests that arrived together, their "last
 * seen" notes) go to the database as ONE statement: `run` gets every call's argument and answers each, in order. A
 * failed statement fails every call it held.
 */
export const inOneStatement = <A, R>(run: (asked: readonly A[]) => Promise<readonly R[]>): ((arg: A) => Promise<R>) => {
  type Call = { arg: A; resolve: (result: R) => void; reject: (error: unknown) => void };
  let waiting: Call[] | undefined;
  const flush = async (calls: readonly Call[]) => {
    waiting = undefined;
    try {
      const results = await run(calls.map((call) => call.arg));
      calls.forEach((call, i) => {
        call.resolve(results[i] as R);
      });
    } catch (error) {
      for (const call of calls) call.reject(error);
    }
  };
  return (arg) =>
    new Promise((resolve, reject) => {
      if (!waiting) {
        const calls: Call[] = [];
        waiting = calls;
        // After the poll phase: every request read in this turn has asked by then.
        setImmediate(() => void flush(calls));
      }
      waiting.push({ arg, resolve, reject });
    });
};
