import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { GuidancePack, LocalContacts } from '../../../src/domain/guidance.ts';
import { GUIDANCE_PATHS, packWithContacts, type SignedGuidance } from '../../../src/domain/signed-guidance.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';
import { SafeVisitDb } from '../../../src/store/db.ts';
import { createGuidanceRepo } from '../../../src/store/guidance-repo.ts';
import { GUIDANCE_REFUSALS, type GuidanceSource, updateGuidance } from '../../../src/sync/guidance-update.ts';
import { signGuidancePack, verifyGuidancePack } from '../../../src/vault/guidance-signature.ts';
import {
  type BuiltOrganisation,
  buildOrganisation,
  flipFirstByte,
  send,
  startHttp,
  startSetUpServer,
} from '../fixtures.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const repo = () => {
  const db = new SafeVisitDb(`guidance-${randomUUID()}`);
  cleanups.push(() => db.close());
  return createGuidanceRepo(db);
};

const now = () => Date.parse('2026-11-23T10:00:00Z');
const LADO: LocalContacts = { lado: { name: 'Riverside LADO', phone: '020 7974 4556' } };

const packWith = (contacts: LocalContacts = LADO, at = '2099-01-02T03:04:05Z'): GuidancePack => {
  const made = packWithContacts(BUNDLED_PACK, contacts, new Date(at));
  if (!made.ok) throw new Error(made.issues.join('\n'));
  return made.pack;
};

/** A real server whose organisation (real keys) is set up; `publish` signs a pack as the officer's browser does. */
const orgServer = async () => {
  const org = await buildOrganisation();
  const server = await startSetUpServer({}, org.organisation);
  cleanups.push(() => server.close());
  const publish = async (pack: GuidancePack) => {
    const signed = await signGuidancePack(org.privateKeys.signing, org.fingerprint, pack);
    const response = await send(server.url, GUIDANCE_PATHS.publish, { body: signed, token: server.session.token });
    expect(response.status).toBe(201);
    return signed;
  };
  return { org, server, publish };
};

const sourceOf = (org: BuiltOrganisation, endpoint: string): GuidanceSource => ({
  endpoint,
  fingerprint: org.fingerprint,
  signingKey: org.descriptor.signingKey,
});

const update = (guidance: ReturnType<typeof repo>, source: GuidanceSource | null, at = now) =>
  updateGuidance({ repo: guidance, source, verify: verifyGuidancePack, now: at });

/** A server that answers `/v2/guidance` with these bytes (a hostile or broken server). */
const serving = async (body: string, status = 200) => {
  const server = await startHttp((req, res) => {
    req.resume();
    res.writeHead(status, { 'Content-Type': 'application/json', ETag: '"other"' });
    res.end(body);
  });
  cleanups.push(() => server.close());
  return server.url;
};

describe('updateGuidance (signed, protocol v2)', () => {
  it('stores the organisation’s signed pack with its ETag, then keeps it on 304', async () => {
    const guidance = repo();
    const { org, server, publish } = await orgServer();
    const published = await publish(packWith());

    const first = await update(guidance, sourceOf(org, server.url));
    expect(first).toMatchObject({ kind: 'updated', version: published.pack.version });
    const stored = await guidance.get();
    expect(stored).toMatchObject({ etag: expect.any(String), fetchedAt: now(), signedBy: org.fingerprint });
    expect((stored?.pack as GuidancePack | undefined)?.localContacts).toEqual(LADO);

    const second = await update(guidance, sourceOf(org, server.url), () => now() + 1_000);
    expect(second).toEqual({ kind: 'unchanged', message: 'The guidance is up to date.' });
    expect(await guidance.get()).toEqual(stored);
  });

  it('checks the stored pack’s signature again: one edited on the device is dropped and fetched whole', async () => {
    const guidance = repo();
    const { org, server, publish } = await orgServer();
    await publish(packWith());
    await update(guidance, sourceOf(org, server.url));
    const good = await guidance.get();
    if (!good) throw new Error('nothing stored');
    const edited = JSON.parse(JSON.stringify(good.pack)) as GuidancePack;
    edited.localContacts = { lado: { name: 'Riverside LADO', phone: '020 0000 0000' } };
    await guidance.put({ ...good, pack: edited });

    // Same ETag on the server, yet no 304 keeps the edited pack: it is replaced by the signed one.
    expect(await update(guidance, sourceOf(org, server.url))).toMatchObject({ kind: 'updated' });
    expect(await guidance.get()).toEqual(good);

    // With the server out of reach, the edited pack is dropped all the same (the bundled guidance shows).
    await guidance.put({ ...good, pack: edited });
    await server.close();
    expect(await update(guidance, sourceOf(org, server.url))).toMatchObject({ kind: 'kept', reason: 'unreachable' });
    expect(await guidance.get()).toBeUndefined();
  });

  it('refuses an earlier publication of its own organisation served again (a rollback of a changed number)', async () => {
    const guidance = repo();
    const { org, server, publish } = await orgServer();
    const earlier = await publish(packWith(LADO, '2099-01-01T00:00:00Z'));
    await publish(packWith({ lado: { name: 'Riverside LADO', phone: '020 7974 9999' } }, '2099-02-01T00:00:00Z'));
    await update(guidance, sourceOf(org, server.url));
    const before = await guidance.get();

    const replaying = await serving(JSON.stringify(earlier));
    const result = await update(guidance, sourceOf(org, replaying));
    expect(result).toMatchObject({ kind: 'kept', reason: 'older-pack', message: GUIDANCE_REFUSALS['older-pack'] });
    expect(await guidance.get()).toEqual(before);
  });

  it('keeps the pack it has, and says so, while the organisation has published nothing', async () => {
    const guidance = repo();
    const { org, server } = await orgServer();
    const result = await update(guidance, sourceOf(org, server.url));
    expect(result).toMatchObject({ kind: 'kept', reason: 'none-published' });
    if (result.kind === 'kept') expect(result.message).toMatch(/has not published its own guidance yet/);
    expect(await guidance.get()).toBeUndefined();
  });

  it('drops an unsigned pack an older app kept from v1 once the organisation answers it has none', async () => {
    const guidance = repo();
    await guidance.put({ version: 'old', etag: '"v1"', pack: BUNDLED_PACK, fetchedAt: 1 });
    const { org, server } = await orgServer();
    expect(await update(guidance, sourceOf(org, server.url))).toMatchObject({ reason: 'none-published' });
    expect(await guidance.get()).toBeUndefined();
  });

  it.each<[string, (signed: SignedGuidance, other: SignedGuidance) => string, string]>([
    [
      'a swapped contact number',
      (s) =>
        JSON.stringify({
          ...s,
          pack: { ...s.pack, localContacts: { lado: { name: 'LADO', phone: '020 0000 0000' } } },
        }),
      'bad-signature',
    ],
    [
      'a changed byte of the signature',
      (s) => JSON.stringify({ ...s, signature: flipFirstByte(s.signature) }),
      'bad-signature',
    ],
    ['another organisation’s pack', (_s, other) => JSON.stringify(other), 'other-organisation'],
    ['an unsigned pack (as v1 served)', (s) => JSON.stringify(s.pack), 'invalid-pack'],
    ['an answer that is not JSON', () => '<html>', 'bad-response'],
  ])('refuses %s with a plain sentence and keeps the pack it has', async (_name, answer, reason) => {
    const guidance = repo();
    const { org, server, publish } = await orgServer();
    const good = await publish(packWith());
    await update(guidance, sourceOf(org, server.url));
    const before = await guidance.get();

    const other = await buildOrganisation('Another Council');
    const theirs = await signGuidancePack(other.privateKeys.signing, other.fingerprint, packWith());
    const hostile = await serving(answer(good, theirs));
    const result = await update(guidance, sourceOf(org, hostile), () => now() + 5_000);
    expect(result).toMatchObject({ kind: 'kept', reason });
    if (result.kind === 'kept') {
      expect(result.message).toMatch(/keeps the guidance it has\.$/);
      if (reason in GUIDANCE_REFUSALS) expect(result.message).toBe(GUIDANCE_REFUSALS[reason as 'bad-signature']);
    }
    expect(await guidance.get()).toEqual(before);
  });

  it('refuses a well-signed pack that fails the pack’s checks (a contact email with a query part)', async () => {
    const guidance = repo();
    const { org } = await orgServer();
    const bad = {
      ...packWith(),
      localContacts: { lado: { name: 'LADO', email: 'lado@example.org?bcc=x@example.net' } },
    };
    const signed = await signGuidancePack(org.privateKeys.signing, org.fingerprint, bad as GuidancePack);
    const result = await update(guidance, sourceOf(org, await serving(JSON.stringify(signed))));
    expect(result).toMatchObject({ kind: 'kept', reason: 'invalid-pack' });
    if (result.kind === 'kept') expect(result.issues?.join('\n')).toMatch(/localContacts\.lado\.email/);
    expect(await guidance.get()).toBeUndefined();
  });

  it('keeps the pack when the server cannot be reached', async () => {
    const guidance = repo();
    const { org, server, publish } = await orgServer();
    await publish(packWith());
    await update(guidance, sourceOf(org, server.url));
    const before = await guidance.get();
    await server.close();
    expect(await update(guidance, sourceOf(org, server.url))).toMatchObject({ kind: 'kept', reason: 'unreachable' });
    expect(await guidance.get()).toEqual(before);
  });

  it('fetches nothing for a device that is not enrolled, or an insecure endpoint', async () => {
    const guidance = repo();
    const org = await buildOrganisation();
    expect(await update(guidance, null)).toMatchObject({ kind: 'kept', reason: 'not-configured' });
    expect(await update(guidance, sourceOf(org, 'http://sync.example.org'))).toMatchObject({
      kind: 'kept',
      reason: 'insecure-endpoint',
    });
    expect(await guidance.get()).toBeUndefined();
  });
});
