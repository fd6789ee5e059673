// What a device keeps about the organisation it is enrolled with (encrypted in the vault as the `enrolment`
// secret): where to send, the token, the pinned fingerprint and the descriptor checked against it. Pure schemas.
import { z } from 'zod';
import { Base64UrlSchema, OrgDescriptorSchema } from './org-protocol.ts';

export const EnrolmentSchema = z.strictObject({
  v: z.literal(1),
  /** The endpoint as checked by the sync rules (https, or http to this computer only), no trailing slash. */
  endpoint: z.string().min(1).max(2_048),
  token: z.string().min(1).max(4_096),
  /** base64url SHA-256 of the organisation's signing key (SPKI), pinned at enrolment. */
  fingerprint: Base64UrlSchema.length(43),
  /** The descriptor as verified against `fingerprint` at enrolment. */
  org: OrgDescriptorSchema,
  deviceId: z.string().min(1).max(64),
  /** ISO 8601. */
  enrolledAt: z.iso.datetime({ offset: true }),
});
export type Enrolment = z.infer<typeof EnrolmentSchema>;

/** What Settings shows about an enrolment: never the token. */
export type EnrolmentSummary = { orgName: string; fingerprintCode: string; endpoint: string };
