// Reads the alert settings from an environment object (main.ts passes process.env): which channels, where, and the
// inbox link. Returns a plain sentence for a setting that cannot work, so the server refuses to start with it.
import type { AlertOptions } from './alerts.ts';

/** The smallest webhook secret accepted: shorter ones are guessable. */
export const WEBHOOK_SECRET_MIN_CHARS = 32;

type Env = Record<string, string | undefined>;

/** A web address with a user name or password in it: fetch refuses to send to one, so every alert would fail. */
const hasCredentials = (value: string): boolean => {
  const { username, password } = new URL(value);
  return username !== '' || password !== '';
};

const isHttpUrl = (value: string): boolean => {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'https:' || protocol === 'http:';
};

/**
 * The alert options, undefined when neither the webhook nor email is set, or `{ error }` naming what is wrong.
 * `serverUrl` is http://HOST:PORT, used for the inbox link unless SAFEVISIT_PUBLIC_URL is set.
 */
export const alertsFromEnv = (env: Env, serverUrl: string): AlertOptions | { error: string } | undefined => {
  const webhookUrl = env.SAFEVISIT_ALERT_WEBHOOK?.trim() || undefined;
  const secret = env.SAFEVISIT_ALERT_WEBHOOK_SECRET?.trim() || undefined;
  const smtpUrl = env.SAFEVISIT_SMTP_URL?.trim() || undefined;
  const to = env.SAFEVISIT_ALERT_EMAIL?.trim() || undefined;
  const from = env.SAFEVISIT_ALERT_EMAIL_FROM?.trim() || undefined;
  if (webhookUrl && !isHttpUrl(webhookUrl))
    return { error: 'SAFEVISIT_ALERT_WEBHOOK must be an https:// (or http://) address.' };
  if (webhookUrl && hasCredentials(webhookUrl)) {
    return {
      error:
        'SAFEVISIT_ALERT_WEBHOOK must not hold a user name or password: the webhook is signed with SAFEVISIT_ALERT_WEBHOOK_SECRET instead.',
    };
  }
  if (webhookUrl && (!secret || secret.length < WEBHOOK_SECRET_MIN_CHARS)) {
    return {
      error: `SAFEVISIT_ALERT_WEBHOOK_SECRET must be set, ${WEBHOOK_SECRET_MIN_CHARS} characters or more, to sign the webhook.`,
    };
  }
  if (Boolean(smtpUrl) !== Boolean(to)) {
    return { error: 'Set both SAFEVISIT_SMTP_URL and SAFEVISIT_ALERT_EMAIL to send alerts by email, or neither.' };
  }
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) {
    return { error: 'SAFEVISIT_SMTP_URL must be an smtp:// or smtps:// address.' };
  }
  if (!webhookUrl && !smtpUrl) return undefined;
  const publicUrl = env.SAFEVISIT_PUBLIC_URL?.trim() || serverUrl;
  if (!isHttpUrl(publicUrl)) return { error: 'SAFEVISIT_PUBLIC_URL must be the https:// address officers use.' };
  return {
    ...(webhookUrl && secret ? { webhook: { url: webhookUrl, secret } } : {}),
    // Stryker disable next-line LogicalOperator: both or neither are set (checked above); `&&` tells TypeScript so.
    ...(smtpUrl && to ? { email: { smtpUrl, to, ...(from ? { from } : {}) } } : {}),
    inboxUrl: new URL('officer/', publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).href,
  };
};
