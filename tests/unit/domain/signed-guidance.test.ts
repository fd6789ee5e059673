// The pack an officer publishes: the server's pack with the service's contacts, stamped with the publication time and
// a version that names both; contacts that fail the pack's schema give its issues and no pack.
import { describe, expect, it } from 'vitest';
import {
  GUIDANCE_PATHS,
  guidanceStatement,
  PublishedGuidanceSchema,
  packWithContacts,
  type SignedGuidance,
  SignedGuidanceSchema,
} from '../../../src/domain/signed-guidance.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';

const AT = new Date('2026-11-30T16:05:09.123Z');

describe('packWithContacts', () => {
  it('puts the contacts in, stamps the time and names the base version', () => {
    const made = packWithContacts(BUNDLED_PACK, { mash: { name: 'MASH', phone: '020 7974 1553' } }, AT);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.pack.localContacts).toEqual({ mash: { name: 'MASH', phone: '020 7974 1553' } });
    expect(made.pack.publishedAt).toBe(AT.toISOString());
    expect(made.pack.version).toBe(`${BUNDLED_PACK.version}+contacts.20261130T160509`);
    expect(made.pack.articles).toEqual(BUNDLED_PACK.articles);
  });

  it('replaces the contacts of a pack published before, and its stamp, rather than adding to them', () => {
    const first = packWithContacts(BUNDLED_PACK, { lado: { name: 'LADO', phone: '020 7974 4556' } }, AT);
    if (!first.ok) throw new Error('first pack refused');
    const again = packWithContacts(first.pack, {}, new Date('2026-12-01T00:00:00Z'));
    expect(again.ok && again.pack.localContacts).toBeUndefined();
    expect(again.ok && again.pack.version).toBe(`${BUNDLED_PACK.version}+contacts.20261201T000000`);
  });

  it('replaces only a stamp at the end of the version, never one a publisher wrote inside it', () => {
    const version = '2026.11+contacts.20261130T160509.2';
    const made = packWithContacts({ ...BUNDLED_PACK, version }, {}, AT);
    expect(made.ok && made.pack.version).toBe(`${version}+contacts.20261130T160509`);
  });

  it('keeps the version within the schema’s 64 characters', () => {
    const made = packWithContacts({ ...BUNDLED_PACK, version: 'v'.repeat(64) }, {}, AT);
    expect(made.ok && made.pack.version.length).toBe(64);
  });

  it('answers the schema’s issues for contacts it refuses', () => {
    const made = packWithContacts(BUNDLED_PACK, { lado: { name: 'LADO', email: 'lado@example.org?bcc=x@y.org' } }, AT);
    expect(made.ok).toBe(false);
    if (!made.ok) expect(made.issues.join('\n')).toMatch(/localContacts\.lado\.email/);
  });
});

describe('packWithContacts: the contacts it keeps', () => {
  it('leaves out a role given no contact rather than publishing it empty', () => {
    const made = packWithContacts(
      BUNDLED_PACK,
      { lado: undefined, mash: { name: 'MASH', phone: '020 7974 1553' } },
      AT,
    );
    expect(made.ok && Object.keys(made.pack.localContacts ?? {})).toEqual(['mash']);
  });
});

const ORGANISATION = `${'a-_Z9'.repeat(8)}abc`;
const SIGNED: SignedGuidance = {
  v: 1,
  alg: 'ES256',
  organisation: ORGANISATION,
  pack: { version: '2026.11.1' },
  signature: 'S'.repeat(86),
};

describe('SignedGuidanceSchema', () => {
  it('accepts a signed pack as the server serves it', () => {
    expect(SignedGuidanceSchema.parse(SIGNED)).toEqual(SIGNED);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a newer statement version', { v: 2 }],
    ['another algorithm', { alg: 'ES384' }],
    ['a fingerprint one character short', { organisation: ORGANISATION.slice(1) }],
    ['a fingerprint one character long', { organisation: `${ORGANISATION}a` }],
    ['a fingerprint that is not base64url', { organisation: `${ORGANISATION.slice(1)}+` }],
    ['a pack that is not an object', { pack: 'pack' }],
    ['a signature too short to be ES256', { signature: 'S'.repeat(79) }],
    ['a signature too long', { signature: 'S'.repeat(201) }],
    ['a field it does not know', { extra: true }],
  ])('refuses %s', (_what, change) => {
    expect(SignedGuidanceSchema.safeParse({ ...SIGNED, ...change }).success).toBe(false);
  });

  it('accepts signatures from 80 to 200 characters', () => {
    for (const length of [80, 200]) {
      expect(SignedGuidanceSchema.safeParse({ ...SIGNED, signature: 'S'.repeat(length) }).success).toBe(true);
    }
  });
});

describe('PublishedGuidanceSchema', () => {
  it('reads the answer of a publication and nothing more', () => {
    const answer = { version: '2026.11.1', publishedAt: '2026-11-30T16:05:09.123Z', etag: '"abc"' };
    expect(PublishedGuidanceSchema.parse(answer)).toEqual(answer);
    expect(PublishedGuidanceSchema.safeParse({ ...answer, extra: 1 }).success).toBe(false);
    expect(PublishedGuidanceSchema.safeParse({ ...answer, etag: 1 }).success).toBe(false);
  });
});

describe('guidanceStatement', () => {
  it('is the canonical JSON of the type tag, the version, the organisation and the pack', () => {
    expect(guidanceStatement({ organisation: ORGANISATION, pack: { version: '1', articles: [] } })).toBe(
      `{"organisation":"${ORGANISATION}","pack":{"articles":[],"version":"1"},"type":"safevisit/guidance-pack","v":1}`,
    );
  });

  it('serves the pack at the published path and takes publications at the officer’s', () => {
    expect(GUIDANCE_PATHS).toEqual({ published: '/v2/guidance', publish: '/v2/officer/guidance' });
  });
});
