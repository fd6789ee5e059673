// "Rotate organisation key" end to end over a real socket, with real WebCrypto in place of the officer's browser: the
// new key is signed, sealed to every confirmed officer (and to no one waiting), published as the current key and
// audited; a waiting officer confirmed later gets it too; the route refuses grants that miss an officer, a key that
// is not the newest or is dated ahead, and anyone but a confirmed officer. Reports sealed to the old key still go in.
import { afterEach, describe, expect, it } from 'vitest';
import { LIFECYCLE_PATHS } from '../../../../src/domain/lifecycle-protocol.ts';
import { ORG_PATHS, type OrgDescriptor, OrgDescriptorSchema } from '../../../../src/domain/org-protocol.ts';
import { REPORT_SCHEMA_VERSION } from '../../../../src/domain/report-schema.ts';
import { InviteResponseSchema, TEAM_PATHS, TeamSchema } from '../../../../src/domain/team-protocol.ts';
import { acceptInvite, sealGrantsFor, signIn } from '../../../../src/officer/account-flows.ts';
import { createOfficerApi } from '../../../../src/officer/officer-api.ts';
import type { OfficerSession } from '../../../../src/officer/session-keeper.ts';
import { rotateOrganisationKey } from '../../../../src/officer/team/key-rotation.ts';
import {
  createEncryptionKey,
  currentEncryptionKey,
  openReport,
  sealReport,
  verifyOrgDescriptor,
} from '../../../../src/vault/org.ts';
import { STRONG_PASSPHRASE } from '../../../passphrases.ts';
import { type OrgServer, postSealed, reportBytes, send, startOrgServer } from '../../fixtures.ts';
import { OFFICER_EMAIL, OFFICER_PASSPHRASE } from '../../sync/org-setup.ts';

const servers: OrgServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** A server with its first officer signed in. */
const leadOnly = async () => {
  const server = await startOrgServer();
  servers.push(server);
  const api = createOfficerApi({ baseUrl: server.url });
  const lead = await signIn(api, OFFICER_EMAIL, OFFICER_PASSPHRASE);
  const join = async (name: string, email: string) => {
    const { token } = await api.sessionJson('POST', TEAM_PATHS.invites, InviteResponseSchema, lead.token, {
      name,
      email,
    });
    await acceptInvite(api, token, email, STRONG_PASSPHRASE);
    const listed = await api.sessionJson('GET', TEAM_PATHS.officers, TeamSchema, lead.token);
    const member = listed.officers.find((o) => o.email === email);
    if (!member) throw new Error('invited officer not listed');
    return member;
  };
  const confirm = async (member: Awaited<ReturnType<typeof join>>) =>
    api.sessionSend(TEAM_PATHS.confirm(member.id), { grants: await sealGrantsFor(lead, member) }, lead.token);
  const org = async () => OrgDescriptorSchema.parse(await (await send(server.url, ORG_PATHS.org)).json());
  return { server, api, lead, org, join, confirm };
};

/** A server with its first officer signed in, a second officer confirmed and a third waiting for confirmation. */
const team = async () => {
  const { join, confirm, ...rest } = await leadOnly();
  const deputy = await join('Dee Deputy', 'deputy@riverside.example');
  await confirm(deputy);
  const waiting = await join('Wyn Waiting', 'waiting@riverside.example');
  return { ...rest, deputy, waiting, confirm };
};

/** A report sealed to `kid`'s public key opens with `session`'s organisation keys. */
const opensWith = async (session: OfficerSession, org: OrgDescriptor, kid: string) => {
  const key = org.encryptionKeys.find((k) => k.kid === kid);
  if (!key || !session.orgKeys) return false;
  const aad = { id: crypto.randomUUID(), revision: 1, schemaVersion: REPORT_SCHEMA_VERSION };
  const sealed = await sealReport(key, aad, reportBytes('rotation check'));
  return await openReport(session.orgKeys, aad, sealed).then(
    () => true,
    () => false,
  );
};

// Each officer's sign-in derives their key with the real KDF (600,000 PBKDF2 iterations): seconds, not milliseconds.
describe('rotateOrganisationKey', { timeout: 60_000 }, () => {
  it('publishes a signed key as the current one, sealed to every confirmed officer and to no one waiting', async () => {
    const { server, api, lead, waiting, confirm, org } = await team();
    const oldKid = currentEncryptionKey(await org()).kid;

    const key = await rotateOrganisationKey(api, lead);

    const published = await org();
    expect(published.encryptionKeys.map((k) => k.kid)).toEqual([oldKid, key.kid]);
    // Devices check this against the fingerprint they pinned: it verifies, and the new key is the current one.
    await verifyOrgDescriptor(published, server.fingerprint);
    expect(currentEncryptionKey(published).kid).toBe(key.kid);
    // The rotating officer's session opens both at once, without signing in again.
    expect(await opensWith(lead, published, key.kid)).toBe(true);
    expect(await opensWith(lead, published, oldKid)).toBe(true);

    // The confirmed deputy receives the new key at their next sign-in; the waiting officer receives nothing.
    const deputy = await signIn(api, 'deputy@riverside.example', STRONG_PASSPHRASE);
    expect([...(deputy.orgKeys?.encryption.keys() ?? [])].sort()).toEqual([oldKid, key.kid].sort());
    expect(await opensWith(deputy, published, key.kid)).toBe(true);
    const beforeConfirmed = await signIn(api, 'waiting@riverside.example', STRONG_PASSPHRASE);
    expect(beforeConfirmed.orgKeys).toBeNull();

    // Confirmed after the rotation, they are sealed every key, the new one included.
    await confirm(waiting);
    const confirmedLater = await signIn(api, 'waiting@riverside.example', STRONG_PASSPHRASE);
    expect(await opensWith(confirmedLater, published, key.kid)).toBe(true);
    expect(await opensWith(confirmedLater, published, oldKid)).toBe(true);

    const rows = (await server.app.orgStore.auditLog()).filter((r) => r.action === 'key-rotated');
    expect(rows).toEqual([expect.objectContaining({ officerId: lead.officer.id, subjectId: key.kid })]);
  });

  it('refuses a confirmation by an officer signed in before the rotation: their grants miss the new key', async () => {
    const { server, api, lead, waiting } = await team();
    const deputyBefore = await signIn(api, 'deputy@riverside.example', STRONG_PASSPHRASE);
    await rotateOrganisationKey(api, lead);
    const grants = await sealGrantsFor(deputyBefore, waiting);
    const refused = await send(server.url, TEAM_PATHS.confirm(waiting.id), {
      token: deputyBefore.token,
      body: { grants },
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('keys-changed');
    expect(await server.app.orgStore.grantsOf(waiting.id)).toEqual([]);
    // The store holds the same line inside its transaction, whatever the route saw before.
    expect(
      await server.app.orgStore.confirmOfficer(waiting.id, grants, deputyBefore.officer.id, new Date().toISOString()),
    ).toBe('keys-changed');
  });

  it('refuses grants that miss a confirmed officer or name another key, a key not the newest and one dated ahead', async () => {
    const { server, lead, deputy, org } = await team();
    const signing = lead.orgKeys?.signing;
    if (!signing) throw new Error('no signing key');
    const post = (body: unknown, token: string | undefined = lead.token) =>
      send(server.url, LIFECYCLE_PATHS.rotateKey, { token, body });
    const grant = (officerId: string, kid: string) => ({ officerId, kid, sealed: 'A'.repeat(60) });
    const codeOf = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

    const fresh = (await createEncryptionKey(signing)).publicKey;
    const onlyLead = await post({ encryptionKey: fresh, grants: [grant(lead.officer.id, fresh.kid)] });
    expect(onlyLead.status).toBe(409);
    expect(await codeOf(onlyLead)).toBe('officers-changed');
    const twice = [grant(lead.officer.id, fresh.kid), grant(lead.officer.id, fresh.kid), grant(deputy.id, fresh.kid)];
    expect((await post({ encryptionKey: fresh, grants: twice })).status).toBe(409);
    const otherKid = [grant(lead.officer.id, fresh.kid), grant(deputy.id, 'signing')];
    expect((await post({ encryptionKey: fresh, grants: otherKid })).status).toBe(409);

    const older = (await createEncryptionKey(signing, new Date('2020-01-01T00:00:00Z'))).publicKey;
    const stale = await post({
      encryptionKey: older,
      grants: [grant(lead.officer.id, older.kid), grant(deputy.id, older.kid)],
    });
    expect(stale.status).toBe(409);
    expect(await codeOf(stale)).toBe('key-not-newest');

    const ahead = (await createEncryptionKey(signing, new Date(Date.now() + 60 * 60 * 1000))).publicKey;
    const dated = await post({
      encryptionKey: ahead,
      grants: [grant(lead.officer.id, ahead.kid), grant(deputy.id, ahead.kid)],
    });
    expect(dated.status).toBe(400);

    const both = [grant(lead.officer.id, fresh.kid), grant(deputy.id, fresh.kid)];
    expect((await post({ encryptionKey: fresh, grants: both }, '')).status).toBe(401);
    const waitingSession = await signIn(
      createOfficerApi({ baseUrl: server.url }),
      'waiting@riverside.example',
      STRONG_PASSPHRASE,
    );
    expect((await post({ encryptionKey: fresh, grants: both }, waitingSession.token)).status).toBe(403);
    expect((await post({ encryptionKey: { ...fresh, kid: 'x' }, grants: both })).status).toBe(400);

    // Nothing of any of these was published or audited.
    expect((await org()).encryptionKeys).toHaveLength(1);
    expect((await server.app.orgStore.auditLog()).some((r) => r.action === 'key-rotated')).toBe(false);
    // The same key with the right grants goes in, once.
    expect((await post({ encryptionKey: fresh, grants: both })).status).toBe(201);
    expect(await codeOf(await post({ encryptionKey: fresh, grants: both }))).toBe('key-not-newest');
  });

  it('still accepts a report sealed to the old key after a rotation, and it still opens', async () => {
    const { server, api, lead, org } = await leadOnly();
    const before = await org();
    const device = await server.enrolDevice();
    await rotateOrganisationKey(api, lead);
    const aad = { id: crypto.randomUUID(), revision: 1, schemaVersion: REPORT_SCHEMA_VERSION };
    // Sealed before the device learned of the rotation (its enrolment still holds the old descriptor).
    const sealed = await sealReport(currentEncryptionKey(before), aad, reportBytes('sealed to the old key'));
    const submission = {
      ...aad,
      createdAt: '2026-11-01T10:00:00.000Z',
      submittedAt: '2026-11-01T10:05:00.000Z',
      urgency: 'routine' as const,
      ...sealed,
    };
    expect((await postSealed({ url: server.url, deviceToken: device.token }, submission)).status).toBe(201);
    const stored = await server.app.sealedReports.openSealed(aad.id, {
      officerId: lead.officer.id,
      at: new Date().toISOString(),
    });
    expect(stored?.revisions[0]?.keyId).toBe(currentEncryptionKey(before).kid);
    if (!lead.orgKeys || !stored?.revisions[0]) throw new Error('not opened');
    expect(new TextDecoder().decode(await openReport(lead.orgKeys, aad, stored.revisions[0]))).toContain(
      'sealed to the old key',
    );
  });
});
