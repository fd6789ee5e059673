// The alert settings read from the environment (server/alert-config.ts): which channels, where, the inbox link, and
// the one plain sentence for each setting that cannot work (main.ts refuses to start with it). Table-driven.
import { describe, expect, it } from 'vitest';
import { alertsFromEnv, WEBHOOK_SECRET_MIN_CHARS } from '../../../server/alert-config.ts';

const SERVER_URL = 'http://127.0.0.1:4173';
const SECRET = 's'.repeat(WEBHOOK_SECRET_MIN_CHARS);
const WEBHOOK = {
  SAFEVISIT_ALERT_WEBHOOK: 'https://hooks.example.org/safevisit',
  SAFEVISIT_ALERT_WEBHOOK_SECRET: SECRET,
};
const EMAIL = {
  SAFEVISIT_SMTP_URL: 'smtps://user:pass@mail.example.org:465',
  SAFEVISIT_ALERT_EMAIL: 'lead@example.org',
};

describe('alertsFromEnv', () => {
  it('sends no alerts when neither a webhook nor email is set (blank values count as unset)', () => {
    expect(alertsFromEnv({}, SERVER_URL)).toBeUndefined();
    expect(
      alertsFromEnv(
        {
          SAFEVISIT_ALERT_WEBHOOK: '  ',
          SAFEVISIT_SMTP_URL: '',
          SAFEVISIT_ALERT_EMAIL: ' ',
          SAFEVISIT_PUBLIC_URL: 'x',
        },
        SERVER_URL,
      ),
    ).toBeUndefined();
  });

  it('reads a webhook with its secret, trimmed, and links alerts to the server’s own /officer/', () => {
    expect(
      alertsFromEnv(
        {
          SAFEVISIT_ALERT_WEBHOOK: ` ${WEBHOOK.SAFEVISIT_ALERT_WEBHOOK} `,
          SAFEVISIT_ALERT_WEBHOOK_SECRET: ` ${SECRET} `,
        },
        SERVER_URL,
      ),
    ).toEqual({
      webhook: { url: WEBHOOK.SAFEVISIT_ALERT_WEBHOOK, secret: SECRET },
      inboxUrl: 'http://127.0.0.1:4173/officer/',
    });
  });

  it('reads email with its From address, and both channels together', () => {
    expect(alertsFromEnv({ ...EMAIL, SAFEVISIT_ALERT_EMAIL_FROM: 'safevisit@example.org' }, SERVER_URL)).toEqual({
      email: { smtpUrl: EMAIL.SAFEVISIT_SMTP_URL, to: 'lead@example.org', from: 'safevisit@example.org' },
      inboxUrl: 'http://127.0.0.1:4173/officer/',
    });
    const both = alertsFromEnv({ ...WEBHOOK, ...EMAIL }, SERVER_URL);
    expect(both).toMatchObject({
      webhook: { url: WEBHOOK.SAFEVISIT_ALERT_WEBHOOK },
      email: { to: 'lead@example.org' },
    });
    expect(both && 'email' in both && both.email && 'from' in both.email).toBe(false);
  });

  it('reads a plain smtp:// server, and sends no webhook for a secret set without its address', () => {
    expect(
      alertsFromEnv(
        {
          SAFEVISIT_SMTP_URL: 'smtp://127.0.0.1:2525',
          SAFEVISIT_ALERT_EMAIL: 'lead@example.org',
          SAFEVISIT_ALERT_WEBHOOK_SECRET: SECRET,
        },
        SERVER_URL,
      ),
    ).toEqual({
      email: { smtpUrl: 'smtp://127.0.0.1:2525', to: 'lead@example.org' },
      inboxUrl: 'http://127.0.0.1:4173/officer/',
    });
  });

  it('trims every setting', () => {
    expect(
      alertsFromEnv(
        {
          SAFEVISIT_SMTP_URL: ` ${EMAIL.SAFEVISIT_SMTP_URL}\t`,
          SAFEVISIT_ALERT_EMAIL: ' lead@example.org ',
          SAFEVISIT_ALERT_EMAIL_FROM: ' safevisit@example.org ',
          SAFEVISIT_PUBLIC_URL: ' https://safevisit.example.org ',
        },
        SERVER_URL,
      ),
    ).toEqual({
      email: { smtpUrl: EMAIL.SAFEVISIT_SMTP_URL, to: 'lead@example.org', from: 'safevisit@example.org' },
      inboxUrl: 'https://safevisit.example.org/officer/',
    });
  });

  it.each([
    ['https://safevisit.example.org', 'https://safevisit.example.org/officer/'],
    ['https://safevisit.example.org/', 'https://safevisit.example.org/officer/'],
    ['https://example.org/services/safevisit', 'https://example.org/services/safevisit/officer/'],
  ])('links alerts to SAFEVISIT_PUBLIC_URL %s as %s', (publicUrl, inboxUrl) => {
    expect(alertsFromEnv({ ...WEBHOOK, SAFEVISIT_PUBLIC_URL: publicUrl }, SERVER_URL)).toMatchObject({ inboxUrl });
  });

  it.each<[string, Record<string, string>, RegExp]>([
    [
      'a webhook that is not a web address',
      { ...WEBHOOK, SAFEVISIT_ALERT_WEBHOOK: 'hooks.example.org' },
      /^SAFEVISIT_ALERT_WEBHOOK must be an https:\/\//,
    ],
    [
      'a webhook on another scheme',
      { ...WEBHOOK, SAFEVISIT_ALERT_WEBHOOK: 'ftp://hooks.example.org/' },
      /^SAFEVISIT_ALERT_WEBHOOK must be/,
    ],
    [
      'a webhook address holding a user name and password (fetch would refuse every alert)',
      { ...WEBHOOK, SAFEVISIT_ALERT_WEBHOOK: 'https://user:hunter2@hooks.example.org/safevisit' },
      /^SAFEVISIT_ALERT_WEBHOOK must not hold a user name or password/,
    ],
    [
      'a webhook address holding a user name alone',
      { ...WEBHOOK, SAFEVISIT_ALERT_WEBHOOK: 'https://user@hooks.example.org/safevisit' },
      /^SAFEVISIT_ALERT_WEBHOOK must not hold a user name or password/,
    ],
    [
      'a webhook without its secret',
      { SAFEVISIT_ALERT_WEBHOOK: WEBHOOK.SAFEVISIT_ALERT_WEBHOOK },
      /^SAFEVISIT_ALERT_WEBHOOK_SECRET must be set, 32 characters or more/,
    ],
    [
      'a webhook secret one character short',
      { ...WEBHOOK, SAFEVISIT_ALERT_WEBHOOK_SECRET: SECRET.slice(1) },
      /^SAFEVISIT_ALERT_WEBHOOK_SECRET must be set/,
    ],
    [
      'an SMTP server without the address to alert',
      { SAFEVISIT_SMTP_URL: EMAIL.SAFEVISIT_SMTP_URL },
      /^Set both SAFEVISIT_SMTP_URL and SAFEVISIT_ALERT_EMAIL/,
    ],
    [
      'an address to alert without an SMTP server',
      { SAFEVISIT_ALERT_EMAIL: 'lead@example.org' },
      /^Set both SAFEVISIT_SMTP_URL and SAFEVISIT_ALERT_EMAIL/,
    ],
    [
      'an SMTP server that is not smtp:// or smtps://',
      { ...EMAIL, SAFEVISIT_SMTP_URL: 'https://mail.example.org' },
      /^SAFEVISIT_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ address\.$/,
    ],
    [
      'an address that only holds smtp:// further on',
      { ...EMAIL, SAFEVISIT_SMTP_URL: 'https://mail.example.org/?relay=smtp://mail.example.org' },
      /^SAFEVISIT_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ address\.$/,
    ],
    [
      'a public address that is not a web address',
      { ...WEBHOOK, SAFEVISIT_PUBLIC_URL: 'safevisit.example.org' },
      /^SAFEVISIT_PUBLIC_URL must be the https:\/\/ address officers use\.$/,
    ],
  ])('refuses %s with one plain sentence', (_case, env, sentence) => {
    const answer = alertsFromEnv(env, SERVER_URL);
    expect(answer).toEqual({ error: expect.stringMatching(sentence) });
    // One sentence naming the setting, ending with a full stop: what main.ts prints before it stops.
    expect((answer as { error: string }).error).toMatch(/^[^\n]+\.$/);
  });

  it('never puts the webhook secret or the SMTP password into an error', () => {
    const answers = [
      alertsFromEnv({ ...WEBHOOK, SAFEVISIT_ALERT_WEBHOOK: 'not a url' }, SERVER_URL),
      alertsFromEnv({ ...EMAIL, SAFEVISIT_SMTP_URL: 'http://user:pass@mail.example.org' }, SERVER_URL),
    ];
    for (const answer of answers) {
      expect(JSON.stringify(answer)).not.toContain(SECRET);
      expect(JSON.stringify(answer)).not.toContain('pass@');
    }
  });
});
