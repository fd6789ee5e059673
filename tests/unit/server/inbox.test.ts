// The officer's inbox over a real socket: envelopes that open with the organisation's private keys in the test (as
// in the officer's browser), urgent first then newest, every revision, review state that persists, exports recorded,
// an audit row for each read in the same transaction, and the role hook refusing everyone else.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hashToken, SESSION_IDLE_TIMEOUT_MS } from '../../../server/officer-auth.ts';
import { ErrorBodySchema } from '../../../src/domain/protocol.ts';
import {
  InboxReportSchema,
  InboxResponseSchema,
  MarkReviewedResponseSchema,
  SEALED_PATHS,
} from '../../../src/domain/sealed-protocol.ts';
import {
  b64,
  dbFilesPerTest,
  manualClock,
  openedDescription,
  postSealed,
  type SealedServer,
  sealedServersPerTest,
  sealedSubmission,
  send,
  startServer,
} from '../fixtures.ts';

const start = sealedServersPerTest();
const dbFile = dbFilesPerTest();

const inbox = async (server: SealedServer, query = '') => {
  const response = await send(server.url, `${SEALED_PATHS.inbox}${query}`, { token: server.session.token });
  expect(response.status).toBe(200);
  return InboxResponseSchema.parse(await response.json());
};

const submit = async (
  server: SealedServer,
  ...args: Parameters<typeof sealedSubmission> extends [unknown, ...infer R] ? R : never
) => {
  const s = await sealedSubmission(server.org, ...args);
  expect((await postSealed(server, s)).status).toBe(201);
  return s;
};

const auditActions = async (server: SealedServer) =>
  (await server.app.orgStore.auditLog()).filter((r) => !['setup', 'device-enrolled'].includes(r.action));

describe('GET /v2/officer/reports', () => {
  it('lists the newest revision of each report, urgent first then newest, as envelopes that open', async () => {
    const server = await start();
    const routine = await submit(server, { words: 'routine one', urgency: 'routine' });
    const immediate = await submit(server, { words: 'immediate one', urgency: 'immediate' });
    const soon = await submit(server, { words: 'soon one', urgency: 'soon' });
    const routineLater = await submit(server, { words: 'routine two', urgency: 'routine' });
    const corrected = await submit(server, { id: routine.id, revision: 2, words: 'routine one, corrected' });

    const { reports, nextCursor } = await inbox(server);
    expect(nextCursor).toBeUndefined();
    expect(reports.map((r) => [r.id, r.revision, r.revisions])).toEqual([
      [immediate.id, 1, 1],
      [soon.id, 1, 1],
      // The corrected report's newest revision arrived last.
      [corrected.id, 2, 2],
      [routineLater.id, 1, 1],
    ]);
    expect(reports[0]).toMatchObject({ status: 'new', reviewedAt: null, reviewedBy: null, deviceId: server.deviceId });
    const opened = await Promise.all(reports.map((r) => openedDescription(server.org.privateKeys, r)));
    expect(opened).toEqual([
      'The child said: immediate one',
      'The child said: soon one',
      'The child said: routine one, corrected',
      'The child said: routine two',
    ]);
    expect((await auditActions(server)).map((r) => [r.action, r.officerId])).toEqual([
      ['inbox-read', server.session.officer.id],
    ]);
  });

  it('pages with a cursor through every report once, in the same order', async () => {
    const server = await start();
    const urgencies = ['routine', 'immediate', 'soon', 'routine', 'immediate'] as const;
    for (const urgency of urgencies) await submit(server, { urgency });
    const all = (await inbox(server)).reports.map((r) => r.id);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await inbox(server, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.reports.length).toBeLessThanOrEqual(2);
      paged.push(...page.reports.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(all).toHaveLength(5);
    const bad = await send(server.url, `${SEALED_PATHS.inbox}?cursor=drop-table`, { token: server.session.token });
    expect(bad.status).toBe(400);
  });

  it('returns 1,000 reports in one response of a few MB', async () => {
    const server = await start();
    const sample = await sealedSubmission(server.org, { words: 'A full description. '.repeat(60) });
    const store = server.app.sealedReports;
    // Rows made directly (one real envelope's size each): the route and its query are what is measured.
    for (let i = 0; i < 1_000; i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      const urgency = i % 10 === 0 ? 'immediate' : 'routine';
      await store.saveSealed(
        { ...sample, id, urgency, deviceId: server.deviceId, bodyHash: String(i) },
        new Date().toISOString(),
      );
    }
    const started = performance.now();
    const response = await send(server.url, SEALED_PATHS.inbox, { token: server.session.token });
    const text = await response.text();
    const elapsedMs = performance.now() - started;
    const { reports } = InboxResponseSchema.parse(JSON.parse(text));
    expect(reports).toHaveLength(1_000);
    expect(reports.slice(0, 100).every((r) => r.urgency === 'immediate')).toBe(true);
    expect(text.length).toBeLessThan(5 * 1024 * 1024);
    console.info(`inbox of 1,000: ${(text.length / 1024 / 1024).toFixed(2)} MB in ${elapsedMs.toFixed(0)} ms`);
  });
});

describe('GET /v2/officer/reports/:id', () => {
  it('gives every revision, newest first, each opening, and writes a report-opened row', async () => {
    const server = await start();
    const first = await submit(server, { words: 'as first told' });
    await submit(server, { id: first.id, revision: 2, words: 'as corrected' });
    const response = await send(server.url, SEALED_PATHS.report(first.id), { token: server.session.token });
    expect(response.status).toBe(200);
    const report = InboxReportSchema.parse(await response.json());
    expect(report.revisions.map((r) => r.revision)).toEqual([2, 1]);
    expect(await Promise.all(report.revisions.map((r) => openedDescription(server.org.privateKeys, r)))).toEqual([
      'The child said: as corrected',
      'The child said: as first told',
    ]);
    expect(await auditActions(server)).toEqual([
      expect.objectContaining({ action: 'report-opened', subjectId: first.id, officerId: server.session.officer.id }),
    ]);
  });

  it('answers 404 for an unknown or malformed id and writes no row', async () => {
    const server = await start();
    for (const id of ['6f1c2d8e-0000-4000-8000-000000000000', 'not-an-id']) {
      const response = await send(server.url, SEALED_PATHS.report(id), { token: server.session.token });
      expect(response.status).toBe(404);
      expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('not-found');
    }
    expect(await auditActions(server)).toEqual([]);
  });
});

describe('reviewing and exporting', () => {
  it('keeps who reviewed and when across a restart; a new revision makes the report new again', async () => {
    const clock = manualClock();
    const path = dbFile();
    const server = await start({ dbPath: path, now: clock.date });
    const s = await submit(server);
    clock.advance(60_000);
    const reviewedAt = clock.date().toISOString();
    const response = await send(server.url, SEALED_PATHS.reviewed(s.id), {
      method: 'POST',
      token: server.session.token,
    });
    expect(response.status).toBe(200);
    const officer = { id: server.session.officer.id, name: server.session.officer.name };
    const expected = { id: s.id, status: 'reviewed', reviewedAt, reviewedBy: officer };
    expect(MarkReviewedResponseSchema.parse(await response.json())).toEqual(expected);

    // Marking again keeps the first who and when, and writes no second row.
    clock.advance(60_000);
    const again = await send(server.url, SEALED_PATHS.reviewed(s.id), { method: 'POST', token: server.session.token });
    expect(await again.json()).toEqual(expected);
    expect((await auditActions(server)).map((r) => [r.action, r.subjectId])).toEqual([['report-reviewed', s.id]]);

    await server.close();
    const reopened = await startServer({ dbPath: path, now: clock.date });
    try {
      const token = server.session.token;
      const listed = await send(reopened.url, SEALED_PATHS.inbox, { token });
      const { reports } = InboxResponseSchema.parse(await listed.json());
      expect(reports[0]).toMatchObject({ id: s.id, status: 'reviewed', reviewedAt, reviewedBy: officer });

      await postSealed({ ...server, url: reopened.url }, await sealedSubmission(server.org, { id: s.id, revision: 2 }));
      const after = InboxResponseSchema.parse(await (await send(reopened.url, SEALED_PATHS.inbox, { token })).json());
      expect(after.reports[0]).toMatchObject({ revision: 2, status: 'new', reviewedAt: null, reviewedBy: null });
    } finally {
      await reopened.close();
    }
  });

  it('records an export with its ids and format, and refuses ids that are not stored', async () => {
    const server = await start();
    const a = await submit(server);
    const b = await submit(server);
    const token = server.session.token;
    const response = await send(server.url, SEALED_PATHS.auditExport, {
      token,
      body: { ids: [a.id, b.id, a.id], format: 'csv' },
    });
    expect(response.status).toBe(204);
    expect(await auditActions(server)).toEqual([
      expect.objectContaining({
        action: 'reports-exported',
        subjectId: null,
        detail: { ids: [a.id, b.id], format: 'csv' },
      }),
    ]);
    const cases = [
      { ids: [a.id, '6f1c2d8e-0000-4000-8000-000000000000'], format: 'json' },
      { ids: [a.id], format: 'xlsx' },
      { ids: [], format: 'json' },
      { ids: ['=HYPERLINK("x")'], format: 'csv' },
    ];
    for (const body of cases) {
      const refused = await send(server.url, SEALED_PATHS.auditExport, { token, body });
      expect(refused.status).toBe(400);
    }
    expect(await auditActions(server)).toHaveLength(1);
  });
});

describe('who may read the inbox', () => {
  it('refuses an unconfirmed officer (403) and a device token or no session (401) on every inbox route', async () => {
    const path = dbFile();
    const server = await start({ dbPath: path });
    const s = await submit(server);
    // An officer who signed up but was not confirmed (the invite flow comes later): straight into the database.
    const unconfirmed = b64(32);
    const db = new Database(path);
    try {
      const at = new Date().toISOString();
      db.prepare(
        `INSERT INTO officers (id, name, email, kdf, auth_hash, public_key, wrapped_private_key, confirmed, created_at)
         VALUES ('o-new', 'New Officer', 'new@example.org', '{}', 'x', ?, ?, 0, ?)`,
      ).run(b64(65), b64(100), at);
      db.prepare('INSERT INTO sessions (token_hash, officer_id, created_at, last_used_at) VALUES (?, ?, ?, ?)').run(
        hashToken(unconfirmed),
        'o-new',
        at,
        at,
      );
    } finally {
      db.close();
    }
    const routes: [string, unknown?][] = [
      [SEALED_PATHS.inbox],
      [SEALED_PATHS.report(s.id)],
      [SEALED_PATHS.reviewed(s.id), null],
      [SEALED_PATHS.auditExport, { ids: [s.id], format: 'csv' }],
    ];
    for (const [path, body] of routes) {
      const method = body === undefined ? 'GET' : 'POST';
      const asUnconfirmed = await send(server.url, path, { method, token: unconfirmed, body: body ?? undefined });
      expect(asUnconfirmed.status, path).toBe(403);
      for (const token of [server.deviceToken, undefined, b64(32)]) {
        expect((await send(server.url, path, { method, token, body: body ?? undefined })).status, path).toBe(401);
      }
    }
    expect(await auditActions(server)).toEqual([]);
  });

  it('answers a stale session with 401 session-expired', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    clock.advance(SESSION_IDLE_TIMEOUT_MS);
    const response = await send(server.url, SEALED_PATHS.inbox, { token: server.session.token });
    expect(response.status).toBe(401);
    expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('session-expired');
  });
});
