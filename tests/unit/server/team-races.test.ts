// Team changes that cross over a real socket: one invite accepted by several browsers at once, and two confirmed
// officers removing each other. The store decides inside its transaction; the routes say what it decided.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../server/storage/open-store.ts';
import type { Store } from '../../../server/storage/types.ts';
import { ErrorBodySchema } from '../../../src/domain/protocol.ts';
import { InviteResponseSchema, TEAM_PATHS } from '../../../src/domain/team-protocol.ts';
import { b64, joinAsNewOfficer, send, setUpServersPerTest, startSetUpServer } from '../fixtures.ts';

const start = setUpServersPerTest();
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

const acceptBody = (token: string) => ({
  token,
  kdf: { name: 'PBKDF2-SHA256', iterations: 600_000, salt: b64(16) },
  authKey: b64(32),
  keys: { publicKey: b64(65), wrappedPrivateKey: b64(180) },
});

describe('races', () => {
  it('lets one of several acceptances of one invite sent at once win; the others are told it was used', async () => {
    const server = await start();
    const invited = await send(server.url, TEAM_PATHS.invites, {
      token: server.session.token,
      body: { name: 'Bo New', email: 'bo@example.org' },
    });
    const { token } = InviteResponseSchema.parse(await invited.json());
    const answers = await Promise.all(
      [1, 2, 3].map(async () => {
        const response = await send(server.url, TEAM_PATHS.acceptInvite, { body: acceptBody(token) });
        return response.status === 201
          ? { status: 201 }
          : { status: response.status, code: ErrorBodySchema.parse(await response.json()).error.code };
      }),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 201)).toEqual([
      { status: 410, code: 'invite-used' },
      { status: 410, code: 'invite-used' },
    ]);
    expect((await server.app.orgStore.listOfficers()).map((o) => o.email)).toEqual([
      server.request.officer.email,
      'bo@example.org',
    ]);
  });

  it('keeps the last confirmed officer when two confirmed officers remove each other at once', async () => {
    // A real SQLite store; the lead's removal of Bo lands while Bo's own request is past the role check.
    const real = await openStore({ dbPath: ':memory:' });
    stores.push(real);
    let meanwhile: (() => Promise<unknown>) | undefined;
    const store: Store = {
      ...real,
      touchSession: async (tokenHash, at) => {
        await real.touchSession(tokenHash, at);
        const run = meanwhile;
        meanwhile = undefined;
        await run?.();
      },
    };
    const server = await startSetUpServer({ store });
    try {
      const bo = await joinAsNewOfficer(server, 'bo@example.org');
      const kid = server.request.organisation.encryptionKey.kid;
      const grants = [
        { kid: 'signing', sealed: b64(300) },
        { kid, sealed: b64(300) },
      ];
      const confirmed = await send(server.url, TEAM_PATHS.confirm(bo.officer.id), {
        token: server.session.token,
        body: { grants },
      });
      expect(confirmed.status).toBe(200);
      const lead = server.session.officer.id;
      meanwhile = () => real.removeOfficer(bo.officer.id, lead, new Date().toISOString());
      const response = await send(server.url, TEAM_PATHS.remove(lead), { method: 'POST', token: bo.session.token });
      expect(response.status).toBe(403);
      expect(ErrorBodySchema.parse(await response.json()).error).toEqual({
        code: 'last-officer',
        message: 'This is the last confirmed officer, so they cannot be removed.',
      });
      expect((await real.listOfficers()).map((o) => o.id)).toEqual([lead]);
    } finally {
      await server.close();
    }
  });
});
