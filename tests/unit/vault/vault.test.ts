import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isAppError } from '../../../src/domain/errors.ts';
import { SafeVisitDb, TABLE_NAMES } from '../../../src/store/db.ts';
import { createSettingsRepo } from '../../../src/store/settings-repo.ts';
import { openVault } from '../../../src/store/vault-storage.ts';
import {
  type Argon2idParams,
  boundRecordAad,
  decrypt,
  deriveWrappingKey,
  unwrapDataKey,
  VAULT_KDF_DEFAULTS,
} from '../../../src/vault/crypto.ts';
import { describeKdf } from '../../../src/vault/kdf-params.ts';
import { UNLOCK_DELAY_CAP_MS, unlockDelayMs, type Vault, type VaultState } from '../../../src/vault/vault.ts';
import {
  caught,
  createdVault,
  manualClock,
  OTHER_STRONG_PASSPHRASE,
  openTestDb,
  openTestVault,
  STRONG_PASSPHRASE,
  TEST_KDF_ITERATIONS,
  uniqueDbName,
  WRONG_PASSPHRASE,
} from '../fixtures.ts';

const opened: { close: () => void }[] = [];
const track = <T extends { close: () => void }>(thing: T): T => {
  opened.push(thing);
  return thing;
};
afterEach(() => {
  for (const thing of opened.splice(0)) thing.close();
});

const ORG = {
  orgName: 'Hillside Family Service',
  orgAddress: '1 High Street, Maidstone',
  coordinatorName: 'Alex Doe',
  orgContact: '01622 000000',
};

const failWith = async (vault: Vault, passphrase = WRONG_PASSPHRASE) => caught(vault.unlock(passphrase));

describe('Vault lifecycle', () => {
  it('starts with no vault, creates one unlocked, and reopens locked', async () => {
    const db = track(openTestDb());
    const vault = track(await openTestVault(db));
    expect(vault.state).toBe('none');
    await vault.create(STRONG_PASSPHRASE);
    expect(vault.state).toBe('unlocked');
    const again = track(await openTestVault(db));
    expect(again.state).toBe('locked');
    await again.unlock(STRONG_PASSPHRASE);
    expect(again.state).toBe('unlocked');
  });

  it('refuses a passphrase that meets the FAQ rules but falls to offline guessing', async () => {
    const db = track(openTestDb());
    const vault = track(await openTestVault(db));
    const error = await caught(vault.create('Kent Council 1'));
    expect(error.detail).toMatchObject({ reason: 'weak-passphrase', rules: ['guessing'] });
    expect(await db.meta.count()).toBe(0);
    await vault.create(STRONG_PASSPHRASE);
    const change = await caught(vault.changePassphrase(STRONG_PASSPHRASE, 'I love my children'));
    expect(change.detail).toMatchObject({ reason: 'weak-passphrase', rules: ['guessing'] });
  });

  it('refuses a weak passphrase at creation and stores nothing', async () => {
    const db = track(openTestDb());
    const vault = track(await openTestVault(db));
    const error = await caught(vault.create('password1234'));
    expect(error.code).toBe('invalid');
    expect(error.detail).toMatchObject({ reason: 'weak-passphrase' });
    expect(await db.meta.count()).toBe(0);
    expect(vault.state).toBe('none');
  });

  it('never overwrites an existing vault, even from another instance that still thinks there is none', async () => {
    const db = track(openTestDb());
    const first = track(await openTestVault(db));
    const second = track(await openTestVault(db));
    await first.create(STRONG_PASSPHRASE);
    const error = await caught(second.create(OTHER_STRONG_PASSPHRASE));
    expect(error.code).toBe('invalid');
    expect(second.state).toBe('locked');
    const third = track(await openTestVault(db));
    await third.unlock(STRONG_PASSPHRASE);
    await expect(first.create(OTHER_STRONG_PASSPHRASE)).rejects.toMatchObject({ code: 'invalid' });
  });

  it('says there is no vault when unlocking before creating', async () => {
    const vault = track(await openTestVault(track(openTestDb())));
    expect((await failWith(vault, STRONG_PASSPHRASE)).code).toBe('no-vault');
  });

  it('round-trips JSON and binds it to table, id and schema version', async () => {
    const { db, vault } = await createdVault();
    track(db);
    track(vault);
    const value = { childName: 'Sam', words: ['it', 'hurt'], n: 3 };
    const envelope = await vault.encryptJson('reports', 'r1', 1, value);
    expect(await vault.decryptJson('reports', 'r1', 1, envelope)).toEqual(value);
    expect((await caught(vault.decryptJson('reports', 'r2', 1, envelope))).code).toBe('tampered');
    expect((await caught(vault.decryptJson('reports', 'r1', 2, envelope))).code).toBe('tampered');
  });

  it('lock drops the key, notifies listeners, and every key-using method then throws locked', async () => {
    const { db, vault } = await createdVault();
    track(db);
    track(vault);
    const envelope = await vault.encryptJson('reports', 'r1', 1, 'x');
    const seen: VaultState[] = [];
    const unsubscribe = vault.subscribe((state) => seen.push(state));
    vault.lock();
    expect(vault.state).toBe('locked');
    expect(seen).toEqual(['locked']);
    unsubscribe();
    expect((await caught(vault.encryptJson('reports', 'r1', 1, 'x'))).code).toBe('locked');
    expect((await caught(vault.decryptJson('reports', 'r1', 1, envelope))).code).toBe('locked');
    expect((await caught(vault.changePassphrase(STRONG_PASSPHRASE, OTHER_STRONG_PASSPHRASE))).code).toBe('locked');
  });
});

describe('Wrong passphrases', () => {
  it('throws wrong-passphrase and counts the failure in the stored header', async () => {
    const { db, vault } = await createdVault();
    track(db);
    vault.lock();
    const error = await failWith(vault);
    expect(error.code).toBe('wrong-passphrase');
    expect(error.detail).toMatchObject({ failedAttempts: 1, retryAfterMs: 0, attemptsBeforeWipe: null, wiped: false });
    expect((await db.meta.get('vault'))?.failedAttempts).toBe(1);
    expect(vault.state).toBe('locked');
  });

  it('makes each try after the third wait longer, refusing early tries without checking them', async () => {
    const clock = manualClock();
    const { db, vault } = await createdVault({ now: clock.now });
    track(db);
    vault.lock();
    for (let i = 0; i < 3; i++) expect((await failWith(vault)).code).toBe('wrong-passphrase');

    // Even the right passphrase is not tried before the wait is over.
    let error = await failWith(vault, STRONG_PASSPHRASE);
    expect(error.code).toBe('too-many-attempts');
    expect(error.detail).toMatchObject({ retryAfterMs: 2_000 });
    clock.advance(1_500);
    expect((await failWith(vault, STRONG_PASSPHRASE)).detail).toMatchObject({ retryAfterMs: 500 });
    expect((await db.meta.get('vault'))?.failedAttempts).toBe(3);

    clock.advance(500);
    error = await failWith(vault);
    expect(error.code).toBe('wrong-passphrase');
    expect(error.detail).toMatchObject({ failedAttempts: 4, retryAfterMs: 4_000 });
    clock.advance(3_999);
    expect((await failWith(vault, STRONG_PASSPHRASE)).code).toBe('too-many-attempts');
    clock.advance(1);
    await vault.unlock(STRONG_PASSPHRASE);
    expect(vault.state).toBe('unlocked');
    expect(await db.meta.get('vault')).toMatchObject({ failedAttempts: 0, lastFailedAt: null });
  });

  it.each([
    [0, 0],
    [2, 0],
    [3, 2_000],
    [4, 4_000],
    [5, 8_000],
    [10, 256_000],
    [11, UNLOCK_DELAY_CAP_MS],
    [50, UNLOCK_DELAY_CAP_MS],
  ])('waits %i failures -> %i ms (capped at 5 minutes)', (failures, ms) => {
    expect(unlockDelayMs(failures)).toBe(ms);
  });

  it('keeps the counter and the wait across a reopen of the database', async () => {
    const clock = manualClock();
    const name = uniqueDbName('reopen');
    const db = new SafeVisitDb(name);
    const vault = await openTestVault(db, { now: clock.now });
    await vault.create(STRONG_PASSPHRASE);
    vault.lock();
    for (let i = 0; i < 4; i++) {
      await failWith(vault);
      clock.advance(unlockDelayMs(i + 1));
    }
    clock.advance(-unlockDelayMs(4) + 1_000);
    vault.close();
    db.close();

    const reopenedDb = track(new SafeVisitDb(name));
    const reopened = track(await openTestVault(reopenedDb, { now: clock.now }));
    expect(await reopened.failureStatus()).toEqual({
      failedAttempts: 4,
      retryAfterMs: 3_000,
      attemptsBeforeWipe: null,
      wiped: false,
    });
    expect((await failWith(reopened, STRONG_PASSPHRASE)).code).toBe('too-many-attempts');
    clock.advance(3_000);
    await reopened.unlock(STRONG_PASSPHRASE);
    expect(reopened.state).toBe('unlocked');
  });

  it('counts an attempt before deriving, so parallel guesses each count', async () => {
    const { db, vault } = await createdVault();
    track(db);
    vault.lock();
    const results = await Promise.all([failWith(vault), failWith(vault)]);
    expect(results.map((e) => e.code)).toEqual(['wrong-passphrase', 'wrong-passphrase']);
    expect((await db.meta.get('vault'))?.failedAttempts).toBe(2);
  });

  it('ends a wait when the clock was moved backwards, after one full delay at most', async () => {
    const clock = manualClock();
    const { db, vault } = await createdVault({ now: clock.now });
    track(db);
    vault.lock();
    for (let i = 0; i < 3; i++) await failWith(vault);
    clock.advance(-24 * 60 * 60_000);
    expect((await failWith(vault, STRONG_PASSPHRASE)).detail).toMatchObject({ retryAfterMs: 2_000 });
    clock.advance(2_000);
    await vault.unlock(STRONG_PASSPHRASE);
    expect(vault.state).toBe('unlocked');
  });

  it('wipes the device after N wrong passphrases when the organisation policy is on', async () => {
    const { db, vault } = await createdVault();
    track(db);
    const settings = createSettingsRepo(db, vault);
    await settings.update({ wipeAfterFailures: 3 });
    await vault.encryptJson('reports', 'r1', 1, 'x').then((e) => db.secrets.put(e, 'accessToken'));
    vault.lock();

    expect((await failWith(vault)).detail).toMatchObject({ attemptsBeforeWipe: 2, wiped: false });
    expect((await failWith(vault)).detail).toMatchObject({ attemptsBeforeWipe: 1, wiped: false });
    const last = await failWith(vault);
    expect(last.code).toBe('wrong-passphrase');
    expect(last.detail).toMatchObject({ wiped: true, attemptsBeforeWipe: 0 });
    expect(vault.state).toBe('none');
    for (const table of TABLE_NAMES) expect(await db.table(table).count(), table).toBe(0);
    expect((await failWith(vault, STRONG_PASSPHRASE)).code).toBe('no-vault');
  });

  it('does not wipe with the policy off (the default)', async () => {
    const clock = manualClock();
    const { db, vault } = await createdVault({ now: clock.now });
    track(db);
    vault.lock();
    for (let i = 0; i < 8; i++) {
      await failWith(vault);
      clock.advance(UNLOCK_DELAY_CAP_MS);
    }
    expect(vault.state).toBe('locked');
    await vault.unlock(STRONG_PASSPHRASE);
    expect(vault.state).toBe('unlocked');
  });
});

describe('Changing the passphrase', () => {
  it('makes a new data key: stored records stay readable, the old key and the old passphrase open nothing', async () => {
    const { db, vault } = await createdVault();
    track(db);
    track(vault);
    const settings = createSettingsRepo(db, vault);
    await settings.setSecret('orgDefaults', ORG);
    // Not stored, so not re-encrypted: only the old data key opens it, and that key is gone after the change.
    const loose = await vault.encryptJson('reports', 'a', 1, { id: 'a' });
    const before = await db.meta.get('vault');
    await vault.changePassphrase(STRONG_PASSPHRASE, OTHER_STRONG_PASSPHRASE);
    const after = await db.meta.get('vault');
    expect(after?.salt).not.toEqual(before?.salt);
    expect(after?.wrappedKey).not.toEqual(before?.wrappedKey);
    expect(after).toMatchObject({ keyId: 1, schemaVersion: 2 });
    expect(after?.retiring).toBeUndefined();
    expect((await caught(vault.decryptJson('reports', 'a', 1, loose))).detail).toMatchObject({ reason: 'key-retired' });
    expect(await settings.getSecret('orgDefaults')).toEqual(ORG);
    expect(await db.secrets.get('orgDefaults')).toMatchObject({ v: 2, kid: 1 });

    vault.lock();
    expect((await failWith(vault, STRONG_PASSPHRASE)).code).toBe('wrong-passphrase');
    await vault.unlock(OTHER_STRONG_PASSPHRASE);
    expect(await settings.getSecret('orgDefaults')).toEqual(ORG);
  });

  it('refuses a wrong current passphrase (counted) and a weak new one, leaving the header as it was', async () => {
    const { db, vault } = await createdVault();
    track(db);
    track(vault);
    const before = await db.meta.get('vault');
    expect((await caught(vault.changePassphrase(WRONG_PASSPHRASE, OTHER_STRONG_PASSPHRASE))).code).toBe(
      'wrong-passphrase',
    );
    expect((await caught(vault.changePassphrase(STRONG_PASSPHRASE, 'short'))).code).toBe('invalid');
    const after = await db.meta.get('vault');
    expect(after?.wrappedKey).toEqual(before?.wrappedKey);
    expect(after?.failedAttempts).toBe(1);
    expect(vault.state).toBe('unlocked');
  });
});

describe('Key-derivation parameters', () => {
  it('raises stored iterations to the current ones on unlock, and never lowers them', async () => {
    const db = track(openTestDb());
    const old = await openTestVault(db);
    await old.create(STRONG_PASSPHRASE);
    const envelope = await old.encryptJson('reports', 'r1', 1, 'kept');
    old.close();
    expect((await db.meta.get('vault'))?.kdf).toMatchObject({ iterations: TEST_KDF_ITERATIONS });

    const newer = track(await openTestVault(db, { testOnlyKdfIterations: TEST_KDF_ITERATIONS * 2 }));
    await newer.unlock(STRONG_PASSPHRASE);
    expect((await db.meta.get('vault'))?.kdf).toMatchObject({ iterations: TEST_KDF_ITERATIONS * 2 });
    expect(await newer.decryptJson('reports', 'r1', 1, envelope)).toBe('kept');

    const lower = track(await openTestVault(db));
    await lower.unlock(STRONG_PASSPHRASE);
    expect((await db.meta.get('vault'))?.kdf).toMatchObject({ iterations: TEST_KDF_ITERATIONS * 2 });
  });

  it('uses the real default (Argon2id, 64 MiB, 2 passes) when no test option is given', async () => {
    const db = track(openTestDb());
    const vault = track(await openVault(db, { channel: null }));
    await vault.create(STRONG_PASSPHRASE);
    expect((await db.meta.get('vault'))?.kdf).toEqual(VAULT_KDF_DEFAULTS);
    vault.lock();
    await vault.unlock(STRONG_PASSPHRASE);
    expect(vault.state).toBe('unlocked');
  }, 60_000);

  it('moves a vault made with the earlier default (Argon2id, 48 MiB, 2 passes) to 64 MiB at its next unlock, and it still opens', async () => {
    const earlier: Argon2idParams = { name: 'Argon2id', memoryKiB: 48 * 1024, passes: 2, parallelism: 1 };
    expect(VAULT_KDF_DEFAULTS).toEqual({ ...earlier, memoryKiB: 64 * 1024 });
    const db = track(openTestDb());
    const old = track(await openTestVault(db, { testOnlyKdf: earlier }));
    await old.create(STRONG_PASSPHRASE);
    const envelope = await old.encryptJson('reports', 'r1', 1, 'kept');
    old.close();
    const before = await db.meta.get('vault');
    expect(before?.kdf).toEqual(earlier);

    // The app's own vault (no test option): its target is VAULT_KDF_DEFAULTS.
    const vault = track(await openVault(db, { channel: null }));
    await vault.unlock(STRONG_PASSPHRASE);
    const after = await db.meta.get('vault');
    expect(after?.kdf).toEqual(VAULT_KDF_DEFAULTS);
    expect(after?.salt).not.toEqual(before?.salt);
    expect(await vault.decryptJson('reports', 'r1', 1, envelope)).toBe('kept');

    // Opens again under the new parameters; a wrong passphrase still fails.
    vault.lock();
    expect((await failWith(vault)).code).toBe('wrong-passphrase');
    await vault.unlock(STRONG_PASSPHRASE);
    expect(await vault.decryptJson('reports', 'r1', 1, envelope)).toBe('kept');
  }, 120_000);

  it('names the KDF and its parameters in words, as the bench’s unlock note and the README give them', () => {
    expect(describeKdf(VAULT_KDF_DEFAULTS)).toBe('Argon2id, 64 MiB, 2 passes, 1 lane');
    expect(describeKdf({ name: 'PBKDF2-SHA256', hash: 'SHA-256', iterations: 600_000 })).toBe(
      'PBKDF2-SHA256, 600,000 iterations',
    );
  });

  it('refuses the test-only KDF options in a production build', async () => {
    const db = track(openTestDb());
    vi.stubEnv('PROD', true);
    try {
      await expect(openVault(db, { channel: null, testOnlyKdfIterations: 1_000 })).rejects.toThrow(/unit tests only/);
      await expect(openVault(db, { channel: null, testOnlyKdf: FAST_ARGON2ID })).rejects.toThrow(/unit tests only/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

/** A small Argon2id for tests of the migration (the real cost has its own test above). */
const FAST_ARGON2ID: Argon2idParams = { name: 'Argon2id', memoryKiB: 256, passes: 1, parallelism: 1 };

describe('Moving PBKDF2 vaults to Argon2id', () => {
  it('rewraps the data key under Argon2id at the next successful unlock: the header changes, records do not', async () => {
    const db = track(openTestDb());
    const old = track(await openTestVault(db));
    await old.create(STRONG_PASSPHRASE);
    const envelope = await old.encryptJson('reports', 'r1', 1, 'kept');
    old.close();
    const before = await db.meta.get('vault');
    if (!before) throw new Error('no header');
    expect(before.kdf.name).toBe('PBKDF2-SHA256');

    const moved = track(await openTestVault(db, { testOnlyKdf: FAST_ARGON2ID }));
    await moved.unlock(STRONG_PASSPHRASE);
    const after = await db.meta.get('vault');
    expect(after?.kdf).toEqual(FAST_ARGON2ID);
    expect(after?.salt).not.toEqual(before.salt);
    expect(after?.wrappedKey).not.toEqual(before.wrappedKey);
    expect(await moved.decryptJson('reports', 'r1', 1, envelope)).toBe('kept');

    // The same passphrase opens the moved vault again, and a wrong one still fails.
    moved.lock();
    expect((await failWith(moved)).code).toBe('wrong-passphrase');
    await moved.unlock(STRONG_PASSPHRASE);
    expect(await moved.decryptJson('reports', 'r1', 1, envelope)).toBe('kept');
    expect((await db.meta.get('vault'))?.kdf).toEqual(FAST_ARGON2ID);

    // Raising the KDF keeps the passphrase and the data key (only a passphrase change makes a new key): a copy of
    // the OLD header with the same passphrase still opens the same data key, which nothing but the passphrase guards.
    const oldWrappingKey = await deriveWrappingKey(STRONG_PASSPHRASE, before.salt, before.kdf);
    const oldDataKey = await unwrapDataKey(oldWrappingKey, before.wrappedKey);
    const bytes = await decrypt(
      oldDataKey,
      envelope,
      boundRecordAad(0, { table: 'reports', id: 'r1', schemaVersion: 1 }),
    );
    expect(JSON.parse(new TextDecoder().decode(bytes))).toBe('kept');
  });

  it('never moves an Argon2id header back to PBKDF2, and raises its costs when the target is higher', async () => {
    const db = track(openTestDb());
    const first = track(await openTestVault(db, { testOnlyKdf: FAST_ARGON2ID }));
    await first.create(STRONG_PASSPHRASE);
    first.close();

    const pbkdf2 = track(await openTestVault(db));
    await pbkdf2.unlock(STRONG_PASSPHRASE);
    expect((await db.meta.get('vault'))?.kdf).toEqual(FAST_ARGON2ID);
    pbkdf2.close();

    const higher = { ...FAST_ARGON2ID, memoryKiB: 512 };
    const raised = track(await openTestVault(db, { testOnlyKdf: higher }));
    await raised.unlock(STRONG_PASSPHRASE);
    expect((await db.meta.get('vault'))?.kdf).toEqual(higher);
  });

  it('keeps the Argon2id parameters when the passphrase changes, and the new passphrase alone opens it', async () => {
    const { db, vault } = await createdVault({ testOnlyKdf: FAST_ARGON2ID });
    track(vault);
    await vault.changePassphrase(STRONG_PASSPHRASE, OTHER_STRONG_PASSPHRASE);
    expect((await db.meta.get('vault'))?.kdf).toEqual(FAST_ARGON2ID);
    vault.lock();
    expect((await failWith(vault, STRONG_PASSPHRASE)).code).toBe('wrong-passphrase');
    await vault.unlock(OTHER_STRONG_PASSPHRASE);
    expect(vault.state).toBe('unlocked');
  });

  it('refuses a header whose KDF parameters were changed to something it cannot run', async () => {
    const db = track(openTestDb());
    const vault = track(await openTestVault(db, { testOnlyKdf: FAST_ARGON2ID }));
    await vault.create(STRONG_PASSPHRASE);
    vault.lock();
    const header = await db.meta.get('vault');
    if (!header) throw new Error('no header');
    await db.meta.put({ ...header, kdf: { ...FAST_ARGON2ID, memoryKiB: 4 } }, 'vault');
    expect((await caught(vault.unlock(STRONG_PASSPHRASE))).code).toBe('tampered');
  });
});

describe('Wipe', () => {
  it('deletes the key and every row of every table', async () => {
    const { db, vault } = await createdVault();
    track(db);
    track(vault);
    await db.reports.put({
      id: 'r1',
      status: 'queued',
      createdAt: 1,
      updatedAt: 1,
      revision: 1,
      schemaVersion: 1,
      v: 1,
      ...(await vault.encryptJson('reports', 'r1', 1, 'x').then((e) => ({ iv: e.iv, ciphertext: e.ct }))),
    });
    await db.outbox.put({ reportId: 'r1', revision: 1, attempts: 0, nextAttemptAt: 1, lastError: null });
    await db.guidance.put({ version: '1', etag: null, pack: {}, fetchedAt: 1 }, 'active');
    await db.settings.put('https://example.test', 'endpointUrl');
    await db.secrets.put(await vault.encryptJson('secrets', 'accessToken', 1, 'tok'), 'accessToken');
    await db.receipts.put({ id: 'r0', revision: 1, receivedAt: '2026-01-01T00:00:00.000Z' });
    for (const table of TABLE_NAMES) expect(await db.table(table).count(), table).toBeGreaterThan(0);

    await vault.wipe();
    expect(vault.state).toBe('none');
    for (const table of TABLE_NAMES) expect(await db.table(table).count(), table).toBe(0);
    expect((await caught(vault.encryptJson('reports', 'r1', 1, 'x'))).code).toBe('locked');
    await vault.create(OTHER_STRONG_PASSPHRASE);
    expect(vault.state).toBe('unlocked');
  });
});

describe('Across tabs (BroadcastChannel)', () => {
  const nextState = (vault: Vault, want: VaultState) =>
    new Promise<void>((resolve) => {
      const stop = vault.subscribe((state) => {
        if (state === want) {
          stop();
          resolve();
        }
      });
    });

  it('locking in one tab locks the other; wiping in one empties the other', async () => {
    const db = track(openTestDb());
    const tabA = track(await openTestVault(db, { channel: undefined }));
    await tabA.create(STRONG_PASSPHRASE);
    const tabB = track(await openTestVault(db, { channel: undefined }));
    await tabB.unlock(STRONG_PASSPHRASE);

    const locked = nextState(tabB, 'locked');
    tabA.lock();
    await locked;
    expect(tabB.state).toBe('locked');

    const wiped = nextState(tabB, 'none');
    await tabA.wipe();
    await wiped;
    expect(tabB.state).toBe('none');
  });

  it('checks the database before believing a "wiped" message: a stray one only locks', async () => {
    let deliver: (event: { data: unknown }) => void = () => {};
    const channel = {
      postMessage: () => {},
      addEventListener: (_type: 'message', listener: (event: { data: unknown }) => void) => {
        deliver = listener;
      },
      close: () => {},
    };
    const { db, vault } = await createdVault({ channel });
    track(db);
    track(vault);
    const settled = new Promise<VaultState>((resolve) => vault.subscribe(resolve));
    deliver({ data: { type: 'wiped' } });
    expect(await settled).toBe('locked');
    await Promise.resolve();
    expect(vault.state).toBe('locked');
    deliver({ data: { type: 'unknown', key: 'x' } });
    expect(vault.state).toBe('locked');
  });

  it('works without BroadcastChannel (channel off): lock stays local', async () => {
    const { db, vault } = await createdVault({ channel: null });
    track(db);
    track(vault);
    vault.lock();
    expect(vault.state).toBe('locked');
    expect(isAppError(await caught(vault.encryptJson('reports', 'r', 1, 1)), 'locked')).toBe(true);
  });
});
