// The server's officer authentication pieces (server/officer-auth.ts): the scrypt hash of the authentication key and
// its check (including stored values that are damaged or of another scheme), the made-up KDF answer for unknown
// addresses, session tokens, and the two session time limits at their exact edges.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createDummyAuthHash,
  DEFAULT_OFFICER_KDF_ITERATIONS,
  hashAuthKey,
  hashToken,
  madeUpKdf,
  newToken,
  SESSION_IDLE_TIMEOUT_MS,
  SESSION_MAX_AGE_MS,
  sessionExpired,
  sessionExpiresAt,
  verifyAuthKey,
} from '../../../server/officer-auth.ts';
import type { SessionRecord } from '../../../server/storage/types.ts';
import { OfficerKdfSchema } from '../../../src/domain/org-protocol.ts';

const AUTH_KEY = 'k2V9cXo1bU5wR3FzTjd0WGh5QmZaZUxqY0FtRGs4UGE';

describe('hashAuthKey and verifyAuthKey', () => {
  it('stores scrypt with its parameters and a fresh salt, and verifies the right key only', async () => {
    const stored = await hashAuthKey(AUTH_KEY);
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain(AUTH_KEY);
    expect(await hashAuthKey(AUTH_KEY)).not.toBe(stored);
    expect(await verifyAuthKey(AUTH_KEY, stored)).toBe(true);
    expect(await verifyAuthKey(`${AUTH_KEY}x`, stored)).toBe(false);
    expect(await verifyAuthKey('', stored)).toBe(false);
  });

  it('refuses, without throwing, a stored value that is damaged or of another scheme', async () => {
    const stored = await hashAuthKey(AUTH_KEY);
    const [, n, r, p, salt, hash] = stored.split('$') as [string, string, string, string, string, string];
    const damaged = [
      ['bcrypt', n, r, p, salt, hash].join('$'),
      ['scrypt', n, r, p, '', hash].join('$'),
      ['scrypt', n, r, p, salt, ''].join('$'),
      ['scrypt', n, r, p, salt].join('$'),
      ['scrypt', n, r, p, salt, hash.slice(0, 20)].join('$'),
      '',
    ];
    for (const value of damaged) expect(await verifyAuthKey(AUTH_KEY, value), value).toBe(false);
  });

  it('uses the parameters stored with the hash (so they can be raised later)', async () => {
    const stored = await hashAuthKey(AUTH_KEY);
    const other = stored.replace('scrypt$16384$', 'scrypt$1024$');
    expect(await verifyAuthKey(AUTH_KEY, other)).toBe(false);
  });

  it('makes a dummy hash that is well formed and that no ordinary key matches', async () => {
    const dummy = await createDummyAuthHash();
    expect(dummy).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyAuthKey(AUTH_KEY, dummy)).toBe(false);
    expect(await verifyAuthKey('', dummy)).toBe(false);
    expect(await createDummyAuthHash()).not.toBe(dummy);
  });
});

describe('madeUpKdf', () => {
  const secret = Buffer.alloc(32, 7);

  it('answers like a new officer’s KDF: PBKDF2-SHA256, the default iterations and a 16-byte salt', () => {
    const kdf = madeUpKdf('nobody@example.org', secret);
    expect(OfficerKdfSchema.parse(kdf)).toEqual(kdf);
    expect(kdf.name).toBe('PBKDF2-SHA256');
    expect(kdf.iterations).toBe(DEFAULT_OFFICER_KDF_ITERATIONS);
    expect(Buffer.from(kdf.salt, 'base64url')).toHaveLength(16);
  });

  it('is the same for the same address and secret, and differs by address and by secret', () => {
    const one = madeUpKdf('nobody@example.org', secret).salt;
    expect(madeUpKdf('nobody@example.org', secret).salt).toBe(one);
    expect(madeUpKdf('somebody@example.org', secret).salt).not.toBe(one);
    expect(madeUpKdf('nobody@example.org', Buffer.alloc(32, 8)).salt).not.toBe(one);
  });
});

describe('session tokens', () => {
  it('are 32 random bytes in base64url, kept as their SHA-256 only', () => {
    const { token, tokenHash } = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenHash).toBe(createHash('sha256').update(token, 'utf8').digest('hex'));
    expect(hashToken(token)).toBe(tokenHash);
    expect(newToken().token).not.toBe(token);
  });
});

describe('session time limits', () => {
  const createdAt = '2026-11-23T10:00:00.000Z';
  const at = (iso: string, ms: number) => new Date(Date.parse(iso) + ms);
  const session = (lastUsedAt: string): SessionRecord => ({ tokenHash: 'h', officerId: 'o', createdAt, lastUsedAt });

  it('are 15 minutes idle and 8 hours in all', () => {
    expect(SESSION_IDLE_TIMEOUT_MS).toBe(15 * 60_000);
    expect(SESSION_MAX_AGE_MS).toBe(8 * 60 * 60_000);
  });

  it('ends the session at its maximum age after sign-in', () => {
    expect(sessionExpiresAt(session(createdAt))).toEqual(at(createdAt, SESSION_MAX_AGE_MS));
  });

  it('ends a session idle for the idle timeout, and not a millisecond before', () => {
    const fresh = session(createdAt);
    expect(sessionExpired(fresh, at(createdAt, SESSION_IDLE_TIMEOUT_MS - 1))).toBe(false);
    expect(sessionExpired(fresh, at(createdAt, SESSION_IDLE_TIMEOUT_MS))).toBe(true);
  });

  it('ends a session in use at its maximum age, and not a millisecond before', () => {
    const lastUsedAt = at(createdAt, SESSION_MAX_AGE_MS - 60_000).toISOString();
    const busy = session(lastUsedAt);
    expect(sessionExpired(busy, at(createdAt, SESSION_MAX_AGE_MS - 1))).toBe(false);
    expect(sessionExpired(busy, at(createdAt, SESSION_MAX_AGE_MS))).toBe(true);
  });
});
