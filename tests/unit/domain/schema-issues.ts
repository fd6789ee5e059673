// What a wire schema says about a value, as the server's 400 answer lists it ("path: message" per problem), and
// sample keys, grants and officers of the sizes the schemas take.
import type { z } from 'zod';

export const issuesOf = (schema: z.ZodType, value: unknown): string[] => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

/** True when the schema accepts the value. */
export const accepts = (schema: z.ZodType, value: unknown): boolean => schema.safeParse(value).success;

/** base64url text of n characters: keys and sealed values are opaque to the schemas, only their sizes count. */
export const b64 = (n: number) => 'A'.repeat(n);
export const WHEN = '2026-11-30T09:00:00.000Z';
export const KEY = { kid: 'key-2026-11', publicKey: b64(87), createdAt: WHEN, signature: b64(86) };
export const KDF = { name: 'PBKDF2-SHA256', iterations: 600_000, salt: b64(22) };
export const KEYS = { publicKey: b64(87), wrappedPrivateKey: b64(200) };
export const GRANT = { kid: 'signing', sealed: b64(300) };
export const OFFICER = { id: 'o1', name: 'Sam Patel', email: 'sam@example.org', confirmed: true, createdAt: WHEN };
