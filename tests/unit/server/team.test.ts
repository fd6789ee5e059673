// More officers over a real socket: an invite (token shown once, hash kept, 7 days, single use), accepting it with
// keys made by the invitee, signed in but reading nothing until confirmed, confirming stores the grants, removing
// ends the officer's sessions at once; used, expired and unknown invites and a removed officer's session each get
// one plain sentence. Every step writes its audit row with ids only.
import { describe, expect, it } from 'vitest';
import { ORG_PATHS, SessionResponseSchema } from '../../../src/domain/org-protocol.ts';
import { ErrorBodySchema } from '../../../src/domain/protocol.ts';
import { SEALED_PATHS } from '../../../src/domain/sealed-protocol.ts';
import {
  INVITE_LIFETIME_MS,
  InviteDetailsSchema,
  InviteResponseSchema,
  TEAM_PATHS,
  TeamSchema,
} from '../../../src/domain/team-protocol.ts';
import {
  b64,
  joinAsNewOfficer,
  manualClock,
  type SetUpServer,
  send,
  setUpServersPerTest,
  signIn,
} from '../fixtures.ts';

const start = setUpServersPerTest();
const NEW_EMAIL = 'bo.new@example.org';

const errorOf = async (response: Response) => ErrorBodySchema.parse(await response.json()).error;

const invite = async (server: SetUpServer, email = NEW_EMAIL) => {
  const response = await send(server.url, TEAM_PATHS.invites, {
    token: server.session.token,
    body: { name: 'Bo New', email },
  });
  expect(response.status).toBe(201);
  return InviteResponseSchema.parse(await response.json());
};

const acceptBody = (token: string, authKey = b64(32)) => ({
  token,
  kdf: { name: 'PBKDF2-SHA256', iterations: 600_000, salt: b64(16) },
  authKey,
  keys: { publicKey: b64(65), wrappedPrivateKey: b64(180) },
});

/** Invites Bo, accepts as Bo and signs Bo in: the new officer's id, auth key and session token. */
const joinAsBo = (server: SetUpServer) => joinAsNewOfficer(server, NEW_EMAIL);

const grantsFor = (server: SetUpServer) => [
  { kid: 'signing', sealed: b64(300) },
  { kid: server.request.organisation.encryptionKey.kid, sealed: b64(300) },
];

describe('inviting an officer', () => {
  it('makes a one-time token the server keeps only as a hash, valid for 7 days, with an audit row', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    const { invite: made, token } = await invite(server);
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(Date.parse(made.expiresAt) - Date.parse(made.createdAt)).toBe(INVITE_LIFETIME_MS);

    const details = await send(server.url, TEAM_PATHS.inviteDetails, { body: { token } });
    expect(InviteDetailsSchema.parse(await details.json())).toMatchObject({ name: 'Bo New', email: NEW_EMAIL });
    const team = TeamSchema.parse(
      await (await send(server.url, TEAM_PATHS.officers, { token: server.session.token })).json(),
    );
    expect(team.invites.map((i) => i.id)).toEqual([made.id]);
    expect(JSON.stringify(team)).not.toContain(token);

    const row = (await server.app.orgStore.auditLog()).at(-1);
    expect(row).toMatchObject({ action: 'officer-invited', officerId: server.session.officer.id, subjectId: made.id });
  });

  it('refuses an invite for an email an officer already has', async () => {
    const server = await start();
    const response = await send(server.url, TEAM_PATHS.invites, {
      token: server.session.token,
      body: { name: 'Twin', email: server.request.officer.email },
    });
    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe('email-taken');
  });

  it('answers bad input with 400 and a sentence, never 500', async () => {
    const server = await start();
    for (const body of [{}, { name: '', email: 'x' }, { name: 'A', email: 'a@example.org', extra: 1 }]) {
      const response = await send(server.url, TEAM_PATHS.invites, { token: server.session.token, body });
      expect(response.status).toBe(400);
    }
    const accept = await send(server.url, TEAM_PATHS.acceptInvite, { body: { token: 'short' } });
    expect(accept.status).toBe(400);
  });
});

describe('accepting an invite', () => {
  it('creates an officer who can sign in but reads nothing until confirmed', async () => {
    const server = await start();
    const { officer, session } = await joinAsBo(server);
    expect(officer).toMatchObject({ name: 'Bo New', email: NEW_EMAIL, confirmed: false });
    expect(session.grants).toEqual([]);

    for (const path of [ORG_PATHS.devices, SEALED_PATHS.inbox, TEAM_PATHS.officers, '/v2/officer/audit']) {
      const response = await send(server.url, path, { token: session.token });
      expect(response.status).toBe(403);
      expect((await errorOf(response)).message).toBe(
        'Another officer must confirm your account before you can do this.',
      );
    }
    expect((await server.app.orgStore.auditLog()).at(-2)).toMatchObject({
      action: 'invite-accepted',
      officerId: officer.id,
    });
  });

  it('works once: a second use is refused in one sentence and creates nobody', async () => {
    const server = await start();
    const { token } = await invite(server);
    expect((await send(server.url, TEAM_PATHS.acceptInvite, { body: acceptBody(token) })).status).toBe(201);
    const again = await send(server.url, TEAM_PATHS.acceptInvite, { body: acceptBody(token) });
    expect(again.status).toBe(410);
    expect(await errorOf(again)).toMatchObject({
      code: 'invite-used',
      message: expect.stringMatching(/already been used/),
    });
    const details = await send(server.url, TEAM_PATHS.inviteDetails, { body: { token } });
    expect((await errorOf(details)).code).toBe('invite-used');
    expect(await server.app.orgStore.listOfficers()).toHaveLength(2);
  });

  it('expires after 7 days', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    const { token } = await invite(server);
    clock.advance(INVITE_LIFETIME_MS);
    const late = await send(server.url, TEAM_PATHS.acceptInvite, { body: acceptBody(token) });
    expect(late.status).toBe(410);
    expect(await errorOf(late)).toMatchObject({ code: 'invite-expired', message: expect.stringMatching(/expired/) });
    expect(await server.app.orgStore.listOfficers()).toHaveLength(1);
  });

  it('refuses a token the server never made', async () => {
    const server = await start();
    const response = await send(server.url, TEAM_PATHS.acceptInvite, { body: acceptBody(b64(32)) });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('invite-unknown');
  });
});

describe('confirming an officer', () => {
  it('stores the grants sealed by the confirming officer; the next sign-in carries them and reads', async () => {
    const server = await start();
    const bo = await joinAsBo(server);
    const grants = grantsFor(server);
    const response = await send(server.url, TEAM_PATHS.confirm(bo.officer.id), {
      token: server.session.token,
      body: { grants },
    });
    expect(response.status).toBe(200);
    const again = SessionResponseSchema.parse(await (await signIn(server.url, NEW_EMAIL, bo.authKey)).json());
    expect(again.officer.confirmed).toBe(true);
    expect(again.grants).toEqual([...grants].sort((a, b) => a.kid.localeCompare(b.kid)));
    expect((await send(server.url, ORG_PATHS.devices, { token: again.token })).status).toBe(200);
    const rows = await server.app.orgStore.auditLog();
    expect(rows.find((r) => r.action === 'officer-confirmed')).toMatchObject({
      officerId: server.session.officer.id,
      subjectId: bo.officer.id,
    });

    const twice = await send(server.url, TEAM_PATHS.confirm(bo.officer.id), {
      token: server.session.token,
      body: { grants },
    });
    expect(twice.status).toBe(409);
  });

  it('refuses grants that miss a key of the organisation, and an unconfirmed officer confirming', async () => {
    const server = await start();
    const bo = await joinAsBo(server);
    const partial = await send(server.url, TEAM_PATHS.confirm(bo.officer.id), {
      token: server.session.token,
      body: { grants: [grantsFor(server)[0], { kid: 'other-kid-1', sealed: b64(300) }] },
    });
    expect(partial.status).toBe(400);
    const self = await send(server.url, TEAM_PATHS.confirm(bo.officer.id), {
      token: bo.session.token,
      body: { grants: grantsFor(server) },
    });
    expect(self.status).toBe(403);
    expect(await server.app.orgStore.grantsOf(bo.officer.id)).toEqual([]);
  });
});

describe('removing an officer', () => {
  it('ends their sessions at once: the old token gets one sentence, then they cannot sign in', async () => {
    const server = await start();
    const bo = await joinAsBo(server);
    await send(server.url, TEAM_PATHS.confirm(bo.officer.id), {
      token: server.session.token,
      body: { grants: grantsFor(server) },
    });
    const fresh = SessionResponseSchema.parse(await (await signIn(server.url, NEW_EMAIL, bo.authKey)).json());
    const removed = await send(server.url, TEAM_PATHS.remove(bo.officer.id), {
      method: 'POST',
      token: server.session.token,
    });
    expect(removed.status).toBe(204);

    const old = await send(server.url, ORG_PATHS.devices, { token: fresh.token });
    expect(old.status).toBe(401);
    expect(await errorOf(old)).toMatchObject({ code: 'officer-removed', message: expect.stringMatching(/removed/) });
    // Told once: the ended session is gone, so the token is now one this server does not know.
    expect((await errorOf(await send(server.url, ORG_PATHS.devices, { token: fresh.token }))).code).toBe(
      'unauthorised',
    );
    expect((await send(server.url, ORG_PATHS.me, { token: bo.session.token })).status).toBe(401);
    expect((await signIn(server.url, NEW_EMAIL, bo.authKey)).status).toBe(401);
    expect(await server.app.orgStore.grantsOf(bo.officer.id)).toEqual([]);
    expect((await server.app.orgStore.listOfficers()).map((o) => o.email)).toEqual([server.request.officer.email]);
    expect((await server.app.orgStore.auditLog()).find((r) => r.action === 'officer-removed')).toMatchObject({
      subjectId: bo.officer.id,
    });
    // The same address may be invited again.
    await invite(server);
  });

  it('refuses removing yourself and the last confirmed officer', async () => {
    const server = await start();
    const bo = await joinAsBo(server);
    const self = await send(server.url, TEAM_PATHS.remove(server.session.officer.id), {
      method: 'POST',
      token: server.session.token,
    });
    expect(self.status).toBe(403);
    expect((await errorOf(self)).code).toBe('remove-self');
    // Bo (unconfirmed) may go; the lead stays the last confirmed officer.
    expect(
      (await send(server.url, TEAM_PATHS.remove(bo.officer.id), { method: 'POST', token: server.session.token }))
        .status,
    ).toBe(204);
  });
});
