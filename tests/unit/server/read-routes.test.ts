// GET routes over a real socket: guidance with a strong ETag and 304, health (with the token check), CORS preflight,
// JSON 404s, and the officer's list and report views.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import { isAppError } from '../../../src/domain/errors.ts';
import { parseGuidancePack } from '../../../src/domain/guidance.ts';
import { ErrorBodySchema, HealthSchema } from '../../../src/domain/protocol.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';
import {
  ADMIN_TOKEN,
  DEVICE_TOKEN,
  fetchText,
  getJson,
  postReport,
  startServer,
  submission,
  type TestServer,
  validReport,
} from './server-fixtures.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('GET /v1/guidance', () => {
  it('answers 200 with the bundled pack and a strong ETag: the sha-256 of the body, quoted', async () => {
    const { response, text } = await fetchText(`${server.url}/v1/guidance`);
    expect(response.status).toBe(200);
    const etag = response.headers.get('etag');
    expect(etag).toBe(`"${createHash('sha256').update(text).digest('hex')}"`);
    const parsed = parseGuidancePack(JSON.parse(text));
    expect(parsed.ok && parsed.pack.version).toBe(BUNDLED_PACK.version);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('needs no token', async () => {
    const { response } = await fetchText(`${server.url}/v1/guidance`, { headers: { Authorization: 'Bearer wrong' } });
    expect(response.status).toBe(200);
  });

  it.each([
    ['the same ETag', (etag: string) => etag, 304],
    ['the ETag with a weak prefix', (etag: string) => `W/${etag}`, 304],
    ['a list holding the ETag', (etag: string) => `"old", ${etag}`, 304],
    ['*', () => '*', 304],
    ['another ETag', () => '"0123"', 200],
  ])('If-None-Match with %s answers %i', async (_name, header, status) => {
    const etag = (await fetchText(`${server.url}/v1/guidance`)).response.headers.get('etag') ?? '';
    const { response, text } = await fetchText(`${server.url}/v1/guidance`, {
      headers: { 'If-None-Match': header(etag) },
    });
    expect(response.status).toBe(status);
    expect(response.headers.get('etag')).toBe(etag);
    if (status === 304) expect(text).toBe('');
  });

  it('serves a pack given as an option, with its own ETag', async () => {
    const pack = { ...BUNDLED_PACK, version: 'test-2026.11.2' };
    const other = await startServer({ guidancePack: pack });
    try {
      const response = await fetch(`${other.url}/v1/guidance`);
      expect((await response.json()).version).toBe('test-2026.11.2');
      const bundled = await fetchText(`${server.url}/v1/guidance`);
      expect(response.headers.get('etag')).not.toBe(bundled.response.headers.get('etag'));
    } finally {
      await other.close();
    }
  });

  it('refuses to build with an invalid pack, listing the problems', async () => {
    const error = await buildApp({ guidancePack: { ...BUNDLED_PACK, schemaVersion: 42 } }).catch((e: unknown) => e);
    expect(isAppError(error, 'invalid')).toBe(true);
    expect(String((error as { detail: string[] }).detail)).toMatch(/schemaVersion/);
  });
});

describe('GET /v1/health', () => {
  it.each([
    ['no token', undefined, undefined],
    ['a device token', `Bearer ${DEVICE_TOKEN}`, true],
    ['a wrong token', 'Bearer not-the-token', false],
    ['an officer token (not a device)', `Bearer ${ADMIN_TOKEN}`, false],
    ['another scheme', 'Basic dXNlcjpwYXNz', false],
  ])('with %s says it is SafeVisit protocol 1, authorised: %s', async (_name, authorization, authorised) => {
    const response = await fetch(`${server.url}/v1/health`, authorization ? { headers: { authorization } } : {});
    expect(response.status).toBe(200);
    const body = HealthSchema.parse(await response.json());
    expect(body).toEqual({
      service: 'safevisit',
      protocol: 1,
      status: 'ok',
      ...(authorised === undefined ? {} : { authorised }),
    });
  });
});

describe('CORS and unknown addresses', () => {
  it('answers a preflight from another origin with the headers the client sends', async () => {
    const response = await fetch(`${server.url}/v1/reports`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example.org',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = response.headers.get('access-control-allow-headers')?.toLowerCase() ?? '';
    for (const header of ['authorization', 'content-type', 'idempotency-key', 'if-none-match'])
      expect(allowed).toContain(header);
  });

  it('exposes ETag and Retry-After to scripts on another origin', async () => {
    const { response } = await fetchText(`${server.url}/v1/guidance`, {
      headers: { Origin: 'https://app.example.org' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toMatch(/ETag.*Retry-After/);
  });

  it('answers an unknown address with a JSON 404', async () => {
    const response = await fetch(`${server.url}/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('not-found');
  });

  it('sends the security headers on API answers', async () => {
    const { response } = await fetchText(`${server.url}/v1/health`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe("the officer's view", () => {
  type ListBody = {
    reports: { id: string; revision: number; revisions: number; summary: { title: string } }[];
    nextCursor?: string;
  };

  it('lists reports newest first, one entry per report at its newest revision, page by page', async () => {
    const officer = await startServer();
    try {
      const [a, b, c] = [
        submission(),
        submission(),
        submission({ report: validReport({ incidentTypes: ['grooming'] }) }),
      ];
      for (const s of [a, b, c]) expect((await postReport(officer.url, s)).status).toBe(201);
      // A new revision of the oldest report makes it the newest.
      expect((await postReport(officer.url, { ...a, revision: 2 })).status).toBe(201);

      const first = (await getJson(`${officer.url}/v1/reports?limit=2`, ADMIN_TOKEN)).body as ListBody;
      expect(first.reports.map((r) => [r.id, r.revision, r.revisions])).toEqual([
        [a.id, 2, 2],
        [c.id, 1, 1],
      ]);
      expect(first.reports[1]?.summary.title).toBe('Online grooming');
      expect(JSON.stringify(first)).not.toContain('A. Worker');
      expect(first.nextCursor).toBeDefined();

      const next = (await getJson(`${officer.url}/v1/reports?limit=2&before=${first.nextCursor}`, ADMIN_TOKEN))
        .body as ListBody;
      expect(next.reports.map((r) => r.id)).toEqual([b.id]);
      expect(next.nextCursor).toBeUndefined();
    } finally {
      await officer.close();
    }
  });

  it('gets every revision of a report (newest first), the latest, or one', async () => {
    const s = submission();
    await postReport(server.url, s);
    const r2 = { ...s, revision: 2, report: validReport({ outcome: 'Referred to LADO.' }) };
    await postReport(server.url, r2);
    const base = `${server.url}/v1/reports/${s.id}`;

    const all = (await getJson(base, ADMIN_TOKEN)).body as { revisions: { revision: number; report: unknown }[] };
    expect(all.revisions.map((r) => r.revision)).toEqual([2, 1]);
    expect(all.revisions[0]?.report).toEqual(r2.report);
    const latest = (await getJson(`${base}?revision=latest`, ADMIN_TOKEN)).body as typeof all;
    expect(latest.revisions.map((r) => r.revision)).toEqual([2]);
    const one = (await getJson(`${base}?revision=1`, ADMIN_TOKEN)).body as typeof all;
    expect(one.revisions[0]?.report).toEqual(s.report);
  });

  it.each([
    ['no token', '/v1/reports', undefined, 401],
    ['a device token', '/v1/reports', DEVICE_TOKEN, 403],
    ['a device token on one report', `/v1/reports/${crypto.randomUUID()}`, DEVICE_TOKEN, 403],
    ['an unknown report', `/v1/reports/${crypto.randomUUID()}`, ADMIN_TOKEN, 404],
    ['an unknown revision', `/v1/reports/${crypto.randomUUID()}?revision=9`, ADMIN_TOKEN, 404],
    ['an id that is not a UUID', '/v1/reports/not-a-uuid', ADMIN_TOKEN, 400],
    ['a limit of 0', '/v1/reports?limit=0', ADMIN_TOKEN, 400],
    ['a limit too high', '/v1/reports?limit=100000', ADMIN_TOKEN, 400],
    ['a made-up cursor', '/v1/reports?before=abc', ADMIN_TOKEN, 400],
  ])('answers %s with %i', async (_name, path, token, status) => {
    const { response, body } = await getJson(`${server.url}${path}`, token);
    expect(response.status).toBe(status);
    expect(ErrorBodySchema.safeParse(body).success).toBe(true);
  });

  it('keeps report answers out of caches', async () => {
    const { response } = await getJson(`${server.url}/v1/reports`, ADMIN_TOKEN);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
