// Filtering and in-memory search of the report list: table-driven over a few drafts.
import { describe, expect, it } from 'vitest';
import { matchesFilter, NO_FILTER, type ReportFilter } from '../../../../src/app/reports/report-filter.ts';
import type { ReportStatus } from '../../../../src/domain/report-record.ts';
import { foldText, matchesQuery } from '../../../../src/domain/report-search.ts';
import { completeDraft } from '../../fixtures.ts';

const bullying = {
  status: 'draft' as ReportStatus,
  data: completeDraft({ description: 'Group chat at the Café called her names', reporterName: 'Sam Worker' }),
};
const grooming = {
  status: 'queued' as ReportStatus,
  data: completeDraft({
    incidentTypes: ['grooming', 'other'],
    incidentTypeOther: 'Threats in a game',
    description: 'An adult asked to meet',
  }),
};

describe('foldText', () => {
  it.each([
    ['Café', 'cafe'],
    ['child’s  PHONE!', 'childs phone'],
    ['  a--b  ', 'a b'],
  ])('folds %j to %j', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });
});

/** foldText as first written, in one pass of each step over the whole text. */
const foldWhole = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

describe('foldText on any text', () => {
  it('gives what folding the whole text at once gives, for accents, marks, scripts, symbols and astral characters', () => {
    const pieces = [..."aZ09 ,.-_\t\n!'’ÉéßİΣσςﬁ①Ⅻ\u0301\u0308\u00a0\u2028ÆøΊǅKk"];
    pieces.push('e\u0301', 'ΟΔΥΣΣΕΥΣ', '𝐀𝟙', '😀', '\ud800', 'ＡＢＣ', '½', 'ǈ');
    let seed = 12_345;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let j = 0; j < 12; j++) {
        const r = random();
        text +=
          r < 0.25
            ? String.fromCharCode(Math.floor(random() * 0x10000))
            : r < 0.3
              ? String.fromCodePoint(0x10000 + Math.floor(random() * 0x20000))
              : pieces[Math.floor(random() * pieces.length)];
      }
      expect(foldText(text), JSON.stringify(text)).toBe(foldWhole(text));
    }
  });
});

describe('matchesQuery', () => {
  it.each([
    ['', true, true],
    ['cafe', true, false],
    ['CAFÉ names', true, false],
    ['names meet', false, false],
    ['sam', true, true],
    ['threats game', false, true],
    ['grooming', false, true],
    ['online bullying', true, false],
    ['nothing-like-this', false, false],
  ])('%j matches bullying=%s grooming=%s', (query, inBullying, inGrooming) => {
    expect(matchesQuery(bullying.data, query)).toBe(inBullying);
    expect(matchesQuery(grooming.data, query)).toBe(inGrooming);
  });
});

describe('matchesFilter', () => {
  const cases: [string, ReportFilter, boolean, boolean][] = [
    ['no filter', NO_FILTER, true, true],
    ['status draft', { ...NO_FILTER, status: 'draft' }, true, false],
    ['status queued', { ...NO_FILTER, status: 'queued' }, false, true],
    ['type grooming', { ...NO_FILTER, type: 'grooming' }, false, true],
    ['type bullying and a query only it has', { ...NO_FILTER, type: 'bullying', query: 'cafe' }, true, false],
    ['status and type that never meet', { status: 'draft', type: 'grooming', query: '' }, false, false],
  ];
  it.each(cases)('%s', (_name, filter, inBullying, inGrooming) => {
    expect(matchesFilter(bullying, filter)).toBe(inBullying);
    expect(matchesFilter(grooming, filter)).toBe(inGrooming);
  });
});
