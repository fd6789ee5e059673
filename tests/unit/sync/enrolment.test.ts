// Enrolment against the real server with a real organisation: the name is shown only after the keys check against
// the link's fingerprint, the enrolment is saved encrypted, and every bad input leaves the device as it was.
import { afterEach, describe, expect, it } from 'vitest';
import { ENROLMENT_LINK_PROBLEMS, encodeEnrolmentLink } from '../../../src/domain/enrolment-link.ts';
import { ERROR_MESSAGES } from '../../../src/domain/errors.ts';
import { ORG_PATHS } from '../../../src/domain/org-protocol.ts';
import { createEnrolmentService } from '../../../src/sync/enrolment.ts';
import { fingerprintCode, fingerprintOf, verifyOrgDescriptor } from '../../../src/vault/org.ts';
import {
  buildOrganisation,
  manualClock,
  type OrgServer,
  openTestStore,
  queueReport,
  rawText,
  readRawDatabase,
  startHttp,
  startOrgServer,
  type TestStore,
} from '../fixtures.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const orgServer = async (name?: string): Promise<OrgServer> => {
  const server = await startOrgServer(name);
  closers.push(server.close);
  return server;
};

const device = async () => {
  const clock = manualClock();
  const store = await openTestStore({ clock, endpoint: '', token: null });
  closers.push(async () => {
    store.vault.close();
    store.db.close();
  });
  const service = createEnrolmentService({
    verify: verifyOrgDescriptor,
    fingerprintOf,
    fingerprintCode,
    load: () => store.settingsRepo.getSecret('enrolment'),
    save: (value) => store.settingsRepo.setSecret('enrolment', value),
    waiting: () => store.outbox.count(),
  });
  return { clock, store, service };
};

const offerOf = async (service: ReturnType<typeof createEnrolmentService>, link: string) => {
  const result = await service.fromLink(link);
  if (!result.ok) throw new Error(`expected an offer, got: ${result.message}`);
  return result.value;
};

const expectNothingSaved = async (store: TestStore) => {
  expect(await store.settingsRepo.getSecret('enrolment')).toBeNull();
};

describe('enrolling a device by link', () => {
  it('names the organisation only once its keys match the link, then saves the enrolment encrypted', async () => {
    const server = await orgServer();
    const { store, service } = await device();
    const { id, token } = await server.enrolDevice();

    const offer = await offerOf(service, server.linkFor(token));
    expect(offer.org.name).toBe('Riverside Family Support');
    expect(offer.fingerprintCode).toBe(fingerprintCode(server.fingerprint));
    expect(offer.replaces).toBeNull();
    await expectNothingSaved(store);

    const done = await service.confirm(offer);
    expect(done).toEqual({
      ok: true,
      value: { orgName: 'Riverside Family Support', fingerprintCode: offer.fingerprintCode, endpoint: server.url },
    });
    expect(await store.settingsRepo.getSecret('enrolment')).toMatchObject({
      endpoint: server.url,
      token,
      fingerprint: server.fingerprint,
      deviceId: id,
    });
    // Raw IndexedDB: no token, no endpoint, no organisation name.
    const raw = rawText(await readRawDatabase(store.db.name));
    expect(raw).not.toContain(token);
    expect(raw).not.toContain(server.url);
    expect(raw).not.toContain(`127.0.0.1:${server.port}`);
    expect(raw).not.toContain('Riverside');
  });

  const validPayload = {
    v: 1,
    endpoint: 'https://sync.example.org',
    token: 'a'.repeat(43),
    fingerprint: 'b'.repeat(43),
  };
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  it.each([
    ['an empty text', '', 'not-a-link'],
    ['a web address without the enrolment part', 'https://app.example.org/#/reports', 'not-a-link'],
    [
      'a truncated link',
      encodeEnrolmentLink('https://app.example.org', validPayload as never).slice(0, -20),
      'damaged',
    ],
    ['a fragment that is not base64url', 'https://app.example.org/#enrol=%%%***', 'damaged'],
    ['base64url of something not JSON', `#enrol=${b64('hello there')}`, 'damaged'],
    [
      'JSON of another shape (a foreign link)',
      `#enrol=${b64(JSON.stringify({ url: 'https://x.example' }))}`,
      'damaged',
    ],
    ['a token of the wrong length', `#enrol=${b64(JSON.stringify({ ...validPayload, token: 'short' }))}`, 'damaged'],
    ['a link from a newer version', `#enrol=${b64(JSON.stringify({ ...validPayload, v: 2 }))}`, 'unsupported'],
  ] as const)('refuses %s with one plain sentence and saves nothing', async (_name, link, problem) => {
    const { store, service } = await device();
    expect(await service.fromLink(link)).toEqual({ ok: false, message: ENROLMENT_LINK_PROBLEMS[problem] });
    await expectNothingSaved(store);
  });

  it('refuses a link whose fingerprint is another organisation’s, before showing any name', async () => {
    const server = await orgServer();
    const other = await buildOrganisation('Somebody Else');
    const { store, service } = await device();
    const { token } = await server.enrolDevice();
    expect(await service.fromLink(server.linkFor(token, { fingerprint: other.fingerprint }))).toEqual({
      ok: false,
      message: ERROR_MESSAGES['org-mismatch'],
    });
    await expectNothingSaved(store);
  });

  it('refuses an organisation whose encryption key was swapped for another one, even signed by someone else', async () => {
    const server = await orgServer();
    const other = await buildOrganisation('Somebody Else');
    const { token } = await server.enrolDevice();
    const swapped = {
      ...server.org,
      encryptionKeys: [
        {
          ...(server.org.encryptionKeys[0] as (typeof server.org.encryptionKeys)[0]),
          publicKey: other.descriptor.encryptionKeys[0]?.publicKey ?? '',
        },
      ],
    };
    const impostor = await startHttp((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(req.url === ORG_PATHS.org ? swapped : { deviceId: 'd', org: swapped }));
    });
    closers.push(impostor.close);
    const { store, service } = await device();
    const link = encodeEnrolmentLink('http://127.0.0.1:4173', {
      v: 1,
      endpoint: impostor.url,
      token,
      fingerprint: server.fingerprint,
    });
    expect(await service.fromLink(link)).toEqual({ ok: false, message: ERROR_MESSAGES['org-mismatch'] });
    await expectNothingSaved(store);
  });

  it('refuses an unreachable endpoint and a plain-http endpoint on another host', async () => {
    const server = await orgServer();
    const { token } = await server.enrolDevice();
    const { store, service } = await device();
    const gone = await startHttp(() => undefined);
    await gone.close();
    const unreachable = encodeEnrolmentLink('http://127.0.0.1:4173', {
      v: 1,
      endpoint: gone.url,
      token,
      fingerprint: server.fingerprint,
    });
    expect(await service.fromLink(unreachable)).toEqual({ ok: false, message: ERROR_MESSAGES.unreachable });
    const insecure = encodeEnrolmentLink('http://127.0.0.1:4173', {
      v: 1,
      endpoint: 'http://sync.example.org',
      token,
      fingerprint: server.fingerprint,
    });
    expect(await service.fromLink(insecure)).toEqual({ ok: false, message: ERROR_MESSAGES['insecure-endpoint'] });
    await expectNothingSaved(store);
  });

  it('refuses a revoked token at confirmation and keeps the device as it was', async () => {
    const server = await orgServer();
    const { id, token } = await server.enrolDevice();
    const { store, service } = await device();
    const offer = await offerOf(service, server.linkFor(token));
    await server.revoke(id);
    expect(await service.confirm(offer)).toEqual({ ok: false, message: ERROR_MESSAGES.revoked });
    await expectNothingSaved(store);
  });

  it('asks before enrolling with another organisation, and refuses while reports wait to be sent', async () => {
    const first = await orgServer('Riverside Family Support');
    const second = await orgServer('Hillside Children’s Service');
    const { clock, store, service } = await device();
    expect((await service.confirm(await offerOf(service, first.linkFor((await first.enrolDevice()).token)))).ok).toBe(
      true,
    );

    const offer = await offerOf(service, second.linkFor((await second.enrolDevice()).token));
    expect(offer.replaces?.orgName).toBe('Riverside Family Support');
    const id = await queueReport(store, clock);
    expect(await service.confirm(offer, { replace: true })).toEqual({
      ok: false,
      message: ERROR_MESSAGES['reports-waiting'],
    });
    await store.reports.delete(id);
    expect((await service.confirm(offer)).ok).toBe(false);
    expect((await store.settingsRepo.getSecret('enrolment'))?.org.name).toBe('Riverside Family Support');
    expect(await service.confirm(offer, { replace: true })).toMatchObject({
      ok: true,
      value: { orgName: 'Hillside Children’s Service' },
    });
  });
});

describe('enrolling with the hand-typed endpoint and token (advanced)', () => {
  it('asks the server which organisation the token belongs to and offers it with its fingerprint code', async () => {
    const server = await orgServer();
    const { token } = await server.enrolDevice();
    const { store, service } = await device();
    const found = await service.fromToken(`${server.url}/`, ` ${token} `);
    if (!found.ok) throw new Error(found.message);
    expect(found.value).toMatchObject({
      org: { name: 'Riverside Family Support' },
      fingerprint: server.fingerprint,
      fingerprintCode: fingerprintCode(server.fingerprint),
      endpoint: server.url,
    });
    await expectNothingSaved(store);
    expect((await service.confirm(found.value)).ok).toBe(true);
  });

  it('refuses an unknown token with one plain sentence', async () => {
    const server = await orgServer();
    const { store, service } = await device();
    expect(await service.fromToken(server.url, 'x'.repeat(43))).toEqual({
      ok: false,
      message: ERROR_MESSAGES['unknown-device'],
    });
    await expectNothingSaved(store);
  });
});
