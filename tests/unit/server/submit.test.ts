// POST /v1/reports over a real socket: receipts, idempotent replays, conflicts, and every refusal as a JSON error
// that never echoes the report back, with the server still up afterwards.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, ReceiptSchema } from '../../../src/domain/protocol.ts';
import {
  ADMIN_TOKEN,
  isUp,
  OTHER_DEVICE_TOKEN,
  postReport,
  SECRET_WORDS,
  startServer,
  submission,
  type TestServer,
  validReport,
} from './server-fixtures.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ bodyLimitBytes: 64 * 1024 });
});
afterAll(() => server.close());
afterEach(async () => {
  expect(await isUp(server.url)).toBe(true);
});

const errorOf = async (response: Response) => {
  const text = await response.text();
  expect(text).not.toContain(SECRET_WORDS);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return ErrorBodySchema.parse(JSON.parse(text)).error;
};

describe('POST /v1/reports', () => {
  it('stores a new revision and answers 201 with a receipt', async () => {
    const s = submission();
    const before = await server.app.reportStore.count();
    const response = await postReport(server.url, s);
    expect(response.status).toBe(201);
    const receipt = ReceiptSchema.parse(await response.json());
    expect(receipt).toMatchObject({ id: s.id, revision: 1 });
    expect(Date.now() - Date.parse(receipt.receivedAt)).toBeLessThan(10_000);
    expect(await server.app.reportStore.count()).toBe(before + 1);
  });

  it('answers the same request again with 200 and the SAME receipt, storing nothing new', async () => {
    const s = submission();
    const first = await postReport(server.url, s);
    const firstReceipt = await first.json();
    const before = await server.app.reportStore.count();
    for (let i = 0; i < 3; i++) {
      const again = await postReport(server.url, s);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(firstReceipt);
    }
    expect(await server.app.reportStore.count()).toBe(before);
    expect(await server.app.reportStore.revisions(s.id)).toHaveLength(1);
  });

  it('treats a resend with a new submittedAt as the same revision (submittedAt is not content)', async () => {
    const s = submission();
    const first = await (await postReport(server.url, s)).json();
    const again = await postReport(server.url, { ...s, submittedAt: '2026-11-02T08:00:00.000Z' });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
  });

  it('accepts a replay from another device token as the same revision', async () => {
    const s = submission();
    await postReport(server.url, s);
    const again = await postReport(server.url, s, { token: OTHER_DEVICE_TOKEN });
    expect(again.status).toBe(200);
  });

  it('answers 409 when the same id and revision arrive with a different body, keeping the first', async () => {
    const s = submission();
    const first = await (await postReport(server.url, s)).json();
    const changed = { ...s, report: validReport({ description: `Something else entirely. ${SECRET_WORDS}` }) };
    const response = await postReport(server.url, changed);
    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe('conflict');
    const stored = await server.app.reportStore.revisions(s.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.receivedAt).toBe(first.receivedAt);
    expect(stored[0]?.report).toEqual(s.report);
  });

  it('stores a new revision of the same report as its own row', async () => {
    const s = submission();
    expect((await postReport(server.url, s)).status).toBe(201);
    const r2 = { ...s, revision: 2, report: validReport({ outcome: 'Parents informed.' }) };
    expect((await postReport(server.url, r2)).status).toBe(201);
    expect((await server.app.reportStore.revisions(s.id)).map((r) => r.revision)).toEqual([2, 1]);
  });

  it('stores a label of the device token, never the token', async () => {
    const s = submission();
    await postReport(server.url, s);
    const [stored] = await server.app.reportStore.revisions(s.id);
    expect(stored?.device).toMatch(/^device:[0-9a-f]{12}$/);
    expect(JSON.stringify(stored)).not.toContain('device-token-for-tests');
  });
});

describe('POST /v1/reports refusals', () => {
  type Case = {
    name: string;
    send: () => Promise<Response>;
    status: number;
    code: string;
    /** An issue path the answer must name. */
    path?: string;
  };
  const cases: Case[] = [
    {
      name: 'bad JSON',
      send: () => postReport(server.url, submission(), { body: `{"report": {"description": "${SECRET_WORDS}"` }),
      status: 400,
      code: 'invalid-json',
    },
    {
      name: 'an empty JSON body',
      send: () => postReport(server.url, submission(), { body: '' }),
      status: 400,
      code: 'invalid-json',
    },
    {
      name: 'a report that fails validation',
      send: () =>
        postReport(server.url, {
          ...submission(),
          report: { ...validReport(), reporterName: '', dateHappened: SECRET_WORDS, [SECRET_WORDS]: 1 },
        }),
      status: 400,
      code: 'invalid',
      path: 'report.reporterName',
    },
    {
      name: 'a body that is not an object',
      send: () => postReport(server.url, submission(), { body: JSON.stringify([SECRET_WORDS]) }),
      status: 400,
      code: 'invalid',
    },
    {
      name: 'an id that is not a UUID',
      send: () => postReport(server.url, { ...submission(), id: SECRET_WORDS }),
      status: 400,
      code: 'invalid',
      path: 'id',
    },
    {
      name: 'revision 0',
      send: () => postReport(server.url, { ...submission(), revision: 0 }),
      status: 400,
      code: 'invalid',
      path: 'revision',
    },
    {
      name: 'a wrong schemaVersion',
      send: () => postReport(server.url, { ...submission(), schemaVersion: 99 }),
      status: 400,
      code: 'schema-version',
      path: 'schemaVersion',
    },
    {
      name: 'a missing Idempotency-Key',
      send: () => postReport(server.url, submission(), { key: null }),
      status: 400,
      code: 'idempotency-key',
    },
    {
      name: 'an Idempotency-Key for another revision',
      send: () => {
        const s = submission();
        return postReport(server.url, s, { key: `${s.id}:2` });
      },
      status: 400,
      code: 'idempotency-key',
    },
    {
      name: 'no token',
      send: () => postReport(server.url, submission(), { token: null }),
      status: 401,
      code: 'unauthorised',
    },
    {
      name: 'a wrong token',
      send: () => postReport(server.url, submission(), { token: 'not-a-real-token' }),
      status: 401,
      code: 'unauthorised',
    },
    {
      name: "the officer's token (not a device)",
      send: () => postReport(server.url, submission(), { token: ADMIN_TOKEN }),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'a body over the limit',
      send: () =>
        postReport(server.url, {
          ...submission(),
          report: { ...validReport(), description: `${SECRET_WORDS} ${'x'.repeat(100 * 1024)}` },
        }),
      status: 413,
      code: 'too-large',
    },
    {
      name: 'a body that is not JSON',
      send: () => postReport(server.url, submission(), { contentType: 'text/plain', body: SECRET_WORDS }),
      status: 415,
      code: 'unsupported-media-type',
    },
  ];

  it.each(cases)('refuses $name with $status $code, echoing nothing and storing nothing', async (c) => {
    const before = await server.app.reportStore.count();
    const response = await c.send();
    expect(response.status).toBe(c.status);
    const error = await errorOf(response);
    expect(error.code).toBe(c.code);
    expect(error.message.length).toBeGreaterThan(0);
    if (c.path) expect(error.issues?.map((i) => i.path)).toContain(c.path);
    if (c.status === 401) expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await server.app.reportStore.count()).toBe(before);
  });

  it('explains the schema version it accepts', async () => {
    const response = await postReport(server.url, { ...submission(), schemaVersion: 2 });
    expect((await errorOf(response)).message).toMatch(/schema version 1/);
  });

  it('gives each invalid field its own issue with a plain message', async () => {
    const response = await postReport(server.url, {
      ...submission(),
      report: { ...validReport(), reporterName: '', incidentTypes: [] },
    });
    const { issues } = await errorOf(response);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'report.reporterName', message: 'Enter the name of the person reporting the incident' },
        { path: 'report.incidentTypes', message: 'Tick at least one type of incident' },
      ]),
    );
  });
});
