// The signed-guidance routes to the byte, over a real socket with a real organisation's keys: the body served is the
// canonical JSON of what was signed, under a strong ETag of exactly those bytes; a pack larger than a report fits and
// one past the limit does not; a pack with many problems names the first 50; a signing key that is not a key is a
// refusal, not a 500.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GUIDANCE_MAX_BYTES, signatureHolds } from '../../../server/guidance-routes.ts';
import type { GuidancePack } from '../../../src/domain/guidance.ts';
import { canonicalJson, ErrorBodySchema, SUBMISSION_MAX_BYTES } from '../../../src/domain/protocol.ts';
import { GUIDANCE_PATHS, PublishedGuidanceSchema, packWithContacts } from '../../../src/domain/signed-guidance.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';
import { signGuidancePack } from '../../../src/vault/guidance-signature.ts';
import { fingerprintOf } from '../../../src/vault/org.ts';
import { buildOrganisation, manualClock, send, setUpServersPerTest, startSetUpServer } from '../fixtures.ts';

const start = setUpServersPerTest();
const errorOf = async (response: Response) => ({
  status: response.status,
  ...ErrorBodySchema.parse(await response.json()).error,
});

const pack = (): GuidancePack => {
  const made = packWithContacts(BUNDLED_PACK, { lado: { name: 'Riverside LADO', phone: '020 7974 4556' } }, new Date());
  if (!made.ok) throw new Error(made.issues.join('\n'));
  return made.pack;
};

const withOrg = async (now = manualClock().date) => {
  const org = await buildOrganisation();
  const server = await startSetUpServer({ now }, org.organisation);
  return { server, org };
};

describe('GET and POST /v2/guidance', () => {
  it('serves the canonical JSON of the signed pack as UTF-8 JSON, its ETag the sha-256 of those bytes', async () => {
    const clock = manualClock();
    const { server, org } = await withOrg(clock.date);
    try {
      const signed = await signGuidancePack(org.privateKeys.signing, org.fingerprint, pack());
      const response = await send(server.url, GUIDANCE_PATHS.publish, { token: server.session.token, body: signed });
      expect(response.status).toBe(201);
      const info = PublishedGuidanceSchema.parse(await response.json());
      const canonical = canonicalJson(signed);
      const etag = `"${createHash('sha256').update(canonical, 'utf8').digest('hex')}"`;
      expect(info).toEqual({ version: signed.pack.version, publishedAt: clock.date().toISOString(), etag });
      const [publication] = [await server.app.guidanceStore.publishedGuidance()];
      expect(publication).toMatchObject({ publishedBy: server.session.officer.id, body: canonical, etag });

      const served = await send(server.url, GUIDANCE_PATHS.published);
      expect(served.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(served.headers.get('etag')).toBe(etag);
      expect(await served.text()).toBe(canonical);
      const weak = await send(server.url, GUIDANCE_PATHS.published, { headers: { 'If-None-Match': `W/${etag}` } });
      expect(weak.status).toBe(304);
      expect(weak.headers.get('etag')).toBe(etag);
    } finally {
      await server.close();
    }
  });

  it('answers the not-published sentence before any publication', async () => {
    const { server } = await withOrg();
    try {
      expect(await errorOf(await send(server.url, GUIDANCE_PATHS.published))).toEqual({
        status: 404,
        code: 'not-published',
        message: 'No guidance has been published by this organisation yet; devices keep the guidance they have.',
      });
    } finally {
      await server.close();
    }
  });

  it('reads a body larger than a report’s limit, and refuses one past the guidance limit with 413', async () => {
    const { server } = await withOrg();
    try {
      const post = (bytes: number) =>
        fetch(`${server.url}${GUIDANCE_PATHS.publish}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.session.token}` },
          body: JSON.stringify({ padding: 'x'.repeat(bytes) }),
        });
      const large = await post(SUBMISSION_MAX_BYTES + 1024);
      expect(await errorOf(large)).toMatchObject({ code: 'invalid', message: 'This is not a signed guidance pack.' });
      const response = await post(GUIDANCE_MAX_BYTES);
      expect(response.status).toBe(413);
      await response.body?.cancel();
    } finally {
      await server.close();
    }
  });

  it('names at most 50 of a signed pack’s problems, each with its path and message', async () => {
    const { server, org } = await withOrg();
    try {
      const good = pack();
      const broken = {
        ...good,
        articles: good.articles.map((article) => ({ ...article, title: '' })),
      } as GuidancePack;
      const signed = await signGuidancePack(org.privateKeys.signing, org.fingerprint, broken);
      const error = await errorOf(
        await send(server.url, GUIDANCE_PATHS.publish, { token: server.session.token, body: signed }),
      );
      expect(error).toMatchObject({
        status: 400,
        code: 'invalid',
        message: 'The guidance pack did not pass the checks, so it was not published.',
      });
      expect(good.articles.length).toBeGreaterThan(50);
      expect(error.issues).toHaveLength(50);
      expect(error.issues?.[0]?.path).toBe('articles[0].title');
      expect(error.issues?.[0]?.message.length).toBeGreaterThan(0);
      expect(error.issues?.[0]?.message).not.toMatch(/^articles/);
    } finally {
      await server.close();
    }
  });

  it('keeps the whole of a problem’s message, colons and all', async () => {
    const { server, org } = await withOrg();
    try {
      const good = pack();
      const broken = { ...good, articles: [{ ...good.articles[0], title: 42 }, ...good.articles.slice(1)] };
      const signed = await signGuidancePack(org.privateKeys.signing, org.fingerprint, broken as GuidancePack);
      const error = await errorOf(
        await send(server.url, GUIDANCE_PATHS.publish, { token: server.session.token, body: signed }),
      );
      expect(error.issues).toEqual([
        { path: 'articles[0].title', message: 'Invalid input: expected string, received number' },
      ]);
    } finally {
      await server.close();
    }
  });

  it('refuses, in one sentence, a pack signed for another organisation', async () => {
    const { server, org } = await withOrg();
    try {
      const other = await buildOrganisation('Elsewhere');
      const signed = await signGuidancePack(org.privateKeys.signing, other.fingerprint, pack());
      expect(
        await errorOf(await send(server.url, GUIDANCE_PATHS.publish, { token: server.session.token, body: signed })),
      ).toEqual({
        status: 400,
        code: 'other-organisation',
        message: 'This guidance was signed for another organisation.',
      });
    } finally {
      await server.close();
    }
  });

  it('says false, not an exception, for a signing key that is not a key', async () => {
    const org = await buildOrganisation();
    const signed = await signGuidancePack(org.privateKeys.signing, org.fingerprint, pack());
    expect(signatureHolds(signed, 'bm90LWEta2V5')).toBe(false);
  });

  it('refuses a pack when the organisation’s signing key is not a usable key, rather than failing', async () => {
    // Set up through the route with opaque bytes for the signing key (the server stores, never parses, it).
    const server = await start();
    try {
      const org = await buildOrganisation();
      const fingerprint = await fingerprintOf(server.request.organisation.signingKey);
      const signed = await signGuidancePack(org.privateKeys.signing, fingerprint, pack());
      expect(
        await errorOf(await send(server.url, GUIDANCE_PATHS.publish, { token: server.session.token, body: signed })),
      ).toEqual({
        status: 400,
        code: 'bad-signature',
        message:
          'The guidance’s signature does not check against the organisation’s signing key, so it was not published.',
      });
    } finally {
      await server.close();
    }
  });
});
