import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultChannel, isVaultMessage, VAULT_CHANNEL_NAME } from '../../../src/vault/vault-channel.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('vault messages between tabs', () => {
  it.each([{ type: 'locked' }, { type: 'wiped' }, { type: 'created' }, { type: 'rekeyed' }])(
    'takes %j as a vault message',
    (data) => {
      expect(isVaultMessage(data)).toBe(true);
    },
  );

  it.each([null, undefined, 'locked', 1, {}, { type: 'lock' }, { type: ['locked'] }, ['locked']])(
    'ignores %j',
    (data) => {
      expect(isVaultMessage(data)).toBe(false);
    },
  );

  it('talks over the safevisit-vault BroadcastChannel where there is one', async () => {
    const channel = defaultChannel();
    expect(channel).not.toBeNull();
    // The name is a contract with tabs of other app versions: written out, not imported.
    const other = new BroadcastChannel('safevisit-vault');
    expect(VAULT_CHANNEL_NAME).toBe('safevisit-vault');
    const received = new Promise<unknown>((resolve) => {
      other.onmessage = (event) => resolve(event.data);
    });
    channel?.postMessage({ type: 'locked' });
    expect(await received).toEqual({ type: 'locked' });
    other.close();
    channel?.close();
  });

  it('has no channel where BroadcastChannel is missing', () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    expect(defaultChannel()).toBeNull();
  });
});
