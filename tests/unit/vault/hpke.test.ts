import { Aes128Gcm, Aes256Gcm, CipherSuite, DhkemP256HkdfSha256, HkdfSha256 } from '@hpke/core';
import { describe, expect, it } from 'vitest';
import { type Bytes, utf8 } from '../../../src/vault/crypto.ts';
import {
  exportHpkePublicKey,
  generateHpkeKeyPair,
  HPKE_ALG,
  HPKE_ENC_BYTES,
  HPKE_PUBLIC_KEY_BYTES,
  HPKE_SUITE,
  hpkeOpen,
  hpkePublicKeyOf,
  hpkeSeal,
  importHpkePrivateKey,
  importHpkePublicKey,
} from '../../../src/vault/hpke.ts';
import { expectAppError } from '../fixtures.ts';

const hex = (text: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array((text.match(/../g) ?? []).map((pair) => Number.parseInt(pair, 16)));
const toHex = (bytes: ArrayBuffer | Uint8Array): string =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');

// RFC 9180 Appendix A.3.1: DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base mode, sequence number 0.
// The RFC has no P-256 vector with AES-256-GCM; the KEM and KDF below are the very instances our suite uses.
const A31 = {
  info: '4f6465206f6e2061204772656369616e2055726e',
  ikmE: '4270e54ffd08d79d5928020af4686d8f6b7d35dbe470265f1f5aa22816ce860e',
  pkEm: '04a92719c6195d5085104f469a8b9814d5838ff72b60501e2c4466e5e67b325ac98536d7b61a1af4b78e5b7f951c0900be863c403ce65c9bfcb9382657222d18c4',
  skEm: '4995788ef4b9d6132b249ce59a77281493eb39af373d236a1fe415cb0c2d7beb',
  ikmR: '668b37171f1072f3cf12ea8a236a45df23fc13b82af3609ad1e354f6ef817550',
  pkRm: '04fe8c19ce0905191ebc298a9245792531f26f0cece2460639e8bc39cb7f706a826a779b4cf969b8a0e539c7f62fb3d30ad6aa8f80e30f1d128aafd68a2ce72ea0',
  skRm: 'f3ce7fdae57e1a310d87f1ebbde6f328be0a99cdbcadf4d6589cf29de4b8ffd2',
  sharedSecret: 'c0d26aeab536609a572b07695d933b589dcf363ff9d93c93adea537aeabb8cb8',
  pt: '4265617574792069732074727574682c20747275746820626561757479',
  aad: '436f756e742d30',
  ct: '5ad590bb8baa577f8619db35a36311226a896e7342a6d836d8b7bcd2f20b6c7f9076ac232e3ab2523f39513434',
};

describe('HPKE suite against RFC 9180 A.3.1', () => {
  it.each([
    ['recipient', A31.ikmR, A31.skRm, A31.pkRm],
    ['ephemeral', A31.ikmE, A31.skEm, A31.pkEm],
  ])('derives the %s key pair of the vector from its ikm', async (_role, ikm, sk, pk) => {
    const pair = await HPKE_SUITE.kem.deriveKeyPair(hex(ikm));
    expect(toHex(await HPKE_SUITE.kem.serializePrivateKey(pair.privateKey))).toBe(sk);
    expect(toHex(await HPKE_SUITE.kem.serializePublicKey(pair.publicKey))).toBe(pk);
  });

  it('encapsulates to the vector shared secret and enc when the ephemeral key is fixed', async () => {
    const recipient = await HPKE_SUITE.kem.deserializePublicKey(hex(A31.pkRm));
    const { sharedSecret, enc } = await HPKE_SUITE.kem.encap({ recipientPublicKey: recipient, ekm: hex(A31.ikmE) });
    expect(toHex(sharedSecret)).toBe(A31.sharedSecret);
    expect(toHex(enc)).toBe(A31.pkEm);
  });

  it('seals the vector plaintext to the vector ciphertext and opens it again (AES-128-GCM, as the RFC)', async () => {
    const suite = new CipherSuite({ kem: new DhkemP256HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() });
    const recipientKey = await suite.kem.deriveKeyPair(hex(A31.ikmR));
    const sealed = await suite.seal(
      { recipientPublicKey: recipientKey.publicKey, info: hex(A31.info), ekm: hex(A31.ikmE) },
      hex(A31.pt),
      hex(A31.aad),
    );
    expect(toHex(sealed.enc)).toBe(A31.pkEm);
    expect(toHex(sealed.ct)).toBe(A31.ct);
    const opened = await suite.open(
      { recipientKey, enc: hex(A31.pkEm), info: hex(A31.info) },
      hex(A31.ct),
      hex(A31.aad),
    );
    expect(toHex(opened)).toBe(A31.pt);
  });
});

describe('hpkeSeal / hpkeOpen', () => {
  const info = utf8('test/info');
  const aad = utf8('test/aad');
  const plaintext = utf8('a sealed message');

  it('opens with a non-extractable private key and gives back the plaintext', async () => {
    const pair = await generateHpkeKeyPair(false);
    expect(pair.privateKey.extractable).toBe(false);
    const sealed = await hpkeSeal(pair.publicKey, info, aad, plaintext);
    expect(sealed.enc.byteLength).toBe(65);
    expect(sealed.ct.byteLength).toBe(plaintext.byteLength + 16);
    expect(await hpkeOpen(pair.privateKey, info, aad, sealed)).toEqual(plaintext);
  });

  it('uses a fresh ephemeral key on every seal', async () => {
    const pair = await generateHpkeKeyPair(false);
    const [a, b] = await Promise.all([1, 2].map(() => hpkeSeal(pair.publicKey, info, aad, plaintext)));
    expect(a?.enc).not.toEqual(b?.enc);
    expect(a?.ct).not.toEqual(b?.ct);
  });

  it.each<[string, { info?: Bytes; aad?: Bytes }]>([
    ['another info', { info: utf8('test/other') }],
    ['another aad', { aad: utf8('test/other') }],
  ])('fails as tampered with %s', async (_case, change) => {
    const pair = await generateHpkeKeyPair(false);
    const sealed = await hpkeSeal(pair.publicKey, info, aad, plaintext);
    await expectAppError(hpkeOpen(pair.privateKey, change.info ?? info, change.aad ?? aad, sealed), 'tampered');
  });

  it('fails as tampered for another recipient', async () => {
    const [pair, other] = await Promise.all([generateHpkeKeyPair(false), generateHpkeKeyPair(false)]);
    const sealed = await hpkeSeal(pair.publicKey, info, aad, plaintext);
    await expectAppError(hpkeOpen(other.privateKey, info, aad, sealed), 'tampered');
  });

  it('round-trips a private key through PKCS#8 and keeps its public key', async () => {
    const pair = await generateHpkeKeyPair(true);
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
    const imported = await importHpkePrivateKey(pkcs8, false);
    expect(imported.privateKey.extractable).toBe(false);
    expect(await exportHpkePublicKey(imported.publicKey)).toEqual(await exportHpkePublicKey(pair.publicKey));
    const sealed = await hpkeSeal(pair.publicKey, info, aad, plaintext);
    expect(await hpkeOpen(imported.privateKey, info, aad, sealed)).toEqual(plaintext);
  });

  it.each([
    ['too short', new Uint8Array(64)],
    ['not on the curve', hex(`04${'11'.repeat(64)}`)],
  ])('refuses a public key that is %s as invalid', async (_case, raw) => {
    await expectAppError(importHpkePublicKey(raw), 'invalid');
  });
});

describe('HPKE keys from outside this folder, and bad input', () => {
  const info = utf8('test/info');
  const aad = utf8('test/aad');
  const plaintext = utf8('a sealed message');
  const ECDH_P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;

  it('opens with an extractable private key it never saw, reading its public key back from the key', async () => {
    const pair = await crypto.subtle.generateKey(ECDH_P256, true, ['deriveBits']);
    const sealed = await hpkeSeal(pair.publicKey, info, aad, plaintext);
    expect(await hpkeOpen(pair.privateKey, info, aad, sealed)).toEqual(plaintext);
    expect(await hpkePublicKeyOf(pair.privateKey)).toEqual(await exportHpkePublicKey(pair.publicKey));
  });

  it('refuses a non-extractable private key it never saw, and a public key given as a private one', async () => {
    const pair = await crypto.subtle.generateKey(ECDH_P256, false, ['deriveBits']);
    const sealed = await hpkeSeal(pair.publicKey, info, aad, plaintext);
    const refused = await expectAppError(hpkeOpen(pair.privateKey, info, aad, sealed), 'invalid');
    expect(refused.detail).toEqual({ reason: 'hpke-key' });
    const extractable = await crypto.subtle.generateKey(ECDH_P256, true, ['deriveBits']);
    expect((await expectAppError(hpkePublicKeyOf(extractable.publicKey), 'invalid')).detail).toEqual({
      reason: 'hpke-key',
    });
  });

  it('keeps an imported private key extractable when asked, with the public key that belongs to it', async () => {
    const pair = await generateHpkeKeyPair(true);
    expect(pair.privateKey.extractable).toBe(true);
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
    const imported = await importHpkePrivateKey(pkcs8, true);
    expect(imported.privateKey.extractable).toBe(true);
    expect(await exportHpkePublicKey(imported.publicKey)).toEqual(await exportHpkePublicKey(pair.publicKey));
    expect(await hpkePublicKeyOf(imported.privateKey)).toEqual(await exportHpkePublicKey(pair.publicKey));
    const sealed = await hpkeSeal(pair.publicKey, info, aad, plaintext);
    expect(await hpkeOpen(imported.privateKey, info, aad, sealed)).toEqual(plaintext);
  });

  it('remembers the public key of a non-extractable key it imported', async () => {
    const pair = await generateHpkeKeyPair(true);
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
    const imported = await importHpkePrivateKey(pkcs8, false);
    expect(await hpkePublicKeyOf(imported.privateKey)).toEqual(await exportHpkePublicKey(pair.publicKey));
  });

  it('refuses PKCS#8 bytes that are not a P-256 private key as invalid', async () => {
    const error = await expectAppError(importHpkePrivateKey(utf8('not a key'), false), 'invalid');
    expect(error.detail).toEqual({ reason: 'hpke-private-key' });
  });

  it('imports a raw public key of 65 bytes and seals to it', async () => {
    const pair = await generateHpkeKeyPair(false);
    const raw = await exportHpkePublicKey(pair.publicKey);
    expect(raw.byteLength).toBe(HPKE_PUBLIC_KEY_BYTES);
    const sealed = await hpkeSeal(await importHpkePublicKey(raw), info, aad, plaintext);
    expect(await hpkeOpen(pair.privateKey, info, aad, sealed)).toEqual(plaintext);
  });

  it.each([
    ['too long', new Uint8Array(66)],
    ['not on the curve, at the right length', hex(`04${'11'.repeat(64)}`)],
  ])('says why a public key %s is refused', async (_case, raw) => {
    expect((await expectAppError(importHpkePublicKey(raw), 'invalid')).detail).toEqual({ reason: 'hpke-public-key' });
  });

  it.each<[string, (s: { enc: Bytes; ct: Bytes }) => { enc: Bytes; ct: Bytes }, unknown]>([
    ['an enc of the wrong length', (s) => ({ ...s, enc: s.enc.slice(0, HPKE_ENC_BYTES - 1) }), { reason: 'hpke-enc' }],
    ['an enc one byte too long', (s) => ({ ...s, enc: new Uint8Array([...s.enc, 0]) }), { reason: 'hpke-enc' }],
    ['a changed byte of the ciphertext', (s) => ({ ...s, ct: s.ct.map((b, i) => (i === 0 ? b ^ 1 : b)) }), undefined],
    ['a changed byte of enc', (s) => ({ ...s, enc: s.enc.map((b, i) => (i === 40 ? b ^ 1 : b)) }), undefined],
  ])('fails as tampered with %s', async (_case, change, detail) => {
    const pair = await generateHpkeKeyPair(false);
    const sealed = await hpkeSeal(pair.publicKey, info, aad, plaintext);
    const error = await expectAppError(hpkeOpen(pair.privateKey, info, aad, change(sealed)), 'tampered');
    expect(error.detail).toEqual(detail);
  });
});

describe('the suite on the wire', () => {
  it('is named as envelopes and key statements carry it, and seals with AES-256-GCM', async () => {
    expect(HPKE_ALG).toBe('HPKE-P256-SHA256-A256GCM');
    const pair = await generateHpkeKeyPair(false);
    const sealed = await hpkeSeal(pair.publicKey, utf8('i'), utf8('a'), utf8('m'));
    const explicit = new CipherSuite({ kem: new DhkemP256HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
    const opened = await explicit.open({ recipientKey: pair, enc: sealed.enc, info: utf8('i') }, sealed.ct, utf8('a'));
    expect(new TextDecoder().decode(opened)).toBe('m');
  });

  it.each<[string, () => Promise<unknown>]>([
    ['bad PKCS#8', () => importHpkePrivateKey(utf8('not a key'), false)],
    ['a point off the curve', () => importHpkePublicKey(hex(`04${'11'.repeat(64)}`))],
    [
      'a changed ciphertext',
      async () => {
        const pair = await generateHpkeKeyPair(false);
        const sealed = await hpkeSeal(pair.publicKey, utf8('i'), utf8('a'), utf8('m'));
        return hpkeOpen(pair.privateKey, utf8('i'), utf8('a'), { ...sealed, ct: sealed.ct.map((b) => b ^ 1) });
      },
    ],
  ])('keeps the cause of a refusal for %s', async (_case, run) => {
    const error = await run().then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as { cause?: unknown }).cause).toBeDefined();
  });
});
