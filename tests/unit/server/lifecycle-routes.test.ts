// The key rotation and erasure routes' answers over a real socket, to the field and the sentence: the clock-skew line
// a new key's date may reach and not pass, the refusals' codes and sentences, and what a rotation and an erasure
// answer. The server checks shapes only (the key's signature is the devices' to check), so the keys here are opaque.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KEY_CLOCK_SKEW_MS, LIFECYCLE_PATHS } from '../../../src/domain/lifecycle-protocol.ts';
import { ORG_PATHS, OrgDescriptorSchema } from '../../../src/domain/org-protocol.ts';
import { ErrorBodySchema } from '../../../src/domain/protocol.ts';
import { b64, joinAsNewOfficer, manualClock, type SetUpServer, send, setUpServersPerTest } from '../fixtures.ts';

const start = setUpServersPerTest();
const errorOf = async (response: Response) => ({
  status: response.status,
  ...ErrorBodySchema.parse(await response.json()).error,
});

const newKey = (createdAt: Date) => ({
  kid: `k-${b64(9)}`,
  publicKey: b64(65),
  createdAt: createdAt.toISOString(),
  signature: b64(64),
});
const rotate = (server: SetUpServer, encryptionKey: ReturnType<typeof newKey>, officerIds: string[]) =>
  send(server.url, LIFECYCLE_PATHS.rotateKey, {
    token: server.session.token,
    body: {
      encryptionKey,
      grants: officerIds.map((officerId) => ({ officerId, kid: encryptionKey.kid, sealed: b64(300) })),
    },
  });
const published = async (server: SetUpServer) =>
  OrgDescriptorSchema.parse(await (await send(server.url, ORG_PATHS.org)).json()).encryptionKeys.map((k) => k.kid);

describe('rotating the organisation key', () => {
  it('takes a key dated up to the allowed clock skew ahead, and refuses one a millisecond further', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    const lead = server.session.officer.id;
    const ahead = newKey(new Date(clock.now() + KEY_CLOCK_SKEW_MS + 1));
    expect(await errorOf(await rotate(server, ahead, [lead]))).toEqual({
      status: 400,
      code: 'invalid',
      message: 'The new key is not valid.',
      issues: [{ path: 'encryptionKey', message: 'is dated in the future: check the computer’s clock' }],
    });
    expect(await published(server)).toHaveLength(1);

    const edge = newKey(new Date(clock.now() + KEY_CLOCK_SKEW_MS));
    const rotated = await rotate(server, edge, [lead]);
    expect(rotated.status).toBe(201);
    expect(await rotated.json()).toEqual({ kid: edge.kid });
    expect(await published(server)).toContain(edge.kid);
  });

  it('says what is wrong: the fields, the officers changed, a key not the newest', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    const lead = server.session.officer.id;
    const bad = await errorOf(
      await send(server.url, LIFECYCLE_PATHS.rotateKey, {
        token: server.session.token,
        body: { encryptionKey: { kid: 'k' }, grants: [] },
      }),
    );
    expect(bad).toMatchObject({ status: 400, code: 'invalid', message: 'The new key is not valid.' });
    expect(bad.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['grants']));

    expect(await errorOf(await rotate(server, newKey(clock.date()), [randomUUID()]))).toEqual({
      status: 409,
      code: 'officers-changed',
      message: 'The new key must be sealed to every confirmed officer, once each; the officers changed. Try again.',
    });
    const key = newKey(clock.date());
    expect((await rotate(server, key, [lead])).status).toBe(201);
    expect(await errorOf(await rotate(server, key, [lead]))).toEqual({
      status: 409,
      code: 'key-not-newest',
      message: 'The organisation already has this key or a newer one.',
    });
  });
});

describe('erasing a report', () => {
  it('answers an unknown report with one sentence, and bad confirmation with the field', async () => {
    const server = await start();
    const id = randomUUID();
    expect(
      await errorOf(
        await send(server.url, LIFECYCLE_PATHS.erase(id), {
          token: server.session.token,
          body: { confirm: 'ERASE' },
        }),
      ),
    ).toEqual({ status: 404, code: 'not-found', message: 'There is no such report.' });
    const bad = await errorOf(
      await send(server.url, LIFECYCLE_PATHS.erase(id), { token: server.session.token, body: { confirm: 'yes' } }),
    );
    expect(bad).toMatchObject({ status: 400, code: 'invalid', message: 'Type ERASE to confirm the erasure.' });
    expect(bad.issues?.map((i) => i.path)).toEqual(['confirm']);
  });
});

describe('who may rotate and erase', () => {
  it('refuses an officer not confirmed yet, and a caller not signed in, on both routes', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    const bo = await joinAsNewOfficer(server, 'bo@example.org');
    const lead = server.session.officer.id;
    const key = newKey(clock.date());
    const body = { encryptionKey: key, grants: [{ officerId: lead, kid: key.kid, sealed: b64(300) }] };
    const id = randomUUID();
    for (const [path, payload] of [
      [LIFECYCLE_PATHS.rotateKey, body],
      [LIFECYCLE_PATHS.erase(id), { confirm: 'ERASE' }],
    ] as const) {
      expect(await errorOf(await send(server.url, path, { token: bo.session.token, body: payload }))).toEqual({
        status: 403,
        code: 'forbidden',
        message: 'Another officer must confirm your account before you can do this.',
      });
      expect((await send(server.url, path, { body: payload })).status).toBe(401);
    }
    expect(await published(server)).not.toContain(key.kid);
  });

  it('answers an erasure of an id that is not a report id with the not-found sentence', async () => {
    const server = await start();
    expect(
      await errorOf(
        await send(server.url, LIFECYCLE_PATHS.erase('not-a-uuid'), {
          token: server.session.token,
          body: { confirm: 'ERASE' },
        }),
      ),
    ).toEqual({ status: 404, code: 'not-found', message: 'There is no such report.' });
  });
});
