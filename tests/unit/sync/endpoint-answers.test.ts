// How the HTTP client reads each answer a server can give to the batch route, the guidance route and "Test
// connection", against a hand-written HTTP server on 127.0.0.1 that answers as told (and records what it was sent).
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../../src/domain/errors.ts';
import type { SealedRequest } from '../../../src/domain/sealed-protocol.ts';
import { fetchGuidance, request, submitReports, testConnection } from '../../../src/sync/endpoint.ts';
import { DEVICE_TOKEN, startHttp } from '../fixtures.ts';

type Reply = { status: number; headers?: Record<string, string>; body?: string };
type Seen = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

let reply: Reply = { status: 500 };
const seen: Seen[] = [];
let http: Awaited<ReturnType<typeof startHttp>>;
beforeAll(async () => {
  http = await startHttp((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      if (reply.status === 0) return; // never answers: the client times out
      res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '');
    });
  });
});
afterAll(() => http.close());

const now = () => Date.parse('2026-11-23T10:00:00Z');
const ID_A = '6f1c1a3e-8d2b-4f4e-9b7a-2d3c4e5f6a7b';
const ID_B = '0b7e3c52-1f0a-4c3d-8e2f-5a6b7c8d9e0f';
const pair: SealedRequest[] = [
  { id: ID_A, revision: 1, body: '{"a":1}' },
  { id: ID_B, revision: 2, body: '{"b":2}' },
];
const receiptOf = (id: string, revision: number) => ({ id, revision, receivedAt: '2026-11-23T10:00:01.000Z' });
const error = (code: string, message = 'no', issues?: { path: string; message: string }[]) => ({
  error: { code, message, ...(issues ? { issues } : {}) },
});
const results = (...items: unknown[]) => JSON.stringify({ results: items });

describe('submitReports: how each answer to a batch is read', () => {
  it.each<[string, Reply, unknown]>([
    [
      '200 with a receipt for each',
      {
        status: 200,
        body: results({ status: 201, receipt: receiptOf(ID_A, 1) }, { status: 200, receipt: receiptOf(ID_B, 2) }),
      },
      {
        kind: 'answered',
        outcomes: [
          { kind: 'accepted', receipt: receiptOf(ID_A, 1) },
          { kind: 'accepted', receipt: receiptOf(ID_B, 2) },
        ],
      },
    ],
    [
      '200 with receipts of another revision or report',
      {
        status: 200,
        body: results({ status: 201, receipt: receiptOf(ID_A, 2) }, { status: 201, receipt: receiptOf(ID_A, 2) }),
      },
      {
        kind: 'answered',
        outcomes: [
          { kind: 'retry', error: 'bad-response' },
          { kind: 'retry', error: 'bad-response' },
        ],
      },
    ],
    [
      '200 with a refusal with reasons and one with a message only',
      {
        status: 200,
        body: results(
          { status: 400, ...error('invalid', 'bad', [{ path: 'urgency', message: 'Choose one' }]) },
          { status: 400, ...error('schema-version', 'update the app', []) },
        ),
      },
      {
        kind: 'answered',
        outcomes: [
          { kind: 'invalid', issues: [{ path: 'urgency', message: 'Choose one' }] },
          { kind: 'invalid', issues: [{ path: '', message: 'update the app' }] },
        ],
      },
    ],
    [
      '200 with a refusal that carries no list of reasons at all',
      {
        status: 200,
        body: results({ status: 400, ...error('invalid', 'no reasons given') }, { status: 409, ...error('conflict') }),
      },
      {
        kind: 'answered',
        outcomes: [{ kind: 'invalid', issues: [{ path: '', message: 'no reasons given' }] }, { kind: 'conflict' }],
      },
    ],
    [
      '200 with a conflict, a server error and another refusal',
      { status: 200, body: results({ status: 409, ...error('conflict') }, { status: 500, ...error('server-error') }) },
      { kind: 'answered', outcomes: [{ kind: 'conflict' }, { kind: 'retry', error: 'server-error' }] },
    ],
    [
      '200 with a 4xx the client does not know',
      { status: 200, body: results({ status: 422, ...error('x') }, { status: 499, ...error('x') }) },
      {
        kind: 'answered',
        outcomes: [
          { kind: 'retry', error: 'bad-response' },
          { kind: 'retry', error: 'bad-response' },
        ],
      },
    ],
    [
      '200 with fewer results than reports',
      { status: 200, body: results({ status: 201, receipt: receiptOf(ID_A, 1) }) },
      { kind: 'retry', error: 'bad-response' },
    ],
    ['200 with garbage', { status: 200, body: '<html></html>' }, { kind: 'retry', error: 'bad-response' }],
    [
      '200 with another shape',
      { status: 200, body: '{"results":"all fine"}' },
      { kind: 'retry', error: 'bad-response' },
    ],
    ['201 (not the batch answer)', { status: 201, body: results() }, { kind: 'retry', error: 'bad-response' }],
    ['404 (an older server)', { status: 404 }, { kind: 'each-alone', unsupported: true }],
    ['405 (an older server)', { status: 405 }, { kind: 'each-alone', unsupported: true }],
    [
      '400 (the batch refused whole)',
      { status: 400, body: JSON.stringify(error('invalid')) },
      { kind: 'each-alone', unsupported: false },
    ],
    ['413 (over the body limit)', { status: 413 }, { kind: 'each-alone', unsupported: false }],
    ['401', { status: 401 }, { kind: 'unauthorised' }],
    ['401 whose body says revoked', { status: 401, body: JSON.stringify(error('revoked')) }, { kind: 'unauthorised' }],
    ['403 for another reason', { status: 403, body: JSON.stringify(error('forbidden')) }, { kind: 'unauthorised' }],
    ['403 revoked', { status: 403, body: JSON.stringify(error('revoked')) }, { kind: 'revoked' }],
    ['429 without Retry-After', { status: 429 }, { kind: 'retry', error: 'rate-limited' }],
    [
      '429 with Retry-After',
      { status: 429, headers: { 'Retry-After': '12' } },
      { kind: 'retry', error: 'rate-limited', afterMs: 12_000 },
    ],
    [
      '503 with a Retry-After date',
      { status: 503, headers: { 'Retry-After': 'Mon, 23 Nov 2026 10:00:30 GMT' } },
      { kind: 'retry', error: 'server-error', afterMs: 30_000 },
    ],
    ['500', { status: 500 }, { kind: 'retry', error: 'server-error' }],
    ['418', { status: 418 }, { kind: 'retry', error: 'bad-response' }],
  ])('%s', async (_name, answer, expected) => {
    reply = answer;
    // Strict: a retry without the server's Retry-After carries no `afterMs` at all.
    expect(await submitReports(http.url, DEVICE_TOKEN, pair, { now })).toStrictEqual(expected);
  });

  it('posts the kept bodies as they are, with the token, to /v2/reports/batch', async () => {
    reply = { status: 500 };
    seen.length = 0;
    await submitReports(`${http.url}/sv`, DEVICE_TOKEN, pair);
    expect(seen).toEqual([
      expect.objectContaining({ method: 'POST', url: '/sv/v2/reports/batch', body: '{"reports":[{"a":1},{"b":2}]}' }),
    ]);
    expect(seen[0]?.headers).toMatchObject({
      authorization: `Bearer ${DEVICE_TOKEN}`,
      'content-type': 'application/json',
      accept: 'application/json',
    });
  });

  it('answers retry (unreachable) when nothing listens, timeout when nobody answers, aborted when cancelled', async () => {
    const closed = await startHttp(() => undefined);
    await closed.close();
    expect(await submitReports(closed.url, DEVICE_TOKEN, pair)).toEqual({ kind: 'retry', error: 'unreachable' });
    reply = { status: 0 };
    expect(await submitReports(http.url, DEVICE_TOKEN, pair, { timeoutMs: 50 })).toEqual({
      kind: 'retry',
      error: 'timeout',
    });
    const controller = new AbortController();
    const pending = submitReports(http.url, DEVICE_TOKEN, pair, { signal: controller.signal });
    controller.abort();
    expect(await pending).toEqual({ kind: 'aborted' });
  });
});

describe('request', () => {
  it('refuses to follow a redirect and asks for no cached answer', async () => {
    reply = { status: 302, headers: { Location: `${http.url}/elsewhere` } };
    seen.length = 0;
    expect(await request(`${http.url}/here`, { method: 'GET' }, {}, 1_000)).toEqual({ error: 'unreachable' });
    expect(seen.map((s) => s.url)).toEqual(['/here']);
  });

  it('gives up after the default timeout when the caller gives none', async () => {
    reply = { status: 0 };
    expect(await request(http.url, { method: 'GET' }, {}, 50)).toEqual({ error: 'timeout' });
  });

  it.each<[string, Error, unknown]>([
    ['a timeout', new DOMException('slow', 'TimeoutError'), { error: 'timeout' }],
    // Some browsers' fetch rejects with AbortError whatever the signal's reason.
    [
      'an abort it did not ask for (a browser reporting its timeout)',
      new DOMException('x', 'AbortError'),
      { error: 'timeout' },
    ],
    ['another DOMException', new DOMException('x', 'NetworkError'), { error: 'unreachable' }],
    ['a TypeError (no network)', new TypeError('fetch failed'), { error: 'unreachable' }],
  ])('reads a fetch that fails with %s', async (_name, thrown, expected) => {
    const failing = async () => {
      throw thrown;
    };
    expect(await request(http.url, { method: 'GET' }, { fetch: failing }, 1_000)).toEqual(expected);
  });

  it('still gives up after its timeout beside a cancel of the caller where AbortSignal.any is missing (older browsers)', async () => {
    reply = { status: 0 };
    const any = AbortSignal.any;
    Reflect.deleteProperty(AbortSignal, 'any');
    try {
      const caller = new AbortController();
      expect(await request(http.url, { method: 'GET' }, { signal: caller.signal, timeoutMs: 50 }, 60_000)).toEqual({
        error: 'timeout',
      });
    } finally {
      AbortSignal.any = any;
    }
  });

  it('counts a cancel by the caller as aborted even with a timeout pending', async () => {
    reply = { status: 0 };
    const controller = new AbortController();
    const pending = request(http.url, { method: 'GET' }, { signal: controller.signal, timeoutMs: 60_000 }, 60_000);
    controller.abort();
    expect(await pending).toEqual({ error: 'aborted' });
  });
});

describe('fetchGuidance: how each answer is read', () => {
  it.each<[string, Reply, unknown]>([
    [
      '200 with JSON',
      { status: 200, headers: { ETag: '"v7"' }, body: '{"v":1}' },
      { kind: 'updated', signed: { v: 1 }, etag: '"v7"' },
    ],
    ['200 without an ETag', { status: 200, body: '[]' }, { kind: 'updated', signed: [], etag: null }],
    ['200 with garbage', { status: 200, body: 'not json' }, { kind: 'error', code: 'bad-response' }],
    ['304', { status: 304 }, { kind: 'not-modified' }],
    ['404', { status: 404 }, { kind: 'none-published' }],
    ['401', { status: 401 }, { kind: 'error', code: 'unauthorised' }],
    ['403', { status: 403 }, { kind: 'error', code: 'unauthorised' }],
    ['429', { status: 429 }, { kind: 'error', code: 'rate-limited' }],
    ['500', { status: 500 }, { kind: 'error', code: 'server-error' }],
    ['503', { status: 503 }, { kind: 'error', code: 'server-error' }],
    ['418', { status: 418 }, { kind: 'error', code: 'bad-response' }],
    ['499', { status: 499 }, { kind: 'error', code: 'bad-response' }],
  ])('%s', async (_name, answer, expected) => {
    reply = answer;
    expect(await fetchGuidance(http.url, null)).toEqual(expected);
  });

  it('asks with If-None-Match only when it holds an ETag', async () => {
    reply = { status: 304 };
    seen.length = 0;
    await fetchGuidance(http.url, '"v7"');
    await fetchGuidance(http.url, null);
    expect(seen.map((s) => [s.method, s.url, s.headers['if-none-match'], s.headers.accept])).toEqual([
      ['GET', '/v2/guidance', '"v7"', 'application/json'],
      ['GET', '/v2/guidance', undefined, 'application/json'],
    ]);
  });

  it('says unreachable when nothing listens and timeout when nobody answers', async () => {
    const closed = await startHttp(() => undefined);
    await closed.close();
    expect(await fetchGuidance(closed.url, null)).toEqual({ kind: 'error', code: 'unreachable' });
    reply = { status: 0 };
    expect(await fetchGuidance(http.url, null, { timeoutMs: 50 })).toEqual({ kind: 'error', code: 'timeout' });
  });
});

describe('an error answer nobody reads', () => {
  it('frees its connection at once, even when its body is far longer than the buffers hold', async () => {
    let closed: Promise<'cut short' | 'sent whole'> | undefined;
    const big = await startHttp((req, res) => {
      req.resume();
      closed = new Promise((resolve) =>
        res.on('close', () => resolve(res.writableFinished ? 'sent whole' : 'cut short')),
      );
      res.writeHead(500, { 'Content-Type': 'text/html' });
      // 64 MB: the server can only send it all if the client reads it (or cuts the connection).
      Readable.from(
        (function* () {
          for (let i = 0; i < 1024; i++) yield 'x'.repeat(64 * 1024);
        })(),
      ).pipe(res);
    });
    try {
      expect(await fetchGuidance(big.url, null)).toEqual({ kind: 'error', code: 'server-error' });
      const waited = new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 5_000).unref());
      expect(await Promise.race([closed, waited])).toBe('cut short');
    } finally {
      await big.close();
    }
  });
});

describe('testConnection: the answer and the sentence', () => {
  const health = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({ service: 'safevisit', protocol: 2, status: 'ok', ...extra });

  it.each<[string, Reply, string | null, string, string]>([
    [
      'a SafeVisit server that accepted the token',
      { status: 200, body: health({ authorised: true }) },
      DEVICE_TOKEN,
      'ok',
      'Connected. The server is a SafeVisit sync server and accepted the access token.',
    ],
    [
      'a SafeVisit server, no token given',
      { status: 200, body: health() },
      null,
      'ok',
      'Connected to a SafeVisit sync server. Add the access token to send reports.',
    ],
    [
      'a SafeVisit server that says the token is not authorised',
      { status: 200, body: health({ authorised: false }) },
      DEVICE_TOKEN,
      'unauthorised',
      ERROR_MESSAGES.unauthorised,
    ],
    [
      'a SafeVisit server that does not say, with a token',
      { status: 200, body: health() },
      DEVICE_TOKEN,
      'ok',
      'Connected. The server is a SafeVisit sync server and accepted the access token.',
    ],
    ['a 401', { status: 401 }, DEVICE_TOKEN, 'unauthorised', ERROR_MESSAGES.unauthorised],
    ['a 403', { status: 403 }, DEVICE_TOKEN, 'unauthorised', ERROR_MESSAGES.unauthorised],
    ['a 500', { status: 500 }, DEVICE_TOKEN, 'not-safevisit', ERROR_MESSAGES['not-safevisit']],
    [
      'a 500 whose body looks like health',
      { status: 500, body: health() },
      DEVICE_TOKEN,
      'not-safevisit',
      ERROR_MESSAGES['not-safevisit'],
    ],
    [
      '200 that is not JSON',
      { status: 200, body: '<html></html>' },
      DEVICE_TOKEN,
      'not-safevisit',
      ERROR_MESSAGES['not-safevisit'],
    ],
  ])('%s', async (_name, answer, token, result, message) => {
    reply = answer;
    expect(await testConnection(http.url, token)).toEqual({ result, message });
  });

  it('asks /v1/health with the token only when one is given', async () => {
    reply = { status: 200, body: health() };
    seen.length = 0;
    await testConnection(http.url, DEVICE_TOKEN);
    await testConnection(http.url, '');
    expect(seen.map((s) => [s.method, s.url, s.headers.authorization])).toEqual([
      ['GET', '/v1/health', `Bearer ${DEVICE_TOKEN}`],
      ['GET', '/v1/health', undefined],
    ]);
    expect(seen[0]?.headers.accept).toBe('application/json');
  });
});
