// Officer authentication on the server: the slow hash of the authentication key (scrypt, timing-safe compare), the
// made-up KDF answer for unknown addresses, and session tokens (random, stored as SHA-256) with their time limits.
// Never stores or logs an authentication key or a token in clear.
import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { OfficerKdf } from '../src/domain/org-protocol.ts';
import { sha256Hex } from './auth.ts';
import type { SessionRecord } from './storage/types.ts';

/** A session ends after this long without a request... */
export const SESSION_IDLE_TIMEOUT_MS = 15 * 60 * 1000;
/** ...and this long after sign-in whatever happens. */
export const SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000;
export const TOKEN_BYTES = 32;

/** The KDF a new officer gets from the browser (src/vault newOfficerKdf); unknown addresses are answered alike. */
export const DEFAULT_OFFICER_KDF_ITERATIONS = 600_000;
const KDF_SALT_BYTES = 16;

/**
 * scrypt cost (N = 2^14, r = 8, p = 1: 16 MiB, tens of ms). The authentication key is itself the output of a slow
 * KDF with 256 bits of entropy; this hash makes a stolen database useless as a login without a second slow step.
 */
const SCRYPT = { N: 2 ** 14, r: 8, p: 1, keyBytes: 32, saltBytes: 16, maxmem: 64 * 1024 * 1024 } as const;

const scryptAsync = (secret: Buffer, salt: Buffer, params: { N: number; r: number; p: number }) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(secret, salt, SCRYPT.keyBytes, { ...params, maxmem: SCRYPT.maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

/** `scrypt$<N>$<r>$<p>$<salt b64url>$<hash b64url>`: the parameters travel with the hash so they can be raised. */
export const hashAuthKey = async (authKey: string): Promise<string> => {
  const salt = randomBytes(SCRYPT.saltBytes);
  const hash = await scryptAsync(Buffer.from(authKey), salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
};

/** True when `authKey` matches the stored hash; the comparison takes the same time wherever the bytes differ. */
export const verifyAuthKey = async (authKey: string, stored: string): Promise<boolean> => {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(Buffer.from(authKey), Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};

/**
 * A hash no authentication key matches in practice (a random key's), checked for unknown addresses so that
 * signing in as nobody costs the same time as a wrong passphrase.
 */
export const createDummyAuthHash = (): Promise<string> => hashAuthKey(randomBytes(32).toString('base64url'));

/** The answer to prelogin for an address with no account: stable for that address, and shaped like a real one. */
export const madeUpKdf = (email: string, secret: Buffer): OfficerKdf => ({
  name: 'PBKDF2-SHA256',
  iterations: DEFAULT_OFFICER_KDF_ITERATIONS,
  salt: createHmac('sha256', secret)
    .update(`prelogin-salt:${email}`)
    .digest()
    .subarray(0, KDF_SALT_BYTES)
    .toString('base64url'),
});

/** A new bearer token (32 random bytes, base64url) and the SHA-256 (hex) the database keeps instead. */
export const newToken = (): { token: string; tokenHash: string } => {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, tokenHash: hashToken(token) };
};

export const hashToken = (token: string): string => sha256Hex(token);

/** When the session ends at the latest. */
export const sessionExpiresAt = (session: SessionRecord): Date =>
  new Date(Date.parse(session.createdAt) + SESSION_MAX_AGE_MS);

/** True when the session is past its idle timeout or its maximum age at `now`. */
export const sessionExpired = (session: SessionRecord, now: Date): boolean =>
  now.getTime() - Date.parse(session.lastUsedAt) >= SESSION_IDLE_TIMEOUT_MS ||
  now.getTime() >= sessionExpiresAt(session).getTime();
