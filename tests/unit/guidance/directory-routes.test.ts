// No dead ends: every entry of the support directory can be reached, through its own contacts (each one a working
// tel:, mailto: or web link) or through the service's contact it names; the pack's local contacts fill those in.
import { describe, expect, it } from 'vitest';
import { contactLink } from '../../../src/app/guidance/guidance-format.ts';
import type { GuidancePack } from '../../../src/domain/guidance.ts';
import { contactRoute, LOCAL_ROLE_LABELS } from '../../../src/guidance/contact-route.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';

const LOCAL = {
  lado: { name: 'LADO team', phone: '020 7000 0001' },
  mash: { name: 'MASH', email: 'mash@example.org' },
  outOfHours: { name: 'Out-of-hours team', phone: '020 7000 0003' },
  safeguardingLead: { name: 'Sam Lead', phone: '020 7000 0004', email: 'lead@example.org' },
} satisfies GuidancePack['localContacts'];

describe('support directory routes', () => {
  it.each(BUNDLED_PACK.directory.map((e) => [e.id, e] as const))('%s can be reached', (_id, entry) => {
    const route = contactRoute(BUNDLED_PACK, entry);
    if (route.kind === 'direct') {
      expect(route.contacts.length).toBeGreaterThan(0);
      for (const contact of route.contacts) expect(contactLink(contact), contact.value).not.toBeNull();
    } else {
      // Named in the pack, not left to the fallback: an author decided whose contact it is.
      expect(entry.contactVia).toBe(route.role);
      expect(LOCAL_ROLE_LABELS[route.role]).toMatch(/^your /);
    }
  });

  it('sends the local services to the service’s own contacts', () => {
    const via = (id: string) => BUNDLED_PACK.directory.find((e) => e.id === id)?.contactVia;
    expect(via('lado')).toBe('lado');
    expect(via('camden-mash')).toBe('mash');
    expect(via('samaritans')).toBe('safeguardingLead');
  });

  it('fills the route from the pack’s local contacts when it publishes them', () => {
    const pack: GuidancePack = { ...BUNDLED_PACK, localContacts: LOCAL };
    for (const entry of pack.directory) {
      const route = contactRoute(pack, entry);
      if (route.kind === 'local') expect(route.contact).toEqual(LOCAL[route.role]);
    }
    const lado = pack.directory.find((e) => e.id === 'lado');
    if (!lado) throw new Error('no LADO entry');
    expect(contactRoute(pack, lado)).toEqual({ kind: 'local', role: 'lado', contact: LOCAL.lado });
  });

  it('leads an entry with no contact and no role (an older pack) to the safeguarding lead', () => {
    const [first] = BUNDLED_PACK.directory;
    if (!first) throw new Error('empty directory');
    const bare = { ...first, contacts: [], contactVia: undefined };
    expect(contactRoute(BUNDLED_PACK, bare)).toEqual({ kind: 'local', role: 'safeguardingLead' });
  });

  it('never links an email with a query part', () => {
    expect(contactLink({ kind: 'email', value: 'lado@example.org?bcc=x@example.net' })).toBeNull();
    expect(contactLink({ kind: 'email', value: 'lado@example.org' })).toEqual({
      href: 'mailto:lado@example.org',
      external: false,
    });
  });
});
