import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';
import { SafeVisitDb } from '../../../src/store/db.ts';
import { createGuidanceRepo } from '../../../src/store/guidance-repo.ts';
import { updateGuidance } from '../../../src/sync/guidance-update.ts';
import { startHttp, startServer } from '../fixtures.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const repo = () => {
  const db = new SafeVisitDb(`guidance-${randomUUID()}`);
  cleanups.push(() => db.close());
  return createGuidanceRepo(db);
};

const referenceServer = async (guidancePack: unknown = BUNDLED_PACK) => {
  const server = await startServer({ guidancePack });
  cleanups.push(() => server.close());
  return server;
};

const now = () => Date.parse('2026-11-23T10:00:00Z');

describe('updateGuidance', () => {
  it('stores a new pack with its ETag, then keeps it on 304', async () => {
    const guidance = repo();
    const server = await referenceServer();

    const first = await updateGuidance({ repo: guidance, endpoint: server.url, now });
    expect(first).toEqual({
      kind: 'updated',
      version: BUNDLED_PACK.version,
      message: `The guidance is updated to version ${BUNDLED_PACK.version}.`,
    });
    const stored = await guidance.get();
    expect(stored).toMatchObject({ version: BUNDLED_PACK.version, etag: expect.any(String), fetchedAt: now() });
    expect(stored?.pack).toEqual(BUNDLED_PACK);

    const second = await updateGuidance({ repo: guidance, endpoint: server.url, now: () => now() + 1_000 });
    expect(second).toEqual({ kind: 'unchanged', message: 'The guidance is up to date.' });
    expect(await guidance.get()).toEqual(stored);
  });

  it('replaces the pack when the server publishes a newer one', async () => {
    const guidance = repo();
    const oldServer = await referenceServer();
    await updateGuidance({ repo: guidance, endpoint: oldServer.url, now });
    const oldEtag = (await guidance.get())?.etag;

    const newer = { ...BUNDLED_PACK, version: '2099.1.0' };
    const newServer = await referenceServer(newer);
    expect(await updateGuidance({ repo: guidance, endpoint: newServer.url, now })).toMatchObject({
      kind: 'updated',
      version: '2099.1.0',
    });
    const stored = await guidance.get();
    expect(stored?.version).toBe('2099.1.0');
    expect(stored?.etag).not.toBe(oldEtag);
  });

  it.each<[string, { status: number; body: string }, string]>([
    [
      'a pack that fails validation',
      { status: 200, body: JSON.stringify({ schemaVersion: 1, version: 'x' }) },
      'invalid-pack',
    ],
    [
      'a pack whose sections list unknown articles',
      {
        status: 200,
        body: JSON.stringify({
          ...BUNDLED_PACK,
          sections: [{ id: 'broken', title: 'Broken', articleIds: ['no-such-article'] }],
        }),
      },
      'invalid-pack',
    ],
    ['an answer that is not JSON', { status: 200, body: '<html>' }, 'bad-response'],
    ['a server error', { status: 500, body: '{}' }, 'server-error'],
  ])('keeps the old pack on %s, and says why', async (_name, answer, reason) => {
    const guidance = repo();
    const good = await referenceServer();
    await updateGuidance({ repo: guidance, endpoint: good.url, now });
    const before = await guidance.get();

    const bad = await startHttp((req, res) => {
      req.resume();
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ETag: '"bad"' });
      res.end(answer.body);
    });
    cleanups.push(() => bad.close());
    const result = await updateGuidance({ repo: guidance, endpoint: bad.url, now: () => now() + 5_000 });
    expect(result).toMatchObject({ kind: 'kept', reason });
    if (result.kind === 'kept') expect(result.message).toMatch(/keeps the guidance it has\.$/);
    if (reason === 'invalid-pack' && result.kind === 'kept') expect(result.issues?.length).toBeGreaterThan(0);
    expect(await guidance.get()).toEqual(before);
  });

  it('keeps the old pack when the server cannot be reached', async () => {
    const guidance = repo();
    const server = await startServer();
    await updateGuidance({ repo: guidance, endpoint: server.url, now });
    const before = await guidance.get();
    await server.close();

    const result = await updateGuidance({ repo: guidance, endpoint: server.url, now });
    expect(result).toMatchObject({ kind: 'kept', reason: 'unreachable' });
    expect(await guidance.get()).toEqual(before);
  });

  it.each([
    ['', 'not-configured'],
    ['http://sync.example.org', 'insecure-endpoint'],
  ])('does not fetch from %j (%s)', async (endpoint, reason) => {
    const guidance = repo();
    expect(await updateGuidance({ repo: guidance, endpoint, now })).toMatchObject({ kind: 'kept', reason });
    expect(await guidance.get()).toBeUndefined();
  });
});
