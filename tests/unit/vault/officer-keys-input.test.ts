// An officer's keys and grants against bad input (real WebCrypto, HPKE and ECDSA): each malformed, relabelled or
// mismatched piece fails with the AppError code and reason the officer app acts on. The KEK here is a generated
// AES-GCM key, so these tests skip the 600,000-iteration derivation that officer-keys.test.ts covers.
import { describe, expect, it } from 'vitest';
import type { SealedGrant } from '../../../src/domain/org-protocol.ts';
import { subtle } from '../../../src/vault/crypto.ts';
import { decodeBase64Url, encodeBase64Url } from '../../../src/vault/encoding.ts';
import {
  createOfficerKeyPair,
  deriveOfficerSecrets,
  newOfficerKdf,
  openGrants,
  openOfficerPrivateKey,
  SIGNING_GRANT_KID,
  sealGrant,
  sealGrants,
} from '../../../src/vault/officer-keys.ts';
import { buildOrganisation, expectAppError } from '../fixtures.ts';

const EMAIL = 'ada@example.org';

const generatedKek = () =>
  subtle().generateKey({ name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey']) as Promise<CryptoKey>;

/** A key of another algorithm that still exports as PKCS#8 (so only its import as the expected kind fails). */
const ed25519Key = async () =>
  ((await subtle().generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair).privateKey;

const setup = async () => {
  const org = await buildOrganisation();
  const officer = await createOfficerKeyPair(await generatedKek(), EMAIL);
  const grants = await sealGrants(officer.keys.publicKey, EMAIL, org.privateKeys);
  const encryptionKid = org.organisation.encryptionKey.kid;
  return { org, officer, grants, encryptionKid };
};

const envelopeOf = (sealed: string) => JSON.parse(new TextDecoder().decode(decodeBase64Url(sealed)));
const packed = (envelope: unknown) => encodeBase64Url(new TextEncoder().encode(JSON.stringify(envelope)));

describe("an officer's own key pair", () => {
  it('gives each account 16 fresh salt bytes at the PBKDF2 floor', () => {
    const kdf = newOfficerKdf();
    expect(kdf).toMatchObject({ name: 'PBKDF2-SHA256', iterations: 600_000 });
    expect(decodeBase64Url(kdf.salt).byteLength).toBe(16);
    expect(newOfficerKdf().salt).not.toBe(kdf.salt);
  });

  it('wraps the private key in a version 1 AES-GCM PKCS#8 envelope with a 12-byte IV', async () => {
    const { keys, privateKey } = await createOfficerKeyPair(await generatedKek(), EMAIL);
    const envelope = envelopeOf(keys.wrappedPrivateKey);
    expect(Object.keys(envelope).sort()).toEqual(['alg', 'ct', 'iv', 'v']);
    expect(envelope).toMatchObject({ v: 1, alg: 'A256GCM-PKCS8' });
    expect(decodeBase64Url(envelope.iv).byteLength).toBe(12);
    expect(privateKey.extractable).toBe(false);
    expect(privateKey.usages).toEqual(['deriveBits']);
  });

  it('refuses keys that do not fit the wire shape before trying them', async () => {
    const kek = await generatedKek();
    const { keys } = await createOfficerKeyPair(kek, EMAIL);
    const error = await expectAppError(openOfficerPrivateKey(kek, EMAIL, { ...keys, publicKey: 'short' }), 'invalid');
    expect(error.detail).toEqual({ reason: 'officer-keys' });
  });

  it.each([
    ['another algorithm', { alg: 'A128GCM-PKCS8' }],
    ['another version', { v: 2 }],
    ['a 15-byte IV', { iv: encodeBase64Url(new Uint8Array(15)) }],
  ])('refuses an envelope with %s as invalid', async (_name, change) => {
    const kek = await generatedKek();
    const { keys } = await createOfficerKeyPair(kek, EMAIL);
    const wrappedPrivateKey = packed({ ...envelopeOf(keys.wrappedPrivateKey), ...change });
    await expectAppError(openOfficerPrivateKey(kek, EMAIL, { ...keys, wrappedPrivateKey }), 'invalid');
  });

  it('opens only with the KEK that wrapped it', async () => {
    const { keys } = await createOfficerKeyPair(await generatedKek(), EMAIL);
    const error = await expectAppError(openOfficerPrivateKey(await generatedKek(), EMAIL, keys), 'wrong-passphrase');
    expect(error.cause).toBeInstanceOf(Error);
  });
});

describe('officer KDF parameters', () => {
  it('refuses parameters below the floor by reason, before deriving', async () => {
    const kdf = { ...newOfficerKdf(), iterations: 1_000 };
    const error = await expectAppError(deriveOfficerSecrets('any passphrase at all', kdf), 'invalid');
    expect(error.detail).toEqual({ reason: 'kdf' });
  });
});

describe('sealing grants', () => {
  it('seals the signing key under its own kid and each encryption key under its kid, in a version 1 HPKE envelope', async () => {
    const { grants, encryptionKid } = await setup();
    expect(grants.map((g) => g.kid)).toEqual([SIGNING_GRANT_KID, encryptionKid]);
    for (const grant of grants) {
      const envelope = envelopeOf(grant.sealed);
      expect(envelope).toMatchObject({ v: 1, alg: 'HPKE-P256-SHA256-A256GCM', kid: grant.kid });
      expect(decodeBase64Url(envelope.enc).byteLength).toBe(65);
    }
  });

  it('refuses to seal a key that cannot be exported', async () => {
    const { officer } = await setup();
    const locked = (await subtle().generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])).privateKey;
    const error = await expectAppError(sealGrant(officer.keys.publicKey, EMAIL, 'signing', locked), 'invalid');
    expect(error.detail).toEqual({ reason: 'key-not-extractable' });
    expect(error.cause).toBeInstanceOf(Error);
  });
});

describe('opening grants', () => {
  it('refuses a grant that does not fit the wire shape', async () => {
    const { org, officer, grants } = await setup();
    const bad = [...grants, { kid: 'has spaces', sealed: grants[0]?.sealed } as SealedGrant];
    const error = await expectAppError(openGrants(officer.privateKey, EMAIL, bad, org.descriptor), 'invalid');
    expect(error.detail).toEqual({ reason: 'grant' });
  });

  it('refuses a set without the signing grant', async () => {
    const { org, officer, grants } = await setup();
    const withoutSigning = grants.filter((g) => g.kid !== SIGNING_GRANT_KID);
    const error = await expectAppError(
      openGrants(officer.privateKey, EMAIL, withoutSigning, org.descriptor),
      'invalid',
    );
    expect(error.detail).toEqual({ reason: 'no-signing-grant' });
  });

  it('opens the signing grant alone, with no encryption key', async () => {
    const { org, officer, grants } = await setup();
    const signingOnly = grants.filter((g) => g.kid === SIGNING_GRANT_KID);
    const opened = await openGrants(officer.privateKey, EMAIL, signingOnly, org.descriptor);
    expect(opened.encryption.size).toBe(0);
    expect(opened.signing.extractable).toBe(true);
  });

  it('names the grant whose kid differs from its envelope', async () => {
    const { org, officer, grants, encryptionKid } = await setup();
    const relabelled = grants.map((g) => (g.kid === encryptionKid ? { ...g, kid: 'other-kid' } : g));
    const error = await expectAppError(openGrants(officer.privateKey, EMAIL, relabelled, org.descriptor), 'tampered');
    expect(error.detail).toEqual({ reason: 'grant-kid', kid: 'other-kid' });
  });

  it('refuses a grant for a kid the descriptor does not publish', async () => {
    const { org, officer } = await setup();
    const key = [...org.privateKeys.encryption.values()][0] as CryptoKey;
    const grants = [
      await sealGrant(officer.keys.publicKey, EMAIL, SIGNING_GRANT_KID, org.privateKeys.signing),
      await sealGrant(officer.keys.publicKey, EMAIL, 'unpublished-kid', key),
    ];
    const error = await expectAppError(openGrants(officer.privateKey, EMAIL, grants, org.descriptor), 'tampered');
    expect(error.detail).toEqual({ reason: 'grant-unknown-kid', kid: 'unpublished-kid' });
  });

  it('refuses an encryption grant holding a key that is not a P-256 key', async () => {
    const { org, officer, encryptionKid } = await setup();
    const grants = [
      await sealGrant(officer.keys.publicKey, EMAIL, SIGNING_GRANT_KID, org.privateKeys.signing),
      await sealGrant(officer.keys.publicKey, EMAIL, encryptionKid, await ed25519Key()),
    ];
    const error = await expectAppError(openGrants(officer.privateKey, EMAIL, grants, org.descriptor), 'tampered');
    expect(error.detail).toEqual({ reason: 'grant-key', kid: encryptionKid });
    expect(error.cause).toMatchObject({ code: 'invalid' });
  });

  it('refuses an encryption grant holding another P-256 key than the published one', async () => {
    const { org, officer, encryptionKid } = await setup();
    const other = await buildOrganisation();
    const grants = [
      await sealGrant(officer.keys.publicKey, EMAIL, SIGNING_GRANT_KID, org.privateKeys.signing),
      await sealGrant(
        officer.keys.publicKey,
        EMAIL,
        encryptionKid,
        [...other.privateKeys.encryption.values()][0] as CryptoKey,
      ),
    ];
    const error = await expectAppError(openGrants(officer.privateKey, EMAIL, grants, org.descriptor), 'tampered');
    expect(error.detail).toEqual({ reason: 'grant-key', kid: encryptionKid });
  });

  it.each([
    ['a key that is not ECDSA P-256', () => ed25519Key()],
    ["another organisation's signing key", async () => (await buildOrganisation()).privateKeys.signing],
  ])('refuses a signing grant holding %s', async (_name, key) => {
    const { org, officer } = await setup();
    const grants = [await sealGrant(officer.keys.publicKey, EMAIL, SIGNING_GRANT_KID, await key())];
    const error = await expectAppError(openGrants(officer.privateKey, EMAIL, grants, org.descriptor), 'tampered');
    expect(error.detail).toEqual({ reason: 'grant-key', kid: SIGNING_GRANT_KID });
    if (_name.startsWith('a key that')) expect(error.cause).toBeInstanceOf(Error);
  });
});
