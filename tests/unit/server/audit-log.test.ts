// The audit log over a real socket: confirmed officers read it newest first, filtered by officer and action, a page
// at a time; an unconfirmed officer and no session cannot; the export of it is itself a row. And no route of the
// server, with any method, changes or removes a row: every route is tried and the log before is still the log.
import { describe, expect, it } from 'vitest';
import { AUDIT_PATHS, type AuditEntry, AuditPageSchema } from '../../../src/domain/audit-protocol.ts';
import { ORG_PATHS } from '../../../src/domain/org-protocol.ts';
import { TEAM_PATHS } from '../../../src/domain/team-protocol.ts';
import { b64, type SetUpServer, send, setUpServersPerTest, signIn } from '../fixtures.ts';

const start = setUpServersPerTest();

const page = async (server: SetUpServer, query: Record<string, string> = {}) => {
  const response = await send(server.url, `${AUDIT_PATHS.audit}?${new URLSearchParams(query)}`, {
    token: server.session.token,
  });
  expect(response.status).toBe(200);
  return AuditPageSchema.parse(await response.json());
};

/** A few actions by the lead, a failed sign-in by nobody, and an invite. */
const someHistory = async (server: SetUpServer) => {
  const token = server.session.token;
  for (const name of ['Phone one', 'Phone two', 'Phone three']) {
    await send(server.url, ORG_PATHS.devices, { token, body: { name } });
  }
  await signIn(server.url, 'nobody@example.org', b64(32));
  await send(server.url, TEAM_PATHS.invites, { token, body: { name: 'Bo New', email: 'bo@example.org' } });
};

/** Every route the server has, as "METHOD path" pairs, from Fastify's own table. */
const routesOf = (server: SetUpServer): string[] => {
  const paths: string[] = [];
  const stack: string[] = [];
  for (const line of server.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(/.exec(line);
    if (!match?.[2]) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2]);
    paths.push(stack.join(''));
  }
  return paths;
};

describe('reading the audit log', () => {
  it('lists rows newest first with names, and filters by officer and by action', async () => {
    const server = await start();
    await someHistory(server);
    const all = await page(server);
    expect(all.entries.map((e) => e.action)).toEqual([
      'officer-invited',
      'sign-in-failed',
      'device-enrolled',
      'device-enrolled',
      'device-enrolled',
      'setup',
    ]);
    expect(all.entries.map((e) => e.seq)).toEqual([...all.entries.map((e) => e.seq)].sort((a, b) => b - a));
    expect(all.officers).toContainEqual({ id: server.session.officer.id, name: 'Sam Lead' });

    const enrolled = await page(server, { action: 'device-enrolled' });
    expect(enrolled.entries).toHaveLength(3);
    const lead = await page(server, { officer: server.session.officer.id });
    expect(lead.entries.every((e) => e.officerId === server.session.officer.id)).toBe(true);
    expect(lead.entries.map((e) => e.action)).not.toContain('sign-in-failed');
    const both = await page(server, { officer: server.session.officer.id, action: 'setup' });
    expect(both.entries.map((e) => e.action)).toEqual(['setup']);
  });

  it('pages with nextBefore until the oldest row', async () => {
    const server = await start();
    await someHistory(server);
    const seen: AuditEntry[] = [];
    let before: number | undefined;
    do {
      const next = await page(server, { limit: '2', ...(before ? { before: String(before) } : {}) });
      seen.push(...next.entries);
      before = next.nextBefore;
    } while (before);
    expect(seen.map((e) => e.seq)).toEqual((await page(server)).entries.map((e) => e.seq));
  });

  it('answers a bad filter with 400, and refuses anyone without a confirmed session', async () => {
    const server = await start();
    for (const query of ['action=erase-everything', 'limit=0', 'limit=100000', 'before=-1', 'sort=asc']) {
      const response = await send(server.url, `${AUDIT_PATHS.audit}?${query}`, { token: server.session.token });
      expect(response.status).toBe(400);
    }
    expect((await send(server.url, AUDIT_PATHS.audit)).status).toBe(401);
  });

  it('records an export of the log with its row count', async () => {
    const server = await start();
    const response = await send(server.url, AUDIT_PATHS.logExported, {
      token: server.session.token,
      body: { rows: 7 },
    });
    expect(response.status).toBe(204);
    expect((await page(server)).entries[0]).toMatchObject({
      action: 'audit-exported',
      officerId: server.session.officer.id,
      detail: { format: 'csv', rows: 7 },
    });
  });
});

describe('the audit log is append-only through the API', () => {
  it('keeps every row as it was whatever route and method is tried against it', async () => {
    const server = await start();
    await someHistory(server);
    const before = await server.app.orgStore.auditLog();
    const firstSeq = String(before[0]?.seq ?? 1);
    const routes = routesOf(server);
    expect(routes).toContain(AUDIT_PATHS.audit);
    expect(routes.length).toBeGreaterThan(15);

    // Sign-out last: it ends the session the others use.
    const ordered = [...routes.filter((p) => !p.includes('sign-out')), ...routes.filter((p) => p.includes('sign-out'))];
    const targets = [...ordered, `${AUDIT_PATHS.audit}/${firstSeq}`, `${AUDIT_PATHS.audit}/:id`];
    const attack = { seq: before[0]?.seq, action: 'sign-in', officerId: null, subjectId: null, at: before[0]?.at };
    for (const route of targets) {
      const path = route.replaceAll(':id', firstSeq).replace(/^\*$/, `${AUDIT_PATHS.audit}/1`);
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        const response = await send(server.url, path, {
          method,
          token: server.session.token,
          ...(method === 'GET' || method === 'DELETE' ? {} : { body: attack }),
        });
        expect(response.status, `${method} ${path}`).toBeLessThan(500);
        await response.body?.cancel();
      }
    }
    const after = await server.app.orgStore.auditLog();
    expect(after.length).toBeGreaterThanOrEqual(before.length);
    expect(after.slice(0, before.length)).toEqual(before);
  });
});
