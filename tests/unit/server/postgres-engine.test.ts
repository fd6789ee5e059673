// What only the PostgreSQL engine has to prove (the shared behaviour is in storage-contract-*.test.ts): its numbered
// migrations from an empty database and from the previous version, two servers starting at once, a newer database
// refused plainly, a wrong DATABASE_URL refused with a sentence that never shows the password, and a database that
// goes away under a running server answering 503 with Retry-After, then storing the retry once it is back.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openStore } from '../../../server/storage/open-store.ts';
import { migratePostgres, openPostgresStore } from '../../../server/storage/pg.ts';
import { openPool } from '../../../server/storage/pg-db.ts';
import { PG_SCHEMA_VERSION } from '../../../server/storage/pg-schema.ts';
import { ErrorBodySchema } from '../../../src/domain/protocol.ts';
import {
  newSealedReport,
  pgExec,
  postSealed,
  sealedServersPerTest,
  sealedSubmission,
  testDatabasesPerTest,
} from '../fixtures.ts';

const fresh = testDatabasesPerTest();
const startSealed = sealedServersPerTest();
const PASSWORD = 'Hidden-Pass-4471';

const versions = async (address: string) =>
  (await pgExec('SELECT version FROM schema_migrations ORDER BY version', address)).rows.map((r) => r.version);

describe('PostgreSQL migrations', () => {
  it(`moves an empty database to version ${PG_SCHEMA_VERSION}, once, even when two servers start on it together`, async () => {
    const database = await fresh('postgres');
    await Promise.all([database.open(), database.open()]);
    expect(await versions(database.address)).toEqual(Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => i + 1));
    await database.open();
    expect(await versions(database.address)).toHaveLength(PG_SCHEMA_VERSION);
  });

  it('moves a database of the previous version to the current one, keeping its organisation and reports', async () => {
    const database = await fresh('postgres');
    const old = openPool(database.address);
    try {
      expect(await migratePostgres(old, PG_SCHEMA_VERSION - 1)).toBe(0);
    } finally {
      await old.pool.end();
    }
    // What the previous version wrote: an organisation and a report, by hand (no store of that version exists now).
    await database.exec(`
      INSERT INTO organisation VALUES (1, 'Old Org', 'sk', 'sig', '2026-01-01T00:00:00.000Z');
      INSERT INTO encryption_keys VALUES ('k1', 'pk', '2026-01-01T00:00:00.000Z', 'sig');
      INSERT INTO reports (id, revision, schema_version, key_id, device_id, created_at, submitted_at, received_at,
                           urgency, enc, ciphertext, body_hash)
      VALUES ('r1', 1, 1, 'k1', 'd1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z',
              '2026-01-01T00:00:01.000Z', 'soon', 'enc', 'ct', 'hash');
    `);
    const store = await database.open();
    expect((await store.organisation())?.name).toBe('Old Org');
    expect(await store.saveSealed(newSealedReport('k1', { id: 'r1', bodyHash: 'hash' }), 'later')).toEqual({
      kind: 'replayed',
      receivedAt: '2026-01-01T00:00:01.000Z',
    });
    // The newest step's tables work.
    expect(await store.openInvites('2026-01-01T00:00:00.000Z')).toEqual([]);
    expect(await versions(database.address)).toHaveLength(PG_SCHEMA_VERSION);
  });

  it('refuses, plainly and without changing it, a database made by a newer server', async () => {
    const database = await fresh('postgres');
    await database.open();
    await database.exec("INSERT INTO schema_migrations VALUES (99, '2030-01-01T00:00:00.000Z')");
    await expect(database.open()).rejects.toThrow(/newer SafeVisit server \(schema 99\); update the server/);
    expect(await versions(database.address)).toContain(99);
  });
});

describe('a wrong DATABASE_URL', () => {
  // The test PostgreSQL's user and host with a password of the test's own, so no message may carry it.
  const base = new URL(inject('postgresUrl'));
  const address = (database: string, port = base.port) =>
    `postgres://${base.username}:${PASSWORD}@${base.hostname}:${port}/${database}`;
  const named = (database: string, port = base.port) =>
    `the PostgreSQL database postgres://${base.username}@${base.hostname}:${port}/${database} (DATABASE_URL) cannot be used: `;

  it('names the database without its password when it cannot be used', async () => {
    const error = (await openPostgresStore(address('no_such_db')).catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message.startsWith(named('no_such_db'))).toBe(true);
    // Whichever the server says first: no such database, or (on a server asking for passwords) a wrong password.
    expect(error.message).toMatch(/does not exist|password authentication failed/);
    expect(error.message).not.toContain(PASSWORD);
  });

  it('says it cannot connect when nothing listens there, and refuses an address that is not postgres://', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = String((closed.address() as { port: number }).port);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = `postgres://someone:${PASSWORD}@127.0.0.1:${port}/safevisit`;
    const error = (await openPostgresStore(url).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(
      /^the PostgreSQL database postgres:\/\/someone@127\.0\.0\.1:\d+\/safevisit .*ECONNREFUSED/,
    );
    expect(error.message).not.toContain(PASSWORD);
    await expect(openStore({ databaseUrl: `mysql://root:${PASSWORD}@127.0.0.1/db` })).rejects.toThrow(
      /^DATABASE_URL must be a postgres:\/\/ address/,
    );
  });
});

/** A TCP relay to the test PostgreSQL that the test can cut (the database "goes away") and bring back. */
const startRelay = async (target: URL) => {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const up = async () => {
    server = createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  };
  const down = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server?.close(() => resolve());
    });
  await up();
  return { port, up, down };
};

describe('the database going away under a running server', () => {
  const relays: { down: () => Promise<void> }[] = [];
  afterEach(async () => {
    for (const relay of relays.splice(0)) await relay.down();
  });

  it('answers 503 with Retry-After while PostgreSQL is unreachable, stays up, and stores the retry once when it is back', async () => {
    const database = await fresh('postgres');
    const relay = await startRelay(new URL(database.address));
    relays.push(relay);
    const url = new URL(database.address);
    url.port = String(relay.port);
    const server = await startSealed({ databaseUrl: url.href, dbBusyTimeoutMs: 1_000 });
    const s = await sealedSubmission(server.org);

    await relay.down();
    const refused = await postSealed(server, s);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(ErrorBodySchema.parse(await refused.json()).error.code).toBe('storage-unavailable');

    await relay.up();
    const stored = await postSealed(server, s);
    expect(stored.status).toBe(201);
    expect(await server.app.sealedReports.sealedCount()).toBe(1);
    // Stored in the test's own database, behind the relay.
    expect(await (await database.open()).sealedCount()).toBe(1);
  });
});
