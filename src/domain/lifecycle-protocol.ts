// Key rotation and the end of a report's life on the wire: a new organisation encryption key published with its
// grants (sealed in the rotating officer's browser), and an officer's erasure of one report. Pure zod schemas, shared
// with server/; the server only ever sees public keys and sealed values.
import { z } from 'zod';
import { OrgEncryptionKeySchema, SealedGrantSchema } from './org-protocol.ts';

export const LIFECYCLE_PATHS = {
  /** `POST`: publish a new encryption key (it becomes the current one). */
  rotateKey: '/v2/officer/org/keys',
  /** `POST`: erase one report (every revision, its alerts) at once. */
  erase: (id: string) => `/v2/officer/reports/${encodeURIComponent(id)}/erase`,
} as const;

/** The new private key sealed to one confirmed officer's public key (kid: the new key's). */
export const RotationGrantSchema = SealedGrantSchema.extend({ officerId: z.string().min(1).max(64) });
export type RotationGrant = z.infer<typeof RotationGrantSchema>;

/**
 * `POST /v2/officer/org/keys`: the new key, signed by the organisation's signing key in the officer's browser, and
 * its private half sealed to every confirmed officer (one grant each). Devices check the signature; the server
 * checks the grants cover exactly the confirmed officers and that the key is newer than every other.
 */
export const RotateKeyRequestSchema = z.strictObject({
  encryptionKey: OrgEncryptionKeySchema,
  grants: z.array(RotationGrantSchema).min(1).max(500),
});
export type RotateKeyRequest = z.infer<typeof RotateKeyRequestSchema>;

/** How far ahead of the server's clock a new key's signed createdAt may be (officers' clocks drift). */
export const KEY_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** What an officer types to erase a report: the erasure cannot be undone, so it is never one click. */
export const ERASE_CONFIRMATION = 'ERASE';
export const EraseReportRequestSchema = z.strictObject({
  confirm: z.literal(ERASE_CONFIRMATION, { error: `type ${ERASE_CONFIRMATION} to confirm` }),
});
