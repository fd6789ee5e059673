// Production mode (NODE_ENV=production): the server's own settings parser refuses each demo or missing setting with
// a sentence naming the variable and never the value, and the real process exits on them without printing a secret
// or a setup code. A database from a newer server is refused plainly at start.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { emailSender } from '../../../server/alert-senders.ts';
import { readConfig, setupCodeProblem } from '../../../server/config.ts';
import { fetchText, serverProcessesPerTest, startSmtpSink } from '../fixtures.ts';

const processes = serverProcessesPerTest();
const random = (bytes: number) => randomBytes(bytes).toString('hex');
// Fixed, not random: a random hex code has fewer than 8 different characters now and then, which production refuses
// as a demo secret, and the test meeting it failed once in a few hundred runs.
const SETUP_CODE = 'R7kQ2mX9wT4pLz8V';
const WEBHOOK_SECRET = 'hV3nK8qZ2rT6wX9mP4sL7dB1fJ5cG0yA';

/** Settings a production server starts with: each test spoils one. */
const goodProduction = (): Record<string, string> => ({
  NODE_ENV: 'production',
  SAFEVISIT_DB: '/var/lib/safevisit/safevisit.sqlite',
  SAFEVISIT_PUBLIC_URL: 'https://safevisit.riverside-council.uk',
  SAFEVISIT_SETUP_CODE: SETUP_CODE,
  SAFEVISIT_ALERT_WEBHOOK: 'https://alerts.riverside-council.uk/safevisit',
  SAFEVISIT_ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET,
});

/** Alert mail settings but the mail server's address, which each test sets; its password must never be printed. */
const MAIL_PASSWORD = 'Rv8kQ2wXz7mT4pLn';
const ALERT_MAIL = { SAFEVISIT_ALERT_EMAIL: 'safeguarding-lead@riverside-council.uk' };

const errorsOf = (env: Record<string, string>): string[] => {
  const read = readConfig(env);
  return 'errors' in read ? read.errors : [];
};

describe('production settings (server/config.ts)', () => {
  it('accepts real settings, and outside production the same demo values start as before', () => {
    expect(errorsOf(goodProduction())).toEqual([]);
    expect(errorsOf({ SAFEVISIT_DB: ':memory:', SAFEVISIT_RATE_LIMIT_PER_MIN: '0' })).toEqual([]);
  });

  it.each([
    ['an in-memory database', { SAFEVISIT_DB: ':memory:' }, /SAFEVISIT_DB keeps nothing/],
    ['a short setup code', { SAFEVISIT_SETUP_CODE: 'k3J9-xQ2m' }, /SAFEVISIT_SETUP_CODE is short or an example/],
    ['the setup code printed in the README', { SAFEVISIT_SETUP_CODE: '7K3Q-MX2D-P9BR-T4FA' }, /SAFEVISIT_SETUP_CODE/],
    ['a setup code with a demo word', { SAFEVISIT_SETUP_CODE: 'TEST-SETUP-CODE-2026' }, /SAFEVISIT_SETUP_CODE/],
    ['a short device token', { SAFEVISIT_TOKENS: 'Zq8-w3' }, /A token in SAFEVISIT_TOKENS is short/],
    [
      'a device token of 15 characters',
      { SAFEVISIT_TOKENS: 'Zq8w3Rk2Lp5Tn7V' },
      /A token in SAFEVISIT_TOKENS is short/,
    ],
    ['one short token among good ones', { SAFEVISIT_TOKENS: 'Zq8w3Rk2Lp5Tn7Vx,Hj4Mb9Cd2Fg6K' }, /SAFEVISIT_TOKENS/],
    ['a token of only 7 different characters', { SAFEVISIT_TOKENS: 'ab3d5f7ab3d5f7ab' }, /SAFEVISIT_TOKENS/],
    ['a setup code of 15 characters', { SAFEVISIT_SETUP_CODE: 'k3J9xQ2mZq8w3Rk' }, /SAFEVISIT_SETUP_CODE is short/],
    ['the README setup code in lower case with spaces', { SAFEVISIT_SETUP_CODE: '7k3q mx2d p9br t4fa' }, /SETUP_CODE/],
    ['an in-memory SQLite URI', { SAFEVISIT_DB: 'file::memory:?cache=shared' }, /SAFEVISIT_DB keeps nothing/],
    ['an example device token', { SAFEVISIT_TOKENS: 'example-device-token-1234567890' }, /SAFEVISIT_TOKENS/],
    ['no public address', { SAFEVISIT_PUBLIC_URL: '' }, /SAFEVISIT_PUBLIC_URL is not set/],
    ['a blank public address', { SAFEVISIT_PUBLIC_URL: '   ' }, /SAFEVISIT_PUBLIC_URL is not set/],
    [
      'a public address that is not one, without alerts',
      {
        SAFEVISIT_PUBLIC_URL: 'safevisit.riverside-council.uk',
        SAFEVISIT_ALERT_WEBHOOK: '',
        SAFEVISIT_ALERT_WEBHOOK_SECRET: '',
      },
      /SAFEVISIT_PUBLIC_URL is not a valid address: set it to an https:\/\/ address/,
    ],
    [
      'a public address that is not one, once only with alerts',
      { SAFEVISIT_PUBLIC_URL: 'safevisit.riverside-council.uk' },
      /SAFEVISIT_PUBLIC_URL must be the https:\/\/ address officers use/,
    ],
    [
      'a public address of another scheme, once only with alerts',
      { SAFEVISIT_PUBLIC_URL: 'ftp://safevisit.riverside-council.uk' },
      /SAFEVISIT_PUBLIC_URL must be the https:\/\/ address officers use/,
    ],
    [
      'another scheme than http on loopback',
      { SAFEVISIT_PUBLIC_URL: 'ftp://127.0.0.1:4173', SAFEVISIT_ALERT_WEBHOOK: '', SAFEVISIT_ALERT_WEBHOOK_SECRET: '' },
      /SAFEVISIT_PUBLIC_URL must be an https:\/\/ address/,
    ],
    ['an example host name on its own', { SAFEVISIT_PUBLIC_URL: 'https://example.org' }, /example host name/],
    ['a host under the .example name', { SAFEVISIT_PUBLIC_URL: 'https://safevisit.example' }, /example host name/],
    ['a host under the .test name', { SAFEVISIT_PUBLIC_URL: 'https://safevisit.test' }, /example host name/],
    [
      'a webhook that is not an address, once only',
      { SAFEVISIT_ALERT_WEBHOOK: 'alerts.riverside-council.uk/hook' },
      /SAFEVISIT_ALERT_WEBHOOK must be an https:\/\/ \(or http:\/\/\) address/,
    ],
    [
      'a webhook of another scheme, once only',
      { SAFEVISIT_ALERT_WEBHOOK: 'ftp://alerts.riverside-council.uk/hook' },
      /SAFEVISIT_ALERT_WEBHOOK must be an https:\/\/ \(or http:\/\/\) address/,
    ],
    [
      'a plain-http public address',
      { SAFEVISIT_PUBLIC_URL: 'http://safevisit.riverside-council.uk' },
      /SAFEVISIT_PUBLIC_URL must be an https:\/\/ address/,
    ],
    ['an example public host', { SAFEVISIT_PUBLIC_URL: 'https://safevisit.example.org' }, /example host name/],
    [
      'a plain-http webhook',
      { SAFEVISIT_ALERT_WEBHOOK: 'http://alerts.riverside-council.uk/hook' },
      /SAFEVISIT_ALERT_WEBHOOK must be an https:\/\/ address/,
    ],
    [
      'a placeholder webhook secret',
      { SAFEVISIT_ALERT_WEBHOOK_SECRET: 'a'.repeat(40) },
      /SAFEVISIT_ALERT_WEBHOOK_SECRET is an example value/,
    ],
    [
      'a demo webhook secret',
      { SAFEVISIT_ALERT_WEBHOOK_SECRET: 'changeme-webhook-hmac-key-0123456789' },
      /SAFEVISIT_ALERT_WEBHOOK_SECRET is an example value/,
    ],
    [
      'a database on another host without TLS',
      { DATABASE_URL: 'postgres://safevisit:Kq7vX2mPzR9wL4tN@db.riverside-council.uk/safevisit' },
      /DATABASE_URL reaches another host without TLS/,
    ],
    [
      'a database address that is not one',
      { DATABASE_URL: 'postgres://safevisit:Kq7vX2mPzR9wL4tN@[db.riverside-council.uk/safevisit' },
      /DATABASE_URL is not a valid postgres:\/\/ address/,
    ],
    [
      'a database whose host= names another host',
      { DATABASE_URL: 'postgres://safevisit:Kq7vX2mPzR9wL4tN@db.lan/safevisit?host=db2.lan' },
      /DATABASE_URL reaches another host without TLS/,
    ],
    [
      'a database on another host with TLS only if offered',
      { DATABASE_URL: 'postgres://safevisit:Kq7vX2mPzR9wL4tN@db.lan/safevisit?sslmode=prefer' },
      /DATABASE_URL reaches another host without TLS/,
    ],
    [
      'a database with a percent-encoded example password',
      { DATABASE_URL: 'postgres://safevisit:change%2Dme@127.0.0.1:5432/safevisit' },
      /DATABASE_URL's password is an example value/,
    ],
    [
      'a database with an example password',
      { DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:5432/safevisit' },
      /DATABASE_URL's password is an example value/,
    ],
    ['no rate limit', { SAFEVISIT_RATE_LIMIT_PER_MIN: '0' }, /SAFEVISIT_RATE_LIMIT_PER_MIN is 0/],
    [
      'alert mail in plain smtp:// to another host',
      { ...ALERT_MAIL, SAFEVISIT_SMTP_URL: `smtp://alerts:${MAIL_PASSWORD}@mail.riverside-council.uk:587` },
      /SAFEVISIT_SMTP_URL sends alert mail to another host without TLS: use smtps:\/\/ .*requireTLS=true/,
    ],
    [
      'alert mail with STARTTLS only when offered',
      {
        ...ALERT_MAIL,
        SAFEVISIT_SMTP_URL: `smtp://alerts:${MAIL_PASSWORD}@mail.riverside-council.uk?requireTLS=false`,
      },
      /SAFEVISIT_SMTP_URL sends alert mail to another host without TLS/,
    ],
    [
      "alert mail that does not check the mail server's certificate",
      {
        ...ALERT_MAIL,
        SAFEVISIT_SMTP_URL: `smtps://alerts:${MAIL_PASSWORD}@mail.riverside-council.uk?tls.rejectUnauthorized=false`,
      },
      /SAFEVISIT_SMTP_URL turns off the check of the mail server's certificate/,
    ],
    [
      'an alert mail address that is not one',
      { ...ALERT_MAIL, SAFEVISIT_SMTP_URL: `smtps://alerts:${MAIL_PASSWORD}@[mail.riverside-council.uk` },
      /SAFEVISIT_SMTP_URL is not a valid address: set it to smtps:/,
    ],
    [
      'alert mail to an example host',
      { ...ALERT_MAIL, SAFEVISIT_SMTP_URL: `smtps://alerts:${MAIL_PASSWORD}@smtp.example.org` },
      /SAFEVISIT_SMTP_URL points at an example host name/,
    ],
  ])('refuses %s, naming the variable and not the value', (_name, spoiled: Record<string, string>, message) => {
    const errors = errorsOf({ ...goodProduction(), ...spoiled });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    for (const value of Object.values(spoiled).filter((v) => v.length > 3)) expect(errors[0]).not.toContain(value);
    expect(errors[0]).not.toContain(MAIL_PASSWORD);
  });

  it('allows plain http and smtp to loopback only (a reverse proxy or relay on the same host)', () => {
    expect(errorsOf({ ...goodProduction(), SAFEVISIT_PUBLIC_URL: 'http://127.0.0.1:4173' })).toEqual([]);
    expect(errorsOf({ ...goodProduction(), SAFEVISIT_ALERT_WEBHOOK: 'http://localhost:9000/hook' })).toEqual([]);
    const database = 'postgres://safevisit:Kq7vX2mPzR9wL4tN@127.0.0.1:5432/safevisit';
    expect(errorsOf({ ...goodProduction(), DATABASE_URL: database })).toEqual([]);
    expect(
      errorsOf({ ...goodProduction(), DATABASE_URL: `${database.replace('127.0.0.1', 'db.lan')}?sslmode=verify-full` }),
    ).toEqual([]);
    // Alert mail: TLS from the start, STARTTLS required, or plain smtp:// to a relay on this host.
    for (const smtpUrl of [
      `smtps://alerts:${MAIL_PASSWORD}@mail.riverside-council.uk:465`,
      `smtp://alerts:${MAIL_PASSWORD}@mail.riverside-council.uk:587?requireTLS=true`,
      'smtp://127.0.0.1:25',
      'smtp://localhost:2525',
      `smtps://alerts:${MAIL_PASSWORD}@mail.riverside-council.uk?tls.rejectUnauthorized=true`,
    ])
      expect(errorsOf({ ...goodProduction(), ...ALERT_MAIL, SAFEVISIT_SMTP_URL: smtpUrl })).toEqual([]);
    // A blank variable is no mail server at all, not a wrong one.
    expect(errorsOf({ ...goodProduction(), SAFEVISIT_SMTP_URL: '  ' })).toEqual([]);
  });

  it.each([
    ['a device token of 16 random characters', { SAFEVISIT_TOKENS: 'Zq8w3Rk2Lp5Tn7Vx' }],
    ['a token of exactly 8 different characters', { SAFEVISIT_TOKENS: 'ab3d5f7hab3d5f7h' }],
    ['a setup code of 16 random characters', { SAFEVISIT_SETUP_CODE: 'k3J9xQ2mZq8w3Rk2' }],
    ['plain http on [::1]', { SAFEVISIT_PUBLIC_URL: 'http://[::1]:4173' }],
    [
      'a real host whose name starts with a reserved word',
      { SAFEVISIT_PUBLIC_URL: 'https://test.riverside-council.uk' },
    ],
    ['no alerts, as blank variables', { SAFEVISIT_ALERT_WEBHOOK: ' ', SAFEVISIT_ALERT_WEBHOOK_SECRET: ' ' }],
    ['a blank DATABASE_URL (SQLite)', { DATABASE_URL: ' ' }],
    [
      'an in-memory SAFEVISIT_DB beside DATABASE_URL',
      { SAFEVISIT_DB: ':memory:', DATABASE_URL: 'postgres://sv@127.0.0.1/s' },
    ],
    ['PostgreSQL over a Unix socket', { DATABASE_URL: 'postgres:///safevisit' }],
    [
      'PostgreSQL over a Unix socket named by host=',
      { DATABASE_URL: 'postgres://safevisit:Kq7vX2mPzR9wL4tN@db.lan/safevisit?host=/var/run/postgresql' },
    ],
    [
      'PostgreSQL on another host with sslmode=require',
      { DATABASE_URL: 'postgres://safevisit@db.lan/s?sslmode=require' },
    ],
    ['PostgreSQL on another host with sslmode=verify-ca', { DATABASE_URL: 'postgres://sv@db.lan/s?sslmode=verify-ca' }],
    ['a rate limit of 1 per minute', { SAFEVISIT_RATE_LIMIT_PER_MIN: '1' }],
  ])('accepts %s', (_name, changed: Record<string, string>) => {
    expect(errorsOf({ ...goodProduction(), ...changed })).toEqual([]);
  });

  it("gives a production problem its own sentence beside the alert settings' sentence on another problem", () => {
    const insecurePublicUrl = { SAFEVISIT_PUBLIC_URL: 'http://safevisit.riverside-council.uk' };
    expect(errorsOf({ ...goodProduction(), ...insecurePublicUrl, SAFEVISIT_ALERT_WEBHOOK_SECRET: '' })).toEqual([
      'SAFEVISIT_ALERT_WEBHOOK_SECRET must be set, 32 characters or more, to sign the webhook.',
      'SAFEVISIT_PUBLIC_URL must be an https:// address in production (plain http:// only on 127.0.0.1 or localhost).',
    ]);
    expect(
      errorsOf({ ...goodProduction(), SAFEVISIT_ALERT_WEBHOOK: 'https://hook:Kq7vX2mP@alerts.example.org/safevisit' }),
    ).toEqual([
      'SAFEVISIT_ALERT_WEBHOOK must not hold a user name or password: the webhook is signed with SAFEVISIT_ALERT_WEBHOOK_SECRET instead.',
      "SAFEVISIT_ALERT_WEBHOOK points at an example host name: set it to your service's real address.",
    ]);
  });

  it('with NODE_ENV alone, asks for the public address and nothing else the defaults cover', () => {
    expect(readConfig({ NODE_ENV: 'production' })).toEqual({
      errors: ['SAFEVISIT_PUBLIC_URL is not set: set it to the https:// address officers and devices use.'],
    });
  });

  it('asks for SAFEVISIT_SETUP_CODE only while no organisation exists', () => {
    const { SAFEVISIT_SETUP_CODE: _code, ...noCode } = goodProduction();
    const read = readConfig(noCode);
    if (!('config' in read)) throw new Error('expected settings');
    expect(setupCodeProblem(read.config, false)).toMatch(/prints no setup code: set SAFEVISIT_SETUP_CODE/);
    expect(setupCodeProblem(read.config, true)).toBeUndefined();
    expect(setupCodeProblem({ ...read.config, production: false }, false)).toBeUndefined();
    expect(setupCodeProblem({ ...read.config, chosenSetupCode: 'Wm4Tq9Zx2Kb7Rn5J' }, false)).toBeUndefined();
  });
});

describe('alert mail with requireTLS=true, as production accepts it', () => {
  it('is not sent at all to a mail server that offers no STARTTLS, where plain smtp:// would send it in the clear', async () => {
    const sink = await startSmtpSink();
    try {
      const message = {
        id: 'a1b2c3d4-0000-4000-8000-000000000001',
        revision: 1,
        urgency: 'soon' as const,
        receivedAt: '2026-11-30T10:00:00.000Z',
        inboxUrl: 'https://safevisit.riverside-council.uk/officer/',
      };
      const send = (url: string) =>
        emailSender(
          url,
          'lead@riverside-council.uk',
          'alerts@riverside-council.uk',
          5,
        )(message, new AbortController().signal, 0);
      await expect(send(`${sink.url}?requireTLS=true`)).rejects.toThrow(/The mail server/);
      expect(sink.mails).toHaveLength(0);
      await send(sink.url);
      expect(sink.mails).toHaveLength(1);
    } finally {
      await sink.close();
    }
  });
});

describe('server/main.ts in production', () => {
  it('exits listing every refused setting, and prints none of the secrets', { timeout: 30_000 }, async () => {
    const dir = processes.dataDir();
    const secret = `changeme-${random(20)}`;
    const code = 'TEST-SETUP-CODE-2026';
    const proc = processes.start({
      ...goodProduction(),
      SAFEVISIT_DB: join(dir, 'db.sqlite'),
      SAFEVISIT_SETUP_CODE: code,
      SAFEVISIT_ALERT_WEBHOOK_SECRET: secret,
      SAFEVISIT_PUBLIC_URL: 'http://safevisit.riverside-council.uk',
    });
    expect(await proc.exited).toBe(1);
    const { stdout, stderr } = proc.output();
    expect(stderr).toMatch(/cannot start in production \(NODE_ENV=production\)/);
    expect(stderr).toMatch(/SAFEVISIT_SETUP_CODE/);
    expect(stderr).toMatch(/SAFEVISIT_ALERT_WEBHOOK_SECRET/);
    expect(stderr).toMatch(/SAFEVISIT_PUBLIC_URL must be an https/);
    for (const value of [secret, code]) expect(stdout + stderr).not.toContain(value);
  });

  it('with no organisation and no SAFEVISIT_SETUP_CODE, exits instead of printing a code', {
    timeout: 30_000,
  }, async () => {
    const { SAFEVISIT_SETUP_CODE: _code, ...noCode } = goodProduction();
    const proc = processes.start({ ...noCode, SAFEVISIT_DB: join(processes.dataDir(), 'db.sqlite') });
    expect(await proc.exited).toBe(1);
    expect(proc.output().stderr).toMatch(/production mode prints no setup code: set SAFEVISIT_SETUP_CODE/);
    expect(proc.output().stdout).not.toMatch(/setup code:/);
  });

  it('starts with real settings, prints no secret and answers the health check', { timeout: 30_000 }, async () => {
    const env: Record<string, string> = { ...goodProduction(), SAFEVISIT_DB: join(processes.dataDir(), 'db.sqlite') };
    const proc = processes.start(env);
    const url = await proc.url();
    const { response, text } = await fetchText(`${url}/v2/health`);
    expect(response.status).toBe(200);
    expect(JSON.parse(text)).toEqual({ ok: true });
    expect(proc.output().stdout).toMatch(/production mode/);
    for (const value of [String(env.SAFEVISIT_SETUP_CODE), String(env.SAFEVISIT_ALERT_WEBHOOK_SECRET)])
      expect(proc.output().stdout + proc.output().stderr).not.toContain(value);
  });

  it('refuses plainly to start on a database made by a newer server', { timeout: 30_000 }, async () => {
    const path = join(processes.dataDir(), 'db.sqlite');
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    const proc = processes.start({ SAFEVISIT_DB: path });
    expect(await proc.exited).toBe(1);
    expect(proc.output().stderr).toMatch(/cannot start: The database .* was made by a newer SafeVisit server/);
    expect(proc.output().stderr).not.toMatch(/\n\s+at /);
  });
});
