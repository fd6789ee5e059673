// Typed builders for the alert tests: time the test moves by hand (clock and timers together), a webhook receiver on
// 127.0.0.1 whose answers the test chooses, and an SMTP sink (smtp-server) on 127.0.0.1 that can refuse.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Timers } from '../../../server/alerts.ts';
import { testClock } from './org-fixtures.ts';

/** A clock and timers moved together: `advance` moves the clock and runs every timer that has fallen due. */
export const manualTime = (start?: string) => {
  const clock = testClock(start);
  const pending = new Map<number, { at: number; run: () => void }>();
  let nextId = 1;
  const timers: Timers = {
    setTimeout: (run, ms) => {
      const id = nextId++;
      pending.set(id, { at: clock.now().getTime() + ms, run });
      return id;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  return {
    now: clock.now,
    timers,
    advance: (ms: number) => {
      clock.advance(ms);
      for (const [id, timer] of [...pending]) {
        if (timer.at <= clock.now().getTime()) {
          pending.delete(id);
          timer.run();
        }
      }
    },
  };
};

export type Received = { headers: IncomingHttpHeaders; body: string };
/** What the receiver answers a request: a status, a redirect, or nothing ever (a receiver that hangs). */
export type Answer = number | { redirect: string } | 'hang';

const listen = (server: Server, port = 0) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

/** A webhook receiver on 127.0.0.1; `answer` decides each response (default 200). `stop` and `start` move it. */
export const startReceiver = async (answer: (n: number) => Answer = () => 200) => {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const a = answer(received.length);
      if (a === 'hang') return;
      if (typeof a === 'number') return void response.writeHead(a).end('receiver body');
      response.writeHead(302, { Location: a.redirect }).end();
    });
  });
  const port = await listen(server);
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${port}/hook`, received, stop, start: () => listen(server, port) };
};
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

export type Mail = { from: string; to: string[]; raw: string };

/** An SMTP sink on 127.0.0.1 (no TLS, no auth); `refuse(n)` true makes the n-th message get a 451. */
export const startSmtpSink = async (refuse: (n: number) => boolean = () => false) => {
  const mails: Mail[] = [];
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        attempts += 1;
        if (refuse(attempts)) {
          const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
          return callback(error);
        }
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
