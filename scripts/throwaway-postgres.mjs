// A throwaway PostgreSQL for tests and benchmarks: initdb into a temporary folder as an unprivileged user (PostgreSQL
// refuses root), listening on 127.0.0.1 on a free port with trust for that address only; `stop` ends it and deletes
// the folder. Never touches a system cluster; says the exact install command when the binaries are missing.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN_ROOT = '/usr/lib/postgresql';
/** The unprivileged account Debian's package makes, used when running as root. */
const PG_USER = 'postgres';
const INSTALL = 'apt-get update && apt-get install -y postgresql';

/** The command that installs PostgreSQL here (with sudo unless this runs as root). */
export const postgresInstallCommand = () => (process.getuid?.() === 0 ? INSTALL : `sudo ${INSTALL}`);

/** The newest installed PostgreSQL's bin folder (Debian layout), or undefined. */
export const postgresBinDir = () => {
  if (!existsSync(BIN_ROOT)) return undefined;
  const versions = readdirSync(BIN_ROOT)
    .filter((v) => existsSync(join(BIN_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(BIN_ROOT, versions[0], 'bin');
};

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * Starts one. `durable: false` (tests) turns fsync off; a benchmark keeps the defaults, as a real server would.
 * Resolves with its address (superuser `safevisit`, database `safevisit`, no password), the version and `stop`.
 */
export const startThrowawayPostgres = async ({ durable = false } = {}) => {
  const bin = postgresBinDir();
  if (!bin) {
    throw new Error(
      `PostgreSQL is not installed (no ${BIN_ROOT}/<version>/bin/initdb). Install it:\n  ${postgresInstallCommand()}`,
    );
  }
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'safevisit-pg-'));
  const data = join(dir, 'data');
  const run = (program, args) =>
    asRoot
      ? execFileSync('runuser', ['-u', PG_USER, '--', join(bin, program), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, program), args, { stdio: 'pipe' });
  if (asRoot) {
    const id = (flag) => Number(execFileSync('id', [flag, PG_USER]).toString().trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  const port = await freePort();
  const stop = () => {
    try {
      if (existsSync(join(data, 'postmaster.pid'))) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    run('initdb', ['-D', data, '-U', 'safevisit', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    const fast = durable ? '' : ' -c fsync=off -c synchronous_commit=off';
    const options = `-h 127.0.0.1 -p ${port} -k ${dir} -c max_connections=200${fast}`;
    run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '60', 'start']);
    run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'safevisit', 'safevisit']);
  } catch (error) {
    stop();
    throw error;
  }
  const version = execFileSync(join(bin, 'postgres'), ['--version']).toString().trim();
  return { url: `postgres://safevisit@127.0.0.1:${port}/safevisit`, version, stop };
};
