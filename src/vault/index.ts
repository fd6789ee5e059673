// The public surface of the vault: lock state, passphrase rules, auto-lock timing. Screens and the store
// import from here; the crypto primitives stay behind it (only the store's types need Envelope/Bytes).
export {
  AUTOLOCK_AFTER_MS,
  type Autolock,
  type AutolockClock,
  type AutolockOptions,
  autolockAfterMs,
  createAutolock,
  HIDDEN_LOCK_AFTER_MS,
  watchActivity,
} from './autolock.ts';
export { type Bytes, type Envelope, KDF_DEFAULTS, type KdfParams } from './crypto.ts';
export {
  checkPassphrase,
  isStrongEnough,
  PASSPHRASE_MIN_CHARS,
  PASSPHRASE_MIN_WORDS,
  type PassphraseCheck,
  type PassphraseRule,
} from './passphrase-strength.ts';
export {
  UNLOCK_DELAY_CAP_MS,
  UNLOCK_FREE_ATTEMPTS,
  type UnlockFailure,
  unlockDelayMs,
  Vault,
  type VaultHeader,
  type VaultOptions,
  type VaultState,
  type VaultStorage,
} from './vault.ts';
