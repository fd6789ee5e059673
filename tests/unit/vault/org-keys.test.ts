import { describe, expect, it } from 'vitest';
import { type OrgDescriptor, OrgDescriptorSchema, SetupRequestSchema } from '../../../src/domain/org-protocol.ts';
import {
  createEncryptionKey,
  createOrganisationKeys,
  currentEncryptionKey,
  fingerprintCode,
  fingerprintOf,
  orgDescriptorOf,
  verifyOrgDescriptor,
} from '../../../src/vault/org.ts';
import { buildOrganisation, expectAppError } from '../fixtures.ts';

/** Changes one character in the middle of base64url text (the last one may only carry padding bits). */
const flipChar = (text: string): string => {
  const at = Math.floor(text.length / 2);
  return `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
};

describe('organisation keys', () => {
  it('makes a descriptor that fits the wire schemas and verifies against its own fingerprint', async () => {
    const org = await buildOrganisation();
    expect(SetupRequestSchema.shape.organisation.parse(org.organisation)).toEqual(org.organisation);
    expect(OrgDescriptorSchema.parse(org.descriptor)).toEqual(org.descriptor);
    expect(org.fingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await verifyOrgDescriptor(org.descriptor, org.fingerprint)).toEqual(org.descriptor);
  });

  it('keeps the private keys extractable (sealed to officers later) and able to sign and open', async () => {
    const { privateKeys } = await buildOrganisation();
    expect(privateKeys.signing.extractable).toBe(true);
    expect(privateKeys.signing.usages).toEqual(['sign']);
    const [encryption] = privateKeys.encryption.values();
    expect(encryption?.extractable).toBe(true);
  });

  it('trims the name and refuses an empty one', async () => {
    expect((await createOrganisationKeys('  Riverside  ')).organisation.name).toBe('Riverside');
    await expectAppError(createOrganisationKeys('   '), 'invalid');
  });
});

describe('fingerprint', () => {
  it('is stable for one key and shown as four groups of four Crockford base32 characters', async () => {
    const org = await buildOrganisation();
    expect(await fingerprintOf(org.descriptor.signingKey)).toBe(org.fingerprint);
    const code = fingerprintCode(org.fingerprint);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(fingerprintCode(org.fingerprint)).toBe(code);
  });

  it('changes with the key', async () => {
    const [a, b] = await Promise.all([buildOrganisation('Same name'), buildOrganisation('Same name')]);
    expect(a.fingerprint).not.toBe(b.fingerprint);
    expect(fingerprintCode(a.fingerprint)).not.toBe(fingerprintCode(b.fingerprint));
  });

  it('reads the code from the leading bits of the hash', () => {
    // 43 base64url characters of zero bits, then all ones: the first 80 bits decide the code.
    expect(fingerprintCode('A'.repeat(43))).toBe('0000-0000-0000-0000');
    expect(fingerprintCode('_'.repeat(43))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  });
});

describe('verifyOrgDescriptor', () => {
  type Case = [string, (org: OrgDescriptor, other: OrgDescriptor) => OrgDescriptor, string];
  const withKey = (org: OrgDescriptor, change: Partial<OrgDescriptor['encryptionKeys'][number]>): OrgDescriptor => ({
    ...org,
    encryptionKeys: org.encryptionKeys.map((key) => ({ ...key, ...change })),
  });
  const cases: Case[] = [
    ['a tampered name', (org) => ({ ...org, name: `${org.name}s` }), 'name-signature'],
    ['a tampered name signature', (org) => ({ ...org, nameSignature: flipChar(org.nameSignature) }), 'name-signature'],
    [
      'a swapped encryption key (the signature kept)',
      (org, other) => withKey(org, { publicKey: other.encryptionKeys[0]?.publicKey ?? '' }),
      'key-signature',
    ],
    [
      "another organisation's signed encryption key",
      (org, other) => ({ ...org, encryptionKeys: other.encryptionKeys }),
      'key-signature',
    ],
    [
      'a tampered key signature',
      (org) => withKey(org, { signature: flipChar(org.encryptionKeys[0]?.signature ?? '') }),
      'key-signature',
    ],
    ['a relabelled key id', (org) => withKey(org, { kid: 'relabelled-kid' }), 'key-signature'],
    ['a changed key date', (org) => withKey(org, { createdAt: '2030-01-01T00:00:00.000Z' }), 'key-signature'],
    ['a whole other organisation under the same name', (org, other) => ({ ...other, name: org.name }), 'fingerprint'],
    [
      'the same key listed twice',
      (org) => ({ ...org, encryptionKeys: [...org.encryptionKeys, ...org.encryptionKeys] }),
      'key',
    ],
  ];

  it.each(cases)('fails as tampered for %s', async (_case, tamper, reason) => {
    const [org, other] = await Promise.all([buildOrganisation(), buildOrganisation()]);
    const error = await expectAppError(
      verifyOrgDescriptor(tamper(org.descriptor, other.descriptor), org.fingerprint),
      'tampered',
    );
    expect(error).toMatchObject({ detail: { reason } });
  });

  it("fails as tampered against another organisation's fingerprint", async () => {
    const [org, other] = await Promise.all([buildOrganisation(), buildOrganisation()]);
    const error = await expectAppError(verifyOrgDescriptor(org.descriptor, other.fingerprint), 'tampered');
    expect(error).toMatchObject({ detail: { reason: 'fingerprint' } });
  });

  it('refuses a malformed descriptor as invalid', async () => {
    const org = await buildOrganisation();
    const { encryptionKeys: _dropped, ...truncated } = org.descriptor;
    await expectAppError(verifyOrgDescriptor(truncated as OrgDescriptor, org.fingerprint), 'invalid');
  });
});

describe('rotation', () => {
  it('signs a new encryption key that verifies and becomes the current one', async () => {
    const org = await buildOrganisation();
    const later = new Date(Date.parse(org.organisation.encryptionKey.createdAt) + 60_000);
    const rotated = await createEncryptionKey(org.privateKeys.signing, later);
    const descriptor = orgDescriptorOf(org.organisation, [rotated.publicKey]);
    expect(await verifyOrgDescriptor(descriptor, org.fingerprint)).toEqual(descriptor);
    expect(currentEncryptionKey(descriptor).kid).toBe(rotated.publicKey.kid);
    expect(rotated.publicKey.kid).not.toBe(org.organisation.encryptionKey.kid);
  });

  it('keeps the newest key current whatever the order of the list', async () => {
    const org = await buildOrganisation();
    const later = new Date(Date.parse(org.organisation.encryptionKey.createdAt) + 60_000);
    const rotated = await createEncryptionKey(org.privateKeys.signing, later);
    const reversed = { ...org.descriptor, encryptionKeys: [rotated.publicKey, org.organisation.encryptionKey] };
    expect(currentEncryptionKey(reversed).kid).toBe(rotated.publicKey.kid);
  });

  it("refuses a key signed by another organisation's signing key", async () => {
    const [org, other] = await Promise.all([buildOrganisation(), buildOrganisation()]);
    const foreign = await createEncryptionKey(other.privateKeys.signing);
    const descriptor = orgDescriptorOf(org.organisation, [foreign.publicKey]);
    await expectAppError(verifyOrgDescriptor(descriptor, org.fingerprint), 'tampered');
  });
});
