// The guidance pack validator beyond tests/unit/guidance/pack.test.ts: where an issue is said to be, the integrity
// checks no schema can make (ids used twice, links to nowhere inside every kind of block), and the plain text of a body.
import { describe, expect, it } from 'vitest';
import {
  articlesOutsideSections,
  type Block,
  bodyText,
  type GuidancePack,
  inlineText,
  parseGuidancePack,
  SourceRefSchema,
} from '../../../src/domain/guidance.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';

const wire = (): GuidancePack => JSON.parse(JSON.stringify(BUNDLED_PACK)) as GuidancePack;
const issuesOf = (json: unknown): string[] => {
  const result = parseGuidancePack(json);
  return result.ok ? [] : result.issues;
};
const first = (pack: GuidancePack) => {
  const [article] = pack.articles;
  if (!article) throw new Error('the bundled pack has no article');
  return article;
};

describe('parseGuidancePack says where each problem is', () => {
  it('names the pack itself when it is not an object', () => {
    expect(issuesOf(null)).toEqual([expect.stringMatching(/^\(pack\): /)]);
  });

  it('names nested keys and list positions as a path', () => {
    const pack = wire();
    pack.incidentTypeArticles = { gambling: ['Not A Slug'] };
    expect(issuesOf(pack)).toEqual([expect.stringMatching(/^incidentTypeArticles\.gambling\[0\]: /)]);
  });
});

describe('parseGuidancePack’s integrity checks', () => {
  it('refuses a section id used twice and an article listed twice in one section', () => {
    const pack = wire();
    const [section] = pack.sections;
    if (!section) throw new Error('no section');
    pack.sections.push({ ...section, articleIds: [...section.articleIds] });
    section.articleIds.push(section.articleIds[0] ?? '');
    const issues = issuesOf(pack);
    expect(issues).toContain(`sections: duplicate section id '${section.id}'`);
    expect(issues).toContain(
      `sections[0].articleIds: article '${section.articleIds[0]}' is listed twice in section '${section.id}'`,
    );
  });

  it('refuses an article related to itself', () => {
    const pack = wire();
    const article = first(pack);
    article.related = [article.id];
    expect(issuesOf(pack)).toEqual([`articles[0].related: '${article.id}' relates to itself`]);
  });

  it.each<[string, Block]>([
    ['a callout', { type: 'callout', content: [{ text: 'see', article: 'nowhere' }] }],
    [
      'a table cell',
      { type: 'table', caption: 'T', header: ['A', 'B'], rows: [[['x'], [{ text: 'see', article: 'nowhere' }]]] },
    ],
  ])('refuses a link to nowhere inside %s', (_name, block) => {
    const pack = wire();
    const article = first(pack);
    article.body.push(block);
    expect(issuesOf(pack)).toEqual([
      `articles[0].body[${article.body.length - 1}]: '${article.id}' links to unknown article 'nowhere'`,
    ]);
  });

  it('finds the articles no section lists', () => {
    const pack = wire();
    const article = first(pack);
    pack.sections = pack.sections.map((s) => ({ ...s, articleIds: s.articleIds.filter((id) => id !== article.id) }));
    expect(articlesOutsideSections(pack)).toEqual([article.id]);
  });
});

describe('source references', () => {
  it.each(['5.3', '6', '4 Q3', '1 D2', '2.1.4', '12.10', '4 Q12', 'Appendix 12'])(
    'take the section "%s"',
    (section) => {
      expect(SourceRefSchema.safeParse({ document: 'camden', section, label: 'x' }).success).toBe(true);
    },
  );

  it.each(['5.', 'Q3', '4 Q', 'Appendix', 'see 5.3', '5.3 '])(
    'refuse the section "%s", saying what it must look like',
    (section) => {
      expect(SourceRefSchema.safeParse({ document: 'camden', section, label: 'x' }).error?.issues[0]?.message).toBe(
        "must look like '5.3', '4 Q3', '1 D2' or 'Appendix 1'",
      );
    },
  );
});

describe('the plain text of a body', () => {
  it('gives each block, list item and table row a line of its own, links and strong text as their words', () => {
    const body: Block[] = [
      { type: 'heading', text: 'What to do' },
      {
        type: 'paragraph',
        content: ['Call ', { strong: 'now' }, ' or see ', { text: 'Childline', entry: 'childline' }],
      },
      { type: 'list', ordered: true, items: [['one'], ['two']] },
      { type: 'table', caption: 'Who', header: ['Age', 'Service'], rows: [[['under 18'], ['Childline']]] },
      { type: 'callout', content: ['Never copy an image.'] },
    ];
    expect(bodyText(body)).toBe(
      'What to do\nCall now or see Childline\none\ntwo\nWho\nAge | Service\nunder 18 | Childline\nNever copy an image.',
    );
    expect(inlineText([{ text: 'a', article: 'b' }, { strong: 'c' }])).toBe('ac');
  });
});

describe('what a pack’s fields take', () => {
  const spoiled = (spoil: (pack: GuidancePack) => void) => {
    const pack = wire();
    spoil(pack);
    return issuesOf(pack);
  };
  const directory = (pack: GuidancePack) => {
    const [entry] = pack.directory;
    if (!entry) throw new Error('the bundled pack has no directory entry');
    return entry;
  };

  it.each<[string, (pack: GuidancePack) => void, RegExp]>([
    ['a title of spaces', (p) => Object.assign(first(p), { title: '   ' }), /^articles\[0\]\.title: /],
    ['a summary of spaces', (p) => Object.assign(first(p), { summary: '   ' }), /^articles\[0\]\.summary: /],
    ['a tag of spaces', (p) => Object.assign(first(p), { tags: [' '] }), /^articles\[0\]\.tags\[0\]: /],
    ['a synonym of spaces', (p) => Object.assign(first(p), { synonyms: [' '] }), /^articles\[0\]\.synonyms\[0\]: /],
    ['an entry summary of spaces', (p) => Object.assign(directory(p), { summary: ' ' }), /^directory\[0\]\.summary: /],
    ['an entry tag of spaces', (p) => Object.assign(directory(p), { tags: [' '] }), /^directory\[0\]\.tags\[0\]: /],
    [
      'an entry synonym of spaces',
      (p) => Object.assign(directory(p), { synonyms: [' '] }),
      /^directory\[0\]\.synonyms\[0\]: /,
    ],
    [
      'a contact of spaces',
      (p) => Object.assign(directory(p), { contacts: [{ kind: 'web', value: ' ' }] }),
      /^directory\[0\]\.contacts\[0\]\.value: /,
    ],
    [
      'a section description of spaces',
      (p) => Object.assign(p.sections[0] ?? {}, { description: ' ' }),
      /^sections\[0\]\.description: /,
    ],
    ['a version of spaces', (p) => Object.assign(p, { version: '  ' }), /^version: /],
    [
      'an article id with a space',
      (p) => Object.assign(first(p), { id: 'abc def' }),
      /^articles\[0\]\.id: must be lowercase words joined by hyphens/,
    ],
    [
      'a table with one row short',
      (p) => first(p).body.push({ type: 'table', caption: 'T', header: ['A', 'B'], rows: [[['1'], ['2']], [['3']]] }),
      /as many cells as the header/,
    ],
  ])('refuses %s', (_name, spoil, expected) => {
    expect(spoiled(spoil)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it('takes headings and advice marked as from the sources', () => {
    expect(
      spoiled((p) => {
        first(p).body.unshift({ type: 'heading', text: 'First', origin: 'source' });
      }),
    ).toEqual([]);
  });

  it('trims a local contact’s phone and email, takes a domain with several dots, and says what a bad one must be', () => {
    const contacts = { lado: { name: 'LADO', phone: ' 020 7974 4556 ', email: ' lado@camden.gov.uk ' } };
    const result = parseGuidancePack({ ...wire(), localContacts: contacts });
    expect(result.ok && result.pack.localContacts?.lado).toEqual({
      name: 'LADO',
      phone: '020 7974 4556',
      email: 'lado@camden.gov.uk',
    });
    const bad = { lado: { name: 'LADO', phone: 'call us', email: 'lado@' } };
    expect(issuesOf({ ...wire(), localContacts: bad })).toEqual([
      'localContacts.lado.phone: must be a phone number: digits, spaces, brackets, hyphens',
      'localContacts.lado.email: must be a plain email address, with nothing after it',
    ]);
  });
});
