// Bearer tokens of the sync server: device tokens and the officer's token, checked in constant time over sha-256
// digests. Keeps only digests in memory once built; never logs or stores a token, only a short label of its hash.
import { createHash, timingSafeEqual } from 'node:crypto';

export type Role = 'device' | 'officer';

/** A token that was accepted: its role and a label safe to store and log (`device:3fa9c2d81b07`). */
export type Principal = { role: Role; label: string };

const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

const labelOf = (role: Role, tokenDigest: Buffer): string => `${role}:${tokenDigest.toString('hex').slice(0, 12)}`;

/** The token of an `Authorization: Bearer <token>` header, or undefined when absent or of another scheme. */
export const bearerToken = (header: string | undefined): string | undefined => {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
};

export type TokenChecker = {
  /** The principal of a presented token, or undefined when it matches no configured token. */
  check: (token: string | undefined) => Principal | undefined;
};

export const createTokenChecker = (deviceTokens: readonly string[], officerToken?: string): TokenChecker => {
  const known: { role: Role; digest: Buffer }[] = [
    ...deviceTokens.filter((t) => t.length > 0).map((t) => ({ role: 'device' as const, digest: digest(t) })),
    ...(officerToken ? [{ role: 'officer' as const, digest: digest(officerToken) }] : []),
  ];
  return {
    check: (token) => {
      if (token === undefined) return undefined;
      const presented = digest(token);
      // Compare against every configured token, without stopping early, so timing tells nothing about which matched.
      let found: { role: Role; digest: Buffer } | undefined;
      for (const candidate of known) {
        if (timingSafeEqual(presented, candidate.digest) && !found) found = candidate;
      }
      return found ? { role: found.role, label: labelOf(found.role, found.digest) } : undefined;
    },
  };
};
