// The organisation side's wire schemas: what the server accepts at setup, sign-in and enrolment, and the plain
// message each refusal carries in the 400 answer. Keys and sealed values are opaque base64url of fixed sizes.
import { describe, expect, it } from 'vitest';
import {
  AuthKeySchema,
  Base64UrlSchema,
  DeviceListSchema,
  DeviceNameSchema,
  DeviceSchema,
  DeviceStatusSchema,
  EmailSchema,
  EnrolDeviceRequestSchema,
  EnrolDeviceResponseSchema,
  EnrolmentPayloadSchema,
  OfficerKdfSchema,
  OfficerKeysSchema,
  OfficerSchema,
  ORG_PATHS,
  OrgDescriptorSchema,
  OrgEncryptionKeySchema,
  OrgNameSchema,
  PersonNameSchema,
  PreloginRequestSchema,
  PreloginResponseSchema,
  RevokeDeviceResponseSchema,
  SealedGrantSchema,
  SessionResponseSchema,
  SetupRequestSchema,
  SignInRequestSchema,
} from '../../../src/domain/org-protocol.ts';
import { accepts, b64 as b, GRANT, issuesOf, KDF, KEY, KEYS, OFFICER, WHEN } from './schema-issues.ts';

const ORG = { v: 1, name: 'Riverside Council', signingKey: b(120), nameSignature: b(86), encryptionKeys: [KEY] };
const DEVICE = { id: 'd1', name: 'Team laptop', createdAt: WHEN, lastSeenAt: null, revokedAt: null };
const SETUP = {
  setupCode: 'ABCD-1234',
  organisation: { name: 'Riverside Council', signingKey: b(120), nameSignature: b(86), encryptionKey: KEY },
  officer: { name: 'Sam Patel', email: 'sam@example.org', kdf: KDF, authKey: b(43), keys: KEYS },
  grants: [GRANT, { kid: KEY.kid, sealed: b(300) }],
};

describe('names and addresses people type', () => {
  it.each([
    [OrgNameSchema, 'organisation name', 'Enter the organisation name', 120],
    [PersonNameSchema, 'name', 'Enter your name', 120],
    [DeviceNameSchema, 'device name', 'Enter a name for the device', 80],
  ] as const)('a %s is trimmed, asked for when blank and kept short', (schema, _what, blank, max) => {
    expect(schema.parse('  Riverside  ')).toBe('Riverside');
    expect(issuesOf(schema, '   ')).toEqual([`: ${blank}`]);
    expect(schema.parse('x'.repeat(max))).toHaveLength(max);
    expect(issuesOf(schema, 'x'.repeat(max + 1))).toEqual([`: Use at most ${max} characters`]);
  });

  it('keeps an email address trimmed and in lower case, and says how one looks', () => {
    expect(EmailSchema.parse('  Sam@Example.ORG ')).toBe('sam@example.org');
    expect(issuesOf(EmailSchema, 'sam')).toEqual([': Enter an email address like name@example.org']);
    expect(accepts(EmailSchema, `${'s'.repeat(242)}@example.org`)).toBe(true);
    expect(accepts(EmailSchema, `${'s'.repeat(243)}@example.org`)).toBe(false);
  });
});

describe('keys on the wire', () => {
  it('takes base64url text only', () => {
    expect(accepts(Base64UrlSchema, '')).toBe(true);
    expect(accepts(Base64UrlSchema, 'Az09_-')).toBe(true);
    for (const text of ['a+b', 'a/b', 'ab=', ' ab'])
      expect(issuesOf(Base64UrlSchema, text)).toEqual([': must be base64url text']);
  });

  it('reads an officer’s key derivation: PBKDF2-SHA256, 600,000 to 10,000,000 rounds, a 16-byte salt', () => {
    expect(OfficerKdfSchema.parse(KDF)).toEqual(KDF);
    expect(accepts(OfficerKdfSchema, { ...KDF, iterations: 10_000_000 })).toBe(true);
    for (const change of [
      { name: 'PBKDF2-SHA1' },
      { iterations: 599_999 },
      { iterations: 10_000_001 },
      { iterations: 600_000.5 },
      { salt: b(21) },
      { salt: b(23) },
    ]) {
      expect(accepts(OfficerKdfSchema, { ...KDF, ...change }), JSON.stringify(change)).toBe(false);
    }
  });

  it('reads an encryption key with a key id of 8 to 64 letters, digits, _ or -', () => {
    expect(OrgEncryptionKeySchema.parse(KEY)).toEqual(KEY);
    expect(accepts(OrgEncryptionKeySchema, { ...KEY, createdAt: '2026-11-30T10:00:00+01:00' })).toBe(true);
    expect(accepts(OrgEncryptionKeySchema, { ...KEY, kid: b(8) })).toBe(true);
    expect(accepts(OrgEncryptionKeySchema, { ...KEY, kid: b(64), signature: b(200) })).toBe(true);
    expect(accepts(OrgEncryptionKeySchema, { ...KEY, signature: b(80) })).toBe(true);
    for (const kid of [b(7), b(65), 'key 2026-11', 'key.2026.11', `x${b(7)}!`, `!${b(8)}`]) {
      expect(issuesOf(OrgEncryptionKeySchema, { ...KEY, kid }), kid).toEqual(['kid: must be a key id']);
    }
    for (const change of [{ publicKey: b(86) }, { publicKey: b(88) }, { signature: b(79) }, { signature: b(201) }]) {
      expect(accepts(OrgEncryptionKeySchema, { ...KEY, ...change })).toBe(false);
    }
    expect(issuesOf(OrgEncryptionKeySchema, { ...KEY, createdAt: 'today' })).toEqual([
      'createdAt: must be an ISO 8601 date and time',
    ]);
  });

  it('reads an organisation with 1 to 50 encryption keys', () => {
    expect(OrgDescriptorSchema.parse(ORG)).toEqual(ORG);
    expect(accepts(OrgDescriptorSchema, { ...ORG, encryptionKeys: Array(50).fill(KEY) })).toBe(true);
    for (const change of [
      { encryptionKeys: [] },
      { encryptionKeys: Array(51).fill(KEY) },
      { v: 2 },
      { name: ' ' },
      { signingKey: b(79) },
      { nameSignature: b(201) },
    ]) {
      expect(accepts(OrgDescriptorSchema, { ...ORG, ...change })).toBe(false);
    }
  });

  it('reads grants and an officer’s own keys of the sizes they are made', () => {
    expect(SealedGrantSchema.parse(GRANT)).toEqual(GRANT);
    expect(accepts(SealedGrantSchema, { kid: 'k', sealed: b(40) })).toBe(true);
    expect(accepts(SealedGrantSchema, { kid: b(64), sealed: b(4_096) })).toBe(true);
    for (const grant of [
      { kid: '', sealed: b(40) },
      { kid: b(65), sealed: b(40) },
      { kid: 'a.b', sealed: b(40) },
      { kid: 'k', sealed: b(39) },
      { kid: 'k', sealed: b(4_097) },
    ]) {
      expect(accepts(SealedGrantSchema, grant)).toBe(false);
    }
    expect(OfficerKeysSchema.parse(KEYS)).toEqual(KEYS);
    expect(accepts(OfficerKeysSchema, { publicKey: b(87), wrappedPrivateKey: b(40) })).toBe(true);
    expect(accepts(OfficerKeysSchema, { publicKey: b(87), wrappedPrivateKey: b(4_096) })).toBe(true);
    for (const keys of [
      { ...KEYS, publicKey: b(86) },
      { ...KEYS, wrappedPrivateKey: b(39) },
      { ...KEYS, wrappedPrivateKey: b(4_097) },
    ]) {
      expect(accepts(OfficerKeysSchema, keys)).toBe(false);
    }
    expect(accepts(AuthKeySchema, b(43))).toBe(true);
    expect(accepts(AuthKeySchema, b(42))).toBe(false);
    expect(accepts(AuthKeySchema, b(44))).toBe(false);
  });
});

describe('setup, sign-in and sessions', () => {
  it('reads a setup request, trimming the setup code and asking for it when blank', () => {
    expect(SetupRequestSchema.parse({ ...SETUP, setupCode: ' ABCD-1234 ' })).toEqual(SETUP);
    expect(issuesOf(SetupRequestSchema, { ...SETUP, setupCode: ' ' })).toEqual(['setupCode: Enter the setup code']);
    expect(accepts(SetupRequestSchema, { ...SETUP, setupCode: b(100) })).toBe(true);
    expect(accepts(SetupRequestSchema, { ...SETUP, setupCode: b(101) })).toBe(false);
  });

  it('asks for both private keys sealed to the first officer, and at most 50 grants', () => {
    expect(accepts(SetupRequestSchema, { ...SETUP, grants: [GRANT] })).toBe(false);
    expect(accepts(SetupRequestSchema, { ...SETUP, grants: Array(50).fill(GRANT) })).toBe(true);
    expect(accepts(SetupRequestSchema, { ...SETUP, grants: Array(51).fill(GRANT) })).toBe(false);
  });

  it.each<[string, Record<string, unknown>]>([
    [
      'an organisation without its encryption key',
      { organisation: { ...SETUP.organisation, encryptionKey: undefined } },
    ],
    ['an organisation with a short name signature', { organisation: { ...SETUP.organisation, nameSignature: b(79) } }],
    ['an organisation with a long signing key', { organisation: { ...SETUP.organisation, signingKey: b(201) } }],
    ['an officer without keys', { officer: { ...SETUP.officer, keys: undefined } }],
    ['an officer with a short authentication key', { officer: { ...SETUP.officer, authKey: b(42) } }],
    ['an officer with no name', { officer: { ...SETUP.officer, name: '' } }],
    ['an officer with another key derivation', { officer: { ...SETUP.officer, kdf: { ...KDF, iterations: 1_000 } } }],
    ['an extra field', { extra: 1 }],
  ])('refuses setup with %s', (_what, change) => {
    expect(accepts(SetupRequestSchema, { ...SETUP, ...change })).toBe(false);
  });

  it('reads the prelogin and sign-in exchanges', () => {
    expect(PreloginRequestSchema.parse({ email: 'Sam@example.org' })).toEqual({ email: 'sam@example.org' });
    expect(accepts(PreloginRequestSchema, { email: 'sam' })).toBe(false);
    expect(PreloginResponseSchema.parse({ kdf: KDF })).toEqual({ kdf: KDF });
    expect(accepts(PreloginResponseSchema, { kdf: { ...KDF, salt: b(21) } })).toBe(false);
    expect(SignInRequestSchema.parse({ email: 'sam@example.org', authKey: b(43) })).toEqual({
      email: 'sam@example.org',
      authKey: b(43),
    });
    expect(accepts(SignInRequestSchema, { email: 'sam@example.org', authKey: b(42) })).toBe(false);
  });

  it('reads an officer and a session', () => {
    expect(OfficerSchema.parse(OFFICER)).toEqual(OFFICER);
    for (const change of [{ id: '' }, { id: b(65) }, { confirmed: 'yes' }, { createdAt: 'now' }, { name: '' }]) {
      expect(accepts(OfficerSchema, { ...OFFICER, ...change })).toBe(false);
    }
    expect(accepts(OfficerSchema, { ...OFFICER, id: b(64) })).toBe(true);
    const session = {
      token: b(43),
      expiresAt: WHEN,
      idleTimeoutMs: 900_000,
      officer: OFFICER,
      keys: KEYS,
      grants: [GRANT],
      org: ORG,
    };
    expect(SessionResponseSchema.parse(session)).toEqual(session);
    expect(accepts(SessionResponseSchema, { ...session, grants: [] })).toBe(true);
    for (const change of [
      { token: b(42) },
      { idleTimeoutMs: 0 },
      { idleTimeoutMs: 1.5 },
      { grants: Array(51).fill(GRANT) },
      { org: { ...ORG, encryptionKeys: [] } },
    ]) {
      expect(accepts(SessionResponseSchema, { ...session, ...change })).toBe(false);
    }
  });
});

describe('devices', () => {
  it('reads a device, its enrolment, the list, a revocation and the device’s own status', () => {
    expect(EnrolDeviceRequestSchema.parse({ name: ' Team laptop ' })).toEqual({ name: 'Team laptop' });
    expect(DeviceSchema.parse(DEVICE)).toEqual(DEVICE);
    const seen = { ...DEVICE, lastSeenAt: WHEN, revokedAt: WHEN };
    expect(DeviceSchema.parse(seen)).toEqual(seen);
    for (const change of [{ id: '' }, { id: b(65) }, { lastSeenAt: 'never' }, { revokedAt: undefined }]) {
      expect(accepts(DeviceSchema, { ...DEVICE, ...change })).toBe(false);
    }
    expect(EnrolDeviceResponseSchema.parse({ device: DEVICE, token: b(43) })).toEqual({ device: DEVICE, token: b(43) });
    expect(accepts(EnrolDeviceResponseSchema, { device: DEVICE, token: b(44) })).toBe(false);
    expect(DeviceListSchema.parse({ devices: [DEVICE] })).toEqual({ devices: [DEVICE] });
    expect(RevokeDeviceResponseSchema.parse({ device: seen })).toEqual({ device: seen });
    expect(DeviceStatusSchema.parse({ deviceId: 'd1', org: ORG })).toEqual({ deviceId: 'd1', org: ORG });
    expect(accepts(DeviceStatusSchema, { deviceId: '', org: ORG })).toBe(false);
    expect(accepts(DeviceStatusSchema, { deviceId: b(65), org: ORG })).toBe(false);
  });

  it('names the organisation’s paths, escaping a device id', () => {
    expect(ORG_PATHS).toMatchObject({
      org: '/v2/org',
      setup: '/v2/officer/setup',
      prelogin: '/v2/officer/prelogin',
      signIn: '/v2/officer/sign-in',
      signOut: '/v2/officer/sign-out',
      me: '/v2/officer/me',
      devices: '/v2/officer/devices',
      deviceStatus: '/v2/device',
    });
    expect(ORG_PATHS.revokeDevice('a/b')).toBe('/v2/officer/devices/a%2Fb/revoke');
  });
});

describe('EnrolmentPayloadSchema', () => {
  const payload = { v: 1, endpoint: 'https://reports.example.org', token: b(43), fingerprint: b(43) };
  it('takes an http or https server address only', () => {
    expect(accepts(EnrolmentPayloadSchema, payload)).toBe(true);
    expect(accepts(EnrolmentPayloadSchema, { ...payload, endpoint: 'http://127.0.0.1:8080' })).toBe(true);
    expect(accepts(EnrolmentPayloadSchema, { ...payload, endpoint: `https://x.example/${b(2_030)}` })).toBe(true);
    for (const endpoint of ['ftp://x.example', 'httpss://x.example', 'xhttp://x.example', 'reports.example.org']) {
      expect(issuesOf(EnrolmentPayloadSchema, { ...payload, endpoint }), endpoint).toEqual([
        'endpoint: must be a web address',
      ]);
    }
    expect(accepts(EnrolmentPayloadSchema, { ...payload, endpoint: `https://x.example/${b(2_031)}` })).toBe(false);
  });
});
