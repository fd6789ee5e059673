// The organisation refresh against a hand-written HTTP server on 127.0.0.1 that serves the descriptor it is told to,
// with a real organisation and real WebCrypto: each answer either adds verified keys (oldest first, the newest kept)
// or changes nothing, and an enrolment changed meanwhile is never overwritten.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Enrolment } from '../../../src/domain/enrolment.ts';
import { AppError } from '../../../src/domain/errors.ts';
import { ORG_ENCRYPTION_KEYS_MAX, ORG_PATHS, type OrgDescriptor } from '../../../src/domain/org-protocol.ts';
import { createOrgRefresher, type OrgRefreshDeps } from '../../../src/sync/org-refresh.ts';
import { createEncryptionKey, verifyOrgDescriptor } from '../../../src/vault/org.ts';
import { type BuiltOrganisation, buildOrganisation, startHttp } from '../fixtures.ts';

type Reply = { status: number; body?: unknown };
let org: BuiltOrganisation;
let reply: Reply = { status: 500 };
const asked: string[] = [];
let http: Awaited<ReturnType<typeof startHttp>>;

beforeAll(async () => {
  org = await buildOrganisation();
  http = await startHttp((req, res) => {
    req.resume();
    asked.push(`${req.method} ${req.url} ${req.headers.accept}`);
    if (reply.status === 0) return; // never answers
    res.writeHead(reply.status, { 'Content-Type': 'application/json' });
    res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {}));
  });
});
afterAll(() => http.close());

const enrolmentWith = (descriptor: OrgDescriptor, extra: Partial<Enrolment> = {}): Enrolment => ({
  v: 1,
  endpoint: http.url,
  token: 't'.repeat(43),
  fingerprint: org.fingerprint,
  org: descriptor,
  deviceId: 'device-1',
  enrolledAt: '2026-11-23T10:00:00.000Z',
  ...extra,
});

/** A refresher over an in-memory "vault": `loads` answers each load in turn (the last one repeats). */
const refresher = (loads: (Enrolment | null)[], extra: Partial<OrgRefreshDeps> = {}) => {
  const saved: Enrolment[] = [];
  let n = 0;
  const refresh = createOrgRefresher({
    load: async () => loads[Math.min(n++, loads.length - 1)] ?? null,
    save: async (value) => {
      saved.push(value);
    },
    verify: verifyOrgDescriptor,
    ...extra,
  });
  return { refresh, saved };
};

const signedKey = async (at: string) => (await createEncryptionKey(org.privateKeys.signing, new Date(at))).publicKey;

describe('org refresh: what each answer does', () => {
  it('asks nothing when the device is not enrolled', async () => {
    asked.length = 0;
    const { refresh, saved } = refresher([null]);
    expect(await refresh()).toBe('not-enrolled');
    expect(asked).toEqual([]);
    expect(saved).toEqual([]);
  });

  it.each<[string, Reply]>([
    ['a 500', { status: 500 }],
    ['a 404', { status: 404 }],
    ['a 200 that is not JSON', { status: 200, body: '<html></html>' }],
    ['a 200 of another shape', { status: 200, body: { name: 'Riverside' } }],
  ])('refuses %s and keeps the keys', async (_name, answer) => {
    reply = answer;
    asked.length = 0;
    const { refresh, saved } = refresher([enrolmentWith(org.descriptor)]);
    expect(await refresh()).toBe('refused');
    expect(asked).toEqual([`GET ${ORG_PATHS.org} application/json`]);
    expect(saved).toEqual([]);
  });

  it('refuses a descriptor that comes with an error status, even one that checks', async () => {
    const newKey = await signedKey('2099-01-01T00:00:00.000Z');
    reply = { status: 500, body: { ...org.descriptor, encryptionKeys: [...org.descriptor.encryptionKeys, newKey] } };
    const { refresh, saved } = refresher([enrolmentWith(org.descriptor)]);
    expect(await refresh()).toBe('refused');
    expect(saved).toEqual([]);
  });

  it('answers unreachable when the run is cancelled', async () => {
    reply = { status: 0 };
    const { refresh, saved } = refresher([enrolmentWith(org.descriptor)]);
    const controller = new AbortController();
    const pending = refresh(controller.signal);
    controller.abort();
    expect(await pending).toBe('unreachable');
    expect(saved).toEqual([]);
  });

  it('refuses a descriptor the checks find malformed, and lets a failure of the checks themselves through', async () => {
    reply = { status: 200, body: org.descriptor };
    const malformed = refresher([enrolmentWith(org.descriptor)], {
      verify: async () => {
        throw new AppError('invalid');
      },
    });
    expect(await malformed.refresh()).toBe('refused');
    const broken = refresher([enrolmentWith(org.descriptor)], {
      verify: async () => {
        throw new AppError('storage-unavailable');
      },
    });
    await expect(broken.refresh()).rejects.toMatchObject({ code: 'storage-unavailable' });
    expect([...malformed.saved, ...broken.saved]).toEqual([]);
  });

  it('adds a new key in the order the keys were made, keeping a key the server no longer lists', async () => {
    const [first] = org.descriptor.encryptionKeys;
    if (!first) throw new Error('no key');
    const later = await signedKey('2099-03-01T00:00:00.000Z');
    const between = await signedKey('2099-02-01T00:00:00.000Z');
    const known = { ...org.descriptor, encryptionKeys: [first, later] };
    // The server lists the new key (made between the two) and no longer the newest the device knows.
    reply = { status: 200, body: { ...org.descriptor, encryptionKeys: [first, between] } };
    const { refresh, saved } = refresher([enrolmentWith(known)]);
    expect(await refresh()).toBe('updated');
    expect(saved).toHaveLength(1);
    expect(saved[0]?.org.encryptionKeys.map((k) => k.kid)).toEqual([first.kid, between.kid, later.kid]);
    expect(saved[0]).toEqual(enrolmentWith({ ...known, encryptionKeys: [first, between, later] }));
  });

  it(`keeps only the newest ${ORG_ENCRYPTION_KEYS_MAX} keys`, async () => {
    const [first] = org.descriptor.encryptionKeys;
    if (!first) throw new Error('no key');
    // Keys the device already holds (as saved; only a fresh descriptor is checked), all older than the new one.
    const held = Array.from({ length: ORG_ENCRYPTION_KEYS_MAX }, (_, i) => ({
      ...first,
      kid: `held-${String(i).padStart(2, '0')}`,
      createdAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
    }));
    const newest = await signedKey('2099-01-01T00:00:00.000Z');
    reply = { status: 200, body: { ...org.descriptor, encryptionKeys: [newest] } };
    const { refresh, saved } = refresher([enrolmentWith({ ...org.descriptor, encryptionKeys: held })]);
    expect(await refresh()).toBe('updated');
    const kids = saved[0]?.org.encryptionKeys.map((k) => k.kid) ?? [];
    expect(kids).toHaveLength(ORG_ENCRYPTION_KEYS_MAX);
    expect(kids[0]).toBe('held-01');
    expect(kids.at(-1)).toBe(newest.kid);
  });

  it.each<[string, (e: Enrolment) => Enrolment | null]>([
    ['removed', () => null],
    ['another organisation', (e) => ({ ...e, fingerprint: 'x'.repeat(43) })],
    ['another endpoint', (e) => ({ ...e, endpoint: 'https://elsewhere.example.org' })],
  ])('does not overwrite an enrolment %s meanwhile', async (_name, change) => {
    const newKey = await signedKey('2099-01-01T00:00:00.000Z');
    reply = { status: 200, body: { ...org.descriptor, encryptionKeys: [...org.descriptor.encryptionKeys, newKey] } };
    const before = enrolmentWith(org.descriptor);
    const { refresh, saved } = refresher([before, change(before)]);
    expect(await refresh()).toBe('unchanged');
    expect(saved).toEqual([]);
  });

  it('saves over the latest enrolment (a new token saved meanwhile is kept)', async () => {
    const newKey = await signedKey('2099-01-01T00:00:00.000Z');
    reply = { status: 200, body: { ...org.descriptor, encryptionKeys: [...org.descriptor.encryptionKeys, newKey] } };
    const before = enrolmentWith(org.descriptor);
    const latest = { ...before, token: 'n'.repeat(43) };
    const { refresh, saved } = refresher([before, latest]);
    expect(await refresh()).toBe('updated');
    expect(saved[0]?.token).toBe(latest.token);
    expect(saved[0]?.org.encryptionKeys.map((k) => k.kid)).toEqual([
      ...org.descriptor.encryptionKeys.map((k) => k.kid),
      newKey.kid,
    ]);
  });
});
