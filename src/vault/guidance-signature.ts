// Signs a guidance pack with the organisation's signing key (in an officer's browser) and checks one against a
// device's pinned organisation. ECDSA P-256 / SHA-256 over the statement of src/domain/signed-guidance.ts. Holds no key.
import { AppError } from '../domain/errors.ts';
import type { GuidancePack } from '../domain/guidance.ts';
import {
  guidanceStatement,
  SIGNED_GUIDANCE_ALG,
  SIGNED_GUIDANCE_VERSION,
  type SignedGuidance,
  SignedGuidanceSchema,
} from '../domain/signed-guidance.ts';
import { subtle, utf8 } from './crypto.ts';
import { decodeBase64Url, encodeBase64Url } from './encoding.ts';
import { fingerprintOf, importSigningPublicKey } from './org-keys.ts';

const SIGN_PARAMS = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** The pack signed for the organisation whose fingerprint is given (the officer's session knows it). */
export const signGuidancePack = async (
  signing: CryptoKey,
  fingerprint: string,
  pack: GuidancePack,
): Promise<SignedGuidance> => {
  // Round-trip through JSON: what is signed is exactly what the wire will carry (no undefined members).
  const wirePack = JSON.parse(JSON.stringify(pack)) as Record<string, unknown>;
  const statement = utf8(guidanceStatement({ organisation: fingerprint, pack: wirePack }));
  const signature = new Uint8Array(await subtle().sign(SIGN_PARAMS, signing, statement));
  return {
    v: SIGNED_GUIDANCE_VERSION,
    alg: SIGNED_GUIDANCE_ALG,
    organisation: fingerprint,
    pack: wirePack,
    signature: encodeBase64Url(signature),
  };
};

/** What a device pinned at enrolment: the fingerprint and the signing key (SPKI) that hashes to it. */
export type PinnedOrganisation = { fingerprint: string; signingKey: string };

/**
 * Resolves with the signed envelope when it was signed by the pinned organisation's key; the pack inside is still
 * unchecked (parseGuidancePack). AppError('invalid') for a malformed envelope, AppError('tampered') with `reason`
 * 'organisation' (signed for another organisation), 'pinned-key' (the pinned key does not hash to the pinned
 * fingerprint) or 'signature'.
 */
export const verifyGuidancePack = async (signed: unknown, pinned: PinnedOrganisation): Promise<SignedGuidance> => {
  const parsed = SignedGuidanceSchema.safeParse(signed);
  if (!parsed.success) throw new AppError('invalid', { reason: 'signed-guidance' });
  const envelope = parsed.data;
  if (envelope.organisation !== pinned.fingerprint) throw new AppError('tampered', { reason: 'organisation' });
  if ((await fingerprintOf(pinned.signingKey)) !== pinned.fingerprint) {
    throw new AppError('tampered', { reason: 'pinned-key' });
  }
  const key = await importSigningPublicKey(pinned.signingKey);
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = decodeBase64Url(envelope.signature);
  } catch {
    throw new AppError('tampered', { reason: 'signature' });
  }
  const ok = await subtle().verify(SIGN_PARAMS, key, signature, utf8(guidanceStatement(envelope)));
  if (!ok) throw new AppError('tampered', { reason: 'signature' });
  return envelope;
};
