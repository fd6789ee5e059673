// Bearer tokens of the v1 routes (health): configured device tokens, checked in constant time over
// sha-256 digests, then enrolled devices (looked up by hash). Keeps only digests; never logs or stores a token.
import { createHash, timingSafeEqual } from 'node:crypto';

export type Role = 'device' | 'officer';

/**
 * A token that was recognised: its role and a label safe to store and log (`device:3fa9c2d81b07`, or `device:<id>` for
 * an enrolled device). `revoked` marks an enrolled device's withdrawn token: known, and refused with 403.
 */
export type Principal = { role: Role; label: string; deviceId?: string; revoked?: boolean };

/** Finds the enrolled device holding a token (server/devices.ts). */
export type EnrolledDeviceLookup = (token: string) => Promise<Principal | undefined>;

/** SHA-256 (hex) of UTF-8 text: token hashes and body hashes. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

const digest = (token: string): Buffer => createHash('sha256').update(token).digest();

const labelOf = (role: Role, tokenDigest: Buffer): string => `${role}:${tokenDigest.toString('hex').slice(0, 12)}`;

/** The token of an `Authorization: Bearer <token>` header, or undefined when absent or of another scheme. */
export const bearerToken = (header: string | undefined): string | undefined => {
  // Stryker disable next-line StringLiteral: any text that is not a Bearer header gives no token, as '' does.
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
};

export type TokenChecker = {
  /** The principal of a presented token, or undefined when it matches no configured token or enrolled device. */
  check: (token: string | undefined) => Promise<Principal | undefined>;
};

export const createTokenChecker = (deviceTokens: readonly string[], enrolled?: EnrolledDeviceLookup): TokenChecker => {
  const known: { role: Role; digest: Buffer }[] = deviceTokens
    .filter((t) => t.length > 0)
    .map((t) => ({ role: 'device' as const, digest: digest(t) }));
  return {
    check: async (token) => {
      if (token === undefined) return undefined;
      const presented = digest(token);
      // Compare against every configured token, without stopping early, so timing tells nothing about which matched.
      // Two candidates that both match are the same token (same digest, role and label): either will do.
      let found: { role: Role; digest: Buffer } | undefined;
      for (const candidate of known) {
        if (timingSafeEqual(presented, candidate.digest)) found = candidate;
      }
      if (found) return { role: found.role, label: labelOf(found.role, found.digest) };
      return enrolled?.(token);
    },
  };
};
