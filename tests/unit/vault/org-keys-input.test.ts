// The organisation's keys against bad input (real WebCrypto): a descriptor whose signing key or signed encryption
// key is not a usable key, a short fingerprint, an empty or tied key list. Each is the AppError its caller shows.
import { describe, expect, it } from 'vitest';
import type { OrgDescriptor } from '../../../src/domain/org-protocol.ts';
import { randomBytes, subtle } from '../../../src/vault/crypto.ts';
import { decodeBase64Url, encodeBase64Url, statementBytes } from '../../../src/vault/encoding.ts';
import { HPKE_ALG } from '../../../src/vault/hpke.ts';
import {
  createEncryptionKey,
  createOrganisationKeys,
  currentEncryptionKey,
  fingerprintCode,
  fingerprintOf,
  importSigningPublicKey,
  orgDescriptorOf,
  signingPublicKeyOf,
  verifyOrgDescriptor,
} from '../../../src/vault/org-keys.ts';
import { buildOrganisation, expectAppError } from '../fixtures.ts';

const sha256 = async (bytes: Uint8Array) =>
  new Uint8Array(await subtle().digest('SHA-256', new Uint8Array(bytes) as Uint8Array<ArrayBuffer>));

describe('organisation key details', () => {
  it('names an encryption key by the first 12 bytes of its public key hash, dated when it was made', async () => {
    const org = await buildOrganisation();
    const at = new Date('2026-11-30T12:00:00.000Z');
    const { publicKey } = await createEncryptionKey(org.privateKeys.signing, at);
    const hash = await sha256(decodeBase64Url(publicKey.publicKey));
    expect(publicKey.kid).toBe(encodeBase64Url(hash.subarray(0, 12)));
    expect(publicKey.createdAt).toBe('2026-11-30T12:00:00.000Z');
    expect(decodeBase64Url(publicKey.publicKey).byteLength).toBe(65);
  });

  it('dates a key made without a date at the time it is made', async () => {
    const org = await buildOrganisation();
    const before = Date.now();
    const { publicKey } = await createEncryptionKey(org.privateKeys.signing);
    expect(Date.parse(publicKey.createdAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(publicKey.createdAt)).toBeLessThanOrEqual(Date.now());
  });

  it('fingerprints the signing key as the base64url SHA-256 of its SPKI bytes', async () => {
    const org = await buildOrganisation();
    expect(org.fingerprint).toBe(encodeBase64Url(await sha256(decodeBase64Url(org.descriptor.signingKey))));
    expect(await signingPublicKeyOf(org.privateKeys.signing)).toBe(org.descriptor.signingKey);
  });

  it('reads the fingerprint code from exactly the first 80 bits, in four groups of four', () => {
    // 10 bytes 0x00..0x09 then bytes that must not show (the code checked independently in Python).
    const bytes = new Uint8Array(32).fill(0xff);
    bytes.set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fingerprintCode(encodeBase64Url(bytes))).toBe('000G-40R4-0M30-E209');
    expect(fingerprintCode(encodeBase64Url(bytes.subarray(0, 10)))).toBe('000G-40R4-0M30-E209');
  });

  it('refuses a fingerprint shorter than 80 bits', () => {
    expect(() => fingerprintCode(encodeBase64Url(new Uint8Array(9)))).toThrow(
      expect.objectContaining({ code: 'invalid', detail: { reason: 'fingerprint' } }),
    );
  });
});

describe('descriptor keys that are signed but unusable', () => {
  it('refuses a signing key that is not an ECDSA P-256 public key, even with its own fingerprint pinned', async () => {
    const org = await buildOrganisation();
    const bogus = encodeBase64Url(randomBytes(91));
    const descriptor: OrgDescriptor = { ...org.descriptor, signingKey: bogus };
    const error = await expectAppError(verifyOrgDescriptor(descriptor, await fingerprintOf(bogus)), 'invalid');
    expect(error.detail).toEqual({ reason: 'signing-key' });
    expect(error.cause).toBeInstanceOf(Error);
    await expectAppError(importSigningPublicKey(bogus), 'invalid');
  });

  it('refuses an encryption key whose signature is good but whose point is not on P-256', async () => {
    const org = await buildOrganisation();
    const notAPoint = new Uint8Array(65).fill(0x01);
    notAPoint[0] = 0x04;
    const unsigned = {
      kid: 'off-curve-key-001',
      publicKey: encodeBase64Url(notAPoint),
      createdAt: new Date(0).toISOString(),
    };
    const statement = statementBytes('safevisit/org-encryption-key', 1, { alg: HPKE_ALG, ...unsigned });
    const signature = encodeBase64Url(
      new Uint8Array(await subtle().sign({ name: 'ECDSA', hash: 'SHA-256' }, org.privateKeys.signing, statement)),
    );
    const descriptor = orgDescriptorOf(org.organisation, [{ ...unsigned, signature }]);
    const error = await expectAppError(verifyOrgDescriptor(descriptor, org.fingerprint), 'tampered');
    expect(error.detail).toEqual({ reason: 'key', kid: 'off-curve-key-001' });
    expect(error.cause).toMatchObject({ code: 'invalid' });
  });
});

describe('what the organisation signs', () => {
  it('signs its name in the documented statement: type safevisit/org-name, version 1, name and signing key', async () => {
    const org = await buildOrganisation();
    const key = await importSigningPublicKey(org.descriptor.signingKey);
    const statement = statementBytes('safevisit/org-name', 1, {
      name: org.descriptor.name,
      signingKey: org.descriptor.signingKey,
    });
    const signature = decodeBase64Url(org.descriptor.nameSignature);
    expect(await subtle().verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, statement)).toBe(true);
  });

  it('refuses an empty organisation name, and a malformed descriptor, by reason', async () => {
    const error = await expectAppError(createOrganisationKeys('   '), 'invalid');
    expect(error.detail).toEqual({ reason: 'org-name' });
    const org = await buildOrganisation();
    const malformed = { ...org.descriptor, v: 2 } as unknown as OrgDescriptor;
    const refused = await expectAppError(verifyOrgDescriptor(malformed, org.fingerprint), 'invalid');
    expect(refused.detail).toEqual({ reason: 'descriptor' });
  });
});

describe('the current encryption key', () => {
  it('refuses a list with no key', async () => {
    const org = await buildOrganisation();
    expect(() => currentEncryptionKey({ ...org.descriptor, encryptionKeys: [] })).toThrow(
      expect.objectContaining({ code: 'invalid', detail: { reason: 'no-encryption-key' } }),
    );
  });

  it('takes the later one in the list on a tie, and the newest otherwise', async () => {
    const org = await buildOrganisation();
    const first = org.organisation.encryptionKey;
    const same = (await createEncryptionKey(org.privateKeys.signing, new Date(first.createdAt))).publicKey;
    const older = (await createEncryptionKey(org.privateKeys.signing, new Date(Date.parse(first.createdAt) - 1)))
      .publicKey;
    expect(currentEncryptionKey({ ...org.descriptor, encryptionKeys: [first, same] }).kid).toBe(same.kid);
    expect(currentEncryptionKey({ ...org.descriptor, encryptionKeys: [same, first] }).kid).toBe(first.kid);
    expect(currentEncryptionKey({ ...org.descriptor, encryptionKeys: [first, older] }).kid).toBe(first.kid);
    expect(currentEncryptionKey({ ...org.descriptor, encryptionKeys: [older] }).kid).toBe(older.kid);
  });
});
