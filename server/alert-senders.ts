// The two ways an alert reaches the safeguarding lead: a signed webhook POST and an email. Each says that a report
// arrived, its urgency and the inbox link, never its content (the server has none), key id or device. A failure is
// one plain sentence for `alerts.last_error`, never a receiver's answer body.
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Urgency } from '../src/domain/sealed-protocol.ts';

/** What an alert tells: the report's routing fields and where to read it. */
export type AlertMessage = { id: string; revision: number; urgency: Urgency; receivedAt: string; inboxUrl: string };

/** The webhook body: `event` names the kind, so a receiver can take more kinds later. */
export type WebhookBody = AlertMessage & { event: 'report-received' };

export const SIGNATURE_HEADER = 'SafeVisit-Signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`: the receiver checks it and refuses an old `t`. */
export const webhookSignature = (secret: string, unixSeconds: number, rawBody: string): string =>
  `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`).digest('hex')}`;

/**
 * Resolves when the work ends, rejects with `message` when `signal` aborts first. The work's outcome is always
 * taken, even after an abort: a failure nobody handles would be an unhandled rejection, which ends the process.
 */
const abortable = <T>(work: Promise<T>, signal: AbortSignal, message: () => string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error(message()));
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    if (signal.aborted) return onAbort();
    // A signal aborts once at most, so the listener needs no `once`; it is removed when the work ends.
    signal.addEventListener('abort', onAbort);
  });

/** ` (CODE)` for a failure that names its code (ECONNREFUSED, ESOCKET), else nothing: never a library's message. */
const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? ` (${code})` : '';
};

/** Sends one alert; rejects with an Error whose message is the plain lastError. `signal` aborts it (timeout, stop). */
export type AlertSender = (message: AlertMessage, signal: AbortSignal, unixSeconds: number) => Promise<void>;

export const webhookSender =
  (url: string, secret: string, timeoutS: number): AlertSender =>
  async (message, signal, unixSeconds) => {
    const body: WebhookBody = { event: 'report-received', ...message };
    const raw = JSON.stringify(body);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'SafeVisit-Alerts',
        [SIGNATURE_HEADER]: webhookSignature(secret, unixSeconds, raw),
      },
      body: raw,
      // A redirect could carry the alert to another host: it is a failure, never followed.
      redirect: 'manual',
      signal,
    }).catch((error: unknown) => {
      if (signal.aborted) throw new Error(`The webhook receiver did not answer within ${timeoutS} s.`);
      // fetch names a network failure's code in its cause (none for a URL it refuses to use).
      throw new Error(`The webhook receiver could not be reached${codeOf((error as { cause?: unknown }).cause)}.`);
    });
    // The answer body is the receiver's business: read and dropped, never stored.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 300 && response.status < 400) {
      throw new Error(`The webhook receiver answered ${response.status}, a redirect, which is not followed.`);
    }
    if (!response.ok) throw new Error(`The webhook receiver answered ${response.status}.`);
  };

const URGENCY_WORDS: Record<Urgency, string> = {
  immediate: 'immediate: act now',
  soon: 'soon: act today',
  routine: 'routine',
};

/** The email's subject and text: that a report arrived, its urgency and the inbox link; nothing else. */
export const alertEmail = (message: AlertMessage): { subject: string; text: string } => ({
  subject: `SafeVisit: a report arrived (urgency ${message.urgency})`,
  text: [
    `A report arrived at ${message.receivedAt}.`,
    `Urgency: ${URGENCY_WORDS[message.urgency]}.`,
    '',
    `Open the inbox to read it: ${message.inboxUrl}`,
    '',
    'This email holds nothing of the report: it is sealed, and only a signed-in officer can open it.',
  ].join('\n'),
});

export const emailSender = (smtpUrl: string, to: string, from: string, timeoutS: number): AlertSender => {
  const timeoutMs = timeoutS * 1000;
  // One connection per alert (no pool), so a closed app leaves no socket open.
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return async (message, signal) => {
    const { subject, text } = alertEmail(message);
    await abortable(
      transport.sendMail({ from, to, subject, text }).catch((error: unknown) => {
        const response = (error as { responseCode?: unknown }).responseCode;
        throw new Error(
          typeof response === 'number'
            ? `The mail server refused the alert (${response}).`
            : `The mail server could not be reached${codeOf(error)}.`,
        );
      }),
      signal,
      () => `The mail server did not answer within ${timeoutS} s.`,
    );
  };
};
