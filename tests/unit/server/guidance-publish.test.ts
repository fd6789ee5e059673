// Signed guidance on a real server: `GET /v2/guidance` answers 404 until an officer publishes; publishing needs a
// signed-in, confirmed officer and a pack signed by the organisation's key (a bad signature, another organisation's
// label or a contact email with a query part is refused with 400 and nothing stored); the published pack is served
// byte for byte as signed, with a strong ETag and 304, and its publication is audited.
import { describe, expect, it } from 'vitest';
import type { GuidancePack, LocalContacts } from '../../../src/domain/guidance.ts';
import { ErrorBodySchema } from '../../../src/domain/protocol.ts';
import {
  GUIDANCE_PATHS,
  PublishedGuidanceSchema,
  packWithContacts,
  type SignedGuidance,
} from '../../../src/domain/signed-guidance.ts';
import { AcceptInviteResponseSchema, InviteResponseSchema, TEAM_PATHS } from '../../../src/domain/team-protocol.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';
import { signGuidancePack, verifyGuidancePack } from '../../../src/vault/guidance-signature.ts';
import {
  type BuiltOrganisation,
  b64,
  buildOrganisation,
  flipFirstByte,
  type SetUpServer,
  send,
  signIn,
  startSetUpServer,
} from '../fixtures.ts';

const LADO: LocalContacts = {
  lado: { name: 'Riverside LADO', phone: '020 7974 4556', email: 'lado@riverside.example' },
};

const pack = (contacts: LocalContacts = LADO): GuidancePack => {
  const made = packWithContacts(BUNDLED_PACK, contacts, new Date('2099-01-02T03:04:05Z'));
  if (!made.ok) throw new Error(made.issues.join('\n'));
  return made.pack;
};

const withOrg = async (): Promise<{ server: SetUpServer; org: BuiltOrganisation; close: () => Promise<void> }> => {
  const org = await buildOrganisation();
  const server = await startSetUpServer({}, org.organisation);
  return { server, org, close: server.close };
};

const publish = (server: SetUpServer, body: unknown, token: string | undefined = server.session.token) =>
  send(server.url, GUIDANCE_PATHS.publish, { body, token });

const errorOf = async (response: Response) => ErrorBodySchema.parse(await response.json()).error;

describe('GET /v2/guidance before any publication', () => {
  it('answers 404 "not-published", while v1 still serves the built pack unsigned', async () => {
    const { server, close } = await withOrg();
    try {
      const response = await send(server.url, GUIDANCE_PATHS.published);
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe('not-published');
      const v1 = await send(server.url, '/v1/guidance');
      expect(v1.status).toBe(200);
      await v1.body?.cancel();
    } finally {
      await close();
    }
  });
});

describe('publishing signed guidance', () => {
  it('stores what the officer signed, serves it as signed with an ETag and 304, and audits it', async () => {
    const { server, org, close } = await withOrg();
    try {
      const signed = await signGuidancePack(org.privateKeys.signing, org.fingerprint, pack());
      const response = await publish(server, signed);
      expect(response.status).toBe(201);
      const info = PublishedGuidanceSchema.parse(await response.json());
      expect(info.version).toBe(`${BUNDLED_PACK.version}+contacts.20990102T030405`);

      const served = await send(server.url, GUIDANCE_PATHS.published);
      expect(served.status).toBe(200);
      const etag = served.headers.get('etag');
      expect(etag).toBe(info.etag);
      const body = (await served.json()) as SignedGuidance;
      const pinned = { fingerprint: org.fingerprint, signingKey: org.descriptor.signingKey };
      await expect(verifyGuidancePack(body, pinned)).resolves.toBeTruthy();
      expect(body.pack.localContacts).toEqual(LADO);

      const again = await send(server.url, GUIDANCE_PATHS.published, { headers: { 'If-None-Match': etag ?? '' } });
      expect(again.status).toBe(304);
      const stale = await send(server.url, GUIDANCE_PATHS.published, { headers: { 'If-None-Match': '"stale"' } });
      expect(stale.status).toBe(200);
      await stale.body?.cancel();

      const audit = await server.app.orgStore.auditLog();
      expect(audit.at(-1)).toMatchObject({
        action: 'guidance-published',
        officerId: server.session.officer.id,
        subjectId: info.version,
      });
    } finally {
      await close();
    }
  });

  it('needs a signed-in officer (401), and one another officer has confirmed (403)', async () => {
    const { server, org, close } = await withOrg();
    try {
      const signed = await signGuidancePack(org.privateKeys.signing, org.fingerprint, pack());
      expect((await send(server.url, GUIDANCE_PATHS.publish, { body: signed })).status).toBe(401);
      expect((await publish(server, signed, b64(32))).status).toBe(401);

      const invited = await send(server.url, TEAM_PATHS.invites, {
        token: server.session.token,
        body: { name: 'Bo New', email: 'bo.new@example.org' },
      });
      const { token } = InviteResponseSchema.parse(await invited.json());
      const authKey = b64(32);
      const accepted = await send(server.url, TEAM_PATHS.acceptInvite, {
        body: {
          token,
          kdf: { name: 'PBKDF2-SHA256', iterations: 600_000, salt: b64(16) },
          authKey,
          keys: { publicKey: b64(65), wrappedPrivateKey: b64(180) },
        },
      });
      AcceptInviteResponseSchema.parse(await accepted.json());
      const bo = (await (await signIn(server.url, 'bo.new@example.org', authKey)).json()) as { token: string };
      expect((await publish(server, signed, bo.token)).status).toBe(403);
      expect((await send(server.url, GUIDANCE_PATHS.published)).status).toBe(404);
    } finally {
      await close();
    }
  });

  it.each<[string, (s: SignedGuidance, other: SignedGuidance) => unknown, string]>([
    ['a changed byte of the signature', (s) => ({ ...s, signature: flipFirstByte(s.signature) }), 'bad-signature'],
    [
      'a swapped contact',
      (s) => ({ ...s, pack: { ...s.pack, localContacts: { lado: { name: 'LADO', phone: '020 0000 0000' } } } }),
      'bad-signature',
    ],
    ['another organisation’s signature under our name', (_s, other) => other, 'bad-signature'],
    ['a pack labelled for another organisation', (s) => ({ ...s, organisation: b64(32) }), 'other-organisation'],
    ['no signature at all', ({ signature: _s, ...rest }) => rest, 'invalid'],
  ])('refuses %s with 400 and stores nothing', async (_name, change, code) => {
    const { server, org, close } = await withOrg();
    try {
      const signed = await signGuidancePack(org.privateKeys.signing, org.fingerprint, pack());
      const theirs = await buildOrganisation('Another Council');
      const forged = await signGuidancePack(theirs.privateKeys.signing, org.fingerprint, pack());
      const response = await publish(server, change(signed, forged));
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe(code);
      expect((await send(server.url, GUIDANCE_PATHS.published)).status).toBe(404);
      expect((await server.app.orgStore.auditLog()).some((r) => r.action === 'guidance-published')).toBe(false);
    } finally {
      await close();
    }
  });

  it('refuses a well-signed pack whose contact email has a query part (the schema, on the server too)', async () => {
    const { server, org, close } = await withOrg();
    try {
      // Signed honestly, yet not a valid pack: a browser with other code could send it; the server checks anyway.
      const bad = {
        ...pack(),
        localContacts: { lado: { name: 'LADO', email: 'lado@example.org?bcc=attacker@example.net' } },
      };
      const signed = await signGuidancePack(org.privateKeys.signing, org.fingerprint, bad as GuidancePack);
      const response = await publish(server, signed);
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('invalid');
      expect(error.issues?.map((i) => i.path)).toContain('localContacts.lado.email');
      expect(JSON.stringify(error)).not.toContain('attacker');
    } finally {
      await close();
    }
  });
});
