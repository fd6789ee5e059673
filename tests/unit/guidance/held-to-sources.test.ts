// The guidance says what its sources say and no more; where it adds advice of its own, the pack marks it
// (origin 'service') so the screen can say so and an officer can review it. Quick reference: from the pack.
import { describe, expect, it } from 'vitest';
import { type Article, bodyText } from '../../../src/domain/guidance.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';
import {
  QUICK_REFERENCE_SOURCES,
  QUICK_REFERRAL_CRITERIA,
  quickNumbers,
} from '../../../src/guidance/quick-reference.ts';
import { createGuidanceSearch } from '../../../src/guidance/search.ts';

const article = (id: string): Article => {
  const found = BUNDLED_PACK.articles.find((a) => a.id === id);
  if (!found) throw new Error(`no article '${id}'`);
  return found;
};
const allText = BUNDLED_PACK.articles.map((a) => `${a.summary}\n${bodyText(a.body)}`).join('\n');
const sourceText = (a: Article) => `${a.summary}\n${bodyText(a.body.filter((b) => b.origin !== 'service'))}`;

describe('statements held to the sources', () => {
  it('says images passed on "to alert a colleague" potentially committed an offence, not that they did', () => {
    expect(allText).not.toMatch(/have committed offences/);
    expect(bodyText(article('child-abuse-images').body)).toMatch(/potentially committed a criminal offence/);
  });

  it('makes extreme bullying, not any sexual or racist bullying, the referral criterion', () => {
    expect(allText).not.toMatch(/otherwise hate-based/);
    expect(allText).not.toMatch(/sexual or racist bullying meets/);
    expect(bodyText(article('referral-criteria').body)).toMatch(/extreme online bullying/);
  });

  it('says "should" where the Kent and Medway FAQ says should', () => {
    for (const id of ['clients-as-friends', 'photos-of-clients', 'comments-about-me', 'colleague-online-behaviour'])
      expect(`${article(id).summary}\n${bodyText(article(id).body)}`, id).not.toMatch(/\bmust\b/);
  });
});

describe('advice the service adds beyond the sources', () => {
  it('marks every answer to a discussion question as the service’s', () => {
    const discussion = BUNDLED_PACK.articles.filter((a) => a.id.startsWith('discuss-'));
    expect(discussion.length).toBeGreaterThan(5);
    for (const a of discussion) expect(a.origin, a.id).toBe('service');
  });

  it.each([
    ['online-cse', /sextortion/i],
    ['online-gambling', /spent or lost/],
    ['misinformation', /who made it/],
  ])('keeps the added advice of %s in a marked block only', (id, added) => {
    const a = article(id);
    expect(bodyText(a.body.filter((b) => b.origin === 'service'))).toMatch(added);
    expect(sourceText(a)).not.toMatch(added);
  });
});

describe('quick reference', () => {
  it('lists the seven referral criteria of Camden 6.2, each short enough for one line', () => {
    expect(QUICK_REFERRAL_CRITERIA).toHaveLength(7);
    for (const line of QUICK_REFERRAL_CRITERIA) {
      expect(line.source).toMatchObject({ document: 'camden', section: '6.2' });
      expect(line.text.length).toBeLessThanOrEqual(32);
    }
    expect(QUICK_REFERENCE_SOURCES.length).toBeGreaterThan(0);
  });

  it('takes the urgent numbers from the pack and says whose contact to use for the local ones', () => {
    const numbers = quickNumbers(BUNDLED_PACK);
    expect(numbers.filter((n) => n.kind === 'phone').map((n) => n.value)).toEqual(['999', '101', '0800 1111']);
    expect(numbers.filter((n) => n.kind === 'none').map((n) => [n.label, n.note])).toEqual([
      ['LADO', 'your service’s contact'],
      ['MASH', 'your service’s contact'],
      ['Out of hours', 'your service’s contact'],
    ]);
  });

  it('shows the service’s published contacts instead when the pack has them', () => {
    const numbers = quickNumbers({
      ...BUNDLED_PACK,
      localContacts: { lado: { name: 'LADO', phone: '020 7000 0001' }, mash: { name: 'MASH', email: 'm@example.org' } },
    });
    expect(numbers.find((n) => n.label === 'LADO')).toMatchObject({ kind: 'phone', value: '020 7000 0001' });
    expect(numbers.find((n) => n.label === 'MASH')).toMatchObject({ kind: 'email', value: 'm@example.org' });
    expect(numbers.find((n) => n.label === 'Out of hours')).toMatchObject({ kind: 'none' });
  });
});

describe('when nothing matches', () => {
  const guidance = createGuidanceSearch(BUNDLED_PACK);

  it('offers the closest topics for a near miss', () => {
    expect(guidance.search('upskirtinng grooming', 5).length).toBeGreaterThan(0);
    const { near, links } = guidance.closest('pornografee');
    expect(near).toBe(true);
    expect(links.map((l) => l.id)).toContain('pornography');
  });

  it('offers the first section’s topics when nothing is near, never an empty list', () => {
    expect(guidance.search('zzqxv')).toEqual([]);
    const { near, links } = guidance.closest('zzqxv');
    expect(near).toBe(false);
    expect(links.map((l) => l.id)).toEqual(BUNDLED_PACK.sections[0]?.articleIds.slice(0, links.length));
    expect(links.length).toBeGreaterThan(0);
  });
});
