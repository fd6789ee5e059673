// Enrolment against a hand-written HTTP server on 127.0.0.1 that answers as told, with a real organisation and real
// WebCrypto: every answer a server can give to `GET /v2/org` and `GET /v2/device` either offers the checked
// organisation or refuses with one plain sentence, and nothing is saved until the worker confirms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Enrolment } from '../../../src/domain/enrolment.ts';
import { encodeEnrolmentLink } from '../../../src/domain/enrolment-link.ts';
import { AppError, ERROR_MESSAGES } from '../../../src/domain/errors.ts';
import { ORG_PATHS } from '../../../src/domain/org-protocol.ts';
import { createEnrolmentService, type EnrolmentDeps } from '../../../src/sync/enrolment.ts';
import { fingerprintCode, fingerprintOf, verifyOrgDescriptor } from '../../../src/vault/org.ts';
import { type BuiltOrganisation, buildOrganisation, startHttp } from '../fixtures.ts';

type Reply = { status: number; body?: unknown };
const TOKEN = 't'.repeat(43);
let org: BuiltOrganisation;
let other: BuiltOrganisation;
let replies: Record<string, Reply> = {};
const asked: { url: string; authorization: string | undefined }[] = [];
let http: Awaited<ReturnType<typeof startHttp>>;

beforeAll(async () => {
  org = await buildOrganisation('Riverside Family Support');
  other = await buildOrganisation('Somebody Else');
  http = await startHttp((req, res) => {
    req.resume();
    asked.push({ url: req.url ?? '', authorization: req.headers.authorization });
    const reply = replies[req.url ?? ''] ?? { status: 404 };
    if (reply.status === 0) return; // never answers
    res.writeHead(reply.status, { 'Content-Type': 'application/json' });
    res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {}));
  });
});
afterAll(() => http.close());

/** The service over an in-memory "vault"; `saved` is what it stored. */
const service = (extra: Partial<EnrolmentDeps> = {}) => {
  const state: { saved: Enrolment | null; waiting: number } = { saved: null, waiting: 0 };
  const svc = createEnrolmentService({
    verify: verifyOrgDescriptor,
    fingerprintOf,
    fingerprintCode,
    load: async () => state.saved,
    save: async (value) => {
      state.saved = value;
    },
    waiting: async () => state.waiting,
    now: () => new Date('2026-11-23T10:00:00Z'),
    ...extra,
  });
  return { svc, state };
};

const linkTo = (fingerprint = org.fingerprint, endpoint = http.url) =>
  encodeEnrolmentLink('http://127.0.0.1:4173', { v: 1, endpoint, token: TOKEN, fingerprint });
const deviceAnswer = (descriptor = org.descriptor): Reply => ({
  status: 200,
  body: { deviceId: 'device-1', org: descriptor },
});
const fail = (code: keyof typeof ERROR_MESSAGES) => ({ ok: false, message: ERROR_MESSAGES[code] });

describe('enrolment: reading the organisation from a link', () => {
  it.each<[string, Reply, unknown]>([
    ['a 500', { status: 500 }, fail('not-safevisit')],
    ['a 404 (not a SafeVisit server)', { status: 404 }, fail('not-safevisit')],
    ['a 200 that is not JSON', { status: 200, body: '<html></html>' }, fail('not-safevisit')],
    ['a 200 of another shape', { status: 200, body: { name: 'Riverside' } }, fail('not-safevisit')],
  ])('refuses %s from GET /v2/org', async (_name, reply, expected) => {
    replies = { [ORG_PATHS.org]: reply };
    const { svc, state } = service();
    expect(await svc.fromLink(linkTo())).toEqual(expected);
    expect(state.saved).toBeNull();
  });

  it('offers the organisation the link pins, with no token sent for it and nothing saved', async () => {
    replies = { [ORG_PATHS.org]: { status: 200, body: org.descriptor } };
    asked.length = 0;
    const { svc, state } = service();
    const offer = await svc.fromLink(linkTo(org.fingerprint, `${http.url}/`));
    expect(offer).toEqual({
      ok: true,
      value: {
        endpoint: http.url,
        token: TOKEN,
        fingerprint: org.fingerprint,
        org: org.descriptor,
        fingerprintCode: fingerprintCode(org.fingerprint),
        replaces: null,
      },
    });
    expect(asked).toEqual([{ url: ORG_PATHS.org, authorization: undefined }]);
    expect(state.saved).toBeNull();
  });

  it('asks for JSON through the fetch the app hands it, for the organisation and for the device', async () => {
    replies = { [ORG_PATHS.org]: { status: 200, body: org.descriptor }, [ORG_PATHS.deviceStatus]: deviceAnswer() };
    const through: { url: string; accept: string | null }[] = [];
    const { svc } = service({
      fetch: (input, init) => {
        through.push({ url: String(input), accept: new Headers(init?.headers).get('accept') });
        return globalThis.fetch(input, init);
      },
    });
    expect((await svc.fromLink(linkTo())).ok).toBe(true);
    expect((await svc.fromToken(http.url, TOKEN)).ok).toBe(true);
    expect(through).toEqual([
      { url: `${http.url}${ORG_PATHS.org}`, accept: 'application/json' },
      { url: `${http.url}${ORG_PATHS.deviceStatus}`, accept: 'application/json' },
    ]);
  });

  it('says timeout when the server does not answer in time', async () => {
    replies = { [ORG_PATHS.org]: { status: 0 } };
    const { svc } = service({
      fetch: (input, init) => globalThis.fetch(input, { ...init, signal: AbortSignal.timeout(50) }),
    });
    expect(await svc.fromLink(linkTo())).toEqual(fail('timeout'));
  });

  it('refuses a descriptor that is not well formed for the checks as not a SafeVisit server', async () => {
    replies = { [ORG_PATHS.org]: { status: 200, body: org.descriptor } };
    const { svc } = service({
      verify: async () => {
        throw new AppError('invalid');
      },
    });
    expect(await svc.fromLink(linkTo())).toEqual(fail('not-safevisit'));
  });

  it('lets a failure of the checks themselves through (not a refusal of the server)', async () => {
    replies = { [ORG_PATHS.org]: { status: 200, body: org.descriptor } };
    const { svc } = service({
      verify: async () => {
        throw new AppError('storage-unavailable');
      },
    });
    await expect(svc.fromLink(linkTo())).rejects.toMatchObject({ code: 'storage-unavailable' });
  });
});

describe('enrolment: asking GET /v2/device', () => {
  it.each<[string, Reply, unknown]>([
    ['401', { status: 401 }, fail('unknown-device')],
    ['403 revoked', { status: 403, body: { error: { code: 'revoked', message: 'withdrawn' } } }, fail('revoked')],
    [
      '403 for another reason',
      { status: 403, body: { error: { code: 'forbidden', message: 'no' } } },
      fail('unknown-device'),
    ],
    ['500', { status: 500 }, fail('not-safevisit')],
    ['200 that is not JSON', { status: 200, body: 'nope' }, fail('not-safevisit')],
    ['200 of another shape', { status: 200, body: { deviceId: 'd' } }, fail('not-safevisit')],
  ])('refuses %s with one plain sentence', async (_name, reply, expected) => {
    replies = { [ORG_PATHS.deviceStatus]: reply };
    const { svc, state } = service();
    expect(await svc.fromToken(http.url, TOKEN)).toEqual(expected);
    expect(state.saved).toBeNull();
  });

  it('says timeout when GET /v2/device does not answer in time', async () => {
    replies = { [ORG_PATHS.deviceStatus]: { status: 0 } };
    const { svc } = service({
      fetch: (input, init) => globalThis.fetch(input, { ...init, signal: AbortSignal.timeout(50) }),
    });
    expect(await svc.fromToken(http.url, TOKEN)).toEqual(fail('timeout'));
  });

  it('refuses a well-formed answer that came with another status than 200', async () => {
    replies = {
      [ORG_PATHS.deviceStatus]: { ...deviceAnswer(), status: 202 },
      [ORG_PATHS.org]: { status: 202, body: org.descriptor },
    };
    const { svc } = service();
    expect(await svc.fromToken(http.url, TOKEN)).toEqual(fail('not-safevisit'));
    expect(await svc.fromLink(linkTo())).toEqual(fail('not-safevisit'));
  });

  it('says unreachable when nothing listens', async () => {
    const gone = await startHttp(() => undefined);
    await gone.close();
    const { svc } = service();
    expect(await svc.fromToken(gone.url, TOKEN)).toEqual(fail('unreachable'));
    expect(await svc.fromToken('http://sync.example.org', TOKEN)).toEqual(fail('insecure-endpoint'));
  });

  it('refuses an organisation whose signing key cannot be read', async () => {
    replies = { [ORG_PATHS.deviceStatus]: deviceAnswer() };
    const { svc } = service({
      fingerprintOf: async () => {
        throw new AppError('invalid');
      },
    });
    expect(await svc.fromToken(http.url, TOKEN)).toEqual(fail('not-safevisit'));
  });

  it('refuses an organisation whose name its own signing key did not sign, before showing it', async () => {
    replies = { [ORG_PATHS.deviceStatus]: deviceAnswer({ ...org.descriptor, name: 'Not Riverside' }) };
    const { svc, state } = service();
    expect(await svc.fromToken(http.url, TOKEN)).toEqual(fail('org-mismatch'));
    expect(state.saved).toBeNull();
  });

  it('sends the trimmed token, and confirms by asking again before saving exactly what was checked', async () => {
    replies = { [ORG_PATHS.deviceStatus]: deviceAnswer() };
    asked.length = 0;
    const { svc, state } = service();
    const found = await svc.fromToken(http.url, `  ${TOKEN}\n`);
    if (!found.ok) throw new Error(found.message);
    expect(found.value).toMatchObject({ token: TOKEN, fingerprint: org.fingerprint, replaces: null });
    expect(state.saved).toBeNull();
    expect(await svc.current()).toBeNull();

    expect(await svc.confirm(found.value)).toEqual({
      ok: true,
      value: { orgName: org.descriptor.name, fingerprintCode: fingerprintCode(org.fingerprint), endpoint: http.url },
    });
    expect(asked).toEqual([
      { url: ORG_PATHS.deviceStatus, authorization: `Bearer ${TOKEN}` },
      { url: ORG_PATHS.deviceStatus, authorization: `Bearer ${TOKEN}` },
    ]);
    expect(state.saved).toEqual({
      v: 1,
      endpoint: http.url,
      token: TOKEN,
      fingerprint: org.fingerprint,
      org: org.descriptor,
      deviceId: 'device-1',
      enrolledAt: '2026-11-23T10:00:00.000Z',
    });
    expect(await svc.current()).toEqual({
      orgName: org.descriptor.name,
      fingerprintCode: fingerprintCode(org.fingerprint),
      endpoint: http.url,
    });
  });

  it('refuses to confirm when the server now answers with another organisation, and saves nothing', async () => {
    replies = { [ORG_PATHS.org]: { status: 200, body: org.descriptor } };
    const { svc, state } = service();
    const offer = await svc.fromLink(linkTo());
    if (!offer.ok) throw new Error(offer.message);
    replies = { [ORG_PATHS.deviceStatus]: deviceAnswer(other.descriptor) };
    expect(await svc.confirm(offer.value)).toEqual(fail('org-mismatch'));
    replies = { [ORG_PATHS.deviceStatus]: { status: 401 } };
    expect(await svc.confirm(offer.value)).toEqual(fail('unknown-device'));
    expect(state.saved).toBeNull();
  });

  it('asks before replacing another organisation, names it, and re-enrols with the same one without asking', async () => {
    replies = { [ORG_PATHS.org]: { status: 200, body: org.descriptor }, [ORG_PATHS.deviceStatus]: deviceAnswer() };
    const { svc, state } = service();
    const first = await svc.fromLink(linkTo());
    if (!first.ok) throw new Error(first.message);
    expect((await svc.confirm(first.value)).ok).toBe(true);
    const saved = state.saved;

    // The same organisation again (a new token): nothing to replace, no question.
    const again = await svc.fromLink(linkTo());
    expect(again.ok && again.value.replaces).toBeNull();
    state.waiting = 3;
    expect((await svc.confirm(first.value)).ok).toBe(true);

    replies = {
      [ORG_PATHS.org]: { status: 200, body: other.descriptor },
      [ORG_PATHS.deviceStatus]: deviceAnswer(other.descriptor),
    };
    const second = await svc.fromLink(linkTo(other.fingerprint));
    if (!second.ok) throw new Error(second.message);
    expect(second.value.replaces).toEqual({
      orgName: org.descriptor.name,
      fingerprintCode: fingerprintCode(org.fingerprint),
      endpoint: http.url,
    });
    state.waiting = 0;
    expect(await svc.confirm(second.value)).toEqual({
      ok: false,
      message: `This device is enrolled with ${org.descriptor.name}. Confirm the change first.`,
    });
    expect(state.saved).toEqual(saved);
    expect(await svc.confirm(second.value, { replace: true })).toMatchObject({
      ok: true,
      value: { orgName: 'Somebody Else' },
    });
    expect(state.saved?.fingerprint).toBe(other.fingerprint);
  });
});
