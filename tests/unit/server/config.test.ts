// SAFEVISIT_RETENTION_DAYS as the server's settings parser (server/config.ts) reads it: unset keeps reviewed reports
// until erased, whole days of 1 or more are taken, anything else stops the start with one sentence naming it.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../server/config.ts';

const read = (value: string | undefined) => readConfig(value === undefined ? {} : { SAFEVISIT_RETENTION_DAYS: value });

describe('SAFEVISIT_RETENTION_DAYS', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['1', 1],
    [' 90 ', 90],
    ['3650', 3650],
  ])('reads %j as %j days', (value, days) => {
    expect(read(value)).toMatchObject({ config: { retentionDays: days } });
  });

  it.each(['0', '-7', '1.5', 'ninety', '30d', 'Infinity'])('refuses %j with one plain sentence', (value) => {
    expect(read(value)).toEqual({ errors: ['SAFEVISIT_RETENTION_DAYS must be a whole number of days, 1 or more.'] });
  });
});
