import { beforeAll, describe, expect, it } from 'vitest';
import {
  AuthKeySchema,
  type OfficerKdf,
  OfficerKdfSchema,
  OfficerKeysSchema,
  type SealedGrant,
  SetupRequestSchema,
} from '../../../src/domain/org-protocol.ts';
import { KDF_DEFAULTS } from '../../../src/vault/crypto.ts';
import {
  createEncryptionKey,
  createOfficerKeyPair,
  decodeBase64Url,
  deriveOfficerSecrets,
  encodeBase64Url,
  newOfficerKdf,
  openGrants,
  openOfficerPrivateKey,
  orgDescriptorOf,
  SIGNING_GRANT_KID,
  sealGrants,
  verifyOrgDescriptor,
} from '../../../src/vault/org.ts';
import { buildOrganisation, expectAppError, flipFirstByte, STRONG_PASSPHRASE, WRONG_PASSPHRASE } from '../fixtures.ts';

const EMAIL_A = 'ada@example.org';
const EMAIL_B = 'ben@example.org';

// The real 600,000 PBKDF2 iterations (the schema's floor): derived once per passphrase for the whole file.
let kdf: OfficerKdf;
let secrets: { authKey: string; kek: CryptoKey };
let wrongSecrets: { authKey: string; kek: CryptoKey };

beforeAll(async () => {
  kdf = newOfficerKdf();
  [secrets, wrongSecrets] = await Promise.all([
    deriveOfficerSecrets(STRONG_PASSPHRASE, kdf),
    deriveOfficerSecrets(WRONG_PASSPHRASE, kdf),
  ]);
});

describe('officer KDF', () => {
  it("uses the vault's PBKDF2 cost and a fresh salt per account", () => {
    const other = newOfficerKdf();
    expect(OfficerKdfSchema.parse(kdf)).toEqual(kdf);
    expect(kdf.iterations).toBe(KDF_DEFAULTS.iterations);
    expect(other.salt).not.toBe(kdf.salt);
  });

  it('derives the same authentication key from the same passphrase and salt, and another from another', async () => {
    expect(AuthKeySchema.parse(secrets.authKey)).toBe(secrets.authKey);
    expect((await deriveOfficerSecrets(STRONG_PASSPHRASE, kdf)).authKey).toBe(secrets.authKey);
    expect(wrongSecrets.authKey).not.toBe(secrets.authKey);
  });

  it('keeps the KEK non-extractable and able only to wrap and unwrap', () => {
    expect(secrets.kek.extractable).toBe(false);
    expect([...secrets.kek.usages].sort()).toEqual(['unwrapKey', 'wrapKey']);
  });

  it.each([
    ['fewer iterations than the floor', { iterations: 1_000 }],
    ['a short salt', { salt: 'AAAA' }],
  ])('refuses parameters with %s as invalid', async (_case, change) => {
    await expectAppError(deriveOfficerSecrets(STRONG_PASSPHRASE, { ...kdf, ...change }), 'invalid');
  });
});

describe("officer's key pair", () => {
  it('is wrapped for the server in the wire shape and opens, non-extractable, with the right passphrase', async () => {
    const { keys, privateKey } = await createOfficerKeyPair(secrets.kek, EMAIL_A);
    expect(OfficerKeysSchema.parse(keys)).toEqual(keys);
    expect(privateKey.extractable).toBe(false);
    const opened = await openOfficerPrivateKey(secrets.kek, EMAIL_A, keys);
    expect(opened.extractable).toBe(false);
  });

  it('binds the email whatever its case or spaces, as the server keeps it', async () => {
    const { keys } = await createOfficerKeyPair(secrets.kek, ' Ada@Example.org ');
    await expect(openOfficerPrivateKey(secrets.kek, EMAIL_A, keys)).resolves.toBeDefined();
  });

  it('cannot be opened with a wrong passphrase', async () => {
    const { keys } = await createOfficerKeyPair(secrets.kek, EMAIL_A);
    await expectAppError(openOfficerPrivateKey(wrongSecrets.kek, EMAIL_A, keys), 'wrong-passphrase');
  });

  it("cannot be opened as another officer's, or with a swapped public key", async () => {
    const [a, b] = await Promise.all([
      createOfficerKeyPair(secrets.kek, EMAIL_A),
      createOfficerKeyPair(secrets.kek, EMAIL_B),
    ]);
    await expectAppError(openOfficerPrivateKey(secrets.kek, EMAIL_B, a.keys), 'wrong-passphrase');
    const swapped = { ...a.keys, publicKey: b.keys.publicKey };
    await expectAppError(openOfficerPrivateKey(secrets.kek, EMAIL_A, swapped), 'wrong-passphrase');
  });

  it('refuses a malformed wrapped key as invalid', async () => {
    const { keys } = await createOfficerKeyPair(secrets.kek, EMAIL_A);
    const garbled = { ...keys, wrappedPrivateKey: 'A'.repeat(60) };
    await expectAppError(openOfficerPrivateKey(secrets.kek, EMAIL_A, garbled), 'invalid');
  });
});

describe('grants', () => {
  const setup = async () => {
    const org = await buildOrganisation();
    const [a, b] = await Promise.all([
      createOfficerKeyPair(secrets.kek, EMAIL_A),
      createOfficerKeyPair(secrets.kek, EMAIL_B),
    ]);
    const grantsA = await sealGrants(a.keys.publicKey, EMAIL_A, org.privateKeys);
    return { org, a, b, grantsA };
  };

  it("make a setup request the server accepts, and open to the organisation's own keys", async () => {
    const { org, a, grantsA } = await setup();
    const request = SetupRequestSchema.parse({
      setupCode: 'ABCD-1234',
      organisation: org.organisation,
      officer: { name: 'Ada Lovelace', email: EMAIL_A, kdf, authKey: secrets.authKey, keys: a.keys },
      grants: grantsA,
    });
    expect(request.grants.map((grant) => grant.kid)).toEqual([SIGNING_GRANT_KID, org.organisation.encryptionKey.kid]);
    const opened = await openGrants(a.privateKey, EMAIL_A, grantsA, org.descriptor);
    expect([...opened.encryption.keys()]).toEqual([org.organisation.encryptionKey.kid]);
    // The opened signing key is the organisation's: what it signs verifies against the pinned fingerprint.
    const rotated = await createEncryptionKey(opened.signing);
    const descriptor = orgDescriptorOf(org.organisation, [rotated.publicKey]);
    await expect(verifyOrgDescriptor(descriptor, org.fingerprint)).resolves.toEqual(descriptor);
  });

  it('open to extractable keys, so this officer can seal them again for the next one', async () => {
    const { org, a, b, grantsA } = await setup();
    const opened = await openGrants(a.privateKey, EMAIL_A, grantsA, org.descriptor);
    const grantsB = await sealGrants(b.keys.publicKey, EMAIL_B, opened);
    const openedB = await openGrants(b.privateKey, EMAIL_B, grantsB, org.descriptor);
    expect([...openedB.encryption.keys()]).toEqual([...opened.encryption.keys()]);
  });

  it('sealed for officer A fail for officer B', async () => {
    const { org, b, grantsA } = await setup();
    await expectAppError(openGrants(b.privateKey, EMAIL_B, grantsA, org.descriptor), 'tampered');
  });

  it("fail when opened under another officer's email (the additional data binds it)", async () => {
    const { org, a, grantsA } = await setup();
    await expectAppError(openGrants(a.privateKey, EMAIL_B, grantsA, org.descriptor), 'tampered');
  });

  /** Rewrites a grant's envelope as a server could: its JSON is opaque text, only the additional data guards it. */
  const editEnvelope = (grant: SealedGrant, edit: (envelope: Record<string, string>) => void): SealedGrant => {
    const envelope = JSON.parse(new TextDecoder().decode(decodeBase64Url(grant.sealed)));
    edit(envelope);
    return { ...grant, sealed: encodeBase64Url(new TextEncoder().encode(JSON.stringify(envelope))) };
  };

  it.each<[string, (grants: SealedGrant[]) => SealedGrant[]]>([
    [
      'a grant relabelled with the kid of another (envelope included)',
      ([signing, encryption]) => [
        editEnvelope({ ...(signing as SealedGrant), kid: encryption?.kid ?? '' }, (e) => {
          e.kid = encryption?.kid ?? '';
        }),
      ],
    ],
    [
      'a changed ciphertext byte',
      (grants) =>
        grants.map((grant) =>
          editEnvelope(grant, (e) => {
            e.ct = flipFirstByte(e.ct ?? '');
          }),
        ),
    ],
    [
      'a changed enc byte',
      (grants) =>
        grants.map((grant) =>
          editEnvelope(grant, (e) => {
            e.enc = flipFirstByte(e.enc ?? '');
          }),
        ),
    ],
    [
      'a grant whose kid differs from its envelope',
      (grants) => grants.map((grant) => ({ ...grant, kid: 'other-kid' })),
    ],
  ])('fail as tampered for %s', async (_case, change) => {
    const { org, a, grantsA } = await setup();
    await expectAppError(openGrants(a.privateKey, EMAIL_A, change(grantsA), org.descriptor), 'tampered');
  });

  it("fail as tampered against another organisation's descriptor", async () => {
    const { a, grantsA } = await setup();
    const other = await buildOrganisation();
    await expectAppError(openGrants(a.privateKey, EMAIL_A, grantsA, other.descriptor), 'tampered');
  });

  it("fail as tampered when a grant holds a key the descriptor does not publish (a server's own key)", async () => {
    const { org, a } = await setup();
    const impostor = await buildOrganisation();
    const forged = await sealGrants(a.keys.publicKey, EMAIL_A, {
      signing: impostor.privateKeys.signing,
      encryption: new Map([
        [org.organisation.encryptionKey.kid, [...impostor.privateKeys.encryption.values()][0] as CryptoKey],
      ]),
    });
    await expectAppError(openGrants(a.privateKey, EMAIL_A, forged, org.descriptor), 'tampered');
  });
});
