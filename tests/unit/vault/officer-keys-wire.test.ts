// The officer protocol's fixed bytes, checked against values computed outside this code (Python's hashlib and hmac,
// RFC 5869 HKDF by hand): a changed HKDF label, statement tag or HPKE info would lock every officer out of keys
// already stored, while a round trip through this code alone would still pass. Real WebCrypto and HPKE.
import { describe, expect, it } from 'vitest';
import { subtle, utf8 } from '../../../src/vault/crypto.ts';
import { decodeBase64Url, encodeBase64Url, statementBytes } from '../../../src/vault/encoding.ts';
import { HPKE_ALG, hpkeOpen } from '../../../src/vault/hpke.ts';
import {
  createOfficerKeyPair,
  deriveOfficerSecrets,
  openOfficerPrivateKey,
  SIGNING_GRANT_KID,
  sealGrant,
} from '../../../src/vault/officer-keys.ts';
import { buildOrganisation, STRONG_PASSPHRASE } from '../fixtures.ts';

// PBKDF2-HMAC-SHA256(STRONG_PASSPHRASE, bytes 0..15, 600,000) -> 32 bytes; HKDF-SHA256 with an empty salt and the
// info 'safevisit/officer/auth-key/v1' (auth key) or 'safevisit/officer/kek/v1' (KEK), 32 bytes each.
const KDF = { name: 'PBKDF2-SHA256' as const, iterations: 600_000, salt: 'AAECAwQFBgcICQoLDA0ODw' };
const AUTH_KEY = 'KuhU4DKrbTr11xUxrTDlIW2WN70uL0hXlytsLqpXb1A';
const KEK_BYTES = 'DZnBpXUQ0vvqqMsClbzJdtHZidwFfld4xvbA-RJfY5c';

const EMAIL = 'ada@example.org';
const envelopeOf = (sealed: string) => JSON.parse(new TextDecoder().decode(decodeBase64Url(sealed)));

describe('the officer protocol on the wire', () => {
  it('derives the known authentication key and KEK from a passphrase and salt', async () => {
    const secrets = await deriveOfficerSecrets(STRONG_PASSPHRASE, KDF);
    expect(secrets.authKey).toBe(AUTH_KEY);
    // A key pair wrapped by the derived KEK opens with the KEK bytes computed outside, and the other way round.
    const known = await subtle().importKey('raw', decodeBase64Url(KEK_BYTES), 'AES-GCM', false, [
      'wrapKey',
      'unwrapKey',
    ]);
    const wrapped = await createOfficerKeyPair(secrets.kek, EMAIL);
    await expect(openOfficerPrivateKey(known, EMAIL, wrapped.keys)).resolves.toBeTruthy();
    const wrappedByKnown = await createOfficerKeyPair(known, EMAIL);
    await expect(openOfficerPrivateKey(secrets.kek, EMAIL, wrappedByKnown.keys)).resolves.toBeTruthy();
  });

  it("binds the officer's private key to the documented statement: email and public key", async () => {
    const kek = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey']);
    const { keys } = await createOfficerKeyPair(kek, ' Ada@Example.org ');
    const envelope = envelopeOf(keys.wrappedPrivateKey);
    const additionalData = statementBytes('safevisit/officer-private-key', 1, {
      email: EMAIL,
      publicKey: keys.publicKey,
    });
    const key = await subtle().unwrapKey(
      'pkcs8',
      decodeBase64Url(envelope.ct),
      kek,
      { name: 'AES-GCM', iv: decodeBase64Url(envelope.iv), additionalData },
      { name: 'ECDH', namedCurve: 'P-256' },
      true,
      ['deriveBits'],
    );
    expect(key.type).toBe('private');
  });

  it('seals a grant with the documented HPKE info and statement: suite, officer and kid', async () => {
    const org = await buildOrganisation();
    const kek = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey']);
    const officer = await createOfficerKeyPair(kek, EMAIL);
    const grant = await sealGrant(
      officer.keys.publicKey,
      'ADA@example.org',
      SIGNING_GRANT_KID,
      org.privateKeys.signing,
    );
    const envelope = envelopeOf(grant.sealed);
    const aad = statementBytes('safevisit/grant', 1, { alg: HPKE_ALG, officer: EMAIL, kid: SIGNING_GRANT_KID });
    const pkcs8 = await hpkeOpen(officer.privateKey, utf8('safevisit/grant/v1'), aad, {
      enc: decodeBase64Url(envelope.enc),
      ct: decodeBase64Url(envelope.ct),
    });
    const exported = new Uint8Array(await subtle().exportKey('pkcs8', org.privateKeys.signing));
    expect(encodeBase64Url(pkcs8)).toBe(encodeBase64Url(exported));
  });
});
