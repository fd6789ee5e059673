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
    ['  ', undefined],
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
    ['  ', 4173],
    ['0', 0],
    [' 8080 ', 8080],
    ['65535', 65_535],
  ])('reads PORT %j as %j', (value, port) => {
    expect(readConfig(value === undefined ? {} : { PORT: value })).toMatchObject({ config: { port } });
  });

  it.each(['-1', '65536', '80.5', 'eighty', 'Infinity'])('refuses PORT %j with one plain sentence', (value) => {
    expect(readConfig({ PORT: value })).toEqual({ errors: ['PORT must be a port number (0 to 65535).'] });
  });

  it('reads blank rate limits as the defaults, not as 0', () => {
    expect(readConfig({ SAFEVISIT_RATE_LIMIT_PER_MIN: ' ', SAFEVISIT_DEVICE_RATE_LIMIT_PER_MIN: ' ' })).toMatchObject({
      config: { rateLimitPerMin: 600, deviceRateLimitPerMin: 3000 },
    });
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

  it('warns of a short token among long ones', () => {
    expect(readConfig({ SAFEVISIT_TOKENS: 'Zq8w3Rk2Lp5Tn7Vx,Zq8w3Rk' })).toMatchObject({
      config: { warnings: ['Warning: a token in SAFEVISIT_TOKENS is shorter than 16 characters.'] },
    });
  });
});

describe('every setting', () => {
  it('starts on the documented defaults with an empty environment', () => {
    expect(readConfig({})).toEqual({
      config: {
        production: false,
        port: 4173,
        host: '127.0.0.1',
        dbPath: 'data/safevisit.sqlite',
        databaseUrl: undefined,
        tokens: [],
        chosenSetupCode: undefined,
        guidanceFile: undefined,
        staticDir: 'dist',
        logger: false,
        trustProxy: false,
        rateLimitPerMin: 600,
        deviceRateLimitPerMin: 3000,
        alerts: undefined,
        retentionDays: undefined,
        warnings: [],
      },
    });
  });

  it('reads each variable, trimming the ones an operator pads with spaces', () => {
    const read = readConfig({
      HOST: ' 0.0.0.0 ',
      PORT: '8080',
      SAFEVISIT_DB: '/srv/safevisit/db.sqlite',
      DATABASE_URL: ' postgres://safevisit@127.0.0.1/safevisit ',
      SAFEVISIT_TOKENS: ' Zq8w3Rk2Lp5Tn7Vx , ,Hj4Mb9Cd2Fg6Ks1W ',
      SAFEVISIT_SETUP_CODE: ' k3J9xQ2m ',
      SAFEVISIT_GUIDANCE_FILE: '/srv/safevisit/pack.json',
      SAFEVISIT_STATIC_DIR: '/srv/safevisit/app',
      SAFEVISIT_LOG: '1',
      SAFEVISIT_TRUST_PROXY: '1',
      SAFEVISIT_RATE_LIMIT_PER_MIN: '120',
      SAFEVISIT_DEVICE_RATE_LIMIT_PER_MIN: '900',
    });
    expect(read).toEqual({
      config: {
        production: false,
        port: 8080,
        host: '0.0.0.0',
        dbPath: '/srv/safevisit/db.sqlite',
        databaseUrl: 'postgres://safevisit@127.0.0.1/safevisit',
        tokens: ['Zq8w3Rk2Lp5Tn7Vx', 'Hj4Mb9Cd2Fg6Ks1W'],
        chosenSetupCode: 'k3J9xQ2m',
        guidanceFile: '/srv/safevisit/pack.json',
        staticDir: '/srv/safevisit/app',
        logger: true,
        trustProxy: true,
        rateLimitPerMin: 120,
        deviceRateLimitPerMin: 900,
        alerts: undefined,
        retentionDays: undefined,
        warnings: [],
      },
    });
  });

  it('treats blank text as unset, and only "1" as on', () => {
    expect(
      readConfig({
        NODE_ENV: 'development',
        HOST: '  ',
        DATABASE_URL: ' ',
        SAFEVISIT_TOKENS: ' , ',
        SAFEVISIT_SETUP_CODE: '   ',
        SAFEVISIT_LOG: 'true',
        SAFEVISIT_TRUST_PROXY: 'yes',
      }),
    ).toMatchObject({
      config: {
        production: false,
        host: '127.0.0.1',
        databaseUrl: undefined,
        tokens: [],
        chosenSetupCode: undefined,
        logger: false,
        trustProxy: false,
      },
    });
  });

  it('refuses a setup code shorter than 8 characters, and takes one 8 long', () => {
    expect(readConfig({ SAFEVISIT_SETUP_CODE: 'k3J9xQ2' })).toEqual({
      errors: ['SAFEVISIT_SETUP_CODE must be at least 8 characters long.'],
    });
    expect(readConfig({ SAFEVISIT_SETUP_CODE: 'k3J9xQ2m' })).toMatchObject({ config: { chosenSetupCode: 'k3J9xQ2m' } });
  });

  it("links alerts to this server's own address when SAFEVISIT_PUBLIC_URL is unset", () => {
    const secret = 'Hj4Mb9Cd2Fg6Ks1WZq8w3Rk2Lp5Tn7Vx';
    expect(
      readConfig({
        HOST: '10.0.0.5',
        PORT: '8080',
        SAFEVISIT_ALERT_WEBHOOK: 'https://alerts.riverside-council.uk/hook',
        SAFEVISIT_ALERT_WEBHOOK_SECRET: secret,
      }),
    ).toMatchObject({
      config: {
        alerts: {
          webhook: { url: 'https://alerts.riverside-council.uk/hook', secret },
          inboxUrl: 'http://10.0.0.5:8080/officer/',
        },
      },
    });
  });

  it("stops on an alert setting that cannot work, with the alert settings' sentence", () => {
    expect(readConfig({ SAFEVISIT_ALERT_WEBHOOK: 'https://alerts.riverside-council.uk/hook' })).toEqual({
      errors: ['SAFEVISIT_ALERT_WEBHOOK_SECRET must be set, 32 characters or more, to sign the webhook.'],
    });
  });
});
