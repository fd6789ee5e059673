// The PostgreSQL engine's connections (pg-db.ts) and its opening (pg.ts) against the test PostgreSQL: the settings every
// connection carries, a failed transaction leaving nothing behind, connections that die or run out answered plainly
// (never a hang), the team lock serialising writers, and the sentences a wrong DATABASE_URL gets.
import { createServer } from 'node:net';
import { describe, expect, inject, it, vi } from 'vitest';
import { openStore } from '../../../server/storage/open-store.ts';
import { describeDatabaseUrl, NewerSchemaError, openPostgresStore } from '../../../server/storage/pg.ts';
import { type Db, lockTeam, openPool } from '../../../server/storage/pg-db.ts';
import { pgExec, testDatabasesPerTest } from '../fixtures.ts';

const fresh = testDatabasesPerTest();
const PASSWORD = 'Hidden-Pass-4471';

/** A pool on a fresh database with a table `t (x INT)`, closed after `use`. */
const withPool = async (options: Parameters<typeof openPool>[1], use: (db: Db) => Promise<void>) => {
  const database = await fresh('postgres');
  await database.exec('CREATE TABLE t (x INT)');
  const db = openPool(database.address, options);
  try {
    await use(db);
  } finally {
    await db.pool.end();
  }
};

/** A transaction that holds its connection until `release` is called. */
const holding = (db: Db, work: (sql: Parameters<Parameters<Db['tx']>[0]>[0]) => Promise<unknown> = async () => {}) => {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let entered = false;
  const done = db.tx(async (sql) => {
    await work(sql);
    entered = true;
    await gate;
  });
  return { done, release, entered: () => entered };
};

describe('PostgreSQL connections', () => {
  it('names itself safevisit to the database and gives up on a statement stuck for 30 s', async () => {
    await withPool({}, async (db) => {
      expect(
        await db.rows("SELECT current_setting('application_name') AS a, current_setting('statement_timeout') AS s"),
      ).toEqual([{ a: 'safevisit', s: '30s' }]);
    });
  });

  it('commits nothing of a transaction whose work failed, not even with the next transaction on its connection', async () => {
    await withPool({ poolSize: 1 }, async (db) => {
      const failed = db.tx(async (sql) => {
        await sql.query('INSERT INTO t VALUES (1)');
        throw new Error('the work failed');
      });
      await expect(failed).rejects.toThrow('the work failed');
      await db.tx((sql) => sql.query('INSERT INTO t VALUES (2)'));
      expect(await db.rows('SELECT x FROM t')).toEqual([{ x: 2 }]);
    });
  });

  it('gives the error of a connection that dies inside a transaction, and the next statement gets a new one', async () => {
    await withPool({ poolSize: 1 }, async (db) => {
      const died = db.tx((sql) => sql.query('SELECT pg_terminate_backend(pg_backend_pid())'));
      await expect(died).rejects.toThrow(/terminat/);
      expect(await db.rows('SELECT 1 AS n')).toEqual([{ n: 1 }]);
    });
  });

  it('drops an idle connection the server closed (a restart) without crashing, and opens another', async () => {
    await withPool({}, async (db) => {
      const [{ pid }] = (await db.rows<{ pid: number }>('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
      await pgExec(`SELECT pg_terminate_backend(${pid})`);
      await vi.waitFor(() => expect(db.pool.totalCount).toBe(0));
      expect(await db.rows<{ pid: number }>('SELECT pg_backend_pid() AS pid')).not.toEqual([{ pid }]);
    });
  });

  it('refuses, after connectTimeoutMs and not the default 5 s, a statement that finds every one of poolSize connections busy', async () => {
    await withPool({ poolSize: 1, connectTimeoutMs: 200 }, async (db) => {
      const busy = holding(db);
      await vi.waitFor(() => expect(busy.entered()).toBe(true));
      const started = Date.now();
      await expect(db.rows('SELECT 1')).rejects.toThrow(/timeout/i);
      expect(Date.now() - started).toBeLessThan(4_000);
      busy.release();
      await busy.done;
    });
  });

  it('makes a second holder of the team lock wait until the first commits', async () => {
    await withPool({}, async (db) => {
      const first = holding(db, lockTeam);
      await vi.waitFor(() => expect(first.entered()).toBe(true));
      let secondDone = false;
      const second = db.tx(lockTeam).then(() => {
        secondDone = true;
      });
      await vi.waitFor(async () =>
        expect(await db.rows("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).toHaveLength(1),
      );
      expect(secondDone).toBe(false);
      first.release();
      await Promise.all([first.done, second]);
      expect(secondDone).toBe(true);
    });
  });
});

describe('opening PostgreSQL', () => {
  const base = new URL(inject('postgresUrl'));
  const closedPort = async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = String((closed.address() as { port: number }).port);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    return port;
  };

  it('describes an address without its password, with no user when it has none, and says when it is not one', () => {
    expect(describeDatabaseUrl(`postgres://sam:${PASSWORD}@db.example:5432/safevisit?sslmode=require`)).toBe(
      'postgres://sam@db.example:5432/safevisit',
    );
    expect(describeDatabaseUrl('postgres://db.example:5432/safevisit')).toBe('postgres://db.example:5432/safevisit');
    expect(describeDatabaseUrl('postgres://sam:pw@db.example:port/safevisit')).toBe(
      'DATABASE_URL (not a valid address)',
    );
  });

  it('refuses an address that is not a valid postgres:// one before trying to connect', async () => {
    await expect(openPostgresStore(`postgres://sam:${PASSWORD}@127.0.0.1:port/safevisit`)).rejects.toThrow(
      /^DATABASE_URL is not a valid postgres:\/\/user:password@host:port\/database address\.$/,
    );
    await expect(openStore({ databaseUrl: `mysql+postgres://sam:${PASSWORD}@127.0.0.1/db` })).rejects.toThrow(
      /^DATABASE_URL must be a postgres:\/\/ address/,
    );
  });

  it('hides the password where the server repeats it (a user named like it) and leaves a message without one whole', async () => {
    const url = `postgres://${PASSWORD}:${PASSWORD}@${base.hostname}:${base.port}/safevisit`;
    const error = (await openPostgresStore(url).catch((e: Error) => e)) as Error;
    const reason = error.message.slice(error.message.indexOf('cannot be used: '));
    expect(reason).toMatch(/^cannot be used: .*"\*\*\*"/);
    expect(reason).not.toContain(PASSWORD);

    const port = await closedPort();
    const plain = (await openPostgresStore(`postgres://sam@127.0.0.1:${port}/safevisit`).catch(
      (e: Error) => e,
    )) as Error;
    expect(plain.message).toMatch(
      new RegExp(
        `^the PostgreSQL database postgres://sam@127\\.0\\.0\\.1:${port}/safevisit \\(DATABASE_URL\\) cannot be used: .*ECONNREFUSED`,
      ),
    );
  });

  it('refuses a newer database with one sentence, keeping the engine error as its cause', async () => {
    const database = await fresh('postgres');
    await database.open();
    await database.exec("INSERT INTO schema_migrations VALUES (99, '2030-01-01T00:00:00.000Z')");
    const error = (await openPostgresStore(database.address).catch((e: Error) => e)) as Error;
    expect(error.message).toBe(
      `the PostgreSQL database ${describeDatabaseUrl(database.address)} (DATABASE_URL) cannot be used: ` +
        'it was made by a newer SafeVisit server (schema 99); update the server.',
    );
    expect(error.cause).toBeInstanceOf(NewerSchemaError);
  });
});
