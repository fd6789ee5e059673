// More officers, key rotation and erasure on the wire: what the server accepts, the invite link's token kept in the
// fragment, and the plain message a refused erasure carries.
import { describe, expect, it } from 'vitest';
import {
  ERASE_CONFIRMATION,
  EraseReportRequestSchema,
  KEY_CLOCK_SKEW_MS,
  LIFECYCLE_PATHS,
  RotateKeyRequestSchema,
  RotationGrantSchema,
} from '../../../src/domain/lifecycle-protocol.ts';
import {
  AcceptInviteRequestSchema,
  AcceptInviteResponseSchema,
  ConfirmOfficerRequestSchema,
  INVITE_FRAGMENT_PREFIX,
  INVITE_LIFETIME_MS,
  InviteDetailsSchema,
  InviteRequestSchema,
  InviteResponseSchema,
  InviteSchema,
  InviteTokenRequestSchema,
  inviteLink,
  inviteTokenOf,
  TEAM_PATHS,
  TeamMemberSchema,
  TeamSchema,
} from '../../../src/domain/team-protocol.ts';
import { accepts, b64 as b, OFFICER as CONFIRMED, GRANT, issuesOf, KDF, KEY, KEYS, WHEN } from './schema-issues.ts';

const TOKEN = `${'a-_Z9'.repeat(8)}abc`;
const INVITE = { id: 'i1', name: 'Jo Reed', email: 'jo@example.org', createdAt: WHEN, expiresAt: WHEN };
const OFFICER = { ...CONFIRMED, confirmed: false };

describe('invites', () => {
  it('lasts a week', () => {
    expect(INVITE_LIFETIME_MS).toBe(604_800_000);
  });

  it('puts the token in the link’s fragment, under /officer/', () => {
    expect(inviteLink('https://app.example.org', TOKEN)).toBe(`https://app.example.org/officer/#invite=${TOKEN}`);
    expect(INVITE_FRAGMENT_PREFIX).toBe('#invite=');
  });

  it.each([
    [`#invite=${TOKEN}`, TOKEN],
    [`#invite=${TOKEN}x`, undefined],
    [`#invite=${TOKEN.slice(1)}`, undefined],
    [`#invite=${TOKEN.slice(1)}+`, undefined],
    [`#enrol=${TOKEN}`, undefined],
    [`x#invite=${TOKEN}`, undefined],
    [`#enroll=${TOKEN}`, undefined],
    ['', undefined],
  ])('reads the token of %s as %s', (hash, token) => {
    expect(inviteTokenOf(hash)).toBe(token);
  });

  it('reads an invite, its request, its answer and what it is for', () => {
    expect(InviteRequestSchema.parse({ name: ' Jo Reed ', email: 'Jo@example.org' })).toEqual({
      name: 'Jo Reed',
      email: 'jo@example.org',
    });
    expect(InviteSchema.parse(INVITE)).toEqual(INVITE);
    expect(accepts(InviteSchema, { ...INVITE, expiresAt: '2026-12-07T09:00:00+01:00' })).toBe(true);
    expect(accepts(InviteSchema, { ...INVITE, id: b(64) })).toBe(true);
    for (const change of [{ id: '' }, { id: b(65) }, { createdAt: 'now' }, { expiresAt: 'later' }, { email: 'jo' }]) {
      expect(accepts(InviteSchema, { ...INVITE, ...change })).toBe(false);
    }
    expect(InviteResponseSchema.parse({ invite: INVITE, token: TOKEN })).toEqual({ invite: INVITE, token: TOKEN });
    expect(accepts(InviteResponseSchema, { invite: INVITE, token: b(42) })).toBe(false);
    expect(InviteTokenRequestSchema.parse({ token: TOKEN })).toEqual({ token: TOKEN });
    expect(accepts(InviteTokenRequestSchema, { token: b(44) })).toBe(false);
    const details = { name: 'Jo Reed', email: 'jo@example.org', orgName: 'Riverside', expiresAt: WHEN };
    expect(InviteDetailsSchema.parse(details)).toEqual(details);
    expect(accepts(InviteDetailsSchema, { ...details, orgName: '' })).toBe(false);
  });

  it('reads an acceptance with keys made in the invitee’s browser', () => {
    const accept = { token: TOKEN, kdf: KDF, authKey: b(43), keys: KEYS };
    expect(AcceptInviteRequestSchema.parse(accept)).toEqual(accept);
    for (const change of [{ token: b(42) }, { kdf: { ...KDF, iterations: 1 } }, { authKey: b(42) }, { keys: {} }]) {
      expect(accepts(AcceptInviteRequestSchema, { ...accept, ...change })).toBe(false);
    }
    expect(AcceptInviteResponseSchema.parse({ officer: OFFICER })).toEqual({ officer: OFFICER });
  });

  it('lists the team with each officer’s public key, and confirms with 2 to 50 grants', () => {
    const member = { ...OFFICER, publicKey: b(87) };
    expect(TeamMemberSchema.parse(member)).toEqual(member);
    expect(accepts(TeamMemberSchema, { ...member, publicKey: b(86) })).toBe(false);
    expect(TeamSchema.parse({ officers: [member], invites: [INVITE] })).toEqual({
      officers: [member],
      invites: [INVITE],
    });
    expect(accepts(TeamSchema, { officers: [OFFICER], invites: [] })).toBe(false);
    expect(accepts(ConfirmOfficerRequestSchema, { grants: [GRANT, GRANT] })).toBe(true);
    expect(accepts(ConfirmOfficerRequestSchema, { grants: Array(50).fill(GRANT) })).toBe(true);
    expect(accepts(ConfirmOfficerRequestSchema, { grants: [GRANT] })).toBe(false);
    expect(accepts(ConfirmOfficerRequestSchema, { grants: Array(51).fill(GRANT) })).toBe(false);
  });

  it('names the team’s paths, escaping an officer id', () => {
    expect(TEAM_PATHS).toMatchObject({
      officers: '/v2/officer/officers',
      invites: '/v2/officer/invites',
      inviteDetails: '/v2/officer/invite-details',
      acceptInvite: '/v2/officer/accept-invite',
    });
    expect(TEAM_PATHS.confirm('a/b')).toBe('/v2/officer/officers/a%2Fb/confirm');
    expect(TEAM_PATHS.remove('a/b')).toBe('/v2/officer/officers/a%2Fb/remove');
  });
});

describe('key rotation and erasure', () => {
  const grant = { ...GRANT, kid: KEY.kid, officerId: 'o1' };
  it('reads a new key with 1 to 500 grants, each naming its officer', () => {
    expect(RotationGrantSchema.parse(grant)).toEqual(grant);
    expect(accepts(RotationGrantSchema, { ...grant, officerId: '' })).toBe(false);
    expect(accepts(RotationGrantSchema, { ...grant, officerId: b(65) })).toBe(false);
    expect(accepts(RotationGrantSchema, { ...grant, officerId: b(64) })).toBe(true);
    expect(RotateKeyRequestSchema.parse({ encryptionKey: KEY, grants: [grant] })).toEqual({
      encryptionKey: KEY,
      grants: [grant],
    });
    expect(accepts(RotateKeyRequestSchema, { encryptionKey: KEY, grants: Array(500).fill(grant) })).toBe(true);
    for (const grants of [[], Array(501).fill(grant), [GRANT]]) {
      expect(accepts(RotateKeyRequestSchema, { encryptionKey: KEY, grants })).toBe(false);
    }
    expect(accepts(RotateKeyRequestSchema, { encryptionKey: { ...KEY, kid: 'k' }, grants: [grant] })).toBe(false);
  });

  it('lets a new key’s time run five minutes ahead of the server’s clock', () => {
    expect(KEY_CLOCK_SKEW_MS).toBe(300_000);
  });

  it('erases only when the officer typed ERASE, and says so otherwise', () => {
    expect(ERASE_CONFIRMATION).toBe('ERASE');
    expect(EraseReportRequestSchema.parse({ confirm: 'ERASE' })).toEqual({ confirm: 'ERASE' });
    for (const confirm of ['erase', 'ERASE ', '', undefined]) {
      expect(issuesOf(EraseReportRequestSchema, { confirm })).toEqual(['confirm: type ERASE to confirm']);
    }
  });

  it('names the rotation and erasure paths, escaping a report id', () => {
    expect(LIFECYCLE_PATHS.rotateKey).toBe('/v2/officer/org/keys');
    expect(LIFECYCLE_PATHS.erase('a/b')).toBe('/v2/officer/reports/a%2Fb/erase');
  });
});
