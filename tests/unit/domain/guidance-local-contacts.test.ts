// The guidance pack's optional parts for issue 18: the service's local contacts (emails that a mailto: link cannot
// be made to act on), advice marked as the service's, directory entries naming whose contact to use, reserved ids.
import { describe, expect, it } from 'vitest';
import { type GuidancePack, isPlainEmailAddress, parseGuidancePack } from '../../../src/domain/guidance.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';

const wire = (): GuidancePack => JSON.parse(JSON.stringify(BUNDLED_PACK)) as GuidancePack;
const withLocal = (localContacts: unknown): unknown => ({ ...wire(), localContacts });
const issuesOf = (json: unknown): string[] => {
  const result = parseGuidancePack(json);
  return result.ok ? [] : result.issues;
};

describe('local contacts in a guidance pack', () => {
  it('accepts a service’s LADO, MASH, out-of-hours and safeguarding lead, each with a phone or an email', () => {
    const result = parseGuidancePack(
      withLocal({
        lado: { name: 'LADO team', phone: '020 7974 4556', email: 'lado@example.org' },
        mash: { name: 'MASH (front door)', phone: '020 7974 1553' },
        outOfHours: { name: 'Emergency duty team', phone: '+44 20 7974 4444' },
        safeguardingLead: { name: 'Sam Lead', email: 'sam.lead@example.org' },
      }),
    );
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(result.ok && result.pack.localContacts?.lado?.email).toBe('lado@example.org');
  });

  it('is optional: the bundled pack has none', () => {
    expect(BUNDLED_PACK.localContacts).toBeUndefined();
    expect(issuesOf(wire())).toEqual([]);
  });

  it.each([
    'lado@example.org?bcc=attacker@example.net',
    'lado@example.org&body=hello',
    'lado@example.org#x',
    'lado?cc=x@example.org',
    'lado@example.org\nbcc:attacker@example.net',
    'mailto:lado@example.org',
    'lado@localhost',
    'lado @example.org',
  ])('refuses the email "%s", which is not a bare address', (email) => {
    expect(isPlainEmailAddress(email)).toBe(false);
    expect(issuesOf(withLocal({ lado: { name: 'LADO', email } })).join('\n')).toMatch(/localContacts\.lado\.email/);
  });

  it.each([
    'call 020 7974 4556',
    'tel:02079744556',
    '020 7974 4556;ext=1',
    '020 7974#4556',
    '020\n7974 4556',
    '+44 20 7974 4556 <script>',
    '20',
    '0'.repeat(21),
  ])('refuses the phone number "%s": digits, spaces and + ( ) - only', (phone) => {
    expect(issuesOf(withLocal({ mash: { name: 'MASH', phone } })).join('\n')).toMatch(/localContacts\.mash\.phone/);
  });

  it.each(['020 7974 4556', '+44 (0)20 7974-4556', '999'])('accepts the phone number "%s"', (phone) => {
    expect(issuesOf(withLocal({ mash: { name: 'MASH', phone } }))).toEqual([]);
  });

  it('refuses a contact with neither phone nor email, a bad phone, or an unknown role', () => {
    expect(issuesOf(withLocal({ mash: { name: 'MASH' } })).join('\n')).toMatch(/needs a phone number or an email/);
    expect(issuesOf(withLocal({ mash: { name: 'MASH', phone: 'call us' } })).join('\n')).toMatch(/phone/);
    expect(issuesOf(withLocal({ police: { name: 'Police', phone: '101' } })).length).toBeGreaterThan(0);
  });
});

describe('advice origin, contact routes and reserved ids', () => {
  it('accepts origin "service" on an article and on a block, and refuses another value', () => {
    const pack = wire();
    const [first] = pack.articles;
    if (!first) throw new Error('the bundled pack has no article');
    first.origin = 'service';
    first.body = [{ ...first.body[0], origin: 'service' } as (typeof first.body)[number], ...first.body.slice(1)];
    expect(issuesOf(pack)).toEqual([]);
    first.origin = 'officer' as never;
    expect(issuesOf(pack).join('\n')).toMatch(/articles\[0\]\.origin/);
  });

  it('refuses a directory entry whose contactVia names no known role', () => {
    const pack = wire();
    const entry = pack.directory.find((e) => e.id === 'lado');
    if (!entry) throw new Error('no LADO entry');
    entry.contactVia = 'headteacher' as never;
    expect(issuesOf(pack).join('\n')).toMatch(/contactVia/);
  });

  it.each(['directory', 'quick-reference'])('refuses an article with the reserved id "%s"', (id) => {
    const pack = wire();
    const [first] = pack.articles;
    if (!first) throw new Error('the bundled pack has no article');
    pack.sections = pack.sections.map((s) => ({
      ...s,
      articleIds: s.articleIds.map((a) => (a === first.id ? id : a)),
    }));
    first.id = id;
    expect(issuesOf(pack).join('\n')).toMatch(/reserved/);
  });
});
