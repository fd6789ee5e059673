// The two alert senders on their own, against a real receiver and a real SMTP sink on 127.0.0.1: what they send
// (headers, signature, the email's words per urgency) and the one plain sentence each failure leaves for lastError.
import { createHmac } from 'node:crypto';
import { getEventListeners } from 'node:events';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AlertMessage,
  alertEmail,
  emailSender,
  SIGNATURE_HEADER,
  webhookSender,
  webhookSignature,
} from '../../../server/alert-senders.ts';
import { type Answer, type Receiver, startReceiver, startSmtpSink } from '../fixtures.ts';

const SECRET = 'webhook-secret-for-tests-0123456789abcdef';
const MESSAGE: AlertMessage = {
  id: '5b1f6a4e-0000-4000-8000-000000000001',
  revision: 2,
  urgency: 'soon',
  receivedAt: '2026-11-23T10:00:00.000Z',
  inboxUrl: 'https://safevisit.example.org/officer/',
};
const NOW_S = 1_795_000_000;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});
const receiver = async (answer?: (n: number) => Answer): Promise<Receiver> => {
  const r = await startReceiver(answer);
  closers.push(r.stop);
  return r;
};
const sink = async (refuse?: (n: number) => boolean) => {
  const s = await startSmtpSink(refuse);
  closers.push(s.close);
  return s;
};
/** A port on 127.0.0.1 that accepts connections and never says a word (an SMTP server that hangs). */
const silentPort = async () => {
  const server = createServer(() => undefined);
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return (server.address() as import('node:net').AddressInfo).port;
};
/** A port nothing listens on. */
const closedPort = async () => {
  const port = await silentPort();
  await closers.pop()?.();
  return port;
};
const rejection = async (promise: Promise<unknown>): Promise<string> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('expected a rejection with an Error');
  return error.message;
};

describe('webhookSender', () => {
  it('posts the alert as JSON, named, signed over its exact body at the given time', async () => {
    const hook = await receiver();
    await webhookSender(hook.url, SECRET, 10)(MESSAGE, new AbortController().signal, NOW_S);
    const [request] = hook.received;
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['user-agent']).toBe('SafeVisit-Alerts');
    expect(JSON.parse(request?.body ?? '')).toEqual({ event: 'report-received', ...MESSAGE });
    expect(request?.headers[SIGNATURE_HEADER.toLowerCase()]).toBe(webhookSignature(SECRET, NOW_S, request?.body ?? ''));
  });

  it('signs HMAC-SHA256 of "<t>.<raw body>" with the secret, as the receiver checks it', async () => {
    const hook = await receiver();
    await webhookSender(hook.url, SECRET, 10)(MESSAGE, new AbortController().signal, NOW_S);
    const body = hook.received[0]?.body ?? '';
    const mac = createHmac('sha256', SECRET).update(`${NOW_S}.${body}`).digest('hex');
    expect(hook.received[0]?.headers[SIGNATURE_HEADER.toLowerCase()]).toBe(`t=${NOW_S},v1=${mac}`);
  });

  it.each([
    [299, undefined],
    [300, 'The webhook receiver answered 300, a redirect, which is not followed.'],
    [399, 'The webhook receiver answered 399, a redirect, which is not followed.'],
    [400, 'The webhook receiver answered 400.'],
    [503, 'The webhook receiver answered 503.'],
  ])('a receiver answering %i leaves %j', async (status, sentence) => {
    const hook = await receiver(() => status);
    const sending = webhookSender(hook.url, SECRET, 10)(MESSAGE, new AbortController().signal, NOW_S);
    if (sentence === undefined) await expect(sending).resolves.toBeUndefined();
    else expect(await rejection(sending)).toBe(sentence);
  });

  it('names the network failure when the receiver cannot be reached', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/hook`;
    const message = await rejection(webhookSender(url, SECRET, 10)(MESSAGE, new AbortController().signal, NOW_S));
    expect(message).toBe('The webhook receiver could not be reached (ECONNREFUSED).');
  });

  it('says plainly that the receiver could not be reached when the failure names no code', async () => {
    // undici refuses a scheme it cannot fetch with a cause that has no code.
    const message = await rejection(
      webhookSender('ftp://127.0.0.1/hook', SECRET, 10)(MESSAGE, new AbortController().signal, NOW_S),
    );
    expect(message).toBe('The webhook receiver could not be reached.');
  });

  it('fails plainly, without the password, on an address with credentials (fetch refuses to use it)', async () => {
    const hook = await receiver();
    const url = hook.url.replace('http://', 'http://user:hunter2@');
    const message = await rejection(webhookSender(url, SECRET, 10)(MESSAGE, new AbortController().signal, NOW_S));
    expect(message).toBe('The webhook receiver could not be reached.');
    expect(hook.received).toHaveLength(0);
  });

  it('says the receiver did not answer in time when the signal aborts', async () => {
    const hook = await receiver(() => 'hang');
    const controller = new AbortController();
    const sending = webhookSender(hook.url, SECRET, 7)(MESSAGE, controller.signal, NOW_S);
    await expect.poll(() => hook.received.length).toBe(1);
    controller.abort();
    expect(await rejection(sending)).toBe('The webhook receiver did not answer within 7 s.');
  });
});

describe('alertEmail', () => {
  it.each([
    ['immediate', 'Urgency: immediate: act now.'],
    ['soon', 'Urgency: soon: act today.'],
    ['routine', 'Urgency: routine.'],
  ] as const)('words a %s report plainly, with the inbox link and nothing of the report', (urgency, line) => {
    const { subject, text } = alertEmail({ ...MESSAGE, urgency });
    expect(subject).toBe(`SafeVisit: a report arrived (urgency ${urgency})`);
    expect(text).toBe(
      [
        `A report arrived at ${MESSAGE.receivedAt}.`,
        line,
        '',
        `Open the inbox to read it: ${MESSAGE.inboxUrl}`,
        '',
        'This email holds nothing of the report: it is sealed, and only a signed-in officer can open it.',
      ].join('\n'),
    );
  });
});

describe('emailSender', () => {
  it('mails the alert from `from` to `to`', async () => {
    const smtp = await sink();
    await emailSender(smtp.url, 'lead@example.org', 'alerts@example.org', 10)(MESSAGE, new AbortController().signal, 0);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toMatchObject({ from: 'alerts@example.org', to: ['lead@example.org'] });
    expect(smtp.mails[0]?.raw).toMatch(/^Subject: SafeVisit: a report arrived \(urgency soon\)/m);
  });

  it('leaves no listener on a signal that outlives the mail, sent or refused', async () => {
    const smtp = await sink((n) => n === 2);
    const send = emailSender(smtp.url, 'lead@example.org', 'alerts@example.org', 10);
    const signal = new AbortController().signal;
    await send(MESSAGE, signal, 0);
    expect(await rejection(send(MESSAGE, signal, 0))).toBe('The mail server refused the alert (451).');
    expect(getEventListeners(signal, 'abort')).toEqual([]);
  });

  it('leaves the mail server’s refusal code, or the reason it could not be reached', async () => {
    const smtp = await sink(() => true);
    const send = emailSender(smtp.url, 'lead@example.org', 'alerts@example.org', 10);
    expect(await rejection(send(MESSAGE, new AbortController().signal, 0))).toBe(
      'The mail server refused the alert (451).',
    );
    const unreachable = emailSender(`smtp://127.0.0.1:${await closedPort()}`, 'lead@example.org', 'a@example.org', 10);
    expect(await rejection(unreachable(MESSAGE, new AbortController().signal, 0))).toBe(
      'The mail server could not be reached (ESOCKET).',
    );
  });

  it('says the mail server did not answer in time when the signal aborts, or was aborted already', async () => {
    const port = await silentPort();
    const send = emailSender(`smtp://127.0.0.1:${port}`, 'lead@example.org', 'a@example.org', 9);
    const controller = new AbortController();
    const sending = send(MESSAGE, controller.signal, 0);
    controller.abort();
    expect(await rejection(sending)).toBe('The mail server did not answer within 9 s.');
    expect(await rejection(send(MESSAGE, AbortSignal.abort(), 0))).toBe('The mail server did not answer within 9 s.');
  });
});
