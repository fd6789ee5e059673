import { describe, expect, it } from 'vitest';
import { OrgDescriptorSchema } from '../../../src/domain/org-protocol.ts';
import {
  createEncryptionKey,
  currentEncryptionKey,
  decodeBase64Url,
  type OrgPrivateKeys,
  openReport,
  orgDescriptorOf,
  type ReportAad,
  type SealedReport,
  sealReport,
} from '../../../src/vault/org.ts';
import { buildOrganisation, expectAppError, flipFirstByte, PLAINTEXT_MARKER } from '../fixtures.ts';

const AAD: ReportAad = { id: '0b6f6c7e-4d1a-4c4e-9a43-6f1b2a9d7c11', revision: 2, schemaVersion: 1 };
const report = new TextEncoder().encode(JSON.stringify({ description: PLAINTEXT_MARKER, types: ['grooming'] }));

/** What the device holds after enrolment: the descriptor as JSON, public data only. */
const deviceCopy = (descriptor: unknown) => OrgDescriptorSchema.parse(JSON.parse(JSON.stringify(descriptor)));

describe('sealed reports', () => {
  it('seal on the device and open with the organisation keys to the same bytes', async () => {
    const org = await buildOrganisation();
    const key = currentEncryptionKey(deviceCopy(org.descriptor));
    const sealed = await sealReport(key, AAD, report);
    expect(sealed.keyId).toBe(key.kid);
    expect(decodeBase64Url(sealed.enc).byteLength).toBe(65);
    expect(decodeBase64Url(sealed.ciphertext).byteLength).toBe(report.byteLength + 16);
    expect(JSON.stringify(sealed)).not.toContain(PLAINTEXT_MARKER);
    expect(await openReport(org.privateKeys, AAD, sealed)).toEqual(report);
  });

  it.each<[string, Partial<ReportAad>, Partial<SealedReport>]>([
    ['a swapped id', { id: '9d0c6a4e-2b7f-4f0e-8a1d-3c5e7b9a1f22' }, {}],
    ['a swapped revision', { revision: 3 }, {}],
    ['a swapped schema version', { schemaVersion: 2 }, {}],
    ['a changed ciphertext byte', {}, { ciphertext: 'flip' }],
    ['a changed enc byte', {}, { enc: 'flip' }],
  ])('fails as tampered with %s', async (_case, aadChange, sealedChange) => {
    const org = await buildOrganisation();
    const sealed = await sealReport(currentEncryptionKey(org.descriptor), AAD, report);
    const changed: SealedReport = {
      ...sealed,
      ...(sealedChange.ciphertext ? { ciphertext: flipFirstByte(sealed.ciphertext) } : {}),
      ...(sealedChange.enc ? { enc: flipFirstByte(sealed.enc) } : {}),
    };
    await expectAppError(openReport(org.privateKeys, { ...AAD, ...aadChange }, changed), 'tampered');
  });

  it('fails as tampered with a swapped key id, even when that key is held', async () => {
    const org = await buildOrganisation();
    const rotated = await createEncryptionKey(org.privateKeys.signing);
    const keys: OrgPrivateKeys = {
      ...org.privateKeys,
      encryption: new Map([...org.privateKeys.encryption, [rotated.publicKey.kid, rotated.privateKey]]),
    };
    const sealed = await sealReport(org.organisation.encryptionKey, AAD, report);
    await expectAppError(openReport(keys, AAD, { ...sealed, keyId: rotated.publicKey.kid }), 'tampered');
  });

  it('still open after rotation when the old private key is among the grants', async () => {
    const org = await buildOrganisation();
    const oldKey = org.organisation.encryptionKey;
    const before = await sealReport(oldKey, AAD, report);
    const later = new Date(Date.parse(oldKey.createdAt) + 60_000);
    const rotated = await createEncryptionKey(org.privateKeys.signing, later);
    const descriptor = orgDescriptorOf(org.organisation, [rotated.publicKey]);
    expect(currentEncryptionKey(descriptor).kid).toBe(rotated.publicKey.kid);
    const after = await sealReport(currentEncryptionKey(descriptor), { ...AAD, revision: 3 }, report);
    const keys: OrgPrivateKeys = {
      ...org.privateKeys,
      encryption: new Map([...org.privateKeys.encryption, [rotated.publicKey.kid, rotated.privateKey]]),
    };
    expect(await openReport(keys, AAD, before)).toEqual(report);
    expect(await openReport(keys, { ...AAD, revision: 3 }, after)).toEqual(report);
  });

  it('says the key is unknown when no private key is held for its key id', async () => {
    const org = await buildOrganisation();
    const sealed = await sealReport(org.organisation.encryptionKey, AAD, report);
    const keys: OrgPrivateKeys = { ...org.privateKeys, encryption: new Map() };
    const error = await expectAppError(openReport(keys, AAD, sealed), 'invalid');
    expect(error).toMatchObject({ detail: { reason: 'unknown-key' } });
  });

  it('cannot be opened by the device that sealed it: it holds public data only, and no other key opens it', async () => {
    const org = await buildOrganisation();
    const held = deviceCopy(org.descriptor);
    expect(JSON.stringify(held)).not.toMatch(/"d"|pkcs8|private/i);
    const sealed = await sealReport(currentEncryptionKey(held), AAD, report);
    // Any key the device could make itself, even filed under the right key id, fails.
    const deviceMade = await buildOrganisation();
    const [ownKey] = deviceMade.privateKeys.encryption.values();
    const keys: OrgPrivateKeys = {
      signing: deviceMade.privateKeys.signing,
      encryption: new Map([[sealed.keyId, ownKey as CryptoKey]]),
    };
    await expectAppError(openReport(keys, AAD, sealed), 'tampered');
  });

  it('gives different bytes for every seal of the same report (so seal once, at submit)', async () => {
    const org = await buildOrganisation();
    const key = currentEncryptionKey(org.descriptor);
    const [a, b] = await Promise.all([sealReport(key, AAD, report), sealReport(key, AAD, report)]);
    expect(a.enc).not.toBe(b.enc);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it.each<[string, ReportAad]>([
    ['an empty id', { ...AAD, id: '' }],
    ['a fractional revision', { ...AAD, revision: 1.5 }],
    ['a negative schema version', { ...AAD, schemaVersion: -1 }],
  ])('refuses %s as invalid', async (_case, aad) => {
    const org = await buildOrganisation();
    await expectAppError(sealReport(org.organisation.encryptionKey, aad, report), 'invalid');
  });
});
