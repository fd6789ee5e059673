// The store's half of a re-key (vault.ts changePassphrase, and the move of version 1 vaults): re-encrypts every
// encrypted record under the vault's current data key, in batches, crypto outside the transactions, each row written
// only if it did not move meanwhile; then ends the re-key in one transaction that finds no record left behind.
// Never decides what a record says: values are decrypted and encrypted again as they are (a report's control is
// sealed afresh for its new body only when it vouched for the old one).
import type { Table } from 'dexie';
import { AppError } from '../domain/errors.ts';
import type { Envelope } from '../vault/crypto.ts';
import { encodeBase64Url } from '../vault/encoding.ts';
import type { ReencryptOptions, RekeyCrypto } from '../vault/vault.ts';
import { type ReportRow, type SafeVisitDb, VAULT_HEADER_KEY } from './db.ts';
import { withStorageErrors } from './errors.ts';
import { CONTROL_SCHEMA_VERSION, OUTBOX_CONTROL_TABLE, resealReportControl } from './report-control.ts';
import { bodyFields, bodyOf, REPORTS_TABLE, SUMMARY_SCHEMA_VERSION, SUMMARY_TABLE } from './report-rows.ts';
import { SECRETS_SCHEMA_VERSION, SECRETS_TABLE } from './settings-repo.ts';

/** Records per write transaction. */
export const REKEY_BATCH_RECORDS = 100;
/** Passes over every table before giving up (each only redoes rows another write moved meanwhile). */
const REKEY_MAX_ROUNDS = 5;

type Sealed = Pick<Envelope, 'v' | 'kid' | 'iv'>;

/** How one table's rows are re-encrypted. `envelopes`: every envelope of a row, in a fixed order. */
type Rekeyable = {
  table: Table<unknown, string>;
  inline: boolean;
  envelopes: (row: unknown) => (Sealed | undefined)[];
  rekey: (key: string, row: unknown, crypto: RekeyCrypto) => Promise<unknown>;
};

/** The value again under the current key; undefined when no key opens it (left as it is: damaged before, after). */
const again = async (
  crypto: RekeyCrypto,
  [table, id, schemaVersion]: [string, string, number],
  envelope: Envelope | undefined,
  revision?: number,
): Promise<Envelope | undefined> => {
  if (envelope === undefined || crypto.isCurrent(envelope)) return envelope;
  try {
    const value = await crypto.decryptJson(table, id, schemaVersion, envelope, revision);
    return await crypto.encryptJson(table, id, schemaVersion, value, revision);
  } catch (e) {
    if (e instanceof AppError && e.code === 'tampered') return envelope;
    throw e;
  }
};

const rekeyables = (db: SafeVisitDb): Rekeyable[] => {
  type Receipt = { id: string; summary?: Envelope };
  type Outbox = { reportId: string; control?: Envelope };
  const summary = (id: string): [string, string, number] => [SUMMARY_TABLE, id, SUMMARY_SCHEMA_VERSION];
  return [
    {
      table: db.reports as unknown as Table<unknown, string>,
      inline: true,
      envelopes: (row) => [bodyOf(row as ReportRow), (row as ReportRow).control, (row as ReportRow).summary],
      rekey: async (_, value, crypto) => {
        const row = value as ReportRow;
        const body = await again(crypto, [REPORTS_TABLE, row.id, row.schemaVersion], bodyOf(row), row.revision);
        const next: ReportRow = { ...row, ...bodyFields(body as Envelope) };
        // The control binds the body's IV: a body written again needs its control sealed again.
        const control =
          ivText(body) !== ivText(row) || (row.control !== undefined && !crypto.isCurrent(row.control))
            ? ((await resealReportControl(row, next, crypto)) ?? row.control)
            : row.control;
        const sum = await again(crypto, summary(row.id), row.summary);
        return { ...next, ...(control ? { control } : {}), ...(sum ? { summary: sum } : {}) };
      },
    },
    {
      table: db.outbox as unknown as Table<unknown, string>,
      inline: true,
      envelopes: (row) => [(row as Outbox).control],
      rekey: async (_, value, crypto) => {
        const row = value as Outbox;
        const control = await again(crypto, [OUTBOX_CONTROL_TABLE, row.reportId, CONTROL_SCHEMA_VERSION], row.control);
        return { ...row, ...(control ? { control } : {}) };
      },
    },
    {
      table: db.receipts as unknown as Table<unknown, string>,
      inline: true,
      envelopes: (row) => [(row as Receipt).summary],
      rekey: async (_, value, crypto) => {
        const row = value as Receipt;
        const sum = await again(crypto, summary(row.id), row.summary);
        return { ...row, ...(sum ? { summary: sum } : {}) };
      },
    },
    {
      table: db.secrets as unknown as Table<unknown, string>,
      inline: false,
      envelopes: (row) => [row as Envelope],
      rekey: (key, value, crypto) => again(crypto, [SECRETS_TABLE, key, SECRETS_SCHEMA_VERSION], value as Envelope),
    },
  ];
};

const ivText = (envelope: Sealed | undefined) => (envelope ? encodeBase64Url(envelope.iv) : '-');

/** The same stored write: each envelope written gets a fresh IV. */
const sameEnvelopes = (handler: Rekeyable, a: unknown, b: unknown): boolean => {
  const [x, y] = [handler.envelopes(a), handler.envelopes(b)];
  return x.length === y.length && x.every((envelope, i) => ivText(envelope) === ivText(y[i]));
};

/** Envelopes of the row under another key than the current one and not known to be unopenable. */
const leftBehind = (handler: Rekeyable, key: string, row: unknown, crypto: RekeyCrypto, damaged: Set<string>) =>
  handler
    .envelopes(row)
    .some(
      (envelope) =>
        envelope !== undefined &&
        !crypto.isCurrent(envelope) &&
        !damaged.has(`${handler.table.name}/${key}/${ivText(envelope)}`),
    );

/** One pass over one table; true when a row was left for the next round (it moved between read and write). */
const passTable = async (
  handler: Rekeyable,
  crypto: RekeyCrypto,
  damaged: Set<string>,
  options: ReencryptOptions,
): Promise<boolean> => {
  const batchSize = options.batchSize ?? REKEY_BATCH_RECORDS;
  let after: string | undefined;
  let movedAny = false;
  for (;;) {
    const start = after;
    const { keys, rows } = await withStorageErrors(() =>
      handler.table.db.transaction('r', handler.table, async () => {
        const collection = start === undefined ? handler.table.toCollection() : handler.table.where(':id').above(start);
        const keys = (await collection.limit(batchSize).primaryKeys()) as string[];
        return { keys, rows: await handler.table.bulkGet(keys) };
      }),
    );
    if (keys.length === 0) return movedAny;
    after = keys[keys.length - 1];
    const planned: { key: string; before: unknown; next: unknown }[] = [];
    for (const [i, key] of keys.entries()) {
      const row = rows[i];
      if (row === undefined || !leftBehind(handler, key, row, crypto, damaged)) continue;
      const next = await handler.rekey(key, row, crypto);
      // What no key opened stays as it was; remember it, so it does not hold back the end of the re-key.
      const [was, now] = [handler.envelopes(row), handler.envelopes(next)];
      was.forEach((envelope, k) => {
        if (envelope && !crypto.isCurrent(envelope) && ivText(envelope) === ivText(now[k]))
          damaged.add(`${handler.table.name}/${key}/${ivText(envelope)}`);
      });
      if (!sameEnvelopes(handler, row, next)) planned.push({ key, before: row, next });
    }
    if (planned.length > 0) {
      const moved = await withStorageErrors(() =>
        handler.table.db.transaction('rw', handler.table, async () => {
          const current = await handler.table.bulkGet(planned.map((p) => p.key));
          let movedHere = false;
          for (const [i, { key, before, next }] of planned.entries()) {
            const now = current[i];
            // Written or deleted meanwhile (a save, a receipt): the next round looks at it again.
            if (now === undefined || !sameEnvelopes(handler, now, before)) {
              movedHere ||= now !== undefined;
              continue;
            }
            await (handler.inline ? handler.table.put(next) : handler.table.put(next, key));
          }
          return movedHere;
        }),
      );
      movedAny ||= moved;
    }
    options.afterBatch?.();
  }
};

/**
 * Re-encrypts every record under the current key (see VaultStorage.reencryptAll), then in one transaction over every
 * encrypted table and the header: if no record is left under another key (apart from ones no key opens), applies
 * `options.finish` to the header; else goes round again.
 */
export const reencryptRecords = async (db: SafeVisitDb, crypto: RekeyCrypto, options: ReencryptOptions) => {
  const handlers = rekeyables(db);
  const damaged = new Set<string>();
  for (let round = 0; round < REKEY_MAX_ROUNDS; round++) {
    for (const handler of handlers) await passTable(handler, crypto, damaged, options);
    const done = await withStorageErrors(() =>
      db.transaction('rw', [db.meta, ...handlers.map((h) => h.table)], async () => {
        for (const handler of handlers) {
          let found = false;
          await handler.table
            .toCollection()
            .until(() => found)
            .each((row, cursor) => {
              if (leftBehind(handler, String(cursor.primaryKey), row, crypto, damaged)) found = true;
            });
          if (found) return false;
        }
        const header = await db.meta.get(VAULT_HEADER_KEY);
        if (header === undefined) throw new AppError('no-vault');
        await db.meta.put(options.finish(header), VAULT_HEADER_KEY);
        return true;
      }),
    );
    if (done) return;
  }
  throw new AppError('conflict', { reason: 'rekey-kept-moving' });
};
