import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src/domain/settings.ts';

describe('settings schema', () => {
  it.each([
    ['autolockMinutes', Number.NaN, 'Choose a number of minutes from 1 to 30.'],
    ['autolockMinutes', 31, 'Choose a number of minutes from 1 to 30.'],
    ['autolockMinutes', 2.5, 'Choose a number of minutes from 1 to 30.'],
    ['keepSyncedDays', -1, 'Choose how many days to keep sent reports, from 0 to 365.'],
    ['wipeAfterFailures', 2, 'Choose a wipe after 3 to 100 wrong passphrases, or never.'],
    [
      'endpointUrl',
      `https://example.org/${'a'.repeat(2_048)}`,
      'The sync endpoint URL must be 2,048 characters or fewer',
    ],
  ])('refuses %s = %s with one plain sentence', (name, value, message) => {
    const result = SettingsSchema.partial().safeParse({ [name]: value });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([[name, message]]);
  });

  it('accepts the edges of each range and no wipe policy', () => {
    const edges = { autolockMinutes: 1, keepSyncedDays: 365, wipeAfterFailures: null, endpointUrl: '' };
    expect(SettingsSchema.partial().safeParse(edges).success).toBe(true);
  });
});
