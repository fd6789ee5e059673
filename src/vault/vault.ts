// The vault: creates, unlocks and locks the data key, throttles wrong passphrases, and encrypts/decrypts JSON
// for the store. The only holder of the key (in memory, non-extractable); never stores anything itself: it
// reaches IndexedDB through the small VaultStorage port that src/store implements.
import { AppError, isAppError } from '../domain/errors.ts';
import {
  createDataKey,
  deriveWrappingKey,
  type Envelope,
  KDF_DEFAULTS,
  type KdfParams,
  kdfBelow,
  raisedKdf,
  randomBytes,
  rewrapDataKey,
  SALT_BYTES,
  unwrapDataKey,
  VAULT_KDF_DEFAULTS,
} from './crypto.ts';
import { decryptJsonWith, encryptJsonWith } from './record-json.ts';
import {
  checked,
  retryAfterMs,
  sameBytes,
  type UnlockFailure,
  unlockDelayMs,
  VAULT_HEADER_VERSION,
  type VaultHeader,
  type VaultStorage,
} from './vault-header.ts';

export { preloadKeyDerivation } from './crypto.ts';
export {
  retryAfterMs,
  UNLOCK_DELAY_BASE_MS,
  UNLOCK_DELAY_CAP_MS,
  UNLOCK_FREE_ATTEMPTS,
  type UnlockFailure,
  unlockDelayMs,
  VAULT_HEADER_VERSION,
  type VaultHeader,
  type VaultStorage,
} from './vault-header.ts';

/** Refuses a passphrase that breaks a rule or that the guessing estimate finds too easy: AppError('invalid', { reason: 'weak-passphrase', rules }). */
const requireStrong = async (passphrase: string): Promise<void> => {
  // The rules are their own chunk too: unlocking never needs them.
  const { checkPassphrase, isStrongEnough, loadPassphraseEstimator } = await import('./passphrase-strength.ts');
  // Not in the precache (its dictionaries alone are over twice the app): offline before first use, it cannot load.
  const estimator = await loadPassphraseEstimator().catch((cause: unknown) => {
    throw new AppError('checker-unavailable', undefined, { cause });
  });
  const estimate = estimator.estimateGuesses(passphrase);
  if (isStrongEnough(passphrase, estimate)) return;
  const rules = checkPassphrase(passphrase, estimate)
    .filter((check) => !check.ok)
    .map((check) => check.rule);
  throw new AppError('invalid', { reason: 'weak-passphrase', rules });
};

export type VaultState = 'none' | 'locked' | 'unlocked';

export const VAULT_CHANNEL_NAME = 'safevisit-vault';

/** Messages between tabs. They carry no data, only what happened. */
type VaultMessage = { type: 'locked' } | { type: 'wiped' } | { type: 'created' };

/** The part of BroadcastChannel the vault uses; injectable for tests. */
export type VaultChannel = {
  postMessage: (message: VaultMessage) => void;
  addEventListener: (type: 'message', listener: (event: { data: unknown }) => void) => void;
  close: () => void;
};

export type VaultOptions = {
  /** Clock in epoch ms (tests). */
  now?: () => number;
  /**
   * TEST ONLY: derive new wrapping keys with PBKDF2 and this many iterations instead of VAULT_KDF_DEFAULTS
   * (Argon2id), to keep unit tests fast. The app never sets it; a production build refuses it. Existing headers
   * are never lowered to it (an Argon2id header stays Argon2id).
   */
  testOnlyKdfIterations?: number;
  /** TEST ONLY: derive new wrapping keys with these parameters (e.g. a small Argon2id); refused like the above. */
  testOnlyKdf?: KdfParams;
  /** Cross-tab channel; defaults to BroadcastChannel('safevisit-vault') where it exists; null turns it off. */
  channel?: VaultChannel | null;
};

const isVaultMessage = (data: unknown): data is VaultMessage =>
  typeof data === 'object' &&
  data !== null &&
  ['locked', 'wiped', 'created'].includes((data as { type?: unknown }).type as string);

const defaultChannel = (): VaultChannel | null =>
  typeof globalThis.BroadcastChannel === 'function'
    ? (new globalThis.BroadcastChannel(VAULT_CHANNEL_NAME) as unknown as VaultChannel)
    : null;

/** The vault's record encryption, as `Vault.keyed()` hands it out. */
export type KeyedCrypto = Pick<Vault, 'encryptJson' | 'decryptJson'>;

/**
 * The lock state and the data key. Every method except `create`, `unlock`, `lock`, `wipe`, `failureStatus`,
 * `subscribe` and `close` needs an unlocked vault and throws AppError('locked') otherwise.
 */
export class Vault {
  readonly #storage: VaultStorage;
  readonly #now: () => number;
  readonly #targetKdf: KdfParams;
  readonly #channel: VaultChannel | null;
  readonly #listeners = new Set<(state: VaultState) => void>();
  #state: VaultState;
  /** The data key: non-extractable, in memory only, dropped on lock. */
  #key: CryptoKey | null = null;

  private constructor(storage: VaultStorage, state: VaultState, options: VaultOptions) {
    this.#storage = storage;
    this.#state = state;
    this.#now = options.now ?? Date.now;
    if (
      (options.testOnlyKdfIterations !== undefined || options.testOnlyKdf !== undefined) &&
      import.meta.env?.PROD === true
    ) {
      throw new Error('testOnlyKdfIterations and testOnlyKdf are for unit tests only');
    }
    this.#targetKdf =
      options.testOnlyKdf ??
      (options.testOnlyKdfIterations === undefined
        ? VAULT_KDF_DEFAULTS
        : { ...KDF_DEFAULTS, iterations: options.testOnlyKdfIterations });
    this.#channel = options.channel === undefined ? defaultChannel() : options.channel;
    this.#channel?.addEventListener('message', (event) => {
      if (isVaultMessage(event.data)) void this.#onMessage(event.data);
    });
  }

  /** Opens the vault over its storage: state 'none' when no vault exists yet, else 'locked'. */
  static async open(storage: VaultStorage, options: VaultOptions = {}): Promise<Vault> {
    const header = await storage.readHeader();
    return new Vault(storage, header === undefined ? 'none' : 'locked', options);
  }

  get state(): VaultState {
    return this.#state;
  }

  /** Same as `state`; lets the UI use the vault as an observable (`useObservable(vault)`). */
  get(): VaultState {
    return this.#state;
  }

  /** Calls `listener` with the new state on every change (also when another tab locks or wipes). Returns unsubscribe. */
  subscribe(listener: (state: VaultState) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * First run: makes the data key and wraps it under the passphrase. Refuses a weak passphrase with
   * AppError('invalid', { reason: 'weak-passphrase', rules }) and an existing vault with AppError('invalid', { reason: 'vault-exists' }).
   */
  async create(passphrase: string): Promise<void> {
    await requireStrong(passphrase);
    if (this.#state !== 'none') throw new AppError('invalid', { reason: 'vault-exists' });
    const salt = randomBytes(SALT_BYTES);
    const kdf = { ...this.#targetKdf };
    const wrappingKey = await deriveWrappingKey(passphrase, salt, kdf);
    const { key, wrappedKey } = await createDataKey(wrappingKey);
    try {
      await this.#storage.createHeader({
        kdf,
        salt,
        wrap: 'AES-KW',
        wrappedKey,
        failedAttempts: 0,
        lastFailedAt: null,
        schemaVersion: VAULT_HEADER_VERSION,
        createdAt: this.#now(),
      });
    } catch (error) {
      // Another tab created one first: ours was never stored, theirs needs unlocking.
      if (isAppError(error, 'invalid')) this.#setState('locked');
      throw error;
    }
    this.#key = key;
    this.#setState('unlocked');
    this.#post({ type: 'created' });
  }

  /**
   * Unlocks with the passphrase. Throws AppError('wrong-passphrase', UnlockFailure); after 3 wrong ones each
   * try must wait longer, and a try before the wait is over throws AppError('too-many-attempts', { retryAfterMs })
   * without deriving anything. With the wipe policy on, the Nth wrong passphrase wipes the vault
   * (detail.wiped true, state 'none'). Raises stored KDF parameters to the current ones on success.
   */
  async unlock(passphrase: string): Promise<void> {
    if (this.#state === 'none') {
      // Another tab may have created it since we opened.
      if ((await this.#storage.readHeader()) === undefined) throw new AppError('no-vault');
      this.#setState('locked');
    }
    const { header, wrappingKey, key } = await this.#attempt(passphrase);

    // A header below the target (a PBKDF2 vault, or Argon2id with lower costs) is rewrapped under the raised
    // parameters: the data key and every record stay as they are; only the header changes.
    let raised: Pick<VaultHeader, 'kdf' | 'salt' | 'wrappedKey'> | null = null;
    if (kdfBelow(header.kdf, this.#targetKdf)) {
      const salt = randomBytes(SALT_BYTES);
      const kdf = raisedKdf(header.kdf, this.#targetKdf);
      const newWrappingKey = await deriveWrappingKey(passphrase, salt, kdf);
      raised = { kdf, salt, wrappedKey: await rewrapDataKey(wrappingKey, header.wrappedKey, newWrappingKey) };
    }
    await this.#storage.updateHeader((stored) => {
      const current = checked(stored);
      const reset = { ...current, failedAttempts: 0, lastFailedAt: null };
      // Only replace the wrapping we unwrapped: a passphrase changed meanwhile in another tab wins.
      const unchanged = sameBytes(current.salt, header.salt) && sameBytes(current.wrappedKey, header.wrappedKey);
      return raised && unchanged ? { ...reset, ...raised } : reset;
    });
    this.#key = key;
    this.#setState('unlocked');
  }

  /** Counters for the unlock screen (e.g. a countdown after a reload). Works while locked. */
  async failureStatus(): Promise<UnlockFailure> {
    const stored = await this.#storage.readHeader();
    if (stored === undefined) return { failedAttempts: 0, retryAfterMs: 0, attemptsBeforeWipe: null, wiped: false };
    const header = checked(stored);
    const limit = await this.#storage.readWipeAfterFailures();
    return {
      failedAttempts: header.failedAttempts,
      retryAfterMs: retryAfterMs(header, this.#now()),
      attemptsBeforeWipe: limit === null ? null : Math.max(0, limit - header.failedAttempts),
      wiped: false,
    };
  }

  /** Drops the key and tells every listener and every other tab. Safe to call in any state. */
  lock(): void {
    this.#lockHere();
    this.#post({ type: 'locked' });
  }

  /**
   * Rewraps the data key under `next` (records are not re-encrypted). `current` is checked like an unlock attempt,
   * so it counts towards the delays and the wipe policy. Needs an unlocked vault.
   */
  async changePassphrase(current: string, next: string): Promise<void> {
    this.#requireKey();
    await requireStrong(next);
    const { header, wrappingKey } = await this.#attempt(current);
    const salt = randomBytes(SALT_BYTES);
    // Never lower the work factor below what the header already had.
    const kdf = raisedKdf(header.kdf, this.#targetKdf);
    const newWrappingKey = await deriveWrappingKey(next, salt, kdf);
    const wrappedKey = await rewrapDataKey(wrappingKey, header.wrappedKey, newWrappingKey);
    await this.#storage.updateHeader((stored) => {
      const now = checked(stored);
      if (!sameBytes(now.salt, header.salt) || !sameBytes(now.wrappedKey, header.wrappedKey)) {
        throw new AppError('conflict', { reason: 'passphrase-changed-elsewhere' });
      }
      return { ...now, kdf, salt, wrappedKey, failedAttempts: 0, lastFailedAt: null };
    });
  }

  /** Deletes the key and every row of every table, in any state; every tab goes to 'none'. */
  async wipe(): Promise<void> {
    this.#lockHere();
    await this.#storage.wipeAll();
    this.#setState('none');
    this.#post({ type: 'wiped' });
  }

  /** Encrypts `value` as JSON for row `id` of `table`; the envelope only decrypts for the same table, id and schema version. */
  async encryptJson(table: string, id: string, schemaVersion: number, value: unknown): Promise<Envelope> {
    return encryptJsonWith(this.#requireKey(), table, id, schemaVersion, value);
  }

  /** Reverses `encryptJson`: AppError('tampered') when the envelope was changed or belongs to another record. */
  async decryptJson(table: string, id: string, schemaVersion: number, envelope: Envelope): Promise<unknown> {
    return decryptJsonWith(this.#requireKey(), table, id, schemaVersion, envelope);
  }

  /**
   * `encryptJson` and `decryptJson` with the key as of this call, so one write already under way (an autosave when
   * "Lock" is pressed) finishes its few steps as a single `encryptJson` would. AppError('locked') when locked.
   */
  keyed(): KeyedCrypto {
    const key = this.#requireKey();
    return {
      encryptJson: (table, id, schemaVersion, value) => encryptJsonWith(key, table, id, schemaVersion, value),
      decryptJson: (table, id, schemaVersion, envelope) => decryptJsonWith(key, table, id, schemaVersion, envelope),
    };
  }

  /** Locks and stops listening to other tabs (page unload, tests). */
  close(): void {
    this.#lockHere();
    this.#listeners.clear();
    this.#channel?.close();
  }

  /**
   * One counted passphrase try. The attempt is counted BEFORE the slow derivation, in the same transaction as
   * the delay check, so neither closing the tab mid-try nor two tabs guessing at once gets a free try.
   */
  async #attempt(passphrase: string): Promise<{ header: VaultHeader; wrappingKey: CryptoKey; key: CryptoKey }> {
    const now = this.#now();
    let wait = 0;
    const header = await this.#storage.updateHeader((stored) => {
      const current = checked(stored);
      wait = retryAfterMs(current, now);
      if (wait > 0) {
        // A clock moved backwards would otherwise keep the wait from ever ending.
        return current.lastFailedAt !== null && current.lastFailedAt > now
          ? { ...current, lastFailedAt: now }
          : current;
      }
      return { ...current, failedAttempts: current.failedAttempts + 1, lastFailedAt: now };
    });
    if (wait > 0)
      throw new AppError('too-many-attempts', { retryAfterMs: wait, failedAttempts: header.failedAttempts });

    try {
      const wrappingKey = await deriveWrappingKey(passphrase, header.salt, header.kdf);
      const key = await unwrapDataKey(wrappingKey, header.wrappedKey);
      return { header, wrappingKey, key };
    } catch (error) {
      if (!isAppError(error, 'wrong-passphrase')) throw error;
      return this.#afterWrongPassphrase(header.failedAttempts, error);
    }
  }

  async #afterWrongPassphrase(failedAttempts: number, cause: AppError): Promise<never> {
    const limit = await this.#storage.readWipeAfterFailures();
    if (limit !== null && failedAttempts >= limit) {
      await this.wipe();
      const detail: UnlockFailure = { failedAttempts, retryAfterMs: 0, attemptsBeforeWipe: 0, wiped: true };
      throw new AppError('wrong-passphrase', detail, { cause });
    }
    const detail: UnlockFailure = {
      failedAttempts,
      retryAfterMs: unlockDelayMs(failedAttempts),
      attemptsBeforeWipe: limit === null ? null : limit - failedAttempts,
      wiped: false,
    };
    throw new AppError('wrong-passphrase', detail, { cause });
  }

  #requireKey(): CryptoKey {
    if (this.#key === null) throw new AppError('locked');
    return this.#key;
  }

  #lockHere(): void {
    this.#key = null;
    if (this.#state === 'unlocked') this.#setState('locked');
  }

  async #onMessage(message: VaultMessage): Promise<void> {
    if (message.type === 'locked') this.#lockHere();
    if (message.type === 'wiped') {
      this.#lockHere();
      // Trust the database, not the message: a stray 'wiped' must not show the create screen over a vault.
      this.#setState((await this.#storage.readHeader()) === undefined ? 'none' : 'locked');
    }
    if (message.type === 'created' && this.#state === 'none') {
      if ((await this.#storage.readHeader()) !== undefined) this.#setState('locked');
    }
  }

  #post(message: VaultMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // A closed channel (page going away) must not stop a lock or a wipe here.
    }
  }

  #setState(state: VaultState): void {
    if (state === this.#state) return;
    this.#state = state;
    for (const listener of [...this.#listeners]) listener(state);
  }
}
