// A throwaway PostgreSQL for the unit tests (vitest globalSetup): initdb into a temporary folder as an unprivileged
// user, listening on 127.0.0.1 on a free port, stopped and deleted at the end. SAFEVISIT_TEST_DATABASE_URL points the
// tests at a database of the developer's own instead (each test then works in a schema of its own, dropped after).
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test PostgreSQL's address (superuser, database `safevisit`, no password: trust on loopback only). */
    postgresUrl: string;
  }
}

const BIN_ROOT = '/usr/lib/postgresql';
/** The unprivileged account the Debian package makes; root may not run PostgreSQL. */
const PG_USER = 'postgres';
const INSTALL_COMMAND = 'apt-get update && apt-get install -y postgresql';

/** The newest installed PostgreSQL's bin folder, or undefined. */
const binDir = (): string | undefined => {
  if (!existsSync(BIN_ROOT)) return undefined;
  const versions = readdirSync(BIN_ROOT)
    .filter((v) => existsSync(join(BIN_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(BIN_ROOT, versions[0], 'bin');
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const own = process.env.SAFEVISIT_TEST_DATABASE_URL?.trim();
  if (own) {
    project.provide('postgresUrl', own);
    return undefined;
  }
  const bin = binDir();
  if (!bin) {
    throw new Error(
      `The storage tests need PostgreSQL (initdb and postgres under ${BIN_ROOT}/<version>/bin). Install it:\n  ${
        process.getuid?.() === 0 ? INSTALL_COMMAND : `sudo ${INSTALL_COMMAND}`
      }\nor point the tests at your own database: SAFEVISIT_TEST_DATABASE_URL=postgres://user:password@host:port/db`,
    );
  }
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'safevisit-pg-'));
  const data = join(dir, 'data');
  const as = (program: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', PG_USER, '--', join(bin, program), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, program), args, { stdio: 'pipe' });
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync('id', [flag, PG_USER]).toString().trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  const port = await freePort();
  const started = Date.now();
  // Throwaway data: no fsync; trust only on the loopback address and a socket in the private folder.
  as('initdb', ['-D', data, '-U', 'safevisit', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const options = `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c max_connections=200`;
  as('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '60', 'start']);
  as('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'safevisit', 'safevisit']);
  project.provide('postgresUrl', `postgres://safevisit@127.0.0.1:${port}/safevisit`);
  console.log(`PostgreSQL (${bin}) for the tests on 127.0.0.1:${port}, ready in ${Date.now() - started} ms`);
  return () => {
    try {
      as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
