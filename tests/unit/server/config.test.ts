// The server's settings parser (server/config.ts): SAFEVISIT_RETENTION_DAYS (unset keeps reviewed reports until
// erased, whole days of 1 or more), PORT, the rate limits and short tokens; anything it cannot use stops the start
// with one sentence naming the variable.
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

describe('PORT and the rate limits', () => {
  it.each([
    [undefined, 4173],
    ['', 4173],
    ['0', 0],
    [' 8080 ', 8080],
    ['65535', 65_535],
  ])('reads PORT %j as %j', (value, port) => {
    expect(readConfig(value === undefined ? {} : { PORT: value })).toMatchObject({ config: { port } });
  });

  it.each(['-1', '65536', '80.5', 'eighty', 'Infinity'])('refuses PORT %j with one plain sentence', (value) => {
    expect(readConfig({ PORT: value })).toEqual({ errors: ['PORT must be a port number (0 to 65535).'] });
  });

  it('takes a rate limit of 0 (limits off) per address, and 1 per device', () => {
    expect(readConfig({ SAFEVISIT_RATE_LIMIT_PER_MIN: '0', SAFEVISIT_DEVICE_RATE_LIMIT_PER_MIN: '1' })).toMatchObject({
      config: { rateLimitPerMin: 0, deviceRateLimitPerMin: 1 },
    });
  });

  it.each([
    [
      { SAFEVISIT_RATE_LIMIT_PER_MIN: '-1' },
      'SAFEVISIT_RATE_LIMIT_PER_MIN must be a whole number of requests per minute (0 turns limits off).',
    ],
    [
      { SAFEVISIT_RATE_LIMIT_PER_MIN: '1.5' },
      'SAFEVISIT_RATE_LIMIT_PER_MIN must be a whole number of requests per minute (0 turns limits off).',
    ],
    [
      { SAFEVISIT_DEVICE_RATE_LIMIT_PER_MIN: '0' },
      'SAFEVISIT_DEVICE_RATE_LIMIT_PER_MIN must be a whole number of requests per minute, 1 or more.',
    ],
    [
      { SAFEVISIT_DEVICE_RATE_LIMIT_PER_MIN: 'lots' },
      'SAFEVISIT_DEVICE_RATE_LIMIT_PER_MIN must be a whole number of requests per minute, 1 or more.',
    ],
  ])('refuses %j with one plain sentence', (env, sentence) => {
    expect(readConfig(env)).toEqual({ errors: [sentence] });
  });

  it('lists every problem at once, not only the first', () => {
    expect(readConfig({ PORT: 'x', SAFEVISIT_RETENTION_DAYS: '0' })).toEqual({
      errors: [
        'PORT must be a port number (0 to 65535).',
        'SAFEVISIT_RETENTION_DAYS must be a whole number of days, 1 or more.',
      ],
    });
  });
});

describe('SAFEVISIT_TOKENS', () => {
  it('warns, without stopping the start, of a token shorter than 16 characters, and not of one 16 long', () => {
    expect(readConfig({ SAFEVISIT_TOKENS: 'a'.repeat(15) })).toMatchObject({
      config: { warnings: ['Warning: a token in SAFEVISIT_TOKENS is shorter than 16 characters.'] },
    });
    expect(readConfig({ SAFEVISIT_TOKENS: 'a'.repeat(16) })).toMatchObject({ config: { warnings: [] } });
  });
});
