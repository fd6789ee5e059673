import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../../src/domain/errors.ts';
import type { SealedRequest } from '../../../src/domain/sealed-protocol.ts';
import { checkEndpoint, fetchGuidance, submitReport, testConnection } from '../../../src/sync/endpoint.ts';
import {
  buildOrganisation,
  DEVICE_TOKEN,
  type RunningServer,
  sealedSubmission,
  sharedOrganisation,
  startHttp,
  startReferenceServer,
} from '../fixtures.ts';

/** A report sealed for real to the server's organisation, as the device keeps it: the exact body it sends. */
const sealed = async (options: { id?: string; words?: string } = {}): Promise<SealedRequest> => {
  const s = await sealedSubmission(await sharedOrganisation(), options);
  return { id: s.id, revision: s.revision, body: JSON.stringify(s) };
};

describe('checkEndpoint', () => {
  it.each([
    ['https://sync.example.org', 'https://sync.example.org'],
    ['https://sync.example.org/', 'https://sync.example.org'],
    ['  https://Sync.Example.org/safevisit///  ', 'https://sync.example.org/safevisit'],
    ['https://sync.example.org:8443/a/b/', 'https://sync.example.org:8443/a/b'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://localhost:8787/', 'http://localhost:8787'],
    ['http://LOCALHOST/', 'http://localhost'],
    // Pasted from a document: no-break spaces around it, which the URL parser alone would not drop.
    ['\u00a0https://sync.example.org/sv\u00a0', 'https://sync.example.org/sv'],
  ])('accepts %j as %j', (input, expected) => {
    expect(checkEndpoint(input)).toEqual({ ok: true, endpoint: expected });
  });

  it.each([
    'http://sync.example.org',
    'http://192.168.1.10:8787',
    'http://127.0.0.2',
    'http://localhost.example.org',
    'ftp://sync.example.org',
    'ws://localhost',
    'javascript:alert(1)',
    'sync.example.org',
    '',
    'https://user:secret@sync.example.org',
    'https://user@sync.example.org',
    'https://:secret@sync.example.org',
    'https://sync.example.org/?token=abc',
    'https://sync.example.org/#x',
  ])('refuses %j as insecure-endpoint', (input) => {
    expect(checkEndpoint(input)).toEqual({ ok: false, code: 'insecure-endpoint' });
  });
});

describe('submitReport against the reference server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startReferenceServer();
  });
  afterAll(() => server.close());

  it('gets a receipt (201) at POST /v2/reports, then the same receipt for the same bytes again (200), storing one row', async () => {
    const s = await sealed({ words: 'first words' });
    const first = await submitReport(server.url, DEVICE_TOKEN, s);
    expect(first).toEqual({ kind: 'accepted', receipt: { id: s.id, revision: 1, receivedAt: expect.any(String) } });
    const again = await submitReport(server.url, DEVICE_TOKEN, s);
    expect(again).toEqual(first);
    expect(await server.count()).toBe(1);
    expect(await server.openedDescriptions(s.id)).toEqual(['The child said: first words']);
  });

  it('answers conflict for the same id and revision sealed again (other bytes)', async () => {
    const s = await sealed();
    await submitReport(server.url, DEVICE_TOKEN, s);
    expect(await submitReport(server.url, DEVICE_TOKEN, await sealed({ id: s.id }))).toEqual({ kind: 'conflict' });
  });

  it('answers unauthorised for a wrong token', async () => {
    expect(await submitReport(server.url, 'wrong', await sealed())).toEqual({ kind: 'unauthorised' });
  });

  it('answers invalid with the server reasons for a body the server refuses', async () => {
    const s = await sealed();
    const body = JSON.stringify({ ...JSON.parse(s.body), urgency: 'whenever' });
    const outcome = await submitReport(server.url, DEVICE_TOKEN, { ...s, body });
    expect(outcome.kind).toBe('invalid');
    if (outcome.kind !== 'invalid') return;
    expect(outcome.issues).toContainEqual({ path: 'urgency', message: expect.any(String) });
  });

  it('answers invalid for a report sealed to a key the organisation does not have', async () => {
    const other = await sealedSubmission(await buildOrganisation('Another organisation'));
    const before = await server.count();
    const outcome = await submitReport(server.url, DEVICE_TOKEN, {
      id: other.id,
      revision: 1,
      body: JSON.stringify(other),
    });
    expect(outcome.kind).toBe('invalid');
    expect(await server.count()).toBe(before);
  });

  it('answers retry (unreachable) when nothing listens', async () => {
    const closed = await startReferenceServer();
    await closed.close();
    expect(await submitReport(closed.url, DEVICE_TOKEN, await sealed())).toEqual({
      kind: 'retry',
      error: 'unreachable',
    });
  });
});

describe('submitReport: how each answer is read', () => {
  type Reply = { status: number; headers?: Record<string, string>; body?: string };
  let reply: Reply = { status: 500 };
  let http: Awaited<ReturnType<typeof startHttp>>;
  beforeAll(async () => {
    http = await startHttp((req, res) => {
      req.resume();
      if (reply.status === 0) return; // never answers: the client times out
      res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '');
    });
  });
  afterAll(() => http.close());

  const fixed: SealedRequest = { id: '6f1c1a3e-8d2b-4f4e-9b7a-2d3c4e5f6a7b', revision: 1, body: '{}' };
  const receipt = JSON.stringify({ id: fixed.id, revision: 1, receivedAt: '2026-11-23T10:00:01.000Z' });
  const now = () => Date.parse('2026-11-23T10:00:00Z');

  it.each<[string, Reply, unknown]>([
    ['201 with its receipt', { status: 201, body: receipt }, { kind: 'accepted', receipt: JSON.parse(receipt) }],
    ['200 with its receipt', { status: 200, body: receipt }, { kind: 'accepted', receipt: JSON.parse(receipt) }],
    ['201 with garbage', { status: 201, body: '<html>ok</html>' }, { kind: 'retry', error: 'bad-response' }],
    ['201 with an empty body', { status: 201, body: '' }, { kind: 'retry', error: 'bad-response' }],
    [
      '201 with the receipt of another revision',
      { status: 201, body: JSON.stringify({ ...JSON.parse(receipt), revision: 2 }) },
      { kind: 'retry', error: 'bad-response' },
    ],
    [
      '201 with the receipt of another report',
      { status: 201, body: JSON.stringify({ ...JSON.parse(receipt), id: randomUUID() }) },
      { kind: 'retry', error: 'bad-response' },
    ],
    ['401', { status: 401 }, { kind: 'unauthorised' }],
    ['403', { status: 403 }, { kind: 'unauthorised' }],
    [
      '403 revoked (an officer withdrew the enrolment)',
      { status: 403, body: JSON.stringify({ error: { code: 'revoked', message: 'withdrawn' } }) },
      { kind: 'revoked' },
    ],
    [
      '400 with reasons',
      {
        status: 400,
        body: JSON.stringify({
          error: { code: 'invalid', message: 'bad', issues: [{ path: 'report.dateHappened', message: 'Enter it' }] },
        }),
      },
      { kind: 'invalid', issues: [{ path: 'report.dateHappened', message: 'Enter it' }] },
    ],
    [
      '400 with a message only',
      { status: 400, body: JSON.stringify({ error: { code: 'schema-version', message: 'update the app' } }) },
      { kind: 'invalid', issues: [{ path: '', message: 'update the app' }] },
    ],
    [
      '400 with garbage',
      { status: 400, body: 'nope' },
      { kind: 'invalid', issues: [{ path: '', message: ERROR_MESSAGES.invalid }] },
    ],
    ['409', { status: 409 }, { kind: 'conflict' }],
    ['413', { status: 413 }, { kind: 'too-large' }],
    [
      '429 with Retry-After seconds',
      { status: 429, headers: { 'Retry-After': '7' } },
      { kind: 'retry', error: 'rate-limited', afterMs: 7_000 },
    ],
    [
      '503 with Retry-After date',
      { status: 503, headers: { 'Retry-After': 'Mon, 23 Nov 2026 10:01:00 GMT' } },
      { kind: 'retry', error: 'server-error', afterMs: 60_000 },
    ],
    ['429 without Retry-After', { status: 429 }, { kind: 'retry', error: 'rate-limited' }],
    ['500', { status: 500 }, { kind: 'retry', error: 'server-error' }],
    ['502', { status: 502 }, { kind: 'retry', error: 'server-error' }],
    ['404', { status: 404 }, { kind: 'retry', error: 'not-safevisit' }],
    ['405', { status: 405 }, { kind: 'retry', error: 'not-safevisit' }],
    [
      '401 whose body says revoked (only a 403 withdraws the enrolment)',
      { status: 401, body: JSON.stringify({ error: { code: 'revoked', message: 'no' } }) },
      { kind: 'unauthorised' },
    ],
    [
      '400 with an empty list of reasons',
      { status: 400, body: JSON.stringify({ error: { code: 'invalid', message: 'bad', issues: [] } }) },
      { kind: 'invalid', issues: [{ path: '', message: 'bad' }] },
    ],
    ['302', { status: 302, headers: { Location: 'http://example.org/' } }, { kind: 'retry', error: 'unreachable' }],
    ['418', { status: 418 }, { kind: 'retry', error: 'bad-response' }],
  ])('%s', async (_name, answer, expected) => {
    reply = answer;
    // Strict: a retry without the server's Retry-After carries no `afterMs` at all.
    expect(await submitReport(http.url, DEVICE_TOKEN, fixed, { now })).toStrictEqual(expected);
  });

  it('times out into a retry, and a cancel by the caller into aborted', async () => {
    reply = { status: 0 };
    expect(await submitReport(http.url, DEVICE_TOKEN, fixed, { timeoutMs: 50 })).toEqual({
      kind: 'retry',
      error: 'timeout',
    });
    const controller = new AbortController();
    const pending = submitReport(http.url, DEVICE_TOKEN, fixed, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toEqual({ kind: 'aborted' });
  });

  it('sends the token and the idempotency key <id>:<revision>', async () => {
    let headers: Record<string, string | string[] | undefined> = {};
    const probe = await startHttp((req, res) => {
      headers = req.headers;
      req.resume();
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(receipt);
    });
    await submitReport(probe.url, DEVICE_TOKEN, fixed);
    await probe.close();
    expect(headers.authorization).toBe(`Bearer ${DEVICE_TOKEN}`);
    expect(headers['idempotency-key']).toBe(`${fixed.id}:1`);
    expect(headers.accept).toBe('application/json');
  });
});

describe('testConnection', () => {
  let server: RunningServer;
  let other: Awaited<ReturnType<typeof startHttp>>;
  let closedUrl: string;
  beforeAll(async () => {
    server = await startReferenceServer();
    other = await startHttp((req, res) => {
      req.resume();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok' }));
    });
    const closed = await startHttp(() => undefined);
    closedUrl = closed.url;
    await closed.close();
  });
  afterAll(async () => {
    await server.close();
    await other.close();
  });

  it.each<[string, () => string, string | null, string]>([
    ['the server with the right token', () => server.url, DEVICE_TOKEN, 'ok'],
    ['the server with a trailing slash and no token', () => `${server.url}/`, null, 'ok'],
    ['the server with a wrong token', () => server.url, 'wrong', 'unauthorised'],
    ['another kind of server', () => other.url, DEVICE_TOKEN, 'not-safevisit'],
    ['a path the server does not have', () => `${server.url}/nothing-here`, DEVICE_TOKEN, 'not-safevisit'],
    ['nothing listening', () => closedUrl, DEVICE_TOKEN, 'unreachable'],
    ['plain http to another host', () => 'http://sync.example.org', DEVICE_TOKEN, 'insecure-endpoint'],
  ])('%s: %s', async (_name, url, token, expected) => {
    const { result, message } = await testConnection(url(), token);
    expect(result).toBe(expected);
    expect(message).toMatch(/\.$/);
    if (expected !== 'ok') expect(message).toBe(ERROR_MESSAGES[expected as keyof typeof ERROR_MESSAGES]);
  });
});

describe('fetchGuidance against the reference server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startReferenceServer();
  });
  afterAll(() => server.close());

  it('asks /v2/guidance: before any publication the organisation has none (the unsigned v1 pack is not taken)', async () => {
    expect(await fetchGuidance(server.url, null)).toEqual({ kind: 'none-published' });
  });
});
