// Sealed reports against bad input (real HPKE on WebCrypto): additional data that cannot be bound, sealed text that
// is not base64url, and the zero edges that must still seal. Each refusal names its reason.
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../src/vault/crypto.ts';
import { decodeBase64Url, statementBytes } from '../../../src/vault/encoding.ts';
import { hpkeOpen } from '../../../src/vault/hpke.ts';
import { openReport, type ReportAad, sealReport } from '../../../src/vault/report-seal.ts';
import { buildOrganisation, expectAppError } from '../fixtures.ts';

const AAD: ReportAad = { id: 'r-1', revision: 2, schemaVersion: 1 };
const report = new TextEncoder().encode('{"a":1}');

describe('sealing a report', () => {
  it.each<[string, Partial<ReportAad> | Record<string, unknown>, string]>([
    ['an id that is not text', { id: 7 }, 'aad-id'],
    ['an empty id', { id: '' }, 'aad-id'],
    ['a negative revision', { revision: -1 }, 'aad-revision'],
    ['a fractional revision', { revision: 0.5 }, 'aad-revision'],
    ['a revision that is not a number', { revision: Number.NaN }, 'aad-revision'],
    ['a negative schema version', { schemaVersion: -1 }, 'aad-schema-version'],
    ['a fractional schema version', { schemaVersion: 1.5 }, 'aad-schema-version'],
    ['a schema version past the safe integers', { schemaVersion: 2 ** 53 }, 'aad-schema-version'],
  ])('refuses %s, sealing and opening alike', async (_name, change, reason) => {
    const org = await buildOrganisation();
    const aad = { ...AAD, ...change } as ReportAad;
    const sealError = await expectAppError(sealReport(org.organisation.encryptionKey, aad, report), 'invalid');
    expect(sealError.detail).toEqual({ reason });
    const sealed = await sealReport(org.organisation.encryptionKey, AAD, report);
    const openError = await expectAppError(openReport(org.privateKeys, aad, sealed), 'invalid');
    expect(openError.detail).toEqual({ reason });
  });

  it('seals revision 0 and schema version 0 (the first of each)', async () => {
    const org = await buildOrganisation();
    const aad = { id: 'r-0', revision: 0, schemaVersion: 0 };
    const sealed = await sealReport(org.organisation.encryptionKey, aad, report);
    expect(await openReport(org.privateKeys, aad, sealed)).toEqual(report);
  });

  it('binds the documented version 1 statement and info, so any implementation can open it', async () => {
    const org = await buildOrganisation();
    const key = org.organisation.encryptionKey;
    const sealed = await sealReport(key, AAD, report);
    const additionalData = statementBytes('safevisit/report', 1, {
      alg: 'HPKE-P256-SHA256-A256GCM',
      id: AAD.id,
      revision: AAD.revision,
      schemaVersion: AAD.schemaVersion,
      keyId: key.kid,
    });
    const privateKey = org.privateKeys.encryption.get(key.kid) as CryptoKey;
    const opened = await hpkeOpen(privateKey, utf8('safevisit/report/v1'), additionalData, {
      enc: decodeBase64Url(sealed.enc),
      ct: decodeBase64Url(sealed.ciphertext),
    });
    expect(opened).toEqual(report);
  });
});

describe('opening a report', () => {
  it.each([
    ['an enc that is not base64url', { enc: 'not base64!' }],
    ['a ciphertext that is not base64url', { ciphertext: 'not base64!' }],
  ])('refuses %s as tampered (encoding)', async (_name, change) => {
    const org = await buildOrganisation();
    const sealed = await sealReport(org.organisation.encryptionKey, AAD, report);
    const error = await expectAppError(openReport(org.privateKeys, AAD, { ...sealed, ...change }), 'tampered');
    expect(error.detail).toEqual({ reason: 'encoding' });
    expect(error.cause).toMatchObject({ code: 'invalid' });
  });

  it('names the key id it holds no private key for', async () => {
    const org = await buildOrganisation();
    const sealed = await sealReport(org.organisation.encryptionKey, AAD, report);
    const error = await expectAppError(openReport(org.privateKeys, AAD, { ...sealed, keyId: 'gone-key' }), 'invalid');
    expect(error.detail).toEqual({ reason: 'unknown-key', keyId: 'gone-key' });
  });
});
