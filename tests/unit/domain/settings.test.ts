import { describe, expect, it } from 'vitest';
import {
  AccessTokenInputSchema,
  EndpointInputSchema,
  SETTINGS_DEFAULTS,
  SettingsSchema,
} from '../../../src/domain/settings.ts';

describe('settings schema', () => {
  it.each([
    ['autolockMinutes', Number.NaN, 'Choose a number of minutes from 1 to 30.'],
    ['autolockMinutes', 31, 'Choose a number of minutes from 1 to 30.'],
    ['autolockMinutes', 0, 'Choose a number of minutes from 1 to 30.'],
    ['autolockMinutes', '5', 'Choose a number of minutes from 1 to 30.'],
    ['keepSyncedDays', 366, 'Choose how many days to keep sent reports, from 0 to 365.'],
    ['autolockMinutes', 2.5, 'Choose a number of minutes from 1 to 30.'],
    ['keepSyncedDays', -1, 'Choose how many days to keep sent reports, from 0 to 365.'],
    ['wipeAfterFailures', 2, 'Choose a wipe after 3 to 100 wrong passphrases, or never.'],
    ['wipeAfterFailures', 101, 'Choose a wipe after 3 to 100 wrong passphrases, or never.'],
    ['wipeAfterFailures', 3.5, 'Choose a wipe after 3 to 100 wrong passphrases, or never.'],
  ])('refuses %s = %s with one plain sentence', (name, value, message) => {
    const result = SettingsSchema.partial().safeParse({ [name]: value });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([[name, message]]);
  });

  it('accepts the edges of each range and no wipe policy', () => {
    const low = { autolockMinutes: 1, keepSyncedDays: 0, wipeAfterFailures: 3, persistGranted: null };
    const high = { autolockMinutes: 30, keepSyncedDays: 365, wipeAfterFailures: 100, persistGranted: true };
    expect(SettingsSchema.parse(low)).toEqual(low);
    expect(SettingsSchema.parse(high)).toEqual(high);
    expect(SettingsSchema.partial().safeParse({ wipeAfterFailures: null }).success).toBe(true);
  });

  it('refuses a storage answer that is not yes, no or never asked', () => {
    expect(SettingsSchema.partial().safeParse({ persistGranted: 'granted' }).success).toBe(false);
  });

  it('starts a new device locking after 5 minutes, keeping no sent report, never wiping, storage not yet asked', () => {
    expect(SETTINGS_DEFAULTS).toEqual({
      autolockMinutes: 5,
      keepSyncedDays: 0,
      wipeAfterFailures: null,
      persistGranted: null,
    });
    expect(SettingsSchema.parse(SETTINGS_DEFAULTS)).toEqual(SETTINGS_DEFAULTS);
    expect(Object.isFrozen(SETTINGS_DEFAULTS)).toBe(true);
  });
});

describe('the hand-typed endpoint (Settings > Advanced)', () => {
  it('is not a setting: where reports go lives only in the encrypted enrolment', () => {
    expect(SettingsSchema.strict().safeParse({ endpointUrl: 'https://example.org' }).success).toBe(false);
  });

  it('refuses an endpoint too long with one plain sentence', () => {
    const result = EndpointInputSchema.safeParse(`https://example.org/${'a'.repeat(2_048)}`);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'The sync endpoint URL must be 2,048 characters or fewer',
    ]);
  });

  it('asks for an endpoint left empty or of spaces only, and trims one typed with spaces', () => {
    expect(EndpointInputSchema.safeParse('   ').error?.issues.map((i) => i.message)).toEqual([
      'Enter the sync endpoint URL.',
    ]);
    expect(EndpointInputSchema.parse(' https://sync.example.org ')).toBe('https://sync.example.org');
    expect(EndpointInputSchema.safeParse(`https://example.org/${'a'.repeat(2_028)}`).success).toBe(true);
  });
});

describe('the hand-typed access token (Settings > Advanced)', () => {
  it('asks for a token left empty or of spaces only, and trims one pasted with spaces', () => {
    expect(AccessTokenInputSchema.safeParse(' \n').error?.issues.map((i) => i.message)).toEqual([
      'Enter the access token.',
    ]);
    expect(AccessTokenInputSchema.parse(' abc123\n')).toBe('abc123');
  });

  it('refuses a token too long with one plain sentence, and takes one at the limit', () => {
    expect(AccessTokenInputSchema.safeParse('t'.repeat(4_096)).success).toBe(true);
    expect(AccessTokenInputSchema.safeParse('t'.repeat(4_097)).error?.issues.map((i) => i.message)).toEqual([
      'The access token must be 4,096 characters or fewer',
    ]);
  });
});
