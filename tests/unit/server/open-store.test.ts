// Choosing the storage engine without a PostgreSQL: no address (or a blank one) opens SQLite, in memory unless a file
// is named; an address that is not postgres:// is refused with one plain sentence before anything is opened; the
// start-up line names the file, or the PostgreSQL address without its password.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeStore, openStore } from '../../../server/storage/open-store.ts';
import { DEFAULT_CONNECT_TIMEOUT_MS } from '../../../server/storage/pg-db.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('openStore', () => {
  it.each([
    ['no address', undefined],
    ['a blank address', '   '],
  ])('opens SQLite for %s: in memory unless a file is named', async (_name, databaseUrl) => {
    const dir = mkdtempSync(join(tmpdir(), 'safevisit-open-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const memory = await openStore({ databaseUrl });
    cleanups.push(() => memory.close());
    expect(await memory.sealedCount()).toBe(0);
    expect(existsSync(join(process.cwd(), ':memory:'))).toBe(false);

    const path = join(dir, 'safevisit.sqlite');
    const file = await openStore({ databaseUrl, dbPath: path });
    cleanups.push(() => file.close());
    expect(await file.sealedCount()).toBe(0);
    expect(existsSync(path)).toBe(true);
  });

  it('refuses an address that is not postgres:// with one sentence, never the password', async () => {
    const error = (await openStore({ databaseUrl: ' mysql://root:Secret-Word-9@127.0.0.1/db ' }).catch(
      (e: Error) => e,
    )) as Error;
    expect(error.message).toBe('DATABASE_URL must be a postgres:// address (leave it unset to use the SQLite file).');
  });
});

describe('openStore on a postgres:// address', () => {
  it('tries PostgreSQL there, giving up on a server that never answers after its busy timeout, not the default', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket.on('error', () => undefined)));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const port = (silent.address() as AddressInfo).port;
    const started = Date.now();
    const error = (await openStore({
      databaseUrl: `postgres://sv:Secret-Word-9@127.0.0.1:${port}/safevisit`,
      busyTimeoutMs: 100,
    }).catch((e: Error) => e)) as Error;
    expect(Date.now() - started).toBeLessThan(DEFAULT_CONNECT_TIMEOUT_MS);
    expect(error.message).toMatch(/^the PostgreSQL database postgres:\/\/sv@127\.0\.0\.1:\d+\/safevisit/);
    expect(error.message).not.toContain('Secret-Word-9');
  });
});

describe('describeStore', () => {
  it('names the SQLite file, memory when none, and the PostgreSQL address without its password', () => {
    expect(describeStore({ dbPath: 'data/safevisit.sqlite' })).toBe('data/safevisit.sqlite');
    expect(describeStore({})).toBe(':memory:');
    expect(describeStore({ databaseUrl: '  ', dbPath: 'x.sqlite' })).toBe('x.sqlite');
    expect(describeStore({ databaseUrl: ' postgres://sv:Secret-Word-9@db.internal:5432/safevisit ' })).toBe(
      'postgres://sv@db.internal:5432/safevisit',
    );
  });
});
