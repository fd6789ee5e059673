// Typed builders shared by the unit tests: unique databases, fast test vaults, sample reports, raw IndexedDB
// reads and a switchable storage failure. Test code only; real WebCrypto and fake-indexeddb, nothing stubbed.
import { afterEach, expect } from 'vitest';
import 'fake-indexeddb/auto';
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable } from 'dexie';
import { z } from 'zod';
import { type ErrorCode, isAppError } from '../../src/domain/errors.ts';
import type { ReportStatus } from '../../src/domain/report-record.ts';
import { SafeVisitDb } from '../../src/store/db.ts';
import type { ReportRecord } from '../../src/store/report-repo.ts';
import { openVault } from '../../src/store/vault-storage.ts';
import {
  createOrganisationKeys,
  decodeBase64Url,
  encodeBase64Url,
  fingerprintOf,
  orgDescriptorOf,
} from '../../src/vault/org.ts';
import type { Vault, VaultOptions } from '../../src/vault/vault.ts';

/** Low on purpose, through the explicit test-only option: the real count has its own test. */
export const TEST_KDF_ITERATIONS = 1_000;

export const STRONG_PASSPHRASE = 'Kettle gravel orbit 47 lantern';
export const OTHER_STRONG_PASSPHRASE = 'Marble heron quietly 19 fences';
export const WRONG_PASSPHRASE = 'Kettle gravel orbit 48 lantern';

/** A string that must never appear in any stored byte. */
export const PLAINTEXT_MARKER = 'PLAINTEXT-MARKER-7f3a9c';

let counter = 0;
export const uniqueDbName = (label = 'test'): string => `safevisit-${label}-${Date.now()}-${++counter}`;

export const openTestDb = (name: string = uniqueDbName()): SafeVisitDb => new SafeVisitDb(name);

/** A clock the test moves by hand. */
export const manualClock = (start = Date.UTC(2026, 0, 5, 9, 0, 0)) => {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    set: (ms: number) => {
      now = ms;
    },
  };
};

/** A vault over `db` with the fast test KDF and no cross-tab channel unless asked. */
export const openTestVault = (db: SafeVisitDb, options: VaultOptions = {}): Promise<Vault> =>
  openVault(db, { testOnlyKdfIterations: TEST_KDF_ITERATIONS, channel: null, ...options });

// Databases and vaults a test opened, closed after it (so each test's fake-indexeddb connection ends).
const openedInTest: { db: SafeVisitDb; vault: Vault }[] = [];
afterEach(() => {
  for (const { db, vault } of openedInTest.splice(0)) {
    vault.close();
    db.close();
  }
});

/** Closes this vault and database when the current test ends. */
export const closeAfterTest = (db: SafeVisitDb, vault: Vault): void => {
  openedInTest.push({ db, vault });
};

/** A fresh database and a vault already created (and so unlocked) with STRONG_PASSPHRASE. */
export const createdVault = async (options: VaultOptions = {}) => {
  const db = openTestDb();
  const vault = await openTestVault(db, options);
  await vault.create(STRONG_PASSPHRASE);
  return { db, vault };
};

/** The report body used by store tests: a stand-in for the real report schema, so these tests own their shape. */
export const TestReportSchema = z.object({
  childName: z.string(),
  description: z.string(),
  incidentTypes: z.array(z.string()),
});
export type TestReport = z.infer<typeof TestReportSchema>;

export const buildReportData = (overrides: Partial<TestReport> = {}): TestReport => ({
  childName: `Child ${PLAINTEXT_MARKER}`,
  description: `They said: "${PLAINTEXT_MARKER}" in their own words.`,
  incidentTypes: ['bullying'],
  ...overrides,
});

export const buildReport = (
  overrides: Partial<Omit<ReportRecord<TestReport>, 'data'>> & { data?: Partial<TestReport> } = {},
): ReportRecord<TestReport> => {
  const { data, ...fields } = overrides;
  const id = fields.id ?? `report-${++counter}`;
  return {
    id,
    status: 'draft' as ReportStatus,
    createdAt: Date.UTC(2026, 0, 5, 9, 0, 0),
    updatedAt: Date.UTC(2026, 0, 5, 9, 0, 0) + counter,
    revision: 1,
    ...fields,
    data: buildReportData(data),
  };
};

/** Every value of every object store, read with the plain IndexedDB API (no Dexie, no vault). */
export const readRawDatabase = (name: string): Promise<Record<string, unknown[]>> =>
  new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const idb = request.result;
      const stores = [...idb.objectStoreNames];
      const tx = idb.transaction(stores, 'readonly');
      const out: Record<string, unknown[]> = {};
      for (const store of stores) {
        const all = tx.objectStore(store).getAll();
        all.onsuccess = () => {
          out[store] = all.result;
        };
      }
      tx.oncomplete = () => {
        idb.close();
        resolve(out);
      };
      tx.onerror = () => reject(tx.error);
    };
  });

/** All text a stored value could reveal: its strings, keys, and every byte array decoded as UTF-8 and Latin-1. */
export const rawText = (value: unknown): string => {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') parts.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') parts.push(String(v));
    else if (v instanceof Uint8Array) {
      parts.push(new TextDecoder('utf-8').decode(v), new TextDecoder('latin1').decode(v));
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v)) {
        parts.push(k);
        walk(inner);
      }
    }
  };
  walk(value);
  return parts.join('\n');
};

/**
 * Makes writes to one table fail with a DOMException of `errorName` while `on` is true, inside the real
 * transaction (a Dexie DBCore middleware), to prove the whole transaction rolls back. Call before the first query.
 */
export const failWrites = (db: SafeVisitDb, table: string, errorName = 'QuotaExceededError') => {
  const control = { on: false };
  db.use({
    stack: 'dbcore',
    name: `fail-writes-${table}`,
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name: string): DBCoreTable => {
        const inner = down.table(name);
        if (name !== table) return inner;
        return {
          ...inner,
          mutate: (req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> =>
            control.on
              ? Promise.reject(new DOMException('The quota has been exceeded.', errorName))
              : inner.mutate(req),
        };
      },
    }),
  });
  return control;
};

/** Awaits a promise that must reject with AppError(code); returns the error for further checks (its detail). */
export const expectAppError = async (promise: Promise<unknown>, code: ErrorCode): Promise<unknown> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error, code), `expected AppError('${code}'), got ${String(error)}`).toBe(true);
  return error;
};

/** A new organisation made as the first officer's browser makes it: its keys, published descriptor and fingerprint. */
export const buildOrganisation = async (name = 'Riverside Family Support') => {
  const made = await createOrganisationKeys(name);
  const descriptor = orgDescriptorOf(made.organisation);
  return { ...made, descriptor, fingerprint: await fingerprintOf(descriptor.signingKey) };
};

/** base64url text with one bit of its first byte flipped: a changed byte that still decodes. */
export const flipFirstByte = (text: string): string => {
  const bytes = decodeBase64Url(text);
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return encodeBase64Url(bytes);
};
