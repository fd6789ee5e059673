// The benchmark page: runs the REAL store, vault, sync engine and guidance search in Chromium and exposes one
// window function per measurement for bench/run.ts (page.evaluate). Holds no figures itself and renders nothing.
import { REPORT_SCHEMA_VERSION, type ReportDraft, ReportDraftSchema } from '../../src/domain/report-schema.ts';
import { BUNDLED_PACK } from '../../src/guidance/pack.ts';
import { createGuidanceSearch } from '../../src/guidance/search.ts';
import { signIn } from '../../src/officer/account-flows.ts';
import { createInboxApi } from '../../src/officer/inbox/inbox-api.ts';
import {
  type Content,
  type InboxEntry,
  isOpened,
  searchInbox,
  sortInbox,
} from '../../src/officer/inbox/inbox-model.ts';
import { openAll } from '../../src/officer/inbox/open-reports.ts';
import { createOfficerApi } from '../../src/officer/officer-api.ts';
import { APP_DB_NAME, type ReportRow, SafeVisitDb } from '../../src/store/db.ts';
import { createOutboxPort } from '../../src/store/outbox-port.ts';
import { createOutboxRepo } from '../../src/store/outbox-repo.ts';
import { createReportRepo, type ReportRecord, type ReportRepo } from '../../src/store/report-repo.ts';
import { createReportSealer, sealingOptions } from '../../src/store/report-sealer.ts';
import { openVault } from '../../src/store/vault-storage.ts';
import { createSyncEngine, type OutboxPort } from '../../src/sync/outbox.ts';
import { argon2idBytes, describeKdf, kdfBelow, VAULT_KDF_DEFAULTS } from '../../src/vault/crypto.ts';
import type { Vault, VaultOptions } from '../../src/vault/vault.ts';
import { GUIDANCE_FIELD_QUERIES } from '../../tests/unit/guidance/field-queries.ts';
import type { BenchApi } from './api.ts';
import { benchDraft } from './drafts.ts';

/** What an officer types into "Search reports": words, phrases, a name, an incident type, one that finds nothing. */
const INBOX_QUERIES = [
  'screenshots',
  'football practice',
  'group chat',
  'grandmother tablet',
  'safeguarding lead friday',
  'threatened to share',
  'console settings',
  'Worker 12',
  'bullying',
  'follow-up visit',
  'pictures',
  'no such words here',
];

/** The passphrase of every vault the benchmarks create (strong enough for the real rules). */
const BENCH_PASSPHRASE = 'Correct-Horse-Battery-42';

const reportRepoFor = (db: SafeVisitDb, vault: Vault) =>
  createReportRepo<ReportDraft>(db, vault, { schema: ReportDraftSchema, schemaVersion: REPORT_SCHEMA_VERSION });

/** A vault in its own fresh database, created with the app's real KDF (VAULT_KDF_DEFAULTS: Argon2id). */
const freshVault = async (name: string, options: VaultOptions = {}): Promise<{ db: SafeVisitDb; vault: Vault }> => {
  await SafeVisitDb.delete(name);
  const db = new SafeVisitDb(name);
  const vault = await openVault(db, { channel: null, ...options });
  await vault.create(BENCH_PASSPHRASE);
  return { db, vault };
};

const record = (i: number, status: ReportRecord<ReportDraft>['status'], at: number): ReportRecord<ReportDraft> => ({
  id: crypto.randomUUID(),
  status,
  createdAt: at - 60_000,
  updatedAt: at,
  revision: 1,
  data: benchDraft(i),
});

/**
 * The plain twin of report-repo's `put`: the same zod validation, the same row (clear fields plus the body), the
 * same one 'rw' transaction over reports+outbox per report with the same reads and writes. The only difference is
 * the body: stored as the object itself instead of JSON -> AES-GCM envelope, so the ratio is the encryption's cost.
 */
const plainPut = async (db: SafeVisitDb, rec: ReportRecord<ReportDraft>): Promise<void> => {
  const parsed = ReportDraftSchema.safeParse(rec.data);
  if (!parsed.success) throw new Error('bench draft does not parse');
  const row = {
    id: rec.id,
    status: rec.status,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    revision: rec.revision,
    schemaVersion: REPORT_SCHEMA_VERSION,
    data: parsed.data,
  } as unknown as ReportRow;
  await db.transaction('rw', db.reports, db.outbox, async () => {
    const previous = await db.reports.get(rec.id);
    await db.reports.put(previous?.receipt ? { ...row, receipt: previous.receipt } : row);
    if (row.status === 'draft') await db.outbox.delete(row.id);
  });
};

/** Sequential writes, one report per transaction (as autosave does), awaited one by one. */
const timeWrites = async (n: number, offset: number, put: (r: ReportRecord<ReportDraft>) => Promise<void>) => {
  const records = Array.from({ length: n }, (_, i) => record(offset + i, 'draft', Date.now()));
  const started = performance.now();
  for (const r of records) await put(r);
  return performance.now() - started;
};

const api: BenchApi = {
  /**
   * 1,000 encrypted writes through the real repository vs the same writes in plain Dexie, `rounds` times, the order
   * alternating so neither side always runs on a warmer JIT or a fuller disk cache. One database per side, reused
   * across rounds (both tables grow alike); 50 untimed writes warm each side first.
   */
  encryptionOverhead: async (n: number, rounds: number) => {
    const enc = await freshVault('bench-encrypted');
    const repo: ReportRepo<ReportDraft> = reportRepoFor(enc.db, enc.vault);
    await SafeVisitDb.delete('bench-plain');
    const plainDb = new SafeVisitDb('bench-plain');
    await plainDb.open();
    const encrypted = (r: ReportRecord<ReportDraft>) => repo.put(r);
    const plain = (r: ReportRecord<ReportDraft>) => plainPut(plainDb, r);
    await timeWrites(50, 0, encrypted);
    await timeWrites(50, 0, plain);
    const encryptedMs: number[] = [];
    const plainMs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const offset = (round + 1) * n;
      if (round % 2 === 0) {
        encryptedMs.push(await timeWrites(n, offset, encrypted));
        plainMs.push(await timeWrites(n, offset, plain));
      } else {
        plainMs.push(await timeWrites(n, offset, plain));
        encryptedMs.push(await timeWrites(n, offset, encrypted));
      }
    }
    // The stored rows really differ as claimed: ciphertext on one side, the body in clear on the other.
    const encRow = await enc.db.reports.toCollection().first();
    const plainRow = (await plainDb.reports.toCollection().first()) as unknown as { data?: unknown } | undefined;
    const checked = encRow?.ciphertext instanceof Uint8Array && typeof plainRow?.data === 'object';
    enc.db.close();
    plainDb.close();
    await SafeVisitDb.delete('bench-encrypted');
    await SafeVisitDb.delete('bench-plain');
    return { encryptedMs, plainMs, checked };
  },

  /** vault.unlock alone (KDF + unwrap) with the app's real KDF parameters, `runs` times. */
  vaultUnlockTimes: async (runs: number, onPageThread = false) => {
    const { db, vault } = await freshVault('bench-unlock', onPageThread ? { deriveArgon2id: argon2idBytes } : {});
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      vault.lock();
      const started = performance.now();
      await vault.unlock(BENCH_PASSPHRASE);
      times.push(performance.now() - started);
    }
    const header = await db.meta.get('vault');
    db.close();
    await SafeVisitDb.delete('bench-unlock');
    return {
      times,
      kdf: header ? describeKdf(header.kdf) : 'none',
      belowDefault: !header || kdfBelow(header.kdf, VAULT_KDF_DEFAULTS),
    };
  },

  /** Creates the vault in the app's own database ('safevisit') and stores `n` encrypted drafts for the app to list. */
  seedAppDrafts: async (n: number) => {
    await SafeVisitDb.delete(APP_DB_NAME);
    const db = new SafeVisitDb(APP_DB_NAME);
    const vault = await openVault(db, { channel: null });
    await vault.create(BENCH_PASSPHRASE);
    const repo = reportRepoFor(db, vault);
    const now = Date.now();
    // Spread over the last 20 days, so none is flagged stale and the list order is the real sort.
    for (let i = 0; i < n; i++) await repo.put(record(i, 'draft', now - i * 30 * 60_000));
    const stored = await db.reports.count();
    vault.lock();
    db.close();
    return { stored, passphrase: BENCH_PASSPHRASE };
  },

  /** Queues `n` complete reports and times one run of the real sync engine against the real server. */
  syncAll: async (endpoint, token, n, org) => {
    const { db, vault } = await freshVault('bench-sync');
    // As the app: each report sealed once at submit (not timed), so the run is a read and a POST per report.
    const seal = createReportSealer(async () => ({ org }));
    const reports = createReportRepo<ReportDraft>(db, vault, {
      schema: ReportDraftSchema,
      schemaVersion: REPORT_SCHEMA_VERSION,
      ...sealingOptions(seal),
    });
    const outbox = createOutboxRepo(db);
    const now = Date.now();
    const queueStarted = performance.now();
    for (let i = 0; i < n; i++) await reports.put(record(i, 'queued', now - 1_000));
    const queueMs = performance.now() - queueStarted;
    const queued = await outbox.count();
    // The real fetch, timed, to split the run into network+server time and the device's own work.
    let fetchMs = 0;
    let requests = 0;
    const timedFetch: typeof fetch = async (input, init) => {
      const started = performance.now();
      try {
        return await fetch(input, init);
      } finally {
        fetchMs += performance.now() - started;
        requests++;
      }
    };
    // The real port, each method timed (sum of ms per method), to show where the device's time goes.
    const portMs: Record<string, number> = {};
    const port = Object.fromEntries(
      Object.entries(createOutboxPort({ db, reports, outbox, seal })).map(([name, method]) => [
        name,
        async (...args: unknown[]) => {
          const started = performance.now();
          try {
            return await (method as (...a: unknown[]) => Promise<unknown>)(...args);
          } finally {
            portMs[name] = (portMs[name] ?? 0) + performance.now() - started;
          }
        },
      ]),
    ) as unknown as OutboxPort;
    const engine = createSyncEngine({
      port,
      fetch: timedFetch,
      // The app's default retention (0 days): each report leaves the device once its receipt is stored.
      settings: async () => ({ endpoint, token, keepSyncedDays: 0 }),
    });
    const started = performance.now();
    const summary = await engine.runOnce();
    const ms = performance.now() - started;
    const left = { outbox: await outbox.count(), reports: await db.reports.count() };
    db.close();
    await SafeVisitDb.delete('bench-sync');
    return { ms, queueMs, queued, summary, left, fetchMs, requests, portMs };
  },

  /**
   * The officer's inbox as InboxArea runs it: the envelopes fetched (every page), put in inbox order and opened in
   * this browser with the organisation's keys (HPKE, JSON, the report schema), `runs` times; then each query searched
   * alone over the opened reports, `passes` times. The list's drawing is not included.
   */
  inboxTimes: async (origin, officer, runs, passes) => {
    const api = createOfficerApi({ baseUrl: origin });
    const session = await signIn(api, officer.email, officer.passphrase);
    const keys = session.orgKeys;
    if (!keys) throw new Error('the officer holds no organisation keys');
    const inbox = createInboxApi(api, session.token);
    const openMs: number[] = [];
    const firstScreenMs: number[] = [];
    let entries: InboxEntry[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      let firstScreen = Number.NaN;
      const items = sortInbox((await inbox.list()).map((item) => ({ item }))).map((e) => e.item);
      let contents: readonly (Content | undefined)[] = [];
      await openAll(keys, items, {
        onProgress: (next) => {
          if (Number.isNaN(firstScreen)) firstScreen = performance.now() - started;
          contents = next;
        },
      });
      openMs.push(performance.now() - started);
      firstScreenMs.push(firstScreen);
      entries = items.map((item, i) => ({ item, content: contents[i] ?? { state: 'pending' } }));
    }
    const samples: number[] = [];
    let hits = 0;
    for (let pass = 0; pass < passes; pass++) {
      for (const query of INBOX_QUERIES) {
        const started = performance.now();
        hits += searchInbox(entries, query).length;
        samples.push(performance.now() - started);
      }
    }
    return {
      openMs,
      firstScreenMs,
      reports: entries.length,
      opened: entries.filter(isOpened).length,
      searchMs: samples,
      queries: INBOX_QUERIES.length,
      hits,
    };
  },

  /**
   * Each realistic query timed alone, `passes` times over the list, on a search whose index was built first
   * (the app builds it ahead of the first keystroke with prepare()). Returns every sample in ms.
   */
  searchTimes: (passes: number) => {
    const search = createGuidanceSearch(BUNDLED_PACK);
    const prepareStarted = performance.now();
    search.prepare();
    const prepareMs = performance.now() - prepareStarted;
    const samples: number[] = [];
    let hits = 0;
    for (let pass = 0; pass < passes; pass++) {
      for (const [query] of GUIDANCE_FIELD_QUERIES) {
        const started = performance.now();
        hits += search.search(query).length;
        samples.push(performance.now() - started);
      }
    }
    return { samples, queries: GUIDANCE_FIELD_QUERIES.length, prepareMs, hits };
  },
};

(globalThis as unknown as { bench: BenchApi }).bench = api;
document.body.dataset.ready = 'true';
