// Full-text search over one guidance pack (MiniSearch): ranking, matched terms for marking,
// related articles and the incident-type mapping. Reads the pack only; never stores anything.
import MiniSearch from 'minisearch';
import {
  type Article,
  bodyText,
  type DirectoryEntry,
  type GuidancePack,
  type IncidentTypeId,
} from '../domain/guidance.ts';
import { BUNDLED_PACK } from './pack.ts';
import { termForms, tokenizeGuidance } from './search-terms.ts';

export { type MarkedSegment, markMatches, normaliseGuidanceTerm, tokenizeGuidance } from './search-terms.ts';

export type GuidanceHitKind = 'article' | 'entry';

export type GuidanceHit = {
  kind: GuidanceHitKind;
  id: string;
  title: string;
  summary: string;
  score: number;
  /** The indexed terms that matched; pass them to `markMatches` to mark the words in a text. */
  terms: string[];
};

export type GuidanceLink = { id: string; title: string; summary: string };

export type GuidanceSearchOptions = { limit?: number; kinds?: readonly GuidanceHitKind[] };

export type GuidanceSearch = {
  search: (query: string, options?: GuidanceSearchOptions | number) => GuidanceHit[];
  /** Articles to offer after this one: the author's picks first, then those sharing incident types and tags. */
  related: (articleId: string, limit?: number) => GuidanceLink[];
  /**
   * Where a search finds nothing: the articles nearest to the words (looser spelling, any part of a word), else the
   * pack's first section, so a worker is never left with an empty page. `near` says which it is.
   */
  closest: (query: string, limit?: number) => { near: boolean; links: GuidanceLink[] };
  /** Article ids for an incident type of the report form, best first. */
  forIncidentType: (type: IncidentTypeId) => string[];
  /** Builds the index now (for example in an idle callback) so the first keystroke does not wait for it. */
  prepare: () => void;
};

export const DEFAULT_SEARCH_LIMIT = 10;
const DEFAULT_RELATED_LIMIT = 5;

type IndexedDoc = {
  key: string;
  kind: GuidanceHitKind;
  id: string;
  title: string;
  summary: string;
  body: string;
  tags: string;
  synonyms: string;
};

const articleDoc = (a: Article): IndexedDoc => ({
  key: `article:${a.id}`,
  kind: 'article',
  id: a.id,
  title: a.title,
  summary: a.summary,
  body: bodyText(a.body),
  tags: a.tags.join('\n'),
  synonyms: a.synonyms.join('\n'),
});

const entryDoc = (e: DirectoryEntry): IndexedDoc => ({
  key: `entry:${e.id}`,
  kind: 'entry',
  id: e.id,
  title: e.name,
  summary: e.summary,
  body: [e.audience ?? '', ...e.contacts.map((c) => `${c.label ?? ''} ${c.value}`)].join('\n'),
  tags: e.tags.join('\n'),
  synonyms: e.synonyms.join('\n'),
});

// The written form of a word whose stem differs is there for typo tolerance; it must not count twice.
// Each form does one job, which also halves the costly fuzzy lookups: the stem matches by prefix
// (while typing), the written form by edit distance (typos).
const WRITTEN_FORM_BOOST = 0.3;

type QueryPlan = {
  wordOf: Map<string, number>;
  secondary: Set<string>;
  hasWrittenForm: Set<string>;
  /** The main (stemmed) form of each query word, by word position. */
  words: string[];
  /** The position of the word still being typed (the last, unless a space or mark follows it), or -1. */
  typing: number;
};

/** Which query word each processed term came from, and which terms are only the written (unstemmed) form. */
const planQuery = (query: string): QueryPlan => {
  const wordOf = new Map<string, number>();
  const secondary = new Set<string>();
  const hasWrittenForm = new Set<string>();
  const words: string[] = [];
  tokenizeGuidance(query).forEach((token, word) => {
    const forms = termForms(token) ?? [];
    if (forms[0]) words[word] = forms[0];
    forms.forEach((form, k) => {
      if (!wordOf.has(form)) wordOf.set(form, word);
      if (k > 0) secondary.add(form);
    });
    if (forms.length > 1 && forms[0]) hasWrittenForm.add(forms[0]);
  });
  const tokens = tokenizeGuidance(query);
  const typing = /[\p{L}\p{N}]$/u.test(query) ? tokens.length - 1 : -1;
  return { wordOf, secondary, hasWrittenForm, words, typing };
};

const CLOSEST_FUZZY = 0.34;

// Directory entries answer "who do I call"; articles answer "what do I do", so they rank slightly higher.
const ENTRY_BOOST = 0.8;

// Absolute edit distances: one typo from five letters, two only from nine, so that "groming" finds
// "grooming" rather than "gaming".
const fuzzyDistance = (term: string): number | false => (term.length >= 9 ? 2 : term.length >= 5 ? 1 : false);

// Field weights: the words people use for a topic (synonyms, the article's aliases) weigh most, above the title,
// so that one title word ("messages" in "Key online safety messages") does not outrank what the question is about.
const FIELD_BOOST = { title: 2, synonyms: 2.5, tags: 1.5, summary: 1.5, body: 1 };

// How much a result's score depends on covering the telling words of the query (each word weighed by how few
// documents use it): the square root keeps a match on "transphobic" above one on "abuse" without letting a single
// rare word decide alone.
const COVERAGE_POWER = 0.5;

type Index = {
  search: MiniSearch<IndexedDoc>;
  /** How much a word tells apart (inverse document frequency of its main form); unknown words tell the most. */
  weight: (term: string) => number;
};

const FIELDS = ['title', 'summary', 'body', 'tags', 'synonyms'] as const;

const buildIndex = (pack: GuidancePack): Index => {
  const docs = [...pack.articles.map(articleDoc), ...pack.directory.map(entryDoc)];
  // Document frequencies are counted while MiniSearch indexes, from the terms it normalises anyway: no second pass
  // over the text. MiniSearch reads a document's fields one after another, so a new document object starts a count.
  const docFreq = new Map<string, number>();
  let current: IndexedDoc | undefined;
  let terms = new Set<string>();
  const countDocument = () => {
    for (const t of terms) docFreq.set(t, (docFreq.get(t) ?? 0) + 1);
    terms = new Set();
  };
  const index = new MiniSearch<IndexedDoc>({
    idField: 'key',
    fields: [...FIELDS],
    storeFields: ['kind', 'id', 'title', 'summary'],
    extractField: (doc, field) => {
      if (doc !== current) {
        countDocument();
        current = doc;
      }
      return doc[field as keyof IndexedDoc];
    },
    tokenize: tokenizeGuidance,
    processTerm: (term) => {
      const forms = termForms(term);
      if (forms?.[0]) terms.add(forms[0]);
      return forms;
    },
    searchOptions: {
      boost: FIELD_BOOST,
      processTerm: termForms,
      prefix: (term) => term.length >= 3,
      fuzzy: fuzzyDistance,
      maxFuzzy: 2,
      combineWith: 'OR',
      boostDocument: (_key, _term, stored) => (stored?.kind === 'entry' ? ENTRY_BOOST : 1),
    },
  });
  index.addAll(docs);
  countDocument();
  const n = docs.length;
  const weight = (term: string) => {
    const df = docFreq.get(term) ?? 1;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };
  return { search: index, weight };
};

const incidentTypeArticles = (pack: GuidancePack, type: IncidentTypeId): string[] => {
  const picked = pack.incidentTypeArticles?.[type] ?? [];
  const tagged = pack.articles
    .map((a, order) => ({ id: a.id, rank: a.incidentTypes.indexOf(type), breadth: a.incidentTypes.length, order }))
    .filter((x) => x.rank >= 0)
    // After the publisher's picks: the article that names the type first is about it; among equals,
    // the more specific one wins.
    .sort((x, y) => x.rank - y.rank || x.breadth - y.breadth || x.order - y.order)
    .map((x) => x.id);
  return [...new Set([...picked, ...tagged])];
};

/** A search over one pack. The index is built on the first query, not before. */
export const createGuidanceSearch = (pack: GuidancePack): GuidanceSearch => {
  let index: Index | undefined;
  const articles = new Map(pack.articles.map((a) => [a.id, a]));
  const link = (a: Article): GuidanceLink => ({ id: a.id, title: a.title, summary: a.summary });

  const search = (query: string, options: GuidanceSearchOptions | number = {}): GuidanceHit[] => {
    const { limit = DEFAULT_SEARCH_LIMIT, kinds } = typeof options === 'number' ? { limit: options } : options;
    if (query.trim().length === 0 || limit <= 0) return [];
    index ??= buildIndex(pack);
    const plan = planQuery(query);
    const hits = index.search.search(query, {
      boostTerm: (term) => (plan.secondary.has(term) ? WRITTEN_FORM_BOOST : 1),
      // Only the word still being typed (the last one, when no space follows it) may be a prefix: a finished word
      // such as "man" must not match "manager" or "many".
      prefix: (term) => term.length >= 3 && !plan.secondary.has(term) && plan.wordOf.get(term) === plan.typing,
      fuzzy: (term) => (plan.hasWrittenForm.has(term) ? false : fuzzyDistance(term)),
      ...(kinds ? { filter: (r) => kinds.includes(r.kind) } : {}),
    });
    // MiniSearch multiplies a score by the number of query terms matched; count words instead, so a word
    // with two forms ("comments", "comment") does not outweigh a word with one ("homophobic").
    const weights = plan.words.map((w) => (w ? (index as Index).weight(w) : 0));
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    return hits
      .map((r) => {
        const matched = new Set(r.queryTerms.map((t) => plan.wordOf.get(t) ?? -1));
        const words = matched.size;
        const covered = [...matched].reduce((sum, w) => sum + (weights[w] ?? 0), 0) / total;
        return { r, score: (r.score / Math.max(1, r.queryTerms.length)) * words * covered ** COVERAGE_POWER };
      })
      .sort((x, y) => y.score - x.score)
      .slice(0, limit)
      .map(({ r, score }) => ({
        kind: r.kind as GuidanceHitKind,
        id: r.id as string,
        title: r.title as string,
        summary: r.summary as string,
        score,
        terms: r.terms,
      }));
  };

  const closest = (query: string, limit = DEFAULT_RELATED_LIMIT) => {
    index ??= buildIndex(pack);
    const near = index.search
      .search(query, {
        prefix: true,
        // Relative distances, looser than the search's own: a third of the word's letters may be wrong.
        fuzzy: CLOSEST_FUZZY,
        maxFuzzy: 3,
        filter: (r) => r.kind === 'article',
      })
      .flatMap((r) => articles.get(r.id as string) ?? []);
    if (near.length > 0) return { near: true, links: near.slice(0, limit).map(link) };
    const first = (pack.sections[0]?.articleIds ?? []).flatMap((id) => articles.get(id) ?? []);
    return { near: false, links: (first.length > 0 ? first : pack.articles).slice(0, limit).map(link) };
  };

  const related = (articleId: string, limit = DEFAULT_RELATED_LIMIT): GuidanceLink[] => {
    const self = articles.get(articleId);
    if (!self) return [];
    const picked = (self.related ?? []).flatMap((id) => articles.get(id) ?? []);
    const pickedIds = new Set([self.id, ...picked.map((a) => a.id)]);
    const types = new Set(self.incidentTypes);
    const tags = new Set(self.tags);
    const scored = pack.articles
      .filter((a) => !pickedIds.has(a.id))
      .map((a) => ({
        a,
        score:
          2 * a.incidentTypes.filter((t) => t !== 'other' && types.has(t)).length +
          a.tags.filter((t) => tags.has(t)).length,
      }))
      .filter((x) => x.score > 0)
      .sort((x, y) => y.score - x.score);
    return [...picked, ...scored.map((x) => x.a)].slice(0, limit).map(link);
  };

  return {
    search,
    related,
    closest,
    forIncidentType: (type) => incidentTypeArticles(pack, type),
    prepare: () => {
      index ??= buildIndex(pack);
    },
  };
};

const searches = new WeakMap<GuidancePack, GuidanceSearch>();

/** The one search per pack object: a new pack (after an update) gets a new index, lazily. */
export const guidanceSearchFor = (pack: GuidancePack): GuidanceSearch => {
  let found = searches.get(pack);
  if (!found) {
    found = createGuidanceSearch(pack);
    searches.set(pack, found);
  }
  return found;
};

/** The best article ids for an incident type of the report form, from the given pack (the bundled one by default). */
export const articleForIncidentType = (type: IncidentTypeId, pack: GuidancePack = BUNDLED_PACK): string[] =>
  incidentTypeArticles(pack, type);
