// The organisation side on the wire (DESIGN.md "The organisation side", protocol v2): the zod schemas the server,
// the officer's screens and the device share. Every key and sealed value travels as base64url text; the server
// stores and returns them as opaque strings and never holds a private key or a passphrase in clear.
import { z } from 'zod';

/** base64url without padding (RFC 4648 section 5). */
export const Base64UrlSchema = z.string().regex(/^[A-Za-z0-9_-]*$/, { error: 'must be base64url text' });

const b64 = (min: number, max: number) => Base64UrlSchema.min(min).max(max);
const isoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time' });

export const ORG_PATHS = {
  org: '/v2/org',
  setup: '/v2/officer/setup',
  prelogin: '/v2/officer/prelogin',
  signIn: '/v2/officer/sign-in',
  signOut: '/v2/officer/sign-out',
  me: '/v2/officer/me',
  devices: '/v2/officer/devices',
  revokeDevice: (id: string) => `/v2/officer/devices/${encodeURIComponent(id)}/revoke`,
  deviceStatus: '/v2/device',
} as const;

export const ORG_NAME_MAX_CHARS = 120;
export const PERSON_NAME_MAX_CHARS = 120;
export const DEVICE_NAME_MAX_CHARS = 80;
export const EMAIL_MAX_CHARS = 254;

export const OrgNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter the organisation name' })
  .max(ORG_NAME_MAX_CHARS, { error: `Use at most ${ORG_NAME_MAX_CHARS} characters` });
export const PersonNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter your name' })
  .max(PERSON_NAME_MAX_CHARS, { error: `Use at most ${PERSON_NAME_MAX_CHARS} characters` });
export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX_CHARS)
  .pipe(z.email({ error: 'Enter an email address like name@example.org' }));
export const DeviceNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Enter a name for the device' })
  .max(DEVICE_NAME_MAX_CHARS, { error: `Use at most ${DEVICE_NAME_MAX_CHARS} characters` });

/** Key derivation of an officer's master key, kept by the server so the browser can derive it again at sign-in. */
export const OfficerKdfSchema = z.strictObject({
  name: z.literal('PBKDF2-SHA256'),
  iterations: z.number().int().min(600_000).max(10_000_000),
  /** 16 random bytes, base64url. */
  salt: b64(22, 22),
});
export type OfficerKdf = z.infer<typeof OfficerKdfSchema>;

/**
 * One organisation encryption public key (HPKE DHKEM(P-256, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM): the raw
 * uncompressed P-256 point, its key id, when it was made, and an ECDSA P-256 / SHA-256 signature by the
 * organisation's signing key over the canonical statement (see the org crypto module).
 */
export const OrgEncryptionKeySchema = z.strictObject({
  kid: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'must be a key id' }),
  publicKey: b64(87, 87),
  createdAt: isoDateTime,
  signature: b64(80, 200),
});
export type OrgEncryptionKey = z.infer<typeof OrgEncryptionKeySchema>;

/**
 * `GET /v2/org`: what a device pins and checks. `signingKey` is the SPKI of the ECDSA P-256 signing key; its
 * SHA-256 is the organisation's fingerprint. `nameSignature` signs the name, so a server cannot rename it.
 * The newest encryption key (by createdAt) is the current one; older ones stay so sealed reports still open.
 */
/** Encryption keys a descriptor may list: one rotation a year lasts decades. */
export const ORG_ENCRYPTION_KEYS_MAX = 50;

export const OrgDescriptorSchema = z.strictObject({
  v: z.literal(1),
  name: OrgNameSchema,
  signingKey: b64(80, 200),
  nameSignature: b64(80, 200),
  encryptionKeys: z.array(OrgEncryptionKeySchema).min(1).max(ORG_ENCRYPTION_KEYS_MAX),
});
export type OrgDescriptor = z.infer<typeof OrgDescriptorSchema>;

/** A value sealed to one officer's public key (HPKE): the organisation's private keys reach officers only so. */
export const SealedGrantSchema = z.strictObject({
  /** 'signing' for the signing private key, otherwise the encryption key's kid. */
  kid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** The sealed private key (versioned envelope, base64url of its JSON bytes). */
  sealed: b64(40, 4_096),
});
export type SealedGrant = z.infer<typeof SealedGrantSchema>;

/** An officer's own key pair as the server keeps it: the public key and the private key wrapped by their KEK. */
export const OfficerKeysSchema = z.strictObject({
  publicKey: b64(87, 87),
  /** The private key (PKCS#8) encrypted with AES-GCM under the key-encryption key; opaque to the server. */
  wrappedPrivateKey: b64(40, 4_096),
});
export type OfficerKeys = z.infer<typeof OfficerKeysSchema>;

/** The authentication key derived from the master key (32 bytes, base64url); the server keeps only a slow hash. */
export const AuthKeySchema = b64(43, 43);

export const SetupRequestSchema = z.strictObject({
  setupCode: z.string().trim().min(1, { error: 'Enter the setup code' }).max(100),
  organisation: z.strictObject({
    name: OrgNameSchema,
    signingKey: b64(80, 200),
    nameSignature: b64(80, 200),
    encryptionKey: OrgEncryptionKeySchema,
  }),
  officer: z.strictObject({
    name: PersonNameSchema,
    email: EmailSchema,
    kdf: OfficerKdfSchema,
    authKey: AuthKeySchema,
    keys: OfficerKeysSchema,
  }),
  /** The organisation's private keys sealed to this officer: the signing key and the encryption key. */
  grants: z.array(SealedGrantSchema).min(2).max(50),
});
export type SetupRequest = z.infer<typeof SetupRequestSchema>;

export const PreloginRequestSchema = z.strictObject({ email: EmailSchema });
/** Always answered, known address or not (an unknown one gets a stable made-up salt), so it reveals no account. */
export const PreloginResponseSchema = z.strictObject({ kdf: OfficerKdfSchema });

export const SignInRequestSchema = z.strictObject({ email: EmailSchema, authKey: AuthKeySchema });

export const OfficerSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: PersonNameSchema,
  email: EmailSchema,
  /** Confirmed officers hold grants; an unconfirmed one can sign in and read nothing. */
  confirmed: z.boolean(),
  createdAt: isoDateTime,
});
export type Officer = z.infer<typeof OfficerSchema>;

/**
 * Answer of setup and sign-in. The token is a bearer token the officer's screen keeps in memory only; it ends after
 * `idleTimeoutMs` without use and at `expiresAt` whatever happens.
 */
export const SessionResponseSchema = z.strictObject({
  token: b64(43, 43),
  expiresAt: isoDateTime,
  idleTimeoutMs: z.number().int().positive(),
  officer: OfficerSchema,
  keys: OfficerKeysSchema,
  grants: z.array(SealedGrantSchema).max(50),
  org: OrgDescriptorSchema,
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const EnrolDeviceRequestSchema = z.strictObject({ name: DeviceNameSchema });

export const DeviceSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: DeviceNameSchema,
  createdAt: isoDateTime,
  /** When the device last used its token (submitted, or asked for its status); null before its first contact. */
  lastSeenAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});
export type Device = z.infer<typeof DeviceSchema>;

/** `POST /v2/officer/devices`: the new device and its token, shown once (the server keeps only its hash). */
export const EnrolDeviceResponseSchema = z.strictObject({ device: DeviceSchema, token: b64(43, 43) });
export const DeviceListSchema = z.strictObject({ devices: z.array(DeviceSchema) });
/** `POST /v2/officer/devices/:id/revoke`: the device, now with revokedAt (revoking again keeps the first time). */
export const RevokeDeviceResponseSchema = z.strictObject({ device: DeviceSchema });

/** `GET /v2/device` with the device token: who the device is enrolled with (200), or 401/403 when revoked. */
export const DeviceStatusSchema = z.strictObject({ deviceId: z.string().min(1).max(64), org: OrgDescriptorSchema });

/**
 * The enrolment link's payload: `<app origin>/#enrol=<base64url of this JSON>`. A fragment, so no server log
 * ever sees the token. `fingerprint` is the base64url SHA-256 of the signing key's SPKI.
 */
export const EnrolmentPayloadSchema = z.strictObject({
  v: z.literal(1),
  endpoint: z.url({ protocol: /^https?$/, error: 'must be a web address' }).max(2_048),
  token: b64(43, 43),
  fingerprint: b64(43, 43),
});
export type EnrolmentPayload = z.infer<typeof EnrolmentPayloadSchema>;
