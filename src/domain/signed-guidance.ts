// The guidance pack as an organisation publishes it (protocol v2): the pack with the service's own contacts, signed by
// the organisation's signing key. Pure: the wire schema, the exact statement that is signed, and the pack an officer
// publishes; signing and checking are src/vault's (WebCrypto) and the server's (node:crypto) own.
import { z } from 'zod';
import { type GuidancePack, type LocalContacts, parseGuidancePack } from './guidance.ts';
import { Base64UrlSchema } from './org-protocol.ts';
import { canonicalJson } from './protocol.ts';

export const GUIDANCE_PATHS = {
  /** The published, signed pack (no token: published guidance, not personal data). */
  published: '/v2/guidance',
  /** An officer publishes a pack their browser signed. */
  publish: '/v2/officer/guidance',
} as const;

/** Version of the signed statement; bump it (and keep verifying the old one) if its fields change. */
export const SIGNED_GUIDANCE_VERSION = 1;
/** ECDSA over P-256 with SHA-256 (the organisation's signing key), signature as r || s (64 bytes). */
export const SIGNED_GUIDANCE_ALG = 'ES256';
const STATEMENT_TYPE = 'safevisit/guidance-pack';

/**
 * `GET /v2/guidance` and the body of `POST /v2/officer/guidance`. `organisation` is the fingerprint (base64url
 * SHA-256 of the signing key's SPKI) of the organisation that signed it; `pack` is checked by parseGuidancePack only
 * after the signature holds.
 */
export const SignedGuidanceSchema = z.strictObject({
  v: z.literal(SIGNED_GUIDANCE_VERSION),
  alg: z.literal(SIGNED_GUIDANCE_ALG),
  organisation: Base64UrlSchema.length(43),
  pack: z.record(z.string(), z.unknown()),
  signature: Base64UrlSchema.min(80).max(200),
});
export type SignedGuidance = z.infer<typeof SignedGuidanceSchema>;

/** The answer of a publication: what devices will now receive. */
export const PublishedGuidanceSchema = z.strictObject({
  version: z.string(),
  publishedAt: z.string(),
  etag: z.string(),
});
export type PublishedGuidanceInfo = z.infer<typeof PublishedGuidanceSchema>;

/**
 * The text that is signed: canonical JSON (keys sorted at every level) of a type tag, the version, the organisation's
 * fingerprint and the pack. The fingerprint is inside, so a pack signed for one organisation never reads as another's.
 */
export const guidanceStatement = (signed: Pick<SignedGuidance, 'organisation' | 'pack'>): string =>
  canonicalJson({
    type: STATEMENT_TYPE,
    v: SIGNED_GUIDANCE_VERSION,
    organisation: signed.organisation,
    pack: signed.pack,
  });

/** Drops the roles left empty: a role with no contact is "ask your service", not an empty contact. */
const presentContacts = (contacts: LocalContacts): LocalContacts =>
  Object.fromEntries(Object.entries(contacts).filter(([, contact]) => contact !== undefined));

/**
 * The pack an officer publishes: the server's guidance (`base`) with the service's contacts, stamped now. The version
 * names both, so a device can say which it has. Returns the checked pack, or the issues (paths under `localContacts`).
 */
export const packWithContacts = (
  base: GuidancePack,
  contacts: LocalContacts,
  now: Date,
): { ok: true; pack: GuidancePack } | { ok: false; issues: string[] } => {
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15);
  // Room for '+contacts.' and the stamp within the schema's 64 characters.
  const baseVersion = base.version.replace(/\+contacts\.\d{8}T\d{6}$/, '').slice(0, 39);
  const { localContacts: _old, ...rest } = base;
  const local = presentContacts(contacts);
  return parseGuidancePack({
    ...rest,
    version: `${baseVersion}+contacts.${stamp}`,
    publishedAt: now.toISOString(),
    ...(Object.keys(local).length > 0 ? { localContacts: local } : {}),
  });
};
