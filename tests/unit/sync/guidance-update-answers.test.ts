// The guidance update against a hand-written HTTP server on 127.0.0.1 serving packs signed for real, with a stored
// pack that can fail to read or write: what is asked for, what is stored, and the sentence Settings shows each time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ERROR_MESSAGES } from '../../../src/domain/errors.ts';
import type { GuidancePack } from '../../../src/domain/guidance.ts';
import { packWithContacts, type SignedGuidance } from '../../../src/domain/signed-guidance.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';
import type { GuidanceRow } from '../../../src/store/db.ts';
import type { GuidanceRepo } from '../../../src/store/guidance-repo.ts';
import { PROBE_TIMEOUT_MS } from '../../../src/sync/endpoint.ts';
import { type GuidanceSource, updateGuidance } from '../../../src/sync/guidance-update.ts';
import { signGuidancePack, verifyGuidancePack } from '../../../src/vault/guidance-signature.ts';
import { type BuiltOrganisation, buildOrganisation, startHttp } from '../fixtures.ts';

type Reply = { status: number; body?: string; etag?: string };
let org: BuiltOrganisation;
let other: BuiltOrganisation;
let signed: SignedGuidance;
let reply: Reply = { status: 500 };
const asked: (string | undefined)[] = [];
let http: Awaited<ReturnType<typeof startHttp>>;

const now = () => Date.parse('2026-11-23T10:00:00Z');
const KEPT = 'The app keeps the guidance it has.';

const packAt = (at: string): GuidancePack => {
  const made = packWithContacts(
    BUNDLED_PACK,
    { lado: { name: 'Riverside LADO', phone: '020 7974 4556' } },
    new Date(at),
  );
  if (!made.ok) throw new Error(made.issues.join('\n'));
  return made.pack;
};

beforeAll(async () => {
  org = await buildOrganisation();
  other = await buildOrganisation('Another Council');
  signed = await signGuidancePack(org.privateKeys.signing, org.fingerprint, packAt('2099-01-02T03:04:05Z'));
  http = await startHttp((req, res) => {
    req.resume();
    asked.push(req.headers['if-none-match']);
    if (reply.status === 0) return; // never answers
    if (reply.status === 304) {
      res.writeHead(304);
      res.end();
      return;
    }
    res.writeHead(reply.status, { 'Content-Type': 'application/json', ...(reply.etag ? { ETag: reply.etag } : {}) });
    res.end(reply.body ?? '');
  });
});
afterAll(() => http.close());

/** A stored pack in memory; `failGet`, `failPut` and `failClear` make the storage fail. */
const memoryRepo = (
  row?: GuidanceRow,
  fail: { get?: unknown; put?: unknown; clear?: unknown } = {},
): GuidanceRepo & { row: () => GuidanceRow | undefined } => {
  let current = row;
  return {
    row: () => current,
    get: async () => {
      if (fail.get) throw fail.get;
      return current;
    },
    put: async (entry) => {
      if (fail.put) throw fail.put;
      current = entry;
    },
    clear: async () => {
      if (fail.clear) throw fail.clear;
      current = undefined;
    },
  };
};

const source = (): GuidanceSource => ({
  endpoint: http.url,
  fingerprint: org.fingerprint,
  signingKey: org.descriptor.signingKey,
});
const update = (repo: GuidanceRepo) => updateGuidance({ repo, source: source(), verify: verifyGuidancePack, now });
const storedOf = (s: SignedGuidance, signedBy = org.fingerprint, etag = '"v1"'): GuidanceRow => ({
  version: (s.pack as { version: string }).version,
  etag,
  pack: s.pack,
  fetchedAt: 1,
  signedBy,
  signature: s.signature,
});

describe('guidance update: what is asked, stored and said', () => {
  it('stores exactly the pack as signed, with the ETag, the time and the organisation, and says the version', async () => {
    reply = { status: 200, body: JSON.stringify(signed), etag: '"v7"' };
    const repo = memoryRepo();
    const version = (signed.pack as { version: string }).version;
    expect(await update(repo)).toEqual({
      kind: 'updated',
      version,
      message: `The guidance is updated to version ${version}, signed by your organisation.`,
    });
    expect(repo.row()).toEqual({
      version,
      etag: '"v7"',
      pack: signed.pack,
      fetchedAt: now(),
      signedBy: org.fingerprint,
      signature: signed.signature,
    });
  });

  it('asks with the ETag of a pack its organisation signed, and asks for the whole pack otherwise', async () => {
    reply = { status: 304 };
    asked.length = 0;
    expect(await update(memoryRepo(storedOf(signed)))).toMatchObject({ kind: 'unchanged' });
    // Another organisation's pack, or one that cannot be read: no ETag, so the answer is a whole pack.
    const theirs = await signGuidancePack(other.privateKeys.signing, other.fingerprint, packAt('2099-01-02T03:04:05Z'));
    await update(memoryRepo(storedOf(theirs, other.fingerprint)));
    await update(memoryRepo(storedOf(signed), { get: new AppError('storage-unavailable') }));
    expect(asked).toEqual(['"v1"', undefined, undefined]);
  });

  it('replaces a pack it could not read with the signed one', async () => {
    reply = { status: 200, body: JSON.stringify(signed), etag: '"v7"' };
    const repo = memoryRepo(undefined, { get: new TypeError('damaged row') });
    expect(await update(repo)).toMatchObject({ kind: 'updated' });
    expect(repo.row()?.signature).toBe(signed.signature);
  });

  it('still checks and fetches when a stored pack edited on the device cannot be removed', async () => {
    reply = { status: 200, body: JSON.stringify(signed), etag: '"v7"' };
    const edited = { ...storedOf(signed), pack: { ...(signed.pack as object), version: 'edited' } };
    asked.length = 0;
    const repo = memoryRepo(edited, { clear: new AppError('storage-unavailable') });
    expect(await update(repo)).toMatchObject({ kind: 'updated' });
    expect(asked).toEqual([undefined]);
  });

  it('says the bundled guidance shows once a pack kept from elsewhere is dropped, and keeps its own otherwise', async () => {
    reply = { status: 404 };
    const theirs = await signGuidancePack(other.privateKeys.signing, other.fingerprint, packAt('2099-01-02T03:04:05Z'));
    const foreign = memoryRepo(storedOf(theirs, other.fingerprint));
    expect(await update(foreign)).toEqual({
      kind: 'kept',
      reason: 'none-published',
      message:
        'Your organisation has not published its own guidance yet. The app shows the guidance that came with it.',
    });
    expect(foreign.row()).toBeUndefined();
    // The same, with the removal failing: the answer is the same and nothing throws.
    const stuck = memoryRepo(storedOf(theirs, other.fingerprint), { clear: new AppError('storage-unavailable') });
    expect(await update(stuck)).toMatchObject({ reason: 'none-published' });

    const own = memoryRepo(storedOf(signed));
    expect(await update(own)).toEqual({
      kind: 'kept',
      reason: 'none-published',
      message: `Your organisation has not published its own guidance yet. ${KEPT}`,
    });
    expect(own.row()).toEqual(storedOf(signed));
  });

  it('says why it could not check', async () => {
    reply = { status: 503 };
    expect(await update(memoryRepo())).toEqual({
      kind: 'kept',
      reason: 'server-error',
      message: `The guidance could not be checked. ${ERROR_MESSAGES['server-error']} ${KEPT}`,
    });
  });

  it.each<[string, unknown, string]>([
    ['a full storage', new AppError('quota-exceeded'), 'quota-exceeded'],
    ['another storage failure', new Error('disk gone'), 'storage-unavailable'],
  ])('keeps the pack it has when storing the new one meets %s', async (_name, error, code) => {
    reply = { status: 200, body: JSON.stringify(signed), etag: '"v7"' };
    const repo = memoryRepo(undefined, { put: error });
    expect(await update(repo)).toEqual({
      kind: 'kept',
      reason: code,
      message: `${ERROR_MESSAGES[code as 'quota-exceeded']} ${KEPT}`,
    });
  });

  it('refuses an envelope that is not one, saying what failed', async () => {
    reply = { status: 200, body: JSON.stringify({ v: 1 }) };
    expect(await update(memoryRepo())).toMatchObject({
      kind: 'kept',
      reason: 'invalid-pack',
      issues: ['the signed envelope is malformed'],
    });
  });

  it('says why it fetches nothing for a device not enrolled or an endpoint that is not safe', async () => {
    const repo = memoryRepo();
    expect(await updateGuidance({ repo, source: null, verify: verifyGuidancePack })).toEqual({
      kind: 'kept',
      reason: 'not-configured',
      message: 'This device is not enrolled with an organisation, so it keeps the guidance that came with the app.',
    });
    const insecure = { ...source(), endpoint: 'http://sync.example.org' };
    expect(await updateGuidance({ repo, source: insecure, verify: verifyGuidancePack })).toEqual({
      kind: 'kept',
      reason: 'insecure-endpoint',
      message: `${ERROR_MESSAGES['insecure-endpoint']} ${KEPT}`,
    });
  });

  it('gives up on a silent server after its own timeout, long before the default one', async () => {
    reply = { status: 0 };
    const started = Date.now();
    const result = await updateGuidance({
      repo: memoryRepo(),
      source: source(),
      verify: verifyGuidancePack,
      timeoutMs: 50,
    });
    expect(result).toMatchObject({ kind: 'kept', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(PROBE_TIMEOUT_MS);
  });

  it('asks through the fetch the app hands it', async () => {
    reply = { status: 304 };
    const through: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      through.push(String(input));
      return globalThis.fetch(input, init);
    };
    await updateGuidance({ repo: memoryRepo(storedOf(signed)), source: source(), verify: verifyGuidancePack, fetch });
    expect(through).toEqual([`${http.url}/v2/guidance`]);
  });

  it('says at most 20 of the reasons a pack failed its checks', async () => {
    const broken = { ...packAt('2099-01-02T03:04:05Z'), articles: BUNDLED_PACK.articles.map(() => ({})) };
    const bad = await signGuidancePack(org.privateKeys.signing, org.fingerprint, broken as unknown as GuidancePack);
    reply = { status: 200, body: JSON.stringify(bad) };
    const result = await update(memoryRepo());
    expect(result).toMatchObject({ kind: 'kept', reason: 'invalid-pack' });
    expect(result.kind === 'kept' && result.issues).toHaveLength(20);
  });

  it('reads a refused signature that carries no detail as a bad signature', async () => {
    reply = { status: 200, body: JSON.stringify(signed) };
    const verify = async (): Promise<SignedGuidance> => {
      throw new AppError('tampered');
    };
    expect(await updateGuidance({ repo: memoryRepo(), source: source(), verify, now })).toMatchObject({
      reason: 'bad-signature',
    });
  });

  it('replaces a pack kept from another organisation even when that one was published later', async () => {
    const theirs = await signGuidancePack(other.privateKeys.signing, other.fingerprint, packAt('2099-12-01T00:00:00Z'));
    reply = { status: 200, body: JSON.stringify(signed), etag: '"v7"' };
    const repo = memoryRepo(storedOf(theirs, other.fingerprint));
    expect(await update(repo)).toMatchObject({ kind: 'updated' });
    expect(repo.row()?.signedBy).toBe(org.fingerprint);
  });

  it('takes a newer publication over the one it holds', async () => {
    const newer = await signGuidancePack(org.privateKeys.signing, org.fingerprint, packAt('2099-06-01T00:00:00Z'));
    reply = { status: 200, body: JSON.stringify(newer), etag: '"v8"' };
    const repo = memoryRepo(storedOf(signed));
    expect(await update(repo)).toMatchObject({ kind: 'updated' });
    expect(repo.row()?.signature).toBe(newer.signature);
    // The same publication again (e.g. the ETag changed) is taken too: it is not older.
    reply = { status: 200, body: JSON.stringify(newer), etag: '"v9"' };
    expect(await update(repo)).toMatchObject({ kind: 'updated' });
    expect(repo.row()?.etag).toBe('"v9"');
  });
});
