// The API's JSON error answers (server/http-errors.ts): each kind of thrown error mapped to its status, code and
// sentence on a real Fastify server on 127.0.0.1 (storage down, rate limit, body too large, wrong media type, bad
// JSON, other client errors, real bugs), what is logged, and zod issues turned into wire issues without values.
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBody, handleError, STORAGE_RETRY_AFTER_S, toWireIssues } from '../../../server/http-errors.ts';
import { AppError } from '../../../src/domain/errors.ts';
import { ErrorBodySchema } from '../../../src/domain/protocol.ts';
import { SECRET_WORDS } from '../fixtures.ts';

const withStatus = (message: string, statusCode: number, code?: string) =>
  Object.assign(new Error(message), { statusCode, ...(code ? { code } : {}) });

/** What each route of the test server throws. */
const THROWN: Record<string, () => Error> = {
  'storage-down': () => new AppError('storage-unavailable', undefined, { cause: new Error('disk I/O error') }),
  'storage-down-no-cause': () => new AppError('storage-unavailable'),
  'other-app-error': () => new AppError('invalid'),
  'rate-limited': () => withStatus('limit', 429),
  'too-large': () => withStatus('big', 413),
  'media-type': () => withStatus('type', 415),
  'bad-json-ctp': () => withStatus('ctp', 400, 'FST_ERR_CTP_INVALID_CONTENT_LENGTH'),
  'bad-json-syntax': () => Object.assign(new SyntaxError(`Unexpected token ${SECRET_WORDS}`), { statusCode: 400 }),
  'bad-request': () => withStatus(`bad ${SECRET_WORDS}`, 400, 'FST_ERR_VALIDATION'),
  'not-found': () => withStatus('nf', 404),
  'not-found-syntax': () => Object.assign(new SyntaxError('x'), { statusCode: 404 }),
  'last-client-error': () => withStatus('x', 499),
  'server-side': () => withStatus('x', 500),
  'below-client': () => withStatus('x', 399),
  bug: () => new TypeError(`cannot read ${SECRET_WORDS}`),
};

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const serve = async () => {
  const lines: string[] = [];
  app = Fastify({ logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } });
  app.setErrorHandler(handleError);
  app.get('/throw/:kind', async (request) => {
    throw (THROWN[(request.params as { kind: string }).kind] as () => Error)();
  });
  app.post('/echo', async (request) => request.body);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const call = async (kind: string) => {
    const response = await fetch(`${url}/throw/${kind}`);
    const text = await response.text();
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(text).not.toContain(SECRET_WORDS);
    return { status: response.status, error: ErrorBodySchema.parse(JSON.parse(text)).error, headers: response.headers };
  };
  return { url, call, logs: () => lines.map((l) => JSON.parse(l) as { msg: string; err?: { message: string } }) };
};

describe('handleError', () => {
  it('answers storage trouble with 503 and Retry-After, and logs the cause', async () => {
    const server = await serve();
    const answer = await server.call('storage-down');
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe(String(STORAGE_RETRY_AFTER_S));
    expect(answer.error).toEqual({
      code: 'storage-unavailable',
      message: 'The server cannot store reports right now; try again later.',
    });
    expect(server.logs()).toContainEqual(
      expect.objectContaining({
        msg: 'storage unavailable',
        err: expect.objectContaining({ message: 'disk I/O error' }),
      }),
    );
  });

  it('logs the storage error itself when it has no cause', async () => {
    const server = await serve();
    expect((await server.call('storage-down-no-cause')).status).toBe(503);
    const [line] = server.logs().filter((l) => l.msg === 'storage unavailable');
    expect(line?.err?.message).toBe(new AppError('storage-unavailable').message);
  });

  it.each([
    ['rate-limited', 429, 'rate-limited', 'Too many requests; wait for the time in Retry-After.'],
    ['too-large', 413, 'too-large', 'The request body is larger than this server accepts.'],
    ['media-type', 415, 'unsupported-media-type', 'Send the body as JSON (Content-Type: application/json).'],
    ['bad-json-ctp', 400, 'invalid-json', 'The request body is not valid JSON.'],
    ['bad-json-syntax', 400, 'invalid-json', 'The request body is not valid JSON.'],
    ['bad-request', 400, 'invalid', 'The request could not be understood.'],
    ['not-found', 404, 'invalid', 'The request could not be understood.'],
    ['not-found-syntax', 404, 'invalid', 'The request could not be understood.'],
    ['last-client-error', 499, 'invalid', 'The request could not be understood.'],
  ])('answers %s with %i %s and a sentence of its own, logging nothing', async (kind, status, code, message) => {
    const server = await serve();
    const answer = await server.call(kind);
    expect({ status: answer.status, ...answer.error }).toEqual({ status, code, message });
    expect(answer.headers.get('retry-after')).toBeNull();
    expect(server.logs().filter((l) => l.msg === 'unexpected error')).toEqual([]);
  });

  it.each(['server-side', 'below-client', 'bug', 'other-app-error'])(
    'answers %s with 500 and logs it as unexpected',
    async (kind) => {
      const server = await serve();
      const answer = await server.call(kind);
      expect(answer.status).toBe(500);
      expect(answer.error).toEqual({ code: 'server-error', message: 'The server had an unexpected problem.' });
      const logged = server.logs().filter((l) => l.msg === 'unexpected error');
      expect(logged).toEqual([
        expect.objectContaining({ err: expect.objectContaining({ message: expect.any(String) }) }),
      ]);
    },
  );

  it('answers a body that is not JSON with 400 invalid-json, never echoing it', async () => {
    const server = await serve();
    const response = await fetch(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: `{"note": "${SECRET_WORDS}"`,
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(ErrorBodySchema.parse(JSON.parse(text)).error.code).toBe('invalid-json');
    expect(text).not.toContain(SECRET_WORDS);
  });
});

describe('errorBody', () => {
  it('carries issues only when there are some', () => {
    expect(errorBody('invalid', 'No.')).toEqual({ error: { code: 'invalid', message: 'No.' } });
    expect(Object.keys(errorBody('invalid', 'No.').error)).toEqual(['code', 'message']);
    expect(errorBody('invalid', 'No.', [{ path: 'a', message: 'b' }])).toEqual({
      error: { code: 'invalid', message: 'No.', issues: [{ path: 'a', message: 'b' }] },
    });
  });
});

describe('toWireIssues', () => {
  it('gives dotted paths and zod’s messages, never the value sent', () => {
    const schema = z.object({ report: z.object({ items: z.array(z.number()) }) });
    const result = schema.safeParse({ report: { items: [1, SECRET_WORDS] } });
    expect(result.success).toBe(false);
    const issues = toWireIssues(result.error?.issues ?? []);
    expect(issues).toEqual([{ path: 'report.items.1', message: expect.any(String) }]);
    expect(JSON.stringify(issues)).not.toContain(SECRET_WORDS);
  });

  it('replaces the message of an unknown key, which would quote the sender’s text', () => {
    const result = z.strictObject({ a: z.string() }).safeParse({ a: 'x', [SECRET_WORDS]: 1 });
    const issues = toWireIssues(result.error?.issues ?? []);
    expect(issues).toEqual([{ path: '', message: 'has a field this server does not know' }]);
  });

  it('writes a symbol key in a path as ?', () => {
    const issue = { code: 'custom', path: ['a', Symbol('s'), 2], message: 'is wrong', input: 1 } as const;
    expect(toWireIssues([issue as unknown as z.core.$ZodIssue])).toEqual([{ path: 'a.?.2', message: 'is wrong' }]);
  });

  it('keeps the first 50 issues only', () => {
    const result = z.array(z.string()).safeParse(Array.from({ length: 80 }, (_, i) => i));
    const issues = toWireIssues(result.error?.issues ?? []);
    expect(issues).toHaveLength(50);
    expect(issues[0]?.path).toBe('0');
    expect(issues[49]?.path).toBe('49');
  });
});
