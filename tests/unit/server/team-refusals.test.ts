// The team routes' refusals over a real socket, each with its status, code and sentence: invite links that are not
// right, an address taken between invite and acceptance, confirmations with the wrong keys or for nobody, removals of
// nobody, and what the team list and an invite's details show.
import { describe, expect, it } from 'vitest';
import { AUDIT_PATHS } from '../../../src/domain/audit-protocol.ts';
import { LIFECYCLE_PATHS } from '../../../src/domain/lifecycle-protocol.ts';
import { ErrorBodySchema } from '../../../src/domain/protocol.ts';
import {
  AcceptInviteResponseSchema,
  INVITE_LIFETIME_MS,
  InviteDetailsSchema,
  InviteResponseSchema,
  TEAM_PATHS,
  TeamSchema,
} from '../../../src/domain/team-protocol.ts';
import { b64, joinAsNewOfficer, manualClock, type SetUpServer, send, setUpServersPerTest } from '../fixtures.ts';

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

  it('refuses a second invite to an officer’s address, and a malformed acceptance, each in its sentence', async () => {
    const server = await start();
    const taken = await send(server.url, TEAM_PATHS.invites, {
      token: server.session.token,
      body: { name: 'Twin', email: server.request.officer.email },
    });
    expect(await errorOf(taken)).toEqual({
      status: 409,
      code: 'email-taken',
      message: 'An officer with this email address is already in the organisation.',
    });
    const { token } = await invite(server, 'bo@example.org');
    const malformed = await send(server.url, TEAM_PATHS.acceptInvite, { body: { ...acceptBody(token), authKey: 'x' } });
    const error = await errorOf(malformed);
    expect(error).toMatchObject({ status: 400, code: 'invalid', message: 'The new account’s details are not valid.' });
    expect(error.issues?.map((i) => i.path)).toEqual(['authKey']);
    // The link still works: a malformed try used nothing up.
    expect((await accept(server, token)).email).toBe('bo@example.org');
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

  it('tells a browser that signed in before a key rotation to sign in again, and refuses grants without the signing key', async () => {
    const server = await start();
    const bo = await accept(server, (await invite(server, 'bo@example.org')).token);
    const newKid = `k-${b64(9)}`;
    const rotated = await send(server.url, LIFECYCLE_PATHS.rotateKey, {
      token: server.session.token,
      body: {
        encryptionKey: { kid: newKid, publicKey: b64(65), createdAt: new Date().toISOString(), signature: b64(64) },
        grants: [{ officerId: server.session.officer.id, kid: newKid, sealed: b64(300) }],
      },
    });
    expect(rotated.status).toBe(201);
    // Every key it names is the organisation's, but the new one is missing.
    expect(await errorOf(await confirm(server, bo.id, [signing(), current(server)]))).toEqual({
      status: 409,
      code: 'keys-changed',
      message: 'The organisation has a key these grants miss: sign in again and confirm.',
    });
    // Both encryption keys, each once, and no signing key.
    const withoutSigning = await errorOf(
      await confirm(server, bo.id, [current(server), { kid: newKid, sealed: b64(300) }]),
    );
    expect(withoutSigning).toMatchObject({ status: 400, code: 'invalid' });
    expect(await server.app.orgStore.grantsOf(bo.id)).toEqual([]);
    const all = [signing(), current(server), { kid: newKid, sealed: b64(300) }];
    expect((await confirm(server, bo.id, all)).status).toBe(200);
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

describe('an officer not yet confirmed', () => {
  it('is refused every team and audit change, and changes nothing', async () => {
    const server = await start();
    const bo = await joinAsNewOfficer(server, 'bo@example.org');
    const token = bo.session.token;
    const auditBefore = await server.app.orgStore.auditLog();
    for (const [path, body] of [
      [TEAM_PATHS.invites, { name: 'Cy New', email: 'cy@example.org' }],
      [TEAM_PATHS.confirm(bo.officer.id), { grants: [signing(), current(server)] }],
      [TEAM_PATHS.remove(server.session.officer.id), undefined],
      [AUDIT_PATHS.logExported, { rows: 3 }],
    ] as const) {
      expect(await errorOf(await send(server.url, path, { method: 'POST', token, body }))).toEqual({
        status: 403,
        code: 'forbidden',
        message: 'Another officer must confirm your account before you can do this.',
      });
    }
    expect(await server.app.orgStore.auditLog()).toEqual(auditBefore);
    expect(await server.app.orgStore.grantsOf(bo.officer.id)).toEqual([]);
    expect((await server.app.orgStore.listOfficers()).map((o) => o.confirmed)).toEqual([true, false]);
  });
});

describe('the audit log', () => {
  it('answers a bad filter and a bad export record each with its sentence and the field', async () => {
    const server = await start();
    const filter = await errorOf(
      await send(server.url, `${AUDIT_PATHS.audit}?limit=0`, { token: server.session.token }),
    );
    expect(filter).toMatchObject({ status: 400, code: 'invalid', message: 'The audit log filter is not valid.' });
    expect(filter.issues?.map((i) => i.path)).toEqual(['limit']);
    const exported = await errorOf(
      await send(server.url, AUDIT_PATHS.logExported, { token: server.session.token, body: { rows: -1 } }),
    );
    expect(exported).toMatchObject({ status: 400, code: 'invalid', message: 'The export record is not valid.' });
    expect(exported.issues?.map((i) => i.path)).toEqual(['rows']);
  });
});
