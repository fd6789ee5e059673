// The bundled pack is valid, and parseGuidancePack refuses broken packs with issues instead of throwing.
import { describe, expect, it } from 'vitest';
import {
  articlesOutsideSections,
  bodyText,
  GUIDANCE_INCIDENT_TYPE_IDS,
  GUIDANCE_SCHEMA_VERSION,
  type GuidancePack,
  parseGuidancePack,
} from '../../../src/domain/guidance.ts';
import { inline } from '../../../src/guidance/content/build.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';

/** A deep copy as it would arrive over the network: plain JSON, free to break. */
const wire = (): GuidancePack => JSON.parse(JSON.stringify(BUNDLED_PACK)) as GuidancePack;

const mustRefuse = (json: unknown, expected: RegExp): string[] => {
  const result = parseGuidancePack(json);
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  expect(
    result.issues.some((issue) => expected.test(issue)),
    result.issues.join('\n'),
  ).toBe(true);
  return result.issues;
};

describe('bundled guidance pack', () => {
  it('passes the schema and the integrity checks after a JSON round trip', () => {
    const result = parseGuidancePack(wire());
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(BUNDLED_PACK.schemaVersion).toBe(GUIDANCE_SCHEMA_VERSION);
  });

  it('puts every article in at least one browsing section', () => {
    expect(articlesOutsideSections(BUNDLED_PACK)).toEqual([]);
  });

  it('has short "what to do now" summaries a worker can read on a phone', () => {
    const long = BUNDLED_PACK.articles.filter((a) => a.summary.length > 330).map((a) => a.id);
    expect(long).toEqual([]);
  });

  it('links each incident type of the report form to at least one article', () => {
    for (const type of GUIDANCE_INCIDENT_TYPE_IDS) {
      expect(
        BUNDLED_PACK.articles.some((a) => a.incidentTypes.includes(type)),
        type,
      ).toBe(true);
    }
  });

  it('warns against copying indecent images wherever they come up', () => {
    for (const id of ['child-abuse-images', 'nude-image-sharing', 'network-monitoring']) {
      const a = BUNDLED_PACK.articles.find((x) => x.id === id);
      expect(a?.body.some((b) => b.type === 'callout')).toBe(true);
      expect(bodyText(a?.body ?? []).toLowerCase()).toMatch(/never (view, )?(copy|print)/);
    }
  });

  it('turns the authoring markup into structured inline content, not HTML', () => {
    expect(inline('Call **now**: [Childline](e:childline) or see [bullying](a:online-bullying).')).toEqual([
      'Call ',
      { strong: 'now' },
      ': ',
      { text: 'Childline', entry: 'childline' },
      ' or see ',
      { text: 'bullying', article: 'online-bullying' },
      '.',
    ]);
    expect(JSON.stringify(BUNDLED_PACK)).not.toMatch(/<[a-z][^>]*>/i);
  });
});

describe('parseGuidancePack', () => {
  it.each([
    ['null', null],
    ['a string', 'pack'],
    ['an array', []],
    ['an empty object', {}],
  ])('refuses %s with issues and does not throw', (_name, json) => {
    const result = parseGuidancePack(json);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
  });

  it('refuses an article without a title, naming where', () => {
    const pack = wire() as unknown as { articles: Array<Record<string, unknown>> };
    delete pack.articles[2]?.title;
    mustRefuse(pack, /^articles\[2\]\.title: /);
  });

  it('refuses a pack of another schema version', () => {
    mustRefuse({ ...wire(), schemaVersion: GUIDANCE_SCHEMA_VERSION + 1 }, /^schemaVersion: /);
  });

  it('refuses an unknown incident type', () => {
    const pack = wire() as unknown as { articles: Array<{ incidentTypes: string[] }> };
    pack.articles[0]?.incidentTypes.push('sexting');
    mustRefuse(pack, /^articles\[0\]\.incidentTypes\[\d+\]: /);
  });

  it('refuses blocks outside the safe subset (raw HTML, unknown keys)', () => {
    const html = wire() as unknown as { articles: Array<{ body: unknown[] }> };
    html.articles[0]?.body.push({ type: 'html', html: '<script>alert(1)</script>' });
    mustRefuse(html, /^articles\[0\]\.body\[\d+\]/);

    const extra = wire() as unknown as { articles: Array<{ body: unknown[] }> };
    extra.articles[1]?.body.push({ type: 'paragraph', content: ['x'], onclick: 'steal()' });
    mustRefuse(extra, /^articles\[1\]\.body\[\d+\]/);

    const href = wire() as unknown as { articles: Array<{ body: unknown[] }> };
    href.articles[1]?.body.push({ type: 'paragraph', content: [{ text: 'x', href: 'javascript:alert(1)' }] });
    mustRefuse(href, /^articles\[1\]\.body\[\d+\]/);
  });

  it('refuses a table whose rows do not match its header', () => {
    const pack = wire();
    pack.articles[0]?.body.push({
      type: 'table',
      caption: 'Broken',
      header: ['A', 'B'],
      rows: [[['1'], ['2'], ['3']]],
    });
    mustRefuse(pack, /as many cells as the header/);
  });

  it('refuses duplicate article ids', () => {
    const pack = wire();
    const first = pack.articles[0];
    if (first) pack.articles.push({ ...first });
    mustRefuse(pack, /duplicate article id 'online-risks-four-cs'/);
  });

  it('refuses duplicate directory entry ids', () => {
    const pack = wire();
    const first = pack.directory[0];
    if (first) pack.directory.push({ ...first });
    mustRefuse(pack, /duplicate directory entry id/);
  });

  it('refuses a link to an article that does not exist', () => {
    const pack = wire();
    pack.articles[3]?.body.push({ type: 'paragraph', content: [{ text: 'gone', article: 'no-such-article' }] });
    mustRefuse(pack, /links to unknown article 'no-such-article'/);
  });

  it('refuses a link to a directory entry that does not exist', () => {
    const pack = wire();
    pack.articles[3]?.body.push({ type: 'list', ordered: false, items: [[{ text: 'call', entry: 'no-such-entry' }]] });
    mustRefuse(pack, /links to unknown directory entry 'no-such-entry'/);
  });

  it('refuses a section that lists an unknown article', () => {
    const pack = wire();
    pack.sections[0]?.articleIds.push('missing-article');
    mustRefuse(pack, /lists unknown article 'missing-article'/);
  });

  it('refuses an incident type mapped to an article that does not exist', () => {
    const pack = wire();
    pack.incidentTypeArticles = { ...pack.incidentTypeArticles, gambling: ['no-such-card'] };
    mustRefuse(pack, /incident type 'gambling' points to unknown article 'no-such-card'/);
  });

  it('refuses a related article that does not exist', () => {
    const pack = wire();
    const a = pack.articles[0];
    if (a) a.related = ['nowhere'];
    mustRefuse(pack, /relates to unknown article 'nowhere'/);
  });

  it('reports every problem at once, not just the first', () => {
    const pack = wire();
    pack.sections[0]?.articleIds.push('missing-article');
    pack.articles[3]?.body.push({ type: 'paragraph', content: [{ text: 'gone', article: 'no-such-article' }] });
    expect(mustRefuse(pack, /missing-article/).length).toBeGreaterThanOrEqual(2);
  });

  it('accepts a small, well-formed pack from a server', () => {
    const result = parseGuidancePack({
      schemaVersion: GUIDANCE_SCHEMA_VERSION,
      version: '2027.1.1',
      publishedAt: '2027-01-05T09:00:00+00:00',
      publisher: 'Online safety officer',
      sections: [{ id: 'all', title: 'All', articleIds: ['one'] }],
      articles: [
        {
          id: 'one',
          title: 'What now?',
          summary: 'Tell your safeguarding lead.',
          body: [{ type: 'paragraph', content: ['Call ', { text: 'Childline', entry: 'childline' }] }],
          tags: [],
          synonyms: [],
          incidentTypes: ['other'],
          sources: [{ document: 'camden', section: '6.2', label: 'Referral' }],
        },
      ],
      directory: [
        {
          id: 'childline',
          name: 'Childline',
          summary: 'Free and private.',
          contacts: [{ kind: 'phone', value: '0800 1111' }],
          tags: [],
          synonyms: [],
          sources: [{ document: 'kent-medway', section: '2 Q16', label: 'Support' }],
        },
      ],
    });
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});
