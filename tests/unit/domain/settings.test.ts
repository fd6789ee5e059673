import { describe, expect, it } from 'vitest';
import { EndpointInputSchema, SettingsSchema } from '../../../src/domain/settings.ts';

describe('settings schema', () => {
  it.each([
    ['autolockMinutes', Number.NaN, 'Choose a number of minutes from 1 to 30.'],
    ['autolockMinutes', 31, 'Choose a number of minutes from 1 to 30.'],
    ['autolockMinutes', 2.5, 'Choose a number of minutes from 1 to 30.'],
    ['keepSyncedDays', -1, 'Choose how many days to keep sent reports, from 0 to 365.'],
    ['wipeAfterFailures', 2, 'Choose a wipe after 3 to 100 wrong passphrases, or never.'],
  ])('refuses %s = %s with one plain sentence', (name, value, message) => {
    const result = SettingsSchema.partial().safeParse({ [name]: value });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([[name, message]]);
  });

  it('accepts the edges of each range and no wipe policy', () => {
    const edges = { autolockMinutes: 1, keepSyncedDays: 365, wipeAfterFailures: null };
    expect(SettingsSchema.partial().safeParse(edges).success).toBe(true);
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
});
