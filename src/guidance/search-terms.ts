// The words of guidance search: stop words, a light stemmer, tokens, the forms a query term matches, and the
// marking of matched words in a text. Pure string work; knows nothing of the index or the pack.

// Words that carry no topic: the articles' titles are questions, so "what should I do" must not rank.
export const STOP_WORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have how i if in into is it ' +
    'its me my myself of on or our should so than that the their them then there these they this those to too was we ' +
    'were what when where which who whom why will with would you your yours am just about also any get got'
  ).split(' '),
);

// Words whose final "s" is not a plural.
const KEEP_FINAL_S = new Set(['news', 'always', 'series', 'lens', 'gas', 'bias', 'chaos', 'canvas', 'yes']);

const VOWEL = /[aeiouy]/;
const isConsonant = (ch: string | undefined): boolean => ch !== undefined && /[bcdfghjklmnpqrstvwxz]/.test(ch);

// Plural and -ing/-ed endings, after Porter's step 1.
const stripEndings = (word: string): string => {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  // "bullied" and "bully", "worried" and "worry": the -ied past joins its -y word.
  else if (w.length > 4 && w.endsWith('ied')) return `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(?:ss|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w) && !KEEP_FINAL_S.has(w)) w = w.slice(0, -1);

  const suffix = w.length > 5 && w.endsWith('ing') ? 3 : w.length > 4 && w.endsWith('ed') && !w.endsWith('eed') ? 2 : 0;
  if (suffix > 0) {
    const base = w.slice(0, -suffix);
    if (base.length >= 3 && VOWEL.test(base)) {
      const last = base.at(-1);
      const before = base.at(-2);
      if (last === before && isConsonant(last) && !'lsz'.includes(last ?? '')) return base.slice(0, -1);
      // Short consonant-vowel-consonant stems lost an "e": gaming -> game, shared -> share.
      if (
        base.length <= 4 &&
        isConsonant(last) &&
        !'wxy'.includes(last ?? '') &&
        !isConsonant(before) &&
        isConsonant(base.at(-3))
      )
        return `${base}e`;
      return base;
    }
  }
  return w;
};

// A light English stemmer, applied alike to texts and queries, so "nudes" finds "nude", "sharing" finds "shared"
// and "messaging" finds "messages" without a dictionary. As in Porter's step 5, a longer stem loses its final "e"
// ("message" and "messag(ing)" meet); four-letter stems keep it, so "game" and "nude" stay whole.
export const stem = (word: string): string => {
  const w = stripEndings(word);
  return w.length > 4 && w.endsWith('e') && !w.endsWith('ee') ? w.slice(0, -1) : w;
};

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export const tokenizeGuidance = (text: string): string[] => text.match(WORD) ?? [];

const plainWord = (term: string): string =>
  term
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/['’]/g, '');

/** The normal (stemmed) form of one word in the index and in queries; null for a word that carries no topic. */
export const normaliseGuidanceTerm = (term: string): string | null => {
  const plain = plainWord(term);
  if (plain.length === 0 || STOP_WORDS.has(plain)) return null;
  return stem(plain);
};

// Both the stem and the word as written go into the index and the query: the stem joins word forms
// ("shared", "sharing"), the written form keeps typo tolerance working on the word the user typed
// ("groming" is one edit from "grooming" but two from the stem "groom").
export const termForms = (term: string): string[] | null => {
  const plain = plainWord(term);
  if (plain.length === 0 || STOP_WORDS.has(plain)) return null;
  const stemmed = stem(plain);
  return stemmed === plain ? [plain] : [stemmed, plain];
};

export type MarkedSegment = { text: string; match: boolean };

/** Splits a text into segments so the UI can mark (e.g. with <mark>) the words a search matched. */
export const markMatches = (text: string, terms: readonly string[]): MarkedSegment[] => {
  const wanted = new Set(terms);
  const segments: MarkedSegment[] = [];
  let last = 0;
  const push = (segment: MarkedSegment) => {
    const prev = segments.at(-1);
    if (prev && prev.match === segment.match) prev.text += segment.text;
    else segments.push(segment);
  };
  if (wanted.size > 0) {
    for (const m of text.matchAll(WORD)) {
      const at = m.index ?? 0;
      const forms = termForms(m[0]);
      if (forms === null || !forms.some((form) => wanted.has(form))) continue;
      if (at > last) push({ text: text.slice(last, at), match: false });
      push({ text: m[0], match: true });
      last = at + m[0].length;
    }
  }
  if (last < text.length) push({ text: text.slice(last), match: false });
  return segments;
};
