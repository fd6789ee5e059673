// Field words find the right guidance; matched terms let the UI mark them; related articles and
// the incident-type mapping point somewhere useful.
import { describe, expect, it } from 'vitest';
import { GUIDANCE_INCIDENT_TYPE_IDS, type GuidancePack } from '../../../src/domain/guidance.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';
import {
  articleForIncidentType,
  createGuidanceSearch,
  guidanceSearchFor,
  markMatches,
  normaliseGuidanceTerm,
} from '../../../src/guidance/search.ts';
import { GUIDANCE_FIELD_QUERIES, GUIDANCE_TYPO_QUERIES } from './field-queries.ts';

const guidance = createGuidanceSearch(BUNDLED_PACK);
const topIds = (query: string, n = 3) => guidance.search(query, n).map((hit) => hit.id);

describe('guidance search', () => {
  it('has at least 100 realistic field queries to check and to benchmark', () => {
    expect(GUIDANCE_FIELD_QUERIES.length + GUIDANCE_TYPO_QUERIES.length).toBeGreaterThanOrEqual(100);
  });

  it.each(GUIDANCE_FIELD_QUERIES)('"%s" finds %s in the top three', (query, expected) => {
    expect(topIds(query)).toContain(expected);
  });

  it.each(GUIDANCE_TYPO_QUERIES)('tolerates the typo "%s" and still finds %s', (query, expected) => {
    expect(topIds(query)).toContain(expected);
  });

  it.each([
    ['sext', 'nude-image-sharing'],
    ['cyberbull', 'online-bullying'],
    ['radicali', 'violent-extremism'],
    ['whistleb', 'organisation-practice-concerns'],
  ])('matches the prefix "%s" while the worker is still typing', (query, expected) => {
    expect(topIds(query)).toContain(expected);
  });

  it('matches a finished word whole: only the word still being typed matches as a prefix', () => {
    expect(guidance.search('a man asked', 20).flatMap((hit) => hit.terms)).not.toContain('manager');
    expect(guidance.search('man', 20).flatMap((hit) => hit.terms)).toContain('manager');
  });

  it('ranks best match first with descending scores', () => {
    const hits = guidance.search('nude images shared by pupils', 10);
    expect(hits[0]?.id).toBe('nude-image-sharing');
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('returns the title and summary to show, and the kind of result', () => {
    const [hit] = guidance.search('Action Fraud', { limit: 1, kinds: ['entry'] });
    expect(hit).toMatchObject({ kind: 'entry', id: 'action-fraud', title: 'Action Fraud' });
    expect(hit?.summary.length).toBeGreaterThan(0);
    expect(guidance.search('Action Fraud', { kinds: ['article'] }).every((h) => h.kind === 'article')).toBe(true);
  });

  it('respects the limit and returns nothing for empty or stop-word-only queries', () => {
    expect(guidance.search('online', 2)).toHaveLength(2);
    expect(guidance.search('   ')).toEqual([]);
    expect(guidance.search('what should I do')).toEqual([]);
    expect(guidance.search('zzqxjv')).toEqual([]);
  });

  it('returns the matched terms, and markMatches marks exactly those words in a text', () => {
    const [hit] = guidance.search('sharing nudes', 1);
    expect(hit?.id).toBe('nude-image-sharing');
    expect(hit?.terms).toEqual(expect.arrayContaining(['nude', 'shar']));

    const segments = markMatches('Sharing nudes or semi-nudes is never a joke.', hit?.terms ?? []);
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['Sharing', 'nudes', 'nudes']);
    expect(segments.map((s) => s.text).join('')).toBe('Sharing nudes or semi-nudes is never a joke.');
  });

  it('marks nothing when there are no terms, and keeps the text whole', () => {
    expect(markMatches('Call Childline on 0800 1111.', [])).toEqual([
      { text: 'Call Childline on 0800 1111.', match: false },
    ]);
  });

  it('normalises word forms alike in texts and queries', () => {
    expect(normaliseGuidanceTerm('Nudes')).toBe(normaliseGuidanceTerm('nude'));
    expect(normaliseGuidanceTerm('shared')).toBe(normaliseGuidanceTerm('sharing'));
    expect(normaliseGuidanceTerm('games')).toBe(normaliseGuidanceTerm('gaming'));
    expect(normaliseGuidanceTerm('messaging')).toBe(normaliseGuidanceTerm('messages'));
    expect(normaliseGuidanceTerm('bullied')).toBe(normaliseGuidanceTerm('bully'));
    expect(normaliseGuidanceTerm('news')).toBe('news');
    expect(normaliseGuidanceTerm('the')).toBeNull();
  });

  it('builds the index once, on the first query, not when created', () => {
    let directoryReads = 0;
    const pack: GuidancePack = {
      ...BUNDLED_PACK,
      get directory() {
        directoryReads += 1;
        return BUNDLED_PACK.directory;
      },
    };
    const lazy = createGuidanceSearch(pack);
    expect(directoryReads).toBe(0);
    lazy.search('childline');
    lazy.search('nudes');
    expect(directoryReads).toBe(1);
  });

  it('can build the index ahead of the first query, once', () => {
    let directoryReads = 0;
    const pack: GuidancePack = {
      ...BUNDLED_PACK,
      get directory() {
        directoryReads += 1;
        return BUNDLED_PACK.directory;
      },
    };
    const early = createGuidanceSearch(pack);
    early.prepare();
    early.prepare();
    expect(directoryReads).toBe(1);
    expect(early.search('childline', 1)[0]?.id).toBe('childline');
    expect(directoryReads).toBe(1);
  });

  it('keeps one search per pack object, and a new one for a new pack', () => {
    expect(guidanceSearchFor(BUNDLED_PACK)).toBe(guidanceSearchFor(BUNDLED_PACK));
    expect(guidanceSearchFor({ ...BUNDLED_PACK })).not.toBe(guidanceSearchFor(BUNDLED_PACK));
  });
});

describe('related articles', () => {
  it('offers the author’s picks first, then articles sharing incident types or tags', () => {
    const related = guidance.related('nude-image-sharing');
    expect(related.slice(0, 3).map((r) => r.id)).toEqual([
      'child-abuse-images',
      'online-cse',
      'disclosure-of-online-abuse',
    ]);
    expect(related.length).toBe(5);
    expect(related.map((r) => r.id)).not.toContain('nude-image-sharing');
    expect(related[0]?.title.length).toBeGreaterThan(0);
  });

  it('returns nothing for an unknown article', () => {
    expect(guidance.related('no-such-article')).toEqual([]);
  });
});

describe('incident types of the report form', () => {
  const PRIMARY: Record<(typeof GUIDANCE_INCIDENT_TYPE_IDS)[number], string> = {
    bullying: 'online-bullying',
    'bypassing-security': 'filtering-and-bypassing',
    'hacking-virus': 'cybercrime',
    'hate-material': 'hate-material',
    'terrorist-material': 'violent-extremism',
    grooming: 'grooming-and-contact',
    radicalisation: 'violent-extremism',
    'child-abuse-images': 'child-abuse-images',
    gambling: 'online-gambling',
    'soft-porn': 'pornography',
    'hard-porn': 'pornography',
    other: 'reporting-incidents',
  };

  it.each(Object.entries(PRIMARY))('maps %s to %s first', (type, articleId) => {
    const ids = articleForIncidentType(type as keyof typeof PRIMARY);
    expect(ids[0]).toBe(articleId);
    expect(guidance.forIncidentType(type as keyof typeof PRIMARY)).toEqual(ids);
  });

  it('falls back to the articles tagged with the type when a pack has no explicit picks', () => {
    const { incidentTypeArticles: _picks, ...plain } = BUNDLED_PACK;
    const ids = articleForIncidentType('gambling', plain);
    expect(ids[0]).toBe('online-gambling');
    expect(ids.every((id) => plain.articles.find((a) => a.id === id)?.incidentTypes.includes('gambling'))).toBe(true);
  });

  it('covers every incident type id', () => {
    expect(Object.keys(PRIMARY).sort()).toEqual([...GUIDANCE_INCIDENT_TYPE_IDS].sort());
  });
});
