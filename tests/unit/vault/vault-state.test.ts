import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/domain/errors.ts';
import type { SafeVisitDb } from '../../../src/store/db.ts';
import { createVaultStorage } from '../../../src/store/vault-storage.ts';
import {
  type Argon2idParams,
  argon2idBytes,
  createDataKey,
  deriveWrappingKey,
  FIRST_KEY_ID,
  KDF_DEFAULTS,
  randomBytes,
  SALT_BYTES,
} from '../../../src/vault/crypto.ts';
import {
  VAULT_HEADER_VERSION,
  Vault,
  type VaultChannel,
  type VaultOptions,
  type VaultState,
  type VaultStorage,
} from '../../../src/vault/vault.ts';
import type { VaultMessage } from '../../../src/vault/vault-channel.ts';
import {
  caught,
  closeAfterTest,
  manualClock,
  OTHER_STRONG_PASSPHRASE,
  openTestDb,
  STRONG_PASSPHRASE,
  TEST_KDF_ITERATIONS,
  WRONG_PASSPHRASE,
} from '../fixtures.ts';

/** A channel the test reads and writes by hand: what the vault posted, and a way to deliver another tab's message. */
const handChannel = (options: { failPost?: boolean } = {}) => {
  const posted: VaultMessage[] = [];
  let listener: (event: { data: unknown }) => void = () => {};
  let closed = false;
  const channel: VaultChannel = {
    postMessage: (message) => {
      if (options.failPost) throw new Error('channel closed');
      posted.push(message);
    },
    addEventListener: (_type, l) => {
      listener = l;
    },
    close: () => {
      closed = true;
    },
  };
  return { channel, posted, deliver: (data: unknown) => listener({ data }), isClosed: () => closed };
};

/** The header reads each database's vaults started, so a test can wait for what a message made the vault read. */
const headerReads = new WeakMap<SafeVisitDb, Promise<unknown>[]>();

/** A vault over `db` (closed with it after the test), with the fast test KDF and no channel unless given. */
const vaultOver = async (
  db: SafeVisitDb,
  options: VaultOptions = {},
  storage: VaultStorage = createVaultStorage(db),
) => {
  const reads = headerReads.get(db) ?? [];
  headerReads.set(db, reads);
  const watched: VaultStorage = {
    ...storage,
    readHeader: () => {
      const read = storage.readHeader();
      reads.push(read);
      return read;
    },
  };
  const vault = await Vault.open(watched, { testOnlyKdfIterations: TEST_KDF_ITERATIONS, channel: null, ...options });
  closeAfterTest(db, vault);
  return vault;
};

/** Lets whatever a message made the vault do settle: every header read it started, then one turn of the loop. */
const settled = async (db: SafeVisitDb) => {
  await Promise.allSettled(headerReads.get(db) ?? []);
  await new Promise((resolve) => setTimeout(resolve, 0));
};

/** The next state change of `vault`. */
const nextChange = (vault: Vault) =>
  new Promise<VaultState>((resolve) => {
    const stop = vault.subscribe((state) => {
      stop();
      resolve(state);
    });
  });

describe('Vault state and listeners', () => {
  it('gives the state through get() too, and stops calling a listener once it unsubscribes', async () => {
    const db = openTestDb();
    const vault = await vaultOver(db);
    expect(vault.get()).toBe('none');
    const seen: VaultState[] = [];
    const unsubscribe = vault.subscribe((state) => seen.push(state));
    await vault.create(STRONG_PASSPHRASE);
    expect(vault.get()).toBe('unlocked');
    unsubscribe();
    vault.lock();
    expect(seen).toEqual(['unlocked']);
    expect(vault.get()).toBe('locked');
  });

  it('stores the first header with key 0, no failures, the current layout, the target KDF and the clock', async () => {
    const clock = manualClock();
    const db = openTestDb();
    const vault = await vaultOver(db, { now: clock.now });
    await vault.create(STRONG_PASSPHRASE);
    const header = await db.meta.get('vault');
    expect(header).toMatchObject({
      kdf: { ...KDF_DEFAULTS, iterations: TEST_KDF_ITERATIONS },
      wrap: 'AES-KW',
      keyId: FIRST_KEY_ID,
      failedAttempts: 0,
      lastFailedAt: null,
      schemaVersion: VAULT_HEADER_VERSION,
      createdAt: clock.now(),
    });
    expect(header?.salt.byteLength).toBe(SALT_BYTES);
  });

  it('does not lock locked listeners twice: lock() on a locked vault calls nobody', async () => {
    const db = openTestDb();
    const vault = await vaultOver(db);
    await vault.create(STRONG_PASSPHRASE);
    vault.lock();
    const seen: VaultState[] = [];
    vault.subscribe((state) => seen.push(state));
    vault.lock();
    expect(seen).toEqual([]);
  });

  it('tells listeners nothing new when a vault already unlocked is unlocked again', async () => {
    const db = openTestDb();
    const vault = await vaultOver(db);
    await vault.create(STRONG_PASSPHRASE);
    const seen: VaultState[] = [];
    vault.subscribe((state) => seen.push(state));
    await vault.unlock(STRONG_PASSPHRASE);
    expect(seen).toEqual([]);
    expect(vault.state).toBe('unlocked');
  });

  it('unlocks a vault another tab created after this one opened, without any message', async () => {
    const db = openTestDb();
    const late = await vaultOver(db);
    expect(late.state).toBe('none');
    await (await vaultOver(db)).create(STRONG_PASSPHRASE);
    await late.unlock(STRONG_PASSPHRASE);
    expect(late.state).toBe('unlocked');
  });

  it('counts a wrong passphrase on a vault another tab created after this one opened', async () => {
    const db = openTestDb();
    const late = await vaultOver(db);
    await (await vaultOver(db)).create(STRONG_PASSPHRASE);
    expect((await caught(late.unlock(WRONG_PASSPHRASE))).code).toBe('wrong-passphrase');
    expect(late.state).toBe('locked');
  });

  it('stays without a vault when storing the first header fails for another reason than an existing vault', async () => {
    const db = openTestDb();
    const storage = createVaultStorage(db);
    const vault = await vaultOver(
      db,
      {},
      { ...storage, createHeader: () => Promise.reject(new AppError('quota-exceeded')) },
    );
    expect((await caught(vault.create(STRONG_PASSPHRASE))).code).toBe('quota-exceeded');
    expect(vault.state).toBe('none');
    expect((await caught(vault.encryptJson('reports', 'r1', 1, 'x'))).code).toBe('locked');
  });
});

describe('failureStatus', () => {
  it('reports nothing to wait for when there is no vault yet', async () => {
    const vault = await vaultOver(openTestDb());
    expect(await vault.failureStatus()).toEqual({
      failedAttempts: 0,
      retryAfterMs: 0,
      attemptsBeforeWipe: null,
      wiped: false,
    });
  });

  it('counts down the tries left under the wipe policy, and never below zero when the policy was lowered', async () => {
    const clock = manualClock();
    const db = openTestDb();
    const vault = await vaultOver(db, { now: clock.now });
    await vault.create(STRONG_PASSPHRASE);
    await db.settings.put(5, 'wipeAfterFailures');
    vault.lock();
    for (let i = 0; i < 3; i++) await caught(vault.unlock(WRONG_PASSPHRASE));
    expect(await vault.failureStatus()).toEqual({
      failedAttempts: 3,
      retryAfterMs: 2_000,
      attemptsBeforeWipe: 2,
      wiped: false,
    });
    clock.advance(2_000);
    await caught(vault.unlock(WRONG_PASSPHRASE));
    await db.settings.put(3, 'wipeAfterFailures');
    expect((await vault.failureStatus()).attemptsBeforeWipe).toBe(0);
  });

  it('refuses a changed header as tampered instead of reading its counters', async () => {
    const db = openTestDb();
    const vault = await vaultOver(db);
    await vault.create(STRONG_PASSPHRASE);
    const header = await db.meta.get('vault');
    await db.meta.put({ ...header, failedAttempts: -1 } as NonNullable<typeof header>, 'vault');
    expect((await caught(vault.failureStatus())).code).toBe('tampered');
  });
});

describe('Vault messages to other tabs', () => {
  it('tells other tabs what happened: created, locked, rekeyed, wiped; an unlock alone says nothing', async () => {
    const db = openTestDb();
    const { channel, posted } = handChannel();
    const vault = await vaultOver(db, { channel });
    await vault.create(STRONG_PASSPHRASE);
    expect(posted).toEqual([{ type: 'created' }]);
    vault.lock();
    await vault.unlock(STRONG_PASSPHRASE);
    expect(posted).toEqual([{ type: 'created' }, { type: 'locked' }]);
    await vault.changePassphrase(STRONG_PASSPHRASE, OTHER_STRONG_PASSPHRASE);
    await vault.wipe();
    expect(posted).toEqual([{ type: 'created' }, { type: 'locked' }, { type: 'rekeyed' }, { type: 'wiped' }]);
  });

  it('still locks and wipes when the channel is already closed (page going away)', async () => {
    const db = openTestDb();
    const { channel } = handChannel({ failPost: true });
    const vault = await vaultOver(db, { channel });
    await vault.create(STRONG_PASSPHRASE);
    vault.lock();
    expect(vault.state).toBe('locked');
    await vault.unlock(STRONG_PASSPHRASE);
    await vault.wipe();
    expect(vault.state).toBe('none');
    expect(await db.meta.count()).toBe(0);
  });

  it('closes its channel and forgets its listeners on close', async () => {
    const db = openTestDb();
    const { channel, isClosed, deliver } = handChannel();
    const vault = await vaultOver(db, { channel });
    await vault.create(STRONG_PASSPHRASE);
    const seen: VaultState[] = [];
    vault.subscribe((state) => seen.push(state));
    vault.close();
    expect(isClosed()).toBe(true);
    expect(vault.state).toBe('locked');
    expect(seen).toEqual(['locked']);
    // A late message from another tab reaches no listener any more.
    await db.meta.clear();
    deliver({ type: 'wiped' });
    await settled(db);
    expect(seen).toEqual(['locked']);
  });
});

describe('Vault messages from other tabs', () => {
  it.each(['locked', 'rekeyed'] as const)('locks on "%s" from another tab', async (type) => {
    const db = openTestDb();
    const { channel, deliver } = handChannel();
    const vault = await vaultOver(db, { channel });
    await vault.create(STRONG_PASSPHRASE);
    deliver({ type });
    expect(vault.state).toBe('locked');
    expect((await caught(vault.encryptJson('reports', 'r1', 1, 'x'))).code).toBe('locked');
  });

  it('ignores what is not a vault message', async () => {
    const db = openTestDb();
    const { channel, deliver } = handChannel();
    const vault = await vaultOver(db, { channel });
    await vault.create(STRONG_PASSPHRASE);
    for (const data of [null, 'locked', { type: 'lock' }, {}]) deliver(data);
    expect(vault.state).toBe('unlocked');
  });

  it('goes to "none" on "wiped" when the database is empty', async () => {
    const db = openTestDb();
    const { channel, deliver } = handChannel();
    const vault = await vaultOver(db, { channel });
    await vault.create(STRONG_PASSPHRASE);
    await db.meta.clear();
    const states: VaultState[] = [];
    vault.subscribe((state) => states.push(state));
    const settled = new Promise<void>((resolve) =>
      vault.subscribe((state) => {
        if (state === 'none') resolve();
      }),
    );
    deliver({ type: 'wiped' });
    await settled;
    expect(states).toEqual(['locked', 'none']);
  });

  it('tells listeners nothing on a stray "wiped" while locked: the vault is still there and still locked', async () => {
    const db = openTestDb();
    const { channel, deliver } = handChannel();
    const vault = await vaultOver(db, { channel });
    await vault.create(STRONG_PASSPHRASE);
    vault.lock();
    const seen: VaultState[] = [];
    vault.subscribe((state) => seen.push(state));
    deliver({ type: 'wiped' });
    await settled(db);
    expect(seen).toEqual([]);
    expect(vault.state).toBe('locked');
  });

  it('shows the unlock screen on "created" from another tab, once the header is there', async () => {
    const db = openTestDb();
    const { channel, deliver } = handChannel();
    const vault = await vaultOver(db, { channel });
    await (await vaultOver(db)).create(STRONG_PASSPHRASE);
    const change = nextChange(vault);
    deliver({ type: 'created' });
    expect(await change).toBe('locked');
  });

  it('shows the unlock screen on a later message when it missed "created" (another tab made the vault, then locked)', async () => {
    const db = openTestDb();
    const { channel, deliver } = handChannel();
    const vault = await vaultOver(db, { channel });
    await (await vaultOver(db)).create(STRONG_PASSPHRASE);
    deliver({ type: 'locked' });
    await settled(db);
    expect(vault.state).toBe('locked');
  });

  it('stays without a vault on a stray "created" (no header in the database)', async () => {
    const db = openTestDb();
    const { channel, deliver } = handChannel();
    const vault = await vaultOver(db, { channel });
    const seen: VaultState[] = [];
    vault.subscribe((state) => seen.push(state));
    deliver({ type: 'created' });
    await settled(db);
    expect(seen).toEqual([]);
    expect(vault.state).toBe('none');
  });

  it('keeps an unlocked vault unlocked on "created" (only a tab without a vault cares)', async () => {
    const db = openTestDb();
    const { channel, deliver } = handChannel();
    const vault = await vaultOver(db, { channel });
    await vault.create(STRONG_PASSPHRASE);
    deliver({ type: 'created' });
    await settled(db);
    expect(vault.state).toBe('unlocked');
  });
});

describe('Re-keying at unlock', () => {
  it('moves a version 1 vault to key ids at unlock and tells other tabs, which hold key 0 only', async () => {
    const db = openTestDb();
    const salt = randomBytes(SALT_BYTES);
    const kdf = { ...KDF_DEFAULTS, iterations: TEST_KDF_ITERATIONS };
    const { wrappedKey } = await createDataKey(await deriveWrappingKey(STRONG_PASSPHRASE, salt, kdf));
    await db.meta.put(
      { kdf, salt, wrap: 'AES-KW', wrappedKey, failedAttempts: 0, lastFailedAt: null, schemaVersion: 1, createdAt: 1 },
      'vault',
    );
    const { channel, posted } = handChannel();
    const vault = await vaultOver(db, { channel });
    await vault.unlock(STRONG_PASSPHRASE);
    expect(posted).toEqual([{ type: 'rekeyed' }]);
    await vault.whenRekeyed();
    const header = await db.meta.get('vault');
    expect(header).toMatchObject({ keyId: 1, schemaVersion: VAULT_HEADER_VERSION });
    expect(header?.retiring).toBeUndefined();
  });

  it('runs no re-encryption pass after an unlock with nothing to re-key', async () => {
    const db = openTestDb();
    const storage = createVaultStorage(db);
    let passes = 0;
    const counting: VaultStorage = {
      ...storage,
      reencryptAll: (crypto, options) => {
        passes++;
        return storage.reencryptAll(crypto, options);
      },
    };
    const vault = await vaultOver(db, {}, counting);
    await vault.create(STRONG_PASSPHRASE);
    vault.lock();
    await vault.unlock(STRONG_PASSPHRASE);
    await vault.whenRekeyed();
    expect(passes).toBe(0);
  });
});

describe('Options and refusals', () => {
  it('opens in a production build when no test-only option is given', async () => {
    vi.stubEnv('PROD', true);
    try {
      const vault = await Vault.open(createVaultStorage(openTestDb()), { channel: null });
      expect(vault.state).toBe('none');
      vault.close();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('derives Argon2id with the function it is given (the page gives its worker)', async () => {
    const fast: Argon2idParams = { name: 'Argon2id', memoryKiB: 256, passes: 1, parallelism: 1 };
    let calls = 0;
    const db = openTestDb();
    const vault = await vaultOver(db, {
      testOnlyKdf: fast,
      deriveArgon2id: (passphrase, salt, kdf) => {
        calls++;
        return argon2idBytes(passphrase, salt, kdf);
      },
    });
    await vault.create(STRONG_PASSPHRASE);
    vault.lock();
    await vault.unlock(STRONG_PASSPHRASE);
    expect(calls).toBe(2);
  });

  it('refuses to create over the vault it holds, and stays unlocked with its key', async () => {
    const db = openTestDb();
    const vault = await vaultOver(db);
    await vault.create(STRONG_PASSPHRASE);
    const envelope = await vault.encryptJson('reports', 'r1', 1, 'kept');
    const error = await caught(vault.create(OTHER_STRONG_PASSPHRASE));
    expect(error.code).toBe('invalid');
    expect(error.detail).toEqual({ reason: 'vault-exists' });
    expect(vault.state).toBe('unlocked');
    expect(await vault.decryptJson('reports', 'r1', 1, envelope)).toBe('kept');
  });

  it('stays without a vault after unlocking or locking one that does not exist', async () => {
    const db = openTestDb();
    const vault = await vaultOver(db);
    expect((await caught(vault.unlock(STRONG_PASSPHRASE))).code).toBe('no-vault');
    expect(vault.state).toBe('none');
    vault.lock();
    expect(vault.state).toBe('none');
  });
});

describe('A re-key pass interrupted', () => {
  /** Secrets under the current key, enough for several batches of one. */
  const secrets = async (db: SafeVisitDb, vault: Vault, count: number) => {
    for (let i = 0; i < count; i++) {
      await db.secrets.put(await vault.encryptJson('secrets', `s${i}`, 1, { i }), `s${i}`);
    }
  };

  it('stops at the next batch when the vault locks, and the next unlock finishes it', async () => {
    const db = openTestDb();
    const storage = createVaultStorage(db);
    let lockAfterFirstBatch: (() => void) | null = null;
    const vault = await vaultOver(
      db,
      {},
      {
        ...storage,
        reencryptAll: (crypto, options) =>
          storage.reencryptAll(crypto, {
            ...options,
            batchSize: 1,
            afterBatch: () => {
              lockAfterFirstBatch?.();
              lockAfterFirstBatch = null;
              options.afterBatch?.();
            },
          }),
      },
    );
    await vault.create(STRONG_PASSPHRASE);
    await secrets(db, vault, 3);
    lockAfterFirstBatch = () => vault.lock();
    const error = await caught(vault.changePassphrase(STRONG_PASSPHRASE, OTHER_STRONG_PASSPHRASE));
    expect(error.code).toBe('locked');
    expect((await db.meta.get('vault'))?.retiring).toHaveLength(1);

    await vault.unlock(OTHER_STRONG_PASSPHRASE);
    await vault.whenRekeyed();
    expect((await db.meta.get('vault'))?.retiring).toBeUndefined();
    for (let i = 0; i < 3; i++) {
      expect(await vault.decryptJson('secrets', `s${i}`, 1, (await db.secrets.get(`s${i}`)) as never)).toEqual({ i });
    }
  });

  it('leaves the header to a re-key another tab started meanwhile: this pass ends in a conflict', async () => {
    const db = openTestDb();
    const storage = createVaultStorage(db);
    const THIRD = 'Copper meadow swiftly 83 ladders';
    let otherTab: (() => Promise<void>) | null = null;
    const vault = await vaultOver(
      db,
      {},
      {
        ...storage,
        reencryptAll: async (crypto, options) => {
          const first = otherTab;
          otherTab = null;
          await first?.();
          return storage.reencryptAll(crypto, options);
        },
      },
    );
    await vault.create(STRONG_PASSPHRASE);
    await secrets(db, vault, 2);
    otherTab = async () => {
      const other = await vaultOver(db);
      await other.unlock(OTHER_STRONG_PASSPHRASE);
      await other.changePassphrase(OTHER_STRONG_PASSPHRASE, THIRD);
    };
    const error = await caught(vault.changePassphrase(STRONG_PASSPHRASE, OTHER_STRONG_PASSPHRASE));
    expect(error.code).toBe('conflict');
    expect(error.detail).toEqual({ reason: 'rekeyed-elsewhere' });
    const header = await db.meta.get('vault');
    expect(header?.keyId).toBe(2);
    expect(header?.retiring).toBeUndefined();
  });
});
