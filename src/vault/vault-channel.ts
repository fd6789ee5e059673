// The vault's messages between tabs (lock, wipe, create, re-key) over a BroadcastChannel. They carry no data,
// only what happened.

export const VAULT_CHANNEL_NAME = 'safevisit-vault';

/** Messages between tabs. They carry no data, only what happened. */
export type VaultMessage = { type: 'locked' } | { type: 'wiped' } | { type: 'created' } | { type: 'rekeyed' };

/** The part of BroadcastChannel the vault uses; injectable for tests. */
export type VaultChannel = {
  postMessage: (message: VaultMessage) => void;
  addEventListener: (type: 'message', listener: (event: { data: unknown }) => void) => void;
  close: () => void;
};

export const isVaultMessage = (data: unknown): data is VaultMessage =>
  typeof data === 'object' &&
  data !== null &&
  ['locked', 'wiped', 'created', 'rekeyed'].includes((data as { type?: unknown }).type as string);

export const defaultChannel = (): VaultChannel | null =>
  typeof globalThis.BroadcastChannel === 'function'
    ? (new globalThis.BroadcastChannel(VAULT_CHANNEL_NAME) as unknown as VaultChannel)
    : null;
