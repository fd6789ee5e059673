// The device picks up a rotated organisation key at its next contact, with real WebCrypto and a real server: the sync
// run re-reads `GET /v2/org`, checks the new key's signature against the fingerprint pinned at enrolment, keeps it in
// the encrypted enrolment, and the next report is sealed to it; a report sealed before still sends and still opens.
// A descriptor that does not check, another organisation's, or one that drops the new key changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import type { Enrolment } from '../../../src/domain/enrolment.ts';
import type { OrgDescriptor } from '../../../src/domain/org-protocol.ts';
import { signIn } from '../../../src/officer/account-flows.ts';
import { createOfficerApi } from '../../../src/officer/officer-api.ts';
import { rotateOrganisationKey } from '../../../src/officer/team/key-rotation.ts';
import { createOrgRefresher } from '../../../src/sync/org-refresh.ts';
import { createMutexLock, createSyncEngine } from '../../../src/sync/outbox.ts';
import { currentEncryptionKey, verifyOrgDescriptor } from '../../../src/vault/org.ts';
import {
  buildOrganisation,
  enrolDirectly,
  flipFirstByte,
  manualClock,
  type OrgServer,
  openedDescription,
  openTestStore,
  queueReport,
  startOrgServer,
  type TestStore,
} from '../fixtures.ts';
import { OFFICER_EMAIL, OFFICER_PASSPHRASE } from './org-setup.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server with a real organisation, and a device enrolled with it (the organisation pinned) over fake-indexeddb. */
const enrolled = async () => {
  const clock = manualClock(Date.now());
  const server: OrgServer = await startOrgServer();
  cleanups.push(() => server.close());
  const device = await server.enrolDevice();
  const store: TestStore = await openTestStore({ clock, endpoint: server.url, token: device.token });
  cleanups.push(() => store.close());
  await enrolDirectly(store.settingsRepo, server.url, device.token, {
    org: server.org,
    fingerprint: server.fingerprint,
  });
  const enrolment = async (): Promise<Enrolment> => {
    const saved = await store.settingsRepo.getSecret('enrolment');
    if (!saved) throw new Error('not enrolled');
    return saved;
  };
  const refresherWith = (fetch?: typeof globalThis.fetch) =>
    createOrgRefresher({
      load: () => store.settingsRepo.getSecret('enrolment'),
      save: (value) => store.settingsRepo.setSecret('enrolment', value),
      verify: verifyOrgDescriptor,
      fetch,
    });
  const rotate = async () => {
    const lead = await signIn(createOfficerApi({ baseUrl: server.url }), OFFICER_EMAIL, OFFICER_PASSPHRASE);
    const key = await rotateOrganisationKey(createOfficerApi({ baseUrl: server.url }), lead);
    return { lead, key };
  };
  return { clock, server, store, enrolment, refresherWith, rotate };
};

/** fetch that answers `GET /v2/org` with `change(descriptor)` instead of what the server said. */
const rewritingOrg =
  (change: (org: OrgDescriptor) => OrgDescriptor): typeof globalThis.fetch =>
  async (input, init) => {
    const response = await globalThis.fetch(input, init);
    if (!String(input).endsWith('/v2/org')) return response;
    return Response.json(change((await response.json()) as OrgDescriptor));
  };

describe('picking up a rotated organisation key', { timeout: 60_000 }, () => {
  it('seals the next report to the new key after a sync run, while one sealed before still sends and opens', async () => {
    const { clock, server, store, enrolment, refresherWith, rotate } = await enrolled();
    const oldKid = currentEncryptionKey(server.org).kid;
    const before = await queueReport(store, clock);
    const { lead, key } = await rotate();
    const engine = createSyncEngine({
      port: store.port,
      settings: store.settings,
      now: clock.now,
      lock: createMutexLock(),
      beforeSend: refresherWith(),
    });

    expect(await engine.runOnce()).toMatchObject({ stopped: 'done', sent: 1 });
    // The run learned the new key before sending; the report sealed earlier went as it was.
    expect(currentEncryptionKey((await enrolment()).org).kid).toBe(key.kid);
    const after = await queueReport(store, clock);
    expect(await engine.runOnce()).toMatchObject({ stopped: 'done', sent: 1 });

    const reader = { officerId: lead.officer.id, at: new Date().toISOString() };
    const stored = async (id: string) => (await server.app.sealedReports.openSealed(id, reader))?.revisions[0];
    expect((await stored(before))?.keyId).toBe(oldKid);
    expect((await stored(after))?.keyId).toBe(key.kid);
    // The rotating officer's keys open both.
    for (const id of [before, after]) {
      const envelope = await stored(id);
      if (!envelope || !lead.orgKeys) throw new Error('not stored');
      expect(await openedDescription(lead.orgKeys, envelope)).toContain('group chat');
    }
  });

  it('answers unchanged while nothing changed, and keeps the keys when the server cannot be reached', async () => {
    const { server, enrolment, refresherWith } = await enrolled();
    const refresh = refresherWith();
    const saved = await enrolment();
    expect(await refresh()).toBe('unchanged');
    expect(await enrolment()).toEqual(saved);
    await server.close();
    expect(await refresh()).toBe('unreachable');
    expect(await enrolment()).toEqual(saved);
  });

  it('refuses a new key whose signature does not check, and another organisation’s descriptor', async () => {
    const { enrolment, refresherWith, rotate } = await enrolled();
    const saved = await enrolment();
    await rotate();
    const forged = refresherWith(
      rewritingOrg((org) => ({
        ...org,
        encryptionKeys: org.encryptionKeys.map((k, i) =>
          i === 1 ? { ...k, signature: flipFirstByte(k.signature) } : k,
        ),
      })),
    );
    expect(await forged()).toBe('refused');
    const other = (await buildOrganisation('Another Service')).descriptor;
    expect(await refresherWith(rewritingOrg(() => other))()).toBe('refused');
    expect(await enrolment()).toEqual(saved);
  });

  it('never goes back to an older key once it has verified a newer one', async () => {
    const { enrolment, refresherWith, rotate } = await enrolled();
    const { key } = await rotate();
    expect(await refresherWith()()).toBe('updated');
    // A server that stops listing the new key (or replays an old descriptor) cannot take the device back.
    const dropped = refresherWith(rewritingOrg((org) => ({ ...org, encryptionKeys: org.encryptionKeys.slice(0, 1) })));
    expect(await dropped()).toBe('unchanged');
    expect(currentEncryptionKey((await enrolment()).org).kid).toBe(key.kid);
  });
});
