// The team routes' refusals over a real socket, each with its status, code and sentence: invite links that are not
// right, an address taken between invite and acceptance, confirmations with the wrong keys or for nobody, removals of
// nobody, and what the team list and an invite's details show.
import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../../src/domain/protocol.ts';
import {
  AcceptInviteResponseSchema,
  INVITE_LIFETIME_MS,
  InviteDetailsSchema,
  InviteResponseSchema,
  TEAM_PATHS,
  TeamSchema,
} from '../../../src/domain/team-protocol.ts';
import { b64, manualClock, type SetUpServer, send, setUpServersPerTest } from '../fixtures.ts';

const start = setUpServersPerTest();
const errorOf = async (response: Response) => ({
  status: response.status,
  ...ErrorBodySchema.parse(await response.json()).error,
});

const invite = async (server: SetUpServer, email: string, name = 'Bo New') => {
  const response = await send(server.url, TEAM_PATHS.invites, { token: server.session.token, body: { name, email } });
  expect(response.status).toBe(201);
  return InviteResponseSchema.parse(await response.json());
};
const acceptBody = (token: string) => ({
  token,
  kdf: { name: 'PBKDF2-SHA256', iterations: 600_000, salt: b64(16) },
  authKey: b64(32),
  keys: { publicKey: b64(65), wrappedPrivateKey: b64(180) },
});
const accept = async (server: SetUpServer, token: string) => {
  const response = await send(server.url, TEAM_PATHS.acceptInvite, { body: acceptBody(token) });
  expect(response.status).toBe(201);
  return AcceptInviteResponseSchema.parse(await response.json()).officer;
};
const confirm = (server: SetUpServer, id: string, grants: unknown) =>
  send(server.url, TEAM_PATHS.confirm(id), { token: server.session.token, body: { grants } });
const signing = () => ({ kid: 'signing', sealed: b64(300) });
const current = (server: SetUpServer) => ({ kid: server.request.organisation.encryptionKey.kid, sealed: b64(300) });

describe('invite links', () => {
  it('tells an invite’s name, address, expiry and organisation, and lists it with its dates', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    const { invite: made, token } = await invite(server, 'bo@example.org');
    expect(made.createdAt).toBe(clock.date().toISOString());
    expect(made.expiresAt).toBe(new Date(clock.now() + INVITE_LIFETIME_MS).toISOString());
    const details = await send(server.url, TEAM_PATHS.inviteDetails, { body: { token } });
    expect(InviteDetailsSchema.parse(await details.json())).toEqual({
      name: 'Bo New',
      email: 'bo@example.org',
      expiresAt: made.expiresAt,
      orgName: server.request.organisation.name,
    });
    const team = TeamSchema.parse(
      await (await send(server.url, TEAM_PATHS.officers, { token: server.session.token })).json(),
    );
    expect(team.invites).toEqual([made]);
    expect(team.officers).toEqual([
      {
        ...server.session.officer,
        publicKey: server.request.officer.keys.publicKey,
      },
    ]);
  });

  it('answers a malformed, unknown or expired link with its own sentence', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    const unknown = {
      status: 404,
      code: 'invite-unknown',
      message: 'This invite link is not one this server made. Check that you copied the whole link.',
    };
    for (const body of [{ token: 'short' }, { token: b64(32) }, {}]) {
      expect(await errorOf(await send(server.url, TEAM_PATHS.inviteDetails, { body }))).toEqual(unknown);
    }
    const { token } = await invite(server, 'bo@example.org');
    clock.advance(INVITE_LIFETIME_MS);
    const expired = {
      status: 410,
      code: 'invite-expired',
      message: 'This invite link has expired: invites last 7 days. Ask the officer who invited you for a new one.',
    };
    expect(await errorOf(await send(server.url, TEAM_PATHS.inviteDetails, { body: { token } }))).toEqual(expired);
    expect(await errorOf(await send(server.url, TEAM_PATHS.acceptInvite, { body: acceptBody(token) }))).toEqual(
      expired,
    );
  });

  it('refuses the second of two invites to one address once the first is accepted', async () => {
    const server = await start();
    const first = await invite(server, 'bo@example.org');
    const second = await invite(server, 'bo@example.org', 'Bo Again');
    await accept(server, first.token);
    expect(await errorOf(await send(server.url, TEAM_PATHS.acceptInvite, { body: acceptBody(second.token) }))).toEqual({
      status: 409,
      code: 'email-taken',
      message: 'An officer with this email address is already in the organisation.',
    });
  });

  it('answers a bad invite with the fields that are wrong', async () => {
    const server = await start();
    const response = await send(server.url, TEAM_PATHS.invites, {
      token: server.session.token,
      body: { name: 'Bo', email: 'not-an-email' },
    });
    const error = await errorOf(response);
    expect(error).toMatchObject({
      status: 400,
      code: 'invalid',
      message: 'Enter the new officer’s name and email address.',
    });
    expect(error.issues?.map((i) => i.path)).toEqual(['email']);
  });
});

describe('confirming', () => {
  it('answers an officer id that is no one’s, or too long to be anyone’s, with 404', async () => {
    const server = await start();
    const noSuch = { status: 404, code: 'not-found', message: 'There is no such officer.' };
    for (const id of [crypto.randomUUID(), 'x'.repeat(65)]) {
      expect(await errorOf(await confirm(server, id, [signing(), current(server)]))).toEqual(noSuch);
      expect(
        await errorOf(await send(server.url, TEAM_PATHS.remove(id), { method: 'POST', token: server.session.token })),
      ).toEqual(noSuch);
    }
  });

  it('refuses grants that are malformed, repeat a key or add one the organisation lacks, naming the grants', async () => {
    const server = await start();
    const { token } = await invite(server, 'bo@example.org');
    const bo = await accept(server, token);
    const malformed = await errorOf(await confirm(server, bo.id, [{ kid: 'signing' }]));
    expect(malformed).toMatchObject({ status: 400, code: 'invalid', message: 'The sealed keys are not valid.' });
    const wrongKeys = {
      status: 400,
      code: 'invalid',
      message: 'The sealed keys are not valid.',
      issues: [{ path: 'grants', message: 'must hold the signing key and every encryption key once each' }],
    };
    for (const grants of [
      [signing(), signing(), current(server)],
      [signing(), current(server), current(server)],
      [signing(), current(server), { kid: 'k-other', sealed: b64(300) }],
      [signing(), { kid: 'k-other', sealed: b64(300) }],
    ]) {
      expect(await errorOf(await confirm(server, bo.id, grants))).toEqual(wrongKeys);
    }
    expect(await server.app.orgStore.grantsOf(bo.id)).toEqual([]);
    const confirmed = await confirm(server, bo.id, [current(server), signing()]);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({ officer: { ...bo, confirmed: true } });
    expect(await errorOf(await confirm(server, bo.id, [signing(), current(server)]))).toEqual({
      status: 409,
      code: 'already-confirmed',
      message: 'This officer has already been confirmed.',
    });
  });
});

describe('removing', () => {
  it('says why an officer cannot remove themselves', async () => {
    const server = await start();
    const self = await send(server.url, TEAM_PATHS.remove(server.session.officer.id), {
      method: 'POST',
      token: server.session.token,
    });
    expect(await errorOf(self)).toEqual({
      status: 403,
      code: 'remove-self',
      message: 'You cannot remove yourself: ask another officer to do it.',
    });
    expect(await server.app.orgStore.listOfficers()).toHaveLength(1);
  });
});
