// `npm run bench:server`: the real server as compiled JavaScript in its own process on 127.0.0.1, loaded by autocannon
// with sealed reports from enrolled devices: new submissions/s, their p50/p99 latency, and replays/s (the same bytes
// again), per storage engine: SQLite, and PostgreSQL (DATABASE_URL naming an empty database, or else a throwaway one
// this run starts, durable, and always stops). Writes the figures into bench/out/results.json and .md beside the app
// bench's (`--record`: into the committed bench/ too). `--short` runs a quarter of the load, to compare two versions.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { postgresBinDir, postgresInstallCommand, startThrowawayPostgres } from '../scripts/throwaway-postgres.mjs';
import type { OrgDescriptor } from '../src/domain/org-protocol.ts';
import { idempotencyKey } from '../src/domain/protocol.ts';
import { REPORT_SCHEMA_VERSION } from '../src/domain/report-schema.ts';
import { SEALED_PATHS } from '../src/domain/sealed-protocol.ts';
import { cpuMsOf, postgresPidsOnPort } from './cpu-time.ts';
import {
  type Figure,
  judge,
  machineOf,
  type Results,
  readResults,
  runDirs,
  textTable,
  writeResults,
} from './report.ts';
import { median } from './stats.ts';

/** `--short`: a quarter of the reports, for comparing two versions back to back on a busy machine (never recorded). */
const SHORT = process.argv.includes('--short');
const engineAt = process.argv.indexOf('--engine');
/** `--engine sqlite|postgres`: measure that engine only (default both). */
const ONLY = engineAt >= 0 ? process.argv[engineAt + 1] : undefined;
const PLAN = {
  /** Enrolled devices the load comes from (each request carries one of their tokens, in turn). */
  devices: 8,
  connections: 32,
  /** New submissions warming the server up before the measured ones (not counted). */
  warmup: SHORT ? 300 : 500,
  /** Measured new submissions; each is sealed before the timed part, and sent again as a replay. */
  reports: SHORT ? 2_000 : 8_000,
  /** Measured replays (the reports above, sent again in turn). */
  replays: SHORT ? 4_000 : 16_000,
} as const;
const GOALS = { newPerS: 2_000, newP99Ms: 50 } as const;
const SERVER_OUT_DIR = 'dist-server';

/** Loaded by path (typed against the DOM's crypto, which this Node-typed project leaves out), as bench/server.ts. */
const ORG_SETUP_MODULE = '../tests/unit/sync/org-setup.ts';
const VAULT_ORG_MODULE = '../src/vault/org.ts';
const FIXTURES_MODULE = '../tests/unit/fixtures/server.ts';
type Sealed = { keyId: string; enc: string; ciphertext: string };
type OrgSetup = {
  SETUP_CODE: string;
  setUpOrganisationOn: (
    url: string,
  ) => Promise<{ org: OrgDescriptor; enrolDevice: (name?: string) => Promise<{ token: string }> }>;
};
type VaultOrg = {
  currentEncryptionKey: (org: OrgDescriptor) => unknown;
  sealReport: (
    key: unknown,
    aad: { id: string; revision: number; schemaVersion: number },
    bytes: Uint8Array,
  ) => Promise<Sealed>;
};

const dbDirAt = process.argv.indexOf('--db-dir');
/** Where the SQLite file goes (`--db-dir /dev/shm` takes the disk's fsync out of the figure); default the temp folder. */
const DB_PARENT = dbDirAt >= 0 ? (process.argv[dbDirAt + 1] ?? tmpdir()) : tmpdir();

/** Median time (ms) of writing 4 KB and fsyncing it in `dir`: what each commit of a report waits for on this disk. */
const fsyncMs = (dir: string, rounds = 50): number => {
  const file = join(dir, 'fsync-probe');
  const fd = openSync(file, 'w');
  const times: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      writeSync(fd, Buffer.alloc(4096, i));
      fsyncSync(fd);
      times.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  return Math.round(median(times) * 100) / 100;
};

const started = Date.now();
const log = (message: string) =>
  console.log(`[bench:server ${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

type Engine = { name: 'sqlite' | 'postgres'; env: (dir: string) => Record<string, string> };
const SQLITE: Engine = { name: 'sqlite', env: (dir) => ({ SAFEVISIT_DB: join(dir, 'safevisit.sqlite') }) };
const postgresAt = (url: string): Engine => ({ name: 'postgres', env: () => ({ DATABASE_URL: url }) });

/** A PostgreSQL this run started (stopped by `stopOwnPostgres`, also when the run fails or is interrupted). */
let ownPostgres: { stop: () => void } | undefined;
const stopOwnPostgres = () => {
  const running = ownPostgres;
  ownPostgres = undefined;
  running?.stop();
};
/** The server process being measured, stopped with the run when it is interrupted. */
let runningServer: ChildProcess | undefined;
process.once('exit', stopOwnPostgres);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    runningServer?.kill('SIGTERM');
    stopOwnPostgres();
    process.exit(130);
  });
}

/**
 * The PostgreSQL to measure: DATABASE_URL when given, else a throwaway one started here with PostgreSQL's defaults
 * (fsync and synchronous_commit on, as a real server runs: an acknowledged report is on disk). Undefined, with the
 * install command said, when PostgreSQL is not installed: the SQLite figures are still measured and recorded.
 */
const postgresEngine = async (): Promise<Engine | undefined> => {
  const given = process.env.DATABASE_URL?.trim();
  if (given) return postgresAt(given);
  if (!postgresBinDir()) {
    log(
      `PostgreSQL is not installed, so only SQLite is measured. For the _postgres figures install it (${postgresInstallCommand()}) or set DATABASE_URL to an empty database.`,
    );
    return undefined;
  }
  const throwaway = await startThrowawayPostgres({ durable: true });
  ownPostgres = throwaway;
  log(`started a throwaway ${throwaway.version} (fsync on) for the PostgreSQL run`);
  return postgresAt(throwaway.url);
};

/** Starts dist-server/server/main.js with plain node; resolves with its address once it listens. */
const startServer = async (env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> => {
  // The engine's own settings only: DATABASE_URL reaches the PostgreSQL run, never the SQLite one (the server would
  // otherwise take it, and the "sqlite" figures would be PostgreSQL's).
  const { DATABASE_URL: _engineChoice, ...inherited } = process.env;
  const child = spawn(process.execPath, [join(SERVER_OUT_DIR, 'server', 'main.js')], {
    env: {
      ...inherited,
      NODE_ENV: '',
      PORT: '0',
      SAFEVISIT_STATIC_DIR: join(tmpdir(), 'safevisit-no-dist'),
      // Limits off: the figure is the server's work, not the limiter's refusals (8 devices at 2,000/s is past any).
      SAFEVISIT_RATE_LIMIT_PER_MIN: '0',
      SAFEVISIT_LOG: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  runningServer = child;
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const found = /running at (http:\/\/\S+?)\/?[\s(]/.exec(out)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
  return { url, child };
};

const stopServer = async (child: ChildProcess) => {
  if (child.exitCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await gone;
};

type Prepared = { path: string; headers: Record<string, string>; body: string };

/** The org on the server, its devices, and `count` reports sealed to its key, ready to send (before any timing). */
const prepare = async (url: string, count: number): Promise<Prepared[]> => {
  const { setUpOrganisationOn } = (await import(ORG_SETUP_MODULE)) as OrgSetup;
  const { currentEncryptionKey, sealReport } = (await import(VAULT_ORG_MODULE)) as VaultOrg;
  const { validReport } = (await import(FIXTURES_MODULE)) as { validReport: () => unknown };
  const organisation = await setUpOrganisationOn(url);
  const tokens: string[] = [];
  for (let i = 0; i < PLAN.devices; i++) tokens.push((await organisation.enrolDevice(`Bench device ${i + 1}`)).token);
  const key = currentEncryptionKey(organisation.org);
  const plaintext = new TextEncoder().encode(JSON.stringify(validReport()));
  const prepared: Prepared[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const sealed = await sealReport(key, { id, revision: 1, schemaVersion: REPORT_SCHEMA_VERSION }, plaintext);
    const body = {
      id,
      revision: 1,
      schemaVersion: REPORT_SCHEMA_VERSION,
      createdAt: '2026-11-01T10:00:00.000Z',
      submittedAt: '2026-11-01T10:05:00.000Z',
      urgency: 'routine',
      ...sealed,
    };
    prepared.push({
      path: SEALED_PATHS.reports,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[i % tokens.length]}`,
        'idempotency-key': idempotencyKey(id, 1),
      },
      body: JSON.stringify(body),
    });
  }
  return prepared;
};

/**
 * Sends `amount` requests over PLAN.connections, taking `bodies` in turn (from `offset`), and returns autocannon's
 * result with `answeredInMs`: from the first request to the last answer. autocannon ends a run on its next 1 s tick,
 * so its own start..finish rounds the time up to whole seconds (8,000 answers in 1.2 s read as 4,000/s).
 */
const fire = async (url: string, bodies: Prepared[], amount: number, offset = 0) => {
  let next = offset;
  const started = performance.now();
  let lastAnswerAt = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const tracker = autocannon(
      {
        url,
        connections: PLAN.connections,
        amount,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const item = bodies[next++ % bodies.length] as Prepared;
              return { ...request, ...item };
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    tracker.on('response', () => {
      lastAnswerAt = performance.now();
    });
  });
  return { ...result, answeredInMs: lastAnswerAt - started };
};

type Run = Awaited<ReturnType<typeof fire>>;
/** How many answers had each status. */
const counts = (run: Run): Map<number, number> =>
  new Map(Object.entries(run.statusCodeStats ?? {}).map(([code, s]) => [Number(code), Number(s.count ?? 0)]));
const perSecond = (run: Run, status: number) => Math.round((counts(run).get(status) ?? 0) / (run.answeredInMs / 1000));
/** Requests answered with another status, failed or timed out. */
const unexpected = (run: Run, status: number) =>
  run.errors + run.timeouts + [...counts(run)].reduce((n, [code, count]) => n + (code === status ? 0 : count), 0);

/**
 * CPU milliseconds per request since the last reading: the server process's, and the local PostgreSQL's when the run
 * uses one on this machine (found by its port; none for a database elsewhere).
 */
const cpuMeter = (child: ChildProcess, engine: Engine) => {
  const port = engine.name === 'postgres' ? Number(new URL(engine.env('').DATABASE_URL ?? '').port || 5432) : 0;
  const read = () => ({
    server: cpuMsOf(child.pid ? [child.pid] : []),
    db: port ? cpuMsOf(postgresPidsOnPort(port)) : 0,
  });
  let last = read();
  return {
    perRequest: (requests: number) => {
      const now = read();
      const server = (now.server - last.server) / requests;
      const db = (now.db - last.db) / requests;
      last = now;
      const round = (ms: number) => Math.round(ms * 1000) / 1000;
      return {
        text: `${round(server)} ms${port ? ` + ${round(db)} ms` : ''}`,
        detail: { cpu_ms_server: round(server), ...(port ? { cpu_ms_postgres: round(db) } : {}) },
      };
    },
  };
};

const measureEngine = async (engine: Engine): Promise<Figure[]> => {
  const dir = mkdtempSync(join(DB_PARENT, 'safevisit-bench-server-'));
  const fsync = fsyncMs(dir);
  // A PostgreSQL run also names a SQLite file: if it appears, the server ignored DATABASE_URL and the figures would lie.
  const sqliteProbe = join(dir, 'must-stay-unused.sqlite');
  const { SETUP_CODE } = (await import(ORG_SETUP_MODULE)) as OrgSetup;
  const env = { SAFEVISIT_DB: sqliteProbe, ...engine.env(dir), SAFEVISIT_SETUP_CODE: SETUP_CODE };
  const { url, child } = await startServer(env);
  try {
    log(
      `${engine.name}: server at ${url}; setting up the organisation and sealing ${PLAN.warmup + PLAN.reports} reports`,
    );
    const bodies = await prepare(url, PLAN.warmup + PLAN.reports);
    const warm = bodies.slice(0, PLAN.warmup);
    const measured = bodies.slice(PLAN.warmup);
    await fire(url, warm, warm.length);
    log(
      `${engine.name}: ${PLAN.reports} new submissions over ${PLAN.connections} connections (load average ${load()})`,
    );
    const cpu = cpuMeter(child, engine);
    const fresh = await fire(url, measured, measured.length);
    const freshCpu = cpu.perRequest(fresh.requests.total);
    log(`${engine.name}: ${PLAN.replays} replays (load average ${load()})`);
    const replays = await fire(url, measured, PLAN.replays);
    const replayCpu = cpu.perRequest(replays.requests.total);
    log(`${engine.name}: CPU per request (server + database): new ${freshCpu.text}, replay ${replayCpu.text}`);
    if (engine.name === 'postgres' && existsSync(sqliteProbe))
      throw new Error('the server stored in SQLite, not PostgreSQL');
    const note = `${new Date().toISOString().slice(0, 16)} UTC, load average ${load()} at the end of the run (2 cores shared with other work); ${unexpected(fresh, 201)} new and ${unexpected(replays, 200)} replays answered other than 201/200 or failed; one 4 KB write + fsync in the database's folder took ${fsync} ms (median of 50)${engine.name === 'sqlite' ? ', and SQLite (WAL, synchronous=FULL) syncs once per committed report' : ''}; CPU per request (server${engine.name === 'postgres' ? ' + PostgreSQL' : ''}, which other work hardly changes): new ${freshCpu.text}, replay ${replayCpu.text}.`;
    const how = `autocannon in the bench process, ${PLAN.connections} connections on loopback, against node dist-server/server/main.js (compiled, its own process, rate limits off) on ${engine.name}; ${PLAN.reports} reports sealed for real to the organisation's key by ${PLAN.devices} enrolled devices before the timed part, after ${PLAN.warmup} unmeasured ones.`;
    const latency = fresh.latency;
    return [
      {
        id: `server_new_per_s_${engine.name}`,
        label: `Server: new sealed submissions per second (${engine.name})`,
        unit: '/s',
        min: GOALS.newPerS,
        value: perSecond(fresh, 201),
        n: fresh.requests.total,
        how: `201 answers divided by the time from the first request to the last answer. ${how}`,
        note,
      },
      {
        id: `server_new_p99_ms_${engine.name}`,
        label: `Server: new submission latency p99 (${engine.name})`,
        unit: 'ms',
        max: GOALS.newP99Ms,
        value: latency.p99,
        median: latency.p50,
        n: fresh.requests.total,
        how: `autocannon's latency (request sent to response read) of the new submissions; median is p50. ${how}`,
        detail: {
          p50_ms: latency.p50,
          p90_ms: latency.p90,
          p99_ms: latency.p99,
          max_ms: latency.max,
          ...freshCpu.detail,
        },
        note,
      },
      {
        id: `server_replay_per_s_${engine.name}`,
        label: `Server: replays per second (${engine.name})`,
        unit: '/s',
        value: perSecond(replays, 200),
        median: replays.latency.p50,
        n: replays.requests.total,
        how: `The same reports sent again (200 and the stored receipt); median is the p50 latency in ms. ${how}`,
        detail: { p50_ms: replays.latency.p50, p99_ms: replays.latency.p99, ...replayCpu.detail },
        note,
      },
    ].map((f) => judge(f as Omit<Figure, 'within_budget'>));
  } finally {
    await stopServer(child);
    rmSync(dir, { recursive: true, force: true });
  }
};

const main = async () => {
  log(`load average at the start ${load()}; compiling the server into ${SERVER_OUT_DIR}/`);
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.server-build.json'], {
    stdio: 'inherit',
  });
  const figures: Figure[] = [];
  if (ONLY !== 'postgres') figures.push(...(await measureEngine(SQLITE)));
  try {
    const postgres = ONLY === 'sqlite' ? undefined : await postgresEngine();
    if (postgres) figures.push(...(await measureEngine(postgres)));
  } finally {
    stopOwnPostgres();
  }
  const results: Results = {
    machine: machineOf('Chromium not used'),
    date: new Date().toISOString(),
    duration_s: Math.round((Date.now() - started) / 1000),
    figures,
  };
  // A short run is for comparing two versions, never a figure to keep.
  const dirs = SHORT ? [] : runDirs(process.argv);
  // The app figures come from npm run bench: carry over the last ones measured, with their machine line and date
  // (each server figure's note has its own date).
  for (const dir of dirs) {
    const previous = readResults(dir);
    // The server figures of this run replace all earlier ones, but those of an engine `--engine` left out.
    const keep = (f: Figure) => !f.id.startsWith('server_') || (ONLY !== undefined && !f.id.endsWith(`_${ONLY}`));
    writeResults(previous ? { ...previous, figures } : results, dir, keep);
  }
  console.log(`\n${textTable(figures)}\n`);
  const wrote =
    dirs.length > 0 ? `wrote ${dirs.map((dir) => `${dir}/results.json`).join(', ')}` : 'a short run, not written';
  log(`${wrote}; load average at the end ${load()}`);
};

main().catch((error: unknown) => {
  console.error('The server benchmark broke:', error);
  process.exitCode = 1;
});
