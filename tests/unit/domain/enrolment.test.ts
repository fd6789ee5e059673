// The enrolment a device keeps in its vault: a stored value that is too long, of another version or with a fingerprint
// of the wrong size must not load as the place reports go.
import { describe, expect, it } from 'vitest';
import { EnrolmentSchema } from '../../../src/domain/enrolment.ts';
import { accepts, b64, KEY, WHEN } from './schema-issues.ts';

const ENROLMENT = {
  v: 1,
  endpoint: 'https://sync.example.org',
  token: 't'.repeat(40),
  fingerprint: b64(43),
  org: { v: 1, name: 'Riverside Council', signingKey: b64(120), nameSignature: b64(86), encryptionKeys: [KEY] },
  deviceId: 'device-1',
  enrolledAt: WHEN,
};

describe('EnrolmentSchema', () => {
  it('reads back a well-formed enrolment unchanged, at the longest lengths allowed', () => {
    expect(EnrolmentSchema.parse(ENROLMENT)).toEqual(ENROLMENT);
    const longest = {
      ...ENROLMENT,
      endpoint: `https://${'e'.repeat(2_040)}`,
      token: 't'.repeat(4_096),
      deviceId: 'd'.repeat(64),
      enrolledAt: '2026-11-30T09:00:00+01:00',
    };
    expect(longest.endpoint).toHaveLength(2_048);
    expect(accepts(EnrolmentSchema, longest)).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ['another version', { v: 2 }],
    ['an empty endpoint', { endpoint: '' }],
    ['an endpoint over 2,048 characters', { endpoint: `https://${'e'.repeat(2_041)}` }],
    ['an empty token', { token: '' }],
    ['a token over 4,096 characters', { token: 't'.repeat(4_097) }],
    ['a fingerprint one character short', { fingerprint: b64(42) }],
    ['a fingerprint one character long', { fingerprint: b64(44) }],
    ['a fingerprint that is not base64url', { fingerprint: `${b64(42)}+` }],
    ['an organisation without keys', { org: { ...ENROLMENT.org, encryptionKeys: [] } }],
    ['an empty device id', { deviceId: '' }],
    ['a device id over 64 characters', { deviceId: 'd'.repeat(65) }],
    ['a date that is not ISO 8601', { enrolledAt: '30/11/2026' }],
    ['an unknown field', { endpointBackup: 'https://evil.example' }],
  ])('refuses %s', (_name, change) => {
    expect(accepts(EnrolmentSchema, { ...ENROLMENT, ...change })).toBe(false);
  });
});
