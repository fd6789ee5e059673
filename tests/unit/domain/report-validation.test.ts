// "Submit report" tidying and checks beyond report.test.ts: every list back in form order, each parent box ticked by
// its own child box alone, the worker's own calendar day for the future-date rule, and a body of the wrong shape.
import { describe, expect, it } from 'vitest';
import {
  CHILD_ACTIONS,
  CONCERNS,
  CONSIDERED_AS,
  INCIDENT_TYPE_IDS,
  INVOLVED,
  idsOf,
  LOCATIONS,
  MATERIAL_ACTIONS,
  STAFF_ACTIONS,
} from '../../../src/domain/report-options.ts';
import { emptyDraft, MESSAGES, type ReportDraft } from '../../../src/domain/report-schema.ts';
import { normaliseDraft, validateForSubmit } from '../../../src/domain/report-validation.ts';
import { completeDraft } from '../fixtures/report.ts';

const draft = (change: Partial<ReportDraft>): ReportDraft => ({ ...emptyDraft(), ...change });

describe('normaliseDraft', () => {
  it.each<[keyof ReportDraft, readonly string[]]>([
    ['location', idsOf(LOCATIONS)],
    ['involved', idsOf(INVOLVED)],
    ['incidentTypes', INCIDENT_TYPE_IDS],
    ['deliberateMaterial', idsOf(MATERIAL_ACTIONS)],
    ['deliberateConsideredAs', idsOf(CONSIDERED_AS)],
    ['accidentalMaterial', idsOf(MATERIAL_ACTIONS)],
    ['staffActions', idsOf(STAFF_ACTIONS)],
    ['childActions', idsOf(CHILD_ACTIONS)],
    ['concerns', idsOf(CONCERNS)],
  ])('puts the ticks of %s in form order', (field, ids) => {
    expect(normaliseDraft(draft({ [field]: [...ids].reverse() }))[field]).toEqual(ids);
  });

  it('trims every text field', () => {
    const tidy = normaliseDraft(draft({ reporterName: '  Sam Worker \n', description: '\tWhat happened. ' }));
    expect([tidy.reporterName, tidy.description]).toEqual(['Sam Worker', 'What happened.']);
  });

  it.each<[string, Partial<ReportDraft>, keyof ReportDraft]>([
    ['material deliberately accessed', { deliberateMaterial: ['viewed'] }, 'deliberateAccess'],
    ['what a deliberate access is considered', { deliberateConsideredAs: ['grooming'] }, 'deliberateAccess'],
    ['material accidentally accessed', { accidentalMaterial: ['viewed'] }, 'accidentalAccess'],
    ['an action taken for staff', { staffActions: ['it'] }, 'staffAction'],
    ['an action taken for the child', { childActions: ['debriefed'] }, 'childAction'],
  ])('ticks the parent box of %s', (_what, change, parent) => {
    expect(normaliseDraft(draft(change))[parent]).toBe(true);
  });

  it('leaves parent boxes alone when nothing under them is ticked, and keeps one ticked by hand', () => {
    const tidy = normaliseDraft(draft({}));
    expect([tidy.deliberateAccess, tidy.accidentalAccess, tidy.staffAction, tidy.childAction]).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(normaliseDraft(draft({ staffAction: true })).staffAction).toBe(true);
  });

  it('adds a planned meeting only for a meeting about to happen, and only once', () => {
    expect(normaliseDraft(draft({ concerns: ['fraud'] })).concerns).toEqual(['fraud']);
    expect(normaliseDraft(draft({ concerns: ['meeting-imminent', 'meeting-planned'] })).concerns).toEqual([
      'meeting-planned',
      'meeting-imminent',
    ]);
  });
});

describe('validateForSubmit: the worker’s own day', () => {
  // 9 January 2024, 23:30 local time: single-digit month and day, and late enough to be the 10th in zones east of it.
  const now = new Date(2024, 0, 9, 23, 30);
  it.each([
    ['2024-01-09', true],
    ['2024-01-08', true],
    ['2023-12-31', true],
    ['2024-01-10', false],
    ['2024-02-01', false],
  ])('takes %s as the date it happened: %s', (dateHappened, ok) => {
    const result = validateForSubmit(completeDraft({ dateHappened }), now);
    expect(result).toEqual(
      ok
        ? expect.objectContaining({ ok: true })
        : { ok: false, issues: [{ field: 'dateHappened', message: MESSAGES.dateFuture }] },
    );
  });

  it('uses the current time when given no clock', () => {
    expect(validateForSubmit(completeDraft({ dateHappened: '2999-01-01' })).ok).toBe(false);
    expect(validateForSubmit(completeDraft({ dateHappened: '2000-01-01' })).ok).toBe(true);
  });
});

describe('validateForSubmit: what it says', () => {
  it('says a body that is not a report is not in the expected shape', () => {
    expect(validateForSubmit('report')).toEqual({
      ok: false,
      issues: [{ field: 'form', message: 'The report is not in the expected shape' }],
    });
  });

  it('lists every problem once, in form order, cross-field ones too', () => {
    const result = validateForSubmit(
      completeDraft({ reporterName: '', incidentTypes: [], description: '', dateHappened: '2999-01-01' }),
      new Date(2024, 0, 9),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = result.issues.map((i) => i.field);
    expect(fields).toEqual([...new Set(fields)]);
    expect(fields).toEqual(expect.arrayContaining(['dateHappened', 'reporterName', 'incidentTypes', 'description']));
    expect(fields.indexOf('dateHappened')).toBeLessThan(fields.indexOf('description'));
    expect(result.issues.find((i) => i.field === 'incidentTypes')?.message).toBe(MESSAGES.typeMissing);
  });
});
