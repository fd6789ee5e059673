// The vault: creates, unlocks, re-keys and locks the data key, and encrypts/decrypts JSON for the store. The only
// holder of the key (in memory, non-extractable); never stores anything itself: it reaches IndexedDB through the
// small VaultStorage port that src/store implements.
import { AppError, isAppError } from '../domain/errors.ts';
import {
  createDataKey,
  type DeriveArgon2id,
  deriveWrappingKey,
  type Envelope,
  FIRST_KEY_ID,
  KDF_DEFAULTS,
  type KdfParams,
  randomBytes,
  SALT_BYTES,
  VAULT_KDF_DEFAULTS,
} from './crypto.ts';
import { upgradedHeader } from './header-upgrade.ts';
import { argon2idOffMainThread } from './kdf-worker-client.ts';
import { newKeysFor, type Opened } from './passphrase-change.ts';
import { type KeyedCrypto, type KeyRing, keyedWith } from './record-json.ts';
import { requireStrong } from './require-strong.ts';
import { unwrapRetiring, withoutRetiring } from './retiring-keys.ts';
import { countedAttempt } from './unlock-attempt.ts';
import { defaultChannel, isVaultMessage, type VaultChannel, type VaultMessage } from './vault-channel.ts';
import {
  checked,
  retryAfterMs,
  sameWrapping,
  type UnlockFailure,
  VAULT_HEADER_VERSION,
  type VaultStorage,
} from './vault-header.ts';

export { preloadKeyDerivation } from './kdf-worker-client.ts';
export type { KeyedCrypto, RekeyCrypto } from './record-json.ts';
export {
  type ReencryptOptions,
  type RetiringKey,
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

export type VaultState = 'none' | 'locked' | 'unlocked';
export { VAULT_CHANNEL_NAME, type VaultChannel } from './vault-channel.ts';

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
  /** Argon2id's raw derivation; defaults to a Web Worker where there is one (kdf-worker-client.ts), else this thread. */
  deriveArgon2id?: DeriveArgon2id;
  /** Cross-tab channel; defaults to BroadcastChannel('safevisit-vault') where it exists; null turns it off. */
  channel?: VaultChannel | null;
};

/**
 * The lock state and the data key. Every method except `create`, `unlock`, `lock`, `wipe`, `failureStatus`,
 * `subscribe` and `close` needs an unlocked vault and throws AppError('locked') otherwise.
 */
export class Vault {
  readonly #storage: VaultStorage;
  readonly #now: () => number;
  readonly #targetKdf: KdfParams;
  readonly #derive: DeriveArgon2id;
  readonly #channel: VaultChannel | null;
  readonly #listeners = new Set<(state: VaultState) => void>();
  #state: VaultState;
  /** The data keys (non-extractable, in memory only, dropped on lock): the current one, and during a re-key the old. */
  #ring: KeyRing | null = null;
  /** The re-key pass under way (never rejects: its error is kept for `whenRekeyed`). */
  #rekeying: Promise<void> = Promise.resolve();
  #rekeyError: unknown = null;

  private constructor(storage: VaultStorage, state: VaultState, options: VaultOptions) {
    this.#storage = storage;
    this.#state = state;
    this.#now = options.now ?? Date.now;
    if (
      (options.testOnlyKdfIterations !== undefined || options.testOnlyKdf !== undefined) &&
      // Stryker disable next-line OptionalChaining: vite and vitest, the only places the vault runs, always define import.meta.env
      import.meta.env?.PROD === true
    ) {
      throw new Error('testOnlyKdfIterations and testOnlyKdf are for unit tests only');
    }
    this.#targetKdf =
      options.testOnlyKdf ??
      (options.testOnlyKdfIterations === undefined
        ? VAULT_KDF_DEFAULTS
        : { ...KDF_DEFAULTS, iterations: options.testOnlyKdfIterations });
    this.#derive = options.deriveArgon2id ?? argon2idOffMainThread;
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
    const wrappingKey = await deriveWrappingKey(passphrase, salt, kdf, this.#derive);
    const { key, wrappedKey } = await createDataKey(wrappingKey);
    try {
      await this.#storage.createHeader({
        kdf,
        salt,
        wrap: 'AES-KW',
        wrappedKey,
        keyId: FIRST_KEY_ID,
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
    this.#ring = { current: FIRST_KEY_ID, keys: new Map([[FIRST_KEY_ID, key]]) };
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
    const currentId = header.keyId ?? FIRST_KEY_ID;
    const retiring = await unwrapRetiring(wrappingKey, header.retiring);
    const ring: KeyRing = { current: currentId, keys: new Map([...retiring, [currentId, key]]) };

    const { next, rekeyed } = await upgradedHeader(
      passphrase,
      header,
      wrappingKey,
      ring,
      this.#targetKdf,
      this.#derive,
    );
    // Only replaces the wrapping we unwrapped: a passphrase changed meanwhile in another tab wins, and our keys may be
    // the ones it is retiring, so this tab stays locked (the next try unwraps the new ones).
    await this.#storage.updateHeader((stored) => ({
      ...sameWrapping(stored, header),
      ...next,
      ...rekeyed,
      failedAttempts: 0,
      lastFailedAt: null,
    }));
    this.#ring = ring;
    this.#setState('unlocked');
    if (rekeyed) this.#post({ type: 'rekeyed' });
    // Finishes a re-key the app was closed in (or the one just started), while the app works: reads use either key.
    if (ring.keys.size > 1)
      this.#rekeying = this.#reencrypt(ring).catch((error: unknown) => {
        this.#rekeyError = error;
      });
  }

  /** Resolves once no re-key pass runs (one runs after an unlock that found one unfinished); rejects with its error. */
  async whenRekeyed(): Promise<void> {
    await this.#rekeying;
    const error = this.#rekeyError;
    this.#rekeyError = null;
    if (error !== null) throw error;
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
   * Makes a NEW data key under `next`, re-encrypts every record with it, then deletes the old key: an old copy of the
   * header and the old passphrase open nothing written since. The new passphrase is current from the first header
   * write (the old keys wait in it, wrapped under `next`), so if the app is closed midway, unlocking with `next`
   * finishes the job. `current` is checked like an unlock attempt (it counts towards the delays and the wipe
   * policy). Needs an unlocked vault.
   */
  async changePassphrase(current: string, next: string): Promise<void> {
    const ring = this.#requireRing();
    await requireStrong(next);
    // One pass at a time: an unfinished one (from the last unlock) ends first, or fails and is taken over below.
    await this.#rekeying;
    const opened = await this.#attempt(current);
    const { fields, keys, keyId } = await newKeysFor(opened, next, this.#targetKdf, this.#derive);
    await this.#storage.updateHeader((stored) => ({
      ...sameWrapping(stored, opened.header),
      ...fields,
      failedAttempts: 0,
      lastFailedAt: null,
    }));
    // In place: a handle from keyed() taken before now writes under the new key too.
    for (const [id, key] of keys) ring.keys.set(id, key);
    ring.current = keyId;
    // Other tabs hold the old key only: they lock, and unlock again with the new passphrase.
    this.#post({ type: 'rekeyed' });
    this.#rekeyError = null;
    this.#rekeying = this.#reencrypt(ring);
    await this.whenRekeyed();
  }

  /** Deletes the key and every row of every table, in any state; every tab goes to 'none'. */
  async wipe(): Promise<void> {
    this.#lockHere();
    await this.#storage.wipeAll();
    this.#setState('none');
    this.#post({ type: 'wiped' });
  }

  /**
   * Encrypts `value` as JSON for row `id` of `table` under the current data key; the envelope only decrypts for the
   * same table, id, schema version and `revision` (given for records that have one: report bodies).
   */
  async encryptJson(
    table: string,
    id: string,
    schemaVersion: number,
    value: unknown,
    revision?: number,
  ): Promise<Envelope> {
    return keyedWith(this.#requireRing()).encryptJson(table, id, schemaVersion, value, revision);
  }

  /**
   * Reverses `encryptJson` with the key the envelope names: AppError('tampered') when the envelope was changed,
   * belongs to another record or revision, or is under a key this vault no longer holds.
   */
  async decryptJson(
    table: string,
    id: string,
    schemaVersion: number,
    envelope: Envelope,
    revision?: number,
  ): Promise<unknown> {
    return keyedWith(this.#requireRing()).decryptJson(table, id, schemaVersion, envelope, revision);
  }

  /**
   * `encryptJson` and `decryptJson` with the key as of this call, so one write already under way (an autosave when
   * "Lock" is pressed) finishes its few steps as a single `encryptJson` would. AppError('locked') when locked.
   */
  keyed(): KeyedCrypto {
    return keyedWith(this.#requireRing());
  }

  /** Locks and stops listening to other tabs (page unload, tests). */
  close(): void {
    this.#lockHere();
    this.#listeners.clear();
    this.#channel?.close();
  }

  /** One counted passphrase try (unlock-attempt.ts). */
  #attempt(passphrase: string): Promise<Opened> {
    return countedAttempt(
      { storage: this.#storage, now: this.#now, derive: this.#derive, wipe: () => this.wipe() },
      passphrase,
    );
  }

  #requireRing(): KeyRing {
    if (this.#ring === null) throw new AppError('locked');
    return this.#ring;
  }

  /**
   * Re-encrypts every record not under the ring's current key, then deletes the other keys from the header (in the
   * transaction that finds no record left under them) and from memory. Stops at the next batch when the vault locks.
   */
  async #reencrypt(ring: KeyRing): Promise<void> {
    const retired = [...ring.keys.keys()].filter((id) => id !== ring.current);
    const target = ring.current;
    await this.#storage.reencryptAll(keyedWith(ring), {
      afterBatch: () => {
        if (this.#ring !== ring) throw new AppError('locked');
      },
      finish: (stored) => {
        const header = checked(stored);
        // Another re-key started meanwhile: it finishes the job (and deletes these keys) itself.
        if ((header.keyId ?? FIRST_KEY_ID) !== target) throw new AppError('conflict', { reason: 'rekeyed-elsewhere' });
        return withoutRetiring(header);
      },
    });
    // Stryker disable next-line ConditionalExpression: always true today (changePassphrase awaits the pass before it moves ring.current); kept as a guard
    if (ring.current === target) for (const id of retired) ring.keys.delete(id);
  }

  #lockHere(): void {
    this.#ring = null;
    if (this.#state === 'unlocked') this.#setState('locked');
  }

  async #onMessage(message: VaultMessage): Promise<void> {
    if (message.type === 'locked' || message.type === 'rekeyed') this.#lockHere();
    if (message.type === 'wiped') {
      this.#lockHere();
      // Trust the database, not the message: a stray 'wiped' must not show the create screen over a vault.
      this.#setState((await this.#storage.readHeader()) === undefined ? 'none' : 'locked');
      return;
    }
    // A tab without a vault looks again on any other message ('created', or a later one when it missed that).
    if (this.#state === 'none' && (await this.#storage.readHeader()) !== undefined) this.#setState('locked');
  }

  #post(message: VaultMessage): void {
    try {
      // Stryker disable next-line OptionalChaining: without a channel the call throws inside this try, which drops it: the same nothing
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
