// The pack an officer publishes: the server's pack with the service's contacts, stamped with the publication time and
// a version that names both; contacts that fail the pack's schema give its issues and no pack.
import { describe, expect, it } from 'vitest';
import { packWithContacts } from '../../../src/domain/signed-guidance.ts';
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
