// The exact answers of the sealed-report routes (server/report-routes.ts) to what goes wrong: each refusal's status,
// code, sentence and issues as a device or an officer's page shows them, an empty Idempotency-Key, a bad inbox query,
// malformed report ids, and the time the server's clock gives receipts and audit rows.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBodySchema, ReceiptSchema } from '../../../src/domain/protocol.ts';
import {
  InboxReportSchema,
  InboxResponseSchema,
  MarkReviewedResponseSchema,
  SEALED_PATHS,
  SealedBatchResponseSchema,
} from '../../../src/domain/sealed-protocol.ts';
import {
  buildOrganisation,
  joinAsNewOfficer,
  manualClock,
  manualTime,
  postSealed,
  type Receiver,
  type SealedServer,
  sealedServersPerTest,
  sealedSubmission,
  send,
  startReceiver,
} from '../fixtures.ts';

const start = sealedServersPerTest();

const errorOf = async (response: Response) => ({
  status: response.status,
  ...ErrorBodySchema.parse(await response.json()).error,
});

const postBatch = (server: SealedServer, body: unknown) =>
  fetch(`${server.url}${SEALED_PATHS.reportsBatch}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.deviceToken}` },
    body: JSON.stringify(body),
  });

const UNKNOWN_KEY = {
  status: 400,
  code: 'unknown-key',
  message:
    'This report is sealed to a key this organisation does not have. Enrol the device with this organisation again.',
  issues: [{ path: 'keyId', message: 'is not one of the organisation’s keys' }],
};
const CONFLICT = {
  status: 409,
  code: 'conflict',
  message: 'This server already holds this report revision with different content; send it as a new revision.',
};

describe('POST /v2/reports refusals', () => {
  it('answers an unknown key and a conflict with their whole sentences', async () => {
    const server = await start();
    const stranger = await sealedSubmission(await buildOrganisation('Another Service'));
    expect(await errorOf(await postSealed(server, stranger))).toEqual(UNKNOWN_KEY);
    const s = await sealedSubmission(server.org, { words: 'first' });
    expect((await postSealed(server, s)).status).toBe(201);
    expect(await errorOf(await postSealed(server, { ...s, urgency: 'soon' }))).toEqual(CONFLICT);
  });

  it('answers a body that is not a sealed report, and a newer schema version, with their own sentences', async () => {
    const server = await start();
    const s = await sealedSubmission(server.org);
    const invalid = await errorOf(await postSealed(server, { ...s, urgency: 'whenever' }, { key: `${s.id}:1` }));
    expect(invalid).toMatchObject({ status: 400, code: 'invalid', message: 'The sealed report is not valid.' });
    expect(invalid.issues?.map((i) => i.path)).toEqual(['urgency']);
    const newer = await errorOf(
      await postSealed(server, { ...s, schemaVersion: 99, urgency: 'whenever' }, { key: `${s.id}:1` }),
    );
    expect(newer).toMatchObject({
      status: 400,
      code: 'schema-version',
      message: 'This report’s schema version is newer than this server.',
    });
    // Whatever else is wrong, a newer schema version is what the device must be told.
    expect(newer.issues?.map((i) => i.path).sort()).toEqual(['schemaVersion', 'urgency']);
  });

  it('answers a missing, empty or mismatched Idempotency-Key with 400 and what to send', async () => {
    const server = await start();
    const s = await sealedSubmission(server.org);
    const missing = {
      status: 400,
      code: 'idempotency-key',
      message: 'Send the Idempotency-Key header as <id>:<revision>.',
    };
    expect(await errorOf(await postSealed(server, s, { key: null }))).toEqual(missing);
    expect(await errorOf(await postSealed(server, s, { key: '' }))).toEqual(missing);
    expect(await errorOf(await postSealed(server, s, { key: '   ' }))).toEqual(missing);
    expect(await errorOf(await postSealed(server, s, { key: `${s.id}:2` }))).toEqual({
      status: 400,
      code: 'idempotency-key',
      message: 'The Idempotency-Key header does not match the id and revision.',
    });
    expect(await server.app.sealedReports.sealedCount()).toBe(0);
    // Spaces around the right key do not matter.
    expect((await postSealed(server, s, { key: ` ${s.id}:1 ` })).status).toBe(201);
  });

  it('gives the receipt the server’s time of receipt', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    clock.advance(42_000);
    const s = await sealedSubmission(server.org);
    const receipt = ReceiptSchema.parse(await (await postSealed(server, s)).json());
    expect(receipt).toEqual({ id: s.id, revision: 1, receivedAt: clock.date().toISOString() });
  });
});

describe('POST /v2/reports/batch refusals', () => {
  it('answers each refused report with its whole sentence, and a body that is not a batch with its own', async () => {
    const server = await start();
    const s = await sealedSubmission(server.org, { words: 'first' });
    expect((await postSealed(server, s)).status).toBe(201);
    const stranger = await sealedSubmission(await buildOrganisation('Another Service'));
    const response = await postBatch(server, { reports: [stranger, { ...s, urgency: 'soon' }] });
    expect(response.status).toBe(200);
    const { results } = SealedBatchResponseSchema.parse(await response.json());
    const error = ({ status, ...rest }: Record<string, unknown>) => ({ status, ...(rest.error as object) });
    expect(results.map((r) => error(r as Record<string, unknown>))).toEqual([UNKNOWN_KEY, CONFLICT]);

    const notABatch = await errorOf(await postBatch(server, { reports: 'all of them' }));
    expect(notABatch).toMatchObject({
      status: 400,
      code: 'invalid',
      message: 'The batch of sealed reports is not valid.',
    });
    expect(notABatch.issues?.map((i) => i.path)).toEqual(['reports']);
  });

  it('stamps every report of a batch with the server’s time of receipt', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    clock.advance(7_000);
    const reports = await Promise.all([1, 2].map(() => sealedSubmission(server.org)));
    const { results } = SealedBatchResponseSchema.parse(await (await postBatch(server, { reports })).json());
    expect(results).toEqual(
      reports.map((r) => ({ status: 201, receipt: { id: r.id, revision: 1, receivedAt: clock.date().toISOString() } })),
    );
  });
});

describe('alerts of new reports', () => {
  const receivers: Receiver[] = [];
  afterEach(async () => {
    for (const receiver of receivers.splice(0)) await receiver.stop();
  });

  it('wakes the alert worker when a batch holds a new report beside a replay, without waiting for its poll', async () => {
    const hook = await startReceiver();
    receivers.push(hook);
    // Hand-moved timers that the test never moves: only the wake-up after the commit can send the alert.
    const time = manualTime();
    const server = await start({
      now: time.now,
      alerts: {
        webhook: { url: hook.url, secret: 'webhook-secret-0123456789' },
        inboxUrl: 'https://x.example/',
        timers: time.timers,
      },
    });
    await server.app.alertWorker?.settled();
    const stored = await sealedSubmission(server.org);
    expect((await postSealed(server, stored)).status).toBe(201);
    await vi.waitFor(() => expect(hook.received).toHaveLength(1), { timeout: 10_000 });
    const fresh = await sealedSubmission(server.org);
    const response = await postBatch(server, { reports: [stored, fresh] });
    expect(SealedBatchResponseSchema.parse(await response.json()).results.map((r) => r.status)).toEqual([200, 201]);
    await vi.waitFor(() => expect(hook.received).toHaveLength(2), { timeout: 10_000 });
    expect(JSON.parse(hook.received[1]?.body ?? '{}')).toMatchObject({ id: fresh.id });
  });
});

describe('the inbox routes', () => {
  it('pages the list with nextCursor until the last page, opens a report, marks it reviewed and records an export', async () => {
    const server = await start();
    const token = server.session.token;
    const sent = await Promise.all([1, 2, 3].map(() => sealedSubmission(server.org)));
    for (const s of sent) expect((await postSealed(server, s)).status).toBe(201);
    const first = InboxResponseSchema.parse(
      await (await send(server.url, `${SEALED_PATHS.inbox}?limit=2`, { token })).json(),
    );
    expect(first.reports).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const last = await (
      await send(server.url, `${SEALED_PATHS.inbox}?limit=2&cursor=${first.nextCursor}`, { token })
    ).json();
    expect(Object.keys(last)).toEqual(['reports']);
    const ids = [...first.reports, ...InboxResponseSchema.parse(last).reports].map((r) => r.id);
    expect(ids.sort()).toEqual(sent.map((s) => s.id).sort());

    const id = sent[0]?.id ?? '';
    const opened = InboxReportSchema.parse(await (await send(server.url, SEALED_PATHS.report(id), { token })).json());
    expect(opened.id).toBe(id);
    const reviewed = await send(server.url, SEALED_PATHS.reviewed(id), { method: 'POST', token });
    expect(MarkReviewedResponseSchema.parse(await reviewed.json())).toMatchObject({ id, status: 'reviewed' });
    const exported = await send(server.url, SEALED_PATHS.auditExport, { token, body: { ids: [id], format: 'csv' } });
    expect(exported.status).toBe(204);
    expect(await exported.text()).toBe('');
  });
});

describe('the inbox routes’ refusals', () => {
  it('answers a bad inbox query with 400 and its issues', async () => {
    const server = await start();
    for (const [query, path] of [
      ['?limit=0', 'limit'],
      ['?limit=many', 'limit'],
      ['?cursor=yesterday', 'cursor'],
      ['?colour=red', ''],
    ]) {
      const error = await errorOf(
        await send(server.url, `${SEALED_PATHS.inbox}${query}`, { token: server.session.token }),
      );
      expect(error).toMatchObject({ status: 400, code: 'invalid', message: 'The inbox query is not valid.' });
      expect(error.issues?.map((i) => i.path)).toEqual([path]);
    }
  });

  it('answers 404 for opening or marking reviewed an unknown or malformed report id, and writes no row', async () => {
    const server = await start();
    for (const id of ['6f1c2d8e-0000-4000-8000-000000000000', 'not-an-id']) {
      for (const [path, method] of [
        [SEALED_PATHS.report(id), 'GET'],
        [SEALED_PATHS.reviewed(id), 'POST'],
      ] as const) {
        const response = await send(server.url, path, { method, token: server.session.token });
        expect(await errorOf(response)).toEqual({
          status: 404,
          code: 'not-found',
          message: 'There is no such report.',
        });
      }
    }
    const rows = await server.app.orgStore.auditLog();
    expect(rows.filter((r) => r.action === 'report-reviewed' || r.action === 'report-opened')).toEqual([]);
  });

  it('refuses every inbox route to an officer not confirmed yet (403)', async () => {
    const server = await start();
    const s = await sealedSubmission(server.org);
    expect((await postSealed(server, s)).status).toBe(201);
    const { session } = await joinAsNewOfficer(server, 'bo.new@example.org');
    const routes: [string, string, unknown?][] = [
      [SEALED_PATHS.inbox, 'GET'],
      [SEALED_PATHS.report(s.id), 'GET'],
      [SEALED_PATHS.reviewed(s.id), 'POST'],
      [SEALED_PATHS.auditExport, 'POST', { ids: [s.id], format: 'csv' }],
    ];
    for (const [path, method, body] of routes) {
      const response = await send(server.url, path, { method, token: session.token, body });
      expect(await errorOf(response), path).toMatchObject({ status: 403, code: 'forbidden' });
    }
  });

  it('refuses an export of reports not on this server with a sentence and the ids issue', async () => {
    const server = await start();
    const response = await send(server.url, SEALED_PATHS.auditExport, {
      token: server.session.token,
      body: { ids: ['6f1c2d8e-0000-4000-8000-000000000000'], format: 'csv' },
    });
    expect(await errorOf(response)).toEqual({
      status: 400,
      code: 'invalid',
      message: 'Some of these reports are not on this server.',
      issues: [{ path: 'ids', message: 'must name reports stored on this server' }],
    });
    const malformed = await send(server.url, SEALED_PATHS.auditExport, {
      token: server.session.token,
      body: { ids: ['6f1c2d8e-0000-4000-8000-000000000000'], format: 'xlsx' },
    });
    expect(await errorOf(malformed)).toMatchObject({
      status: 400,
      code: 'invalid',
      message: 'The export record is not valid.',
      issues: [{ path: 'format' }],
    });
  });

  it('stamps the audit rows of reads with the officer and the server’s time', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    const s = await sealedSubmission(server.org);
    expect((await postSealed(server, s)).status).toBe(201);
    clock.advance(90_000);
    expect((await send(server.url, SEALED_PATHS.report(s.id), { token: server.session.token })).status).toBe(200);
    const rows = await server.app.orgStore.auditLog();
    expect(rows.filter((r) => r.action === 'report-opened')).toEqual([
      expect.objectContaining({ officerId: server.session.officer.id, at: clock.date().toISOString() }),
    ]);
  });
});
