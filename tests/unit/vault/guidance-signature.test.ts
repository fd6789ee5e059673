// Signed guidance with real WebCrypto: a pack signed by the organisation checks against the pinned key, in the vault
// (WebCrypto, the device) and on the server (node:crypto) alike; a changed byte, another organisation's key, a
// swapped contact or a pack labelled for another organisation does not.
import { describe, expect, it } from 'vitest';
import { signatureHolds } from '../../../server/guidance-routes.ts';
import { AppError } from '../../../src/domain/errors.ts';
import type { GuidancePack } from '../../../src/domain/guidance.ts';
import { guidanceStatement, packWithContacts, type SignedGuidance } from '../../../src/domain/signed-guidance.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';
import { signGuidancePack, verifyGuidancePack } from '../../../src/vault/guidance-signature.ts';
import { buildOrganisation, flipFirstByte } from '../fixtures.ts';

const CONTACTS = {
  lado: { name: 'Riverside LADO', phone: '020 7974 4556', email: 'lado@riverside.example' },
  mash: { name: 'Riverside MASH', phone: '020 7974 1553' },
} as const;

const packWith = (contacts = CONTACTS): GuidancePack => {
  const made = packWithContacts(BUNDLED_PACK, contacts, new Date('2099-01-02T03:04:05Z'));
  if (!made.ok) throw new Error(made.issues.join('\n'));
  return made.pack;
};

const signedBy = async (org: Awaited<ReturnType<typeof buildOrganisation>>, pack = packWith()) => ({
  signed: await signGuidancePack(org.privateKeys.signing, org.fingerprint, pack),
  pinned: { fingerprint: org.fingerprint, signingKey: org.descriptor.signingKey },
});

const reasonOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
    return 'accepted';
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return `${e.code}:${(e.detail as { reason?: string } | undefined)?.reason ?? ''}`;
  }
};

const copy = (signed: SignedGuidance): SignedGuidance => JSON.parse(JSON.stringify(signed)) as SignedGuidance;

describe('signed guidance', () => {
  it('checks against the pinned organisation, on the device and on the server', async () => {
    const org = await buildOrganisation();
    const { signed, pinned } = await signedBy(org);
    await expect(verifyGuidancePack(signed, pinned)).resolves.toEqual(signed);
    expect(signatureHolds(signed, org.descriptor.signingKey)).toBe(true);
    expect(signed.pack.localContacts).toEqual(CONTACTS);
    expect(signed.pack.version).toBe(`${BUNDLED_PACK.version}+contacts.20990102T030405`);
  });

  it('survives the wire: the JSON text parsed again still checks', async () => {
    const org = await buildOrganisation();
    const { signed, pinned } = await signedBy(org);
    await expect(verifyGuidancePack(copy(signed), pinned)).resolves.toBeTruthy();
  });

  it('refuses a changed byte of the signature', async () => {
    const org = await buildOrganisation();
    const { signed, pinned } = await signedBy(org);
    const tampered = { ...signed, signature: flipFirstByte(signed.signature) };
    expect(await reasonOf(verifyGuidancePack(tampered, pinned))).toBe('tampered:signature');
    expect(signatureHolds(tampered, org.descriptor.signingKey)).toBe(false);
  });

  it('refuses a swapped contact (the helpline number a server would change)', async () => {
    const org = await buildOrganisation();
    const { signed, pinned } = await signedBy(org);
    const swapped = copy(signed);
    (swapped.pack.localContacts as { lado: { phone: string } }).lado.phone = '020 0000 0000';
    expect(await reasonOf(verifyGuidancePack(swapped, pinned))).toBe('tampered:signature');
    expect(signatureHolds(swapped, org.descriptor.signingKey)).toBe(false);
  });

  it('refuses a changed byte anywhere in the pack, even where the keys are only reordered', async () => {
    const org = await buildOrganisation();
    const { signed, pinned } = await signedBy(org);
    const edited = copy(signed);
    edited.pack.publisher = `${String(edited.pack.publisher)}.`;
    expect(await reasonOf(verifyGuidancePack(edited, pinned))).toBe('tampered:signature');
    // Key order is not content: the same pack with its keys in another order still checks (canonical JSON).
    const reordered = { ...signed, pack: Object.fromEntries(Object.entries(signed.pack).reverse()) };
    await expect(verifyGuidancePack(reordered, pinned)).resolves.toBeTruthy();
  });

  it('refuses a pack signed by another organisation’s key', async () => {
    const ours = await buildOrganisation();
    const theirs = await buildOrganisation('Another Council');
    // Signed with their key but labelled as ours: the label matches, the signature does not.
    const forged = await signGuidancePack(theirs.privateKeys.signing, ours.fingerprint, packWith());
    const pinned = { fingerprint: ours.fingerprint, signingKey: ours.descriptor.signingKey };
    expect(await reasonOf(verifyGuidancePack(forged, pinned))).toBe('tampered:signature');
    expect(signatureHolds(forged, ours.descriptor.signingKey)).toBe(false);
    // Their own, honestly labelled pack: for another organisation.
    const { signed } = await signedBy(theirs);
    expect(await reasonOf(verifyGuidancePack(signed, pinned))).toBe('tampered:organisation');
  });

  it('refuses a pinned key that does not hash to the pinned fingerprint', async () => {
    const ours = await buildOrganisation();
    const theirs = await buildOrganisation('Another Council');
    const { signed } = await signedBy(ours);
    const pinned = { fingerprint: ours.fingerprint, signingKey: theirs.descriptor.signingKey };
    expect(await reasonOf(verifyGuidancePack(signed, pinned))).toBe('tampered:pinned-key');
  });

  it.each([
    ['is not base64url that decodes (a length of 1 mod 4)', 'A'.repeat(85)],
    ['is a valid signature cut short', undefined],
  ])('refuses a signature that %s as tampered', async (_name, replacement) => {
    const org = await buildOrganisation();
    const { signed, pinned } = await signedBy(org);
    const signature = replacement ?? signed.signature.slice(0, 84);
    expect(await reasonOf(verifyGuidancePack({ ...signed, signature }, pinned))).toBe('tampered:signature');
  });

  it('signs what the wire carries: a member left undefined is not part of the signed pack', async () => {
    const org = await buildOrganisation();
    const pack = { ...packWith(), note: undefined } as unknown as GuidancePack;
    const { signed, pinned } = await signedBy(org, pack);
    expect('note' in signed.pack).toBe(false);
    await expect(verifyGuidancePack(copy(signed), pinned)).resolves.toBeTruthy();
  });

  it.each<[string, (s: SignedGuidance) => unknown]>([
    ['no signature', ({ signature: _s, ...rest }) => rest],
    ['another version', (s) => ({ ...s, v: 2 })],
    ['another algorithm', (s) => ({ ...s, alg: 'RS256' })],
    ['a pack that is not an object', (s) => ({ ...s, pack: 'pack' })],
    ['an extra field', (s) => ({ ...s, note: 'x' })],
  ])('refuses a malformed envelope: %s', async (_name, change) => {
    const org = await buildOrganisation();
    const { signed, pinned } = await signedBy(org);
    expect(await reasonOf(verifyGuidancePack(change(signed), pinned))).toBe('invalid:signed-guidance');
  });

  it('signs a statement that names the organisation, so one label cannot be swapped for another', async () => {
    const org = await buildOrganisation();
    const { signed } = await signedBy(org);
    const statement = guidanceStatement(signed);
    expect(statement).toContain(`"organisation":"${org.fingerprint}"`);
    expect(statement.startsWith('{"organisation":')).toBe(true);
    expect(statement).toContain('"type":"safevisit/guidance-pack"');
  });
});
