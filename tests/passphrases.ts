// The passphrases every test runtime uses: strong enough for the vault's rules, and one that is close but wrong.
// Test data only; nothing under src/ reads this.

export const STRONG_PASSPHRASE = 'Kettle gravel orbit 47 lantern';
export const OTHER_STRONG_PASSPHRASE = 'Marble heron quietly 19 fences';
export const WRONG_PASSPHRASE = 'Kettle gravel orbit 48 lantern';
