// What the in-memory search reads of a report (beyond tests/unit/app/reports/report-filter.test.ts): every text the
// worker wrote, the ticked incident types by their wording, and queries with no words in them.
import { describe, expect, it } from 'vitest';
import { emptyDraft } from '../../../src/domain/report-schema.ts';
import { matchesQuery, queryWords, searchableText, textHasWords } from '../../../src/domain/report-search.ts';

describe('searchableText', () => {
  it('folds every text field together with the ticked types’ labels and short names', () => {
    const draft = {
      ...emptyDraft(),
      reference: 'CASE-7',
      outcome: 'Parents met',
      incidentTypes: ['bullying' as const],
    };
    expect(searchableText(draft)).toBe('case 7 parents met bullying or harassment online bullying online bullying');
  });

  it('leaves out the ids of other ticked boxes and the state of tick boxes', () => {
    const draft = { ...emptyDraft(), location: ['in-setting' as const], staffAction: true, description: 'x' };
    expect(searchableText(draft)).toBe('x');
  });
});

describe('queries', () => {
  it('split into folded words, none for only spaces and punctuation', () => {
    expect(queryWords('  Café,  NAMES! ')).toEqual(['cafe', 'names']);
    expect(queryWords(' -- ')).toEqual([]);
  });

  it('match only when every word is found', () => {
    expect(textHasWords('group chat names', ['chat', 'nam'])).toBe(true);
    expect(textHasWords('group chat names', ['chat', 'police'])).toBe(false);
  });

  it('with no words match every report; with words, only reports holding them all', () => {
    const draft = { ...emptyDraft(), description: 'Group chat' };
    expect(matchesQuery(draft, ' ?! ')).toBe(true);
    expect(matchesQuery(draft, 'group')).toBe(true);
    expect(matchesQuery(draft, 'group police')).toBe(false);
  });
});
