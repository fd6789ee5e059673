// POST /v2/reports over a real socket with envelopes sealed by the real HPKE: receipts, idempotent replays,
// conflicts, an unknown key id and every refusal as a JSON error; and a scan of the database and WAL files that finds
// none of the words the reports said.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ORG_PATHS, RevokeDeviceResponseSchema } from '../../../src/domain/org-protocol.ts';
import { ErrorBodySchema, ReceiptSchema } from '../../../src/domain/protocol.ts';
import {
  SEALED_BATCH_MAX_REPORTS,
  SEALED_PATHS,
  SealedBatchResponseSchema,
  sealedBatchBody,
} from '../../../src/domain/sealed-protocol.ts';
import {
  b64,
  buildOrganisation,
  DEVICE_TOKEN,
  dbFilesPerTest,
  flipFirstByte,
  postSealed,
  SECRET_WORDS,
  sealedServersPerTest,
  sealedSubmission,
  send,
} from '../fixtures.ts';

const start = sealedServersPerTest();
const dbFile = dbFilesPerTest();

const errorOf = async (response: Response) => {
  const text = await response.text();
  expect(text).not.toContain(SECRET_WORDS);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return ErrorBodySchema.parse(JSON.parse(text)).error;
};

describe('POST /v2/reports', () => {
  it('stores an envelope and answers 201 with a receipt, naming the enrolled device', async () => {
    const server = await start();
    const s = await sealedSubmission(server.org, { words: SECRET_WORDS, urgency: 'immediate' });
    const response = await postSealed(server, s);
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const receipt = ReceiptSchema.parse(await response.json());
    expect(receipt).toMatchObject({ id: s.id, revision: 1 });
    expect(await server.app.sealedReports.sealedCount()).toBe(1);
    const opened = await server.app.sealedReports.openSealed(s.id, { officerId: 'test', at: receipt.receivedAt });
    expect(opened?.revisions[0]).toMatchObject({ deviceId: server.deviceId, urgency: 'immediate', enc: s.enc });
  });

  it('answers the same bytes again with 200 and the same receipt, even with a new submittedAt; stores one row', async () => {
    const server = await start();
    const s = await sealedSubmission(server.org);
    const first = await (await postSealed(server, s)).json();
    for (const again of [s, { ...s, submittedAt: '2026-11-02T08:00:00.000Z' }]) {
      const response = await postSealed(server, again);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(first);
    }
    expect(await server.app.sealedReports.sealedCount()).toBe(1);
  });

  it('answers 409 when the same id and revision arrive with other bytes, keeping the first', async () => {
    const server = await start();
    const s = await sealedSubmission(server.org, { words: 'first' });
    expect((await postSealed(server, s)).status).toBe(201);
    // Sealing again makes a new ephemeral key: other bytes for the same revision, as a second device would send.
    const resealed = await sealedSubmission(server.org, { id: s.id, words: 'first' });
    for (const other of [resealed, { ...s, ciphertext: flipFirstByte(s.ciphertext) }, { ...s, urgency: 'soon' }]) {
      const response = await postSealed(server, other);
      expect(response.status).toBe(409);
      expect((await errorOf(response)).code).toBe('conflict');
    }
    const kept = await server.app.sealedReports.openSealed(s.id, { officerId: 'test', at: s.createdAt });
    expect(kept?.revisions.map((r) => r.enc)).toEqual([s.enc]);
    // A new revision is a new row.
    expect((await postSealed(server, await sealedSubmission(server.org, { id: s.id, revision: 2 }))).status).toBe(201);
  });

  it('refuses a report sealed to a key id the organisation does not have with 400 and a plain message', async () => {
    const server = await start();
    const stranger = await buildOrganisation('Another Service');
    const response = await postSealed(server, await sealedSubmission(stranger));
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code: 'unknown-key', issues: [{ path: 'keyId' }] });
    expect(error.message).toMatch(/sealed to a key this organisation does not have/);
    expect(await server.app.sealedReports.sealedCount()).toBe(0);
  });

  it('answers bad input with 400 and the issues, never echoing what was sent', async () => {
    const server = await start();
    const s = await sealedSubmission(server.org);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...s, urgency: 'whenever' }, 'invalid', 'urgency'],
      [{ ...s, enc: `${SECRET_WORDS}!` }, 'invalid', 'enc'],
      [{ ...s, ciphertext: undefined }, 'invalid', 'ciphertext'],
      [{ ...s, report: { description: SECRET_WORDS } }, 'invalid', ''],
      [{ ...s, id: SECRET_WORDS }, 'invalid', 'id'],
      [{ ...s, schemaVersion: 99 }, 'schema-version', 'schemaVersion'],
    ];
    for (const [body, code, path] of cases) {
      const response = await postSealed(server, body, { key: `${s.id}:1` });
      expect(response.status, path).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe(code);
      expect(error.issues?.map((i) => i.path)).toContain(path);
    }
    const wrongKey = await postSealed(server, s, { key: `${s.id}:2` });
    expect((await errorOf(wrongKey)).code).toBe('idempotency-key');
    expect((await errorOf(await postSealed(server, s, { key: null }))).code).toBe('idempotency-key');
    const badJson = await postSealed(server, s, { body: `{"ciphertext": "${SECRET_WORDS}` });
    expect(badJson.status).toBe(400);
    expect((await errorOf(badJson)).code).toBe('invalid-json');
    expect(await server.app.sealedReports.sealedCount()).toBe(0);
  });

  it('answers 401 without an enrolled device token and 403 revoked once the device is revoked', async () => {
    const server = await start();
    const s = await sealedSubmission(server.org);
    // No token, an unknown one, a hand-configured v1 token, an officer's session: none is an enrolled device.
    for (const token of [null, b64(32), DEVICE_TOKEN, server.session.token]) {
      const response = await postSealed(server, s, { token });
      expect(response.status).toBe(401);
      expect((await errorOf(response)).code).toBe('unauthorised');
    }
    const revoked = await send(server.url, ORG_PATHS.revokeDevice(server.deviceId), {
      method: 'POST',
      token: server.session.token,
    });
    RevokeDeviceResponseSchema.parse(await revoked.json());
    const response = await postSealed(server, s);
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: 'revoked', message: expect.stringMatching(/withdrawn/) });
    expect(await server.app.sealedReports.sealedCount()).toBe(0);
  });

  it('answers 413 over the body limit and 415 for a body that is not JSON', async () => {
    const server = await start({ bodyLimitBytes: 8 * 1024 });
    const s = await sealedSubmission(server.org);
    const big = await postSealed(server, { ...s, ciphertext: 'A'.repeat(9 * 1024) });
    expect(big.status).toBe(413);
    expect((await errorOf(big)).code).toBe('too-large');
    const text = await postSealed(server, s, { contentType: 'text/plain', body: SECRET_WORDS });
    expect(text.status).toBe(415);
    expect((await errorOf(text)).code).toBe('unsupported-media-type');
    expect((await postSealed(server, s)).status).toBe(201);
  });
});

describe('POST /v2/reports/batch', () => {
  const postBatch = (server: { url: string; deviceToken: string }, body: unknown, token = server.deviceToken) =>
    fetch(`${server.url}${SEALED_PATHS.reportsBatch}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('answers each report as POST /v2/reports would: 201, 200 with the same receipt, 409, 400 with its issues', async () => {
    const server = await start();
    const stored = await sealedSubmission(server.org, { words: 'stored first' });
    expect((await postSealed(server, stored)).status).toBe(201);
    const fresh = await sealedSubmission(server.org, { words: SECRET_WORDS });
    const otherBytes = await sealedSubmission(server.org, { id: stored.id, words: 'stored first' });
    const stranger = await sealedSubmission(await buildOrganisation('Another Service'));
    // Joined as text from the kept bodies, as the device does.
    const body = sealedBatchBody(
      [fresh, fresh, otherBytes, stranger, { ...fresh, id: SECRET_WORDS }].map((s) => JSON.stringify(s)),
    );
    const response = await postBatch(server, body);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(SECRET_WORDS);
    const { results } = SealedBatchResponseSchema.parse(JSON.parse(text));
    const [created, replayed, conflict, unknownKey, invalid] = results;
    expect(created).toMatchObject({ status: 201, receipt: { id: fresh.id, revision: 1 } });
    expect(replayed).toEqual({ ...created, status: 200 });
    expect(conflict).toMatchObject({ status: 409, error: { code: 'conflict' } });
    expect(unknownKey).toMatchObject({ status: 400, error: { code: 'unknown-key', issues: [{ path: 'keyId' }] } });
    expect(invalid).toMatchObject({ status: 400, error: { code: 'invalid', issues: [{ path: 'id' }] } });
    expect(await server.app.sealedReports.sealedCount()).toBe(2);
  });

  it('refuses a batch that is not 1 to 50 reports with 400, and a device that is not enrolled with 401', async () => {
    const server = await start();
    const s = await sealedSubmission(server.org);
    for (const body of [
      { reports: [] },
      { reports: Array.from({ length: SEALED_BATCH_MAX_REPORTS + 1 }, () => s) },
      [s],
    ]) {
      const response = await postBatch(server, body);
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe('invalid');
    }
    const stranger = await postBatch(server, { reports: [s] }, b64(32));
    expect(stranger.status).toBe(401);
    expect((await errorOf(stranger)).code).toBe('unauthorised');
    expect(await server.app.sealedReports.sealedCount()).toBe(0);
  });
});

describe('what the database keeps', () => {
  it('holds no word of any report in the database file or its WAL after submissions and inbox reads', async () => {
    const path = dbFile();
    const server = await start({ dbPath: path });
    const markers = ['Quokka-Lighthouse-5521', 'Marmalade-Sparrow-0093', 'Tangerine-Viaduct-4418'];
    const sent = [];
    for (const [i, words] of markers.entries()) {
      const s = await sealedSubmission(server.org, { words, urgency: i === 0 ? 'immediate' : 'routine' });
      expect((await postSealed(server, s)).status).toBe(201);
      sent.push(s);
    }
    const first = sent[0];
    if (!first) throw new Error('nothing sent');
    expect(
      (await postSealed(server, await sealedSubmission(server.org, { id: first.id, revision: 2, words: markers[1] })))
        .status,
    ).toBe(201);
    expect((await send(server.url, SEALED_PATHS.inbox, { token: server.session.token })).status).toBe(200);
    await send(server.url, SEALED_PATHS.reviewed(first.id), { method: 'POST', token: server.session.token });

    expect(existsSync(`${path}-wal`)).toBe(true);
    const stored = Buffer.concat([readFileSync(path), readFileSync(`${path}-wal`)]);
    // The scan reads what was stored: the routing fields are there...
    expect(stored.includes(first.id)).toBe(true);
    expect(stored.includes(first.ciphertext.slice(0, 40))).toBe(true);
    // ...and no word of any report, in UTF-8 or UTF-16.
    for (const marker of [...markers, 'The child said', 'A. Worker']) {
      expect(stored.includes(Buffer.from(marker, 'utf8')), marker).toBe(false);
      expect(stored.includes(Buffer.from(marker, 'utf16le')), marker).toBe(false);
    }
  });
});
