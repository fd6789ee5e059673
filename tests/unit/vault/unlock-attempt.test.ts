// One counted passphrase try against a real stored header (fake-indexeddb, real WebCrypto): counted before the
// derivation, refused during a wait, and what a wrong passphrase costs under the wipe policy.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createSettingsRepo } from '../../../src/store/settings-repo.ts';
import { createVaultStorage } from '../../../src/store/vault-storage.ts';
import { argon2idBytes } from '../../../src/vault/crypto.ts';
import { type AttemptDeps, countedAttempt } from '../../../src/vault/unlock-attempt.ts';
import {
  caught,
  closeAfterTest,
  createdVault,
  expectAppError,
  manualClock,
  STRONG_PASSPHRASE,
  WRONG_PASSPHRASE,
} from '../fixtures.ts';

/** A locked vault's header in a real database, and the attempt's dependencies over it. */
const attemptSetup = async (wipeAfterFailures: number | null = null) => {
  const clock = manualClock();
  const { db, vault } = await createdVault();
  closeAfterTest(db, vault);
  if (wipeAfterFailures !== null) await createSettingsRepo(db, vault).update({ wipeAfterFailures });
  vault.lock();
  const wipes: number[] = [];
  const deps: AttemptDeps = {
    storage: createVaultStorage(db),
    now: clock.now,
    derive: argon2idBytes,
    wipe: async () => {
      wipes.push(clock.now());
    },
  };
  const stored = async () => (await db.meta.get('vault')) as { failedAttempts: number; lastFailedAt: number | null };
  const setStored = (fields: object) =>
    db.meta.update('vault', (header) => {
      Object.assign(header, fields);
    });
  return { clock, db, deps, wipes, stored, setStored };
};

describe('a counted passphrase try', () => {
  it('opens the data key with the right passphrase, counted like any try', async () => {
    const { deps, stored, clock } = await attemptSetup();
    const opened = await countedAttempt(deps, STRONG_PASSPHRASE);
    expect(opened.key.algorithm).toMatchObject({ name: 'AES-GCM' });
    expect(opened.wrappingKey.algorithm).toMatchObject({ name: 'AES-KW' });
    expect(opened.header.failedAttempts).toBe(1);
    expect(await stored()).toMatchObject({ failedAttempts: 1, lastFailedAt: clock.now() });
  });

  it('answers a wrong passphrase with the count, the wait to come and no wipe policy', async () => {
    const { deps, stored, setStored } = await attemptSetup();
    await setStored({ failedAttempts: 3, lastFailedAt: 0 });
    const error = await expectAppError(countedAttempt(deps, WRONG_PASSPHRASE), 'wrong-passphrase');
    expect(error.detail).toEqual({ failedAttempts: 4, retryAfterMs: 4_000, attemptsBeforeWipe: null, wiped: false });
    expect(error.cause).toMatchObject({ code: 'wrong-passphrase' });
    expect((await stored()).failedAttempts).toBe(4);
  });

  it('refuses any try during a wait without counting it, and says how long is left', async () => {
    const { deps, stored, setStored, clock } = await attemptSetup();
    await setStored({ failedAttempts: 4, lastFailedAt: clock.now() - 1_000 });
    const error = await expectAppError(countedAttempt(deps, STRONG_PASSPHRASE), 'too-many-attempts');
    expect(error.detail).toEqual({ retryAfterMs: 3_000, failedAttempts: 4 });
    expect(await stored()).toMatchObject({ failedAttempts: 4, lastFailedAt: clock.now() - 1_000 });
    clock.advance(3_000);
    await expect(countedAttempt(deps, STRONG_PASSPHRASE)).resolves.toBeTruthy();
  });

  it('pulls a failure time from the future back to now, so a clock moved backwards waits one delay at most', async () => {
    const { deps, stored, setStored, clock } = await attemptSetup();
    await setStored({ failedAttempts: 4, lastFailedAt: clock.now() + 86_400_000 });
    const error = await expectAppError(countedAttempt(deps, STRONG_PASSPHRASE), 'too-many-attempts');
    expect(error.detail).toEqual({ retryAfterMs: 4_000, failedAttempts: 4 });
    expect((await stored()).lastFailedAt).toBe(clock.now());
    clock.advance(4_000);
    await expect(countedAttempt(deps, STRONG_PASSPHRASE)).resolves.toBeTruthy();
  });

  it('passes on a failure that is not a wrong passphrase (the derivation failing) unchanged', async () => {
    const { deps, stored, setStored } = await attemptSetup();
    const broken = new Error('the key-derivation worker stopped');
    await setStored({ kdf: { name: 'Argon2id', memoryKiB: 64, passes: 1, parallelism: 1 } });
    const error = await countedAttempt({ ...deps, derive: () => Promise.reject(broken) }, STRONG_PASSPHRASE).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBe(broken);
    expect((await stored()).failedAttempts).toBe(1);
  });

  it('refuses a changed header as tampered before counting', async () => {
    const { deps, setStored, stored } = await attemptSetup();
    await setStored({ wrap: 'none' });
    await expectAppError(countedAttempt(deps, STRONG_PASSPHRASE), 'tampered');
    expect((await stored()).failedAttempts).toBe(0);
  });
});

describe('the wipe policy', () => {
  it('counts down the wrong passphrases left, then wipes at the limit and says so', async () => {
    const { deps, wipes } = await attemptSetup(3);
    const first = await caught(countedAttempt(deps, WRONG_PASSPHRASE));
    expect(first.detail).toEqual({ failedAttempts: 1, retryAfterMs: 0, attemptsBeforeWipe: 2, wiped: false });
    const second = await caught(countedAttempt(deps, WRONG_PASSPHRASE));
    expect(second.detail).toEqual({ failedAttempts: 2, retryAfterMs: 0, attemptsBeforeWipe: 1, wiped: false });
    expect(wipes).toEqual([]);
    const last = await caught(countedAttempt(deps, WRONG_PASSPHRASE));
    expect(last.code).toBe('wrong-passphrase');
    expect(last.detail).toEqual({ failedAttempts: 3, retryAfterMs: 0, attemptsBeforeWipe: 0, wiped: true });
    expect(last.cause).toMatchObject({ code: 'wrong-passphrase' });
    expect(wipes).toHaveLength(1);
  });

  it('wipes at the next wrong passphrase when the policy was lowered below the failures already counted', async () => {
    const { deps, wipes, setStored } = await attemptSetup(3);
    await setStored({ failedAttempts: 5, lastFailedAt: null });
    const error = await caught(countedAttempt(deps, WRONG_PASSPHRASE));
    expect(error.detail).toEqual({ failedAttempts: 6, retryAfterMs: 0, attemptsBeforeWipe: 0, wiped: true });
    expect(wipes).toHaveLength(1);
  });

  it('never wipes for the right passphrase, even on the last allowed try', async () => {
    const { deps, wipes, setStored } = await attemptSetup(3);
    await setStored({ failedAttempts: 2, lastFailedAt: null });
    await expect(countedAttempt(deps, STRONG_PASSPHRASE)).resolves.toBeTruthy();
    expect(wipes).toEqual([]);
  });
});
