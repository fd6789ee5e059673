import { describe, expect, it } from 'vitest';
import {
  emptyDraft,
  MESSAGES,
  type ReportDraft,
  ReportDraftSchema,
  SubmittedReportSchema,
} from '../../../src/domain/report-schema.ts';
import { reportSummary } from '../../../src/domain/report-summary.ts';
import { normaliseDraft, validateForSubmit } from '../../../src/domain/report-validation.ts';
import { LONG_TEXT_MAX_CHARS, NAME_MAX_CHARS, SHORT_TEXT_MAX_CHARS } from '../../../src/domain/text-limits.ts';
import { completeDraft, ORG } from '../fixtures.ts';

const NOW = new Date(2024, 3, 1, 12, 0); // 1 April 2024, local time

describe('emptyDraft', () => {
  it('gives empty strings and no ticks, and prefills the organisation from settings', () => {
    const draft = emptyDraft({ orgName: ORG.orgName, orgContact: ORG.orgContact });
    expect(draft.orgName).toBe(ORG.orgName);
    expect(draft.orgContact).toBe(ORG.orgContact);
    expect(draft.orgAddress).toBe('');
    expect(draft.description).toBe('');
    expect(draft.incidentTypes).toEqual([]);
    expect(draft.deliberateAccess).toBe(false);
  });

  it('equals what the draft schema makes of an empty object', () => {
    expect(emptyDraft()).toEqual(ReportDraftSchema.parse({}));
  });

  it('gives every draft its own arrays', () => {
    const a = emptyDraft();
    a.incidentTypes.push('bullying');
    expect(emptyDraft().incidentTypes).toEqual([]);
  });

  it('opens a saved draft whose values are of the wrong kind or unknown, keeping what it can', () => {
    const draft = ReportDraftSchema.parse({
      description: 42,
      reporterName: 'Sam',
      deliberateAccess: 'yes',
      incidentTypes: ['grooming', 'phishing', 7],
      concerns: 'bullying-serious',
      fromTheFuture: true,
    });
    expect(draft).toEqual({
      ...emptyDraft(),
      reporterName: 'Sam',
      incidentTypes: ['grooming'],
    });
  });

  it('lets a saved draft with missing fields load with defaults, and accepts half-typed values', () => {
    const draft = ReportDraftSchema.parse({ description: 'started typing', dateHappened: '2024-0' });
    expect(draft.description).toBe('started typing');
    expect(draft.dateHappened).toBe('2024-0');
    expect(draft.concerns).toEqual([]);
  });
});

describe('validateForSubmit: a complete report', () => {
  it('accepts it and returns a report the strict schema also accepts', () => {
    const result = validateForSubmit(completeDraft(), NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.reporterName).toBe('Sam Worker');
    expect(SubmittedReportSchema.safeParse(result.report).success).toBe(true);
    // what the server receives after a JSON round trip is still valid
    expect(SubmittedReportSchema.safeParse(JSON.parse(JSON.stringify(result.report))).success).toBe(true);
  });

  it('accepts "other" when it is specified, and a time with seconds', () => {
    const result = validateForSubmit(
      completeDraft({
        incidentTypes: ['other'],
        incidentTypeOther: 'sharing a stolen password',
        involved: ['other'],
        involvedOther: 'a visiting relative',
        timeHappened: '09:05:30',
      }),
      NOW,
    );
    expect(result.ok).toBe(true);
  });

  it('accepts today and an empty time', () => {
    expect(validateForSubmit(completeDraft({ dateHappened: '2024-04-01', timeHappened: '' }), NOW).ok).toBe(true);
  });

  it('tidies the draft: trims text, drops duplicate ticks, orders ticks as the form does, ticks the parent box', () => {
    const result = validateForSubmit(
      completeDraft({
        reporterName: '  Sam Worker \n',
        incidentTypes: ['other', 'bullying', 'grooming', 'bullying'],
        incidentTypeOther: ' threats ',
        deliberateAccess: false,
        deliberateMaterial: ['distributed', 'viewed'],
        staffAction: false,
        staffActions: ['it'],
      }),
      NOW,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.reporterName).toBe('Sam Worker');
    expect(result.report.incidentTypes).toEqual(['bullying', 'grooming', 'other']);
    expect(result.report.incidentTypeOther).toBe('threats');
    expect(result.report.deliberateMaterial).toEqual(['viewed', 'distributed']);
    expect(result.report.deliberateAccess).toBe(true);
    expect(result.report.staffAction).toBe(true);
  });

  it('takes a meeting "about to happen" to mean a meeting is planned', () => {
    const result = validateForSubmit(completeDraft({ concerns: ['meeting-imminent'] }), NOW);
    expect(result.ok && result.report.concerns).toEqual(['meeting-planned', 'meeting-imminent']);
  });

  it('does not change the draft it was given', () => {
    const draft = completeDraft({ incidentTypes: ['grooming', 'bullying'], reporterName: ' Sam ' });
    const copy = structuredClone(draft);
    normaliseDraft(draft);
    validateForSubmit(draft, NOW);
    expect(draft).toEqual(copy);
  });
});

type IncompleteCase = {
  name: string;
  change: Partial<ReportDraft>;
  issues: Array<{ field: string; message: string }>;
};

const INCOMPLETE: IncompleteCase[] = [
  { name: 'no date', change: { dateHappened: '' }, issues: [{ field: 'dateHappened', message: MESSAGES.dateMissing }] },
  {
    name: 'a date that is only spaces',
    change: { dateHappened: '   ' },
    issues: [{ field: 'dateHappened', message: MESSAGES.dateMissing }],
  },
  {
    name: 'a date that does not exist',
    change: { dateHappened: '2023-02-29' },
    issues: [{ field: 'dateHappened', message: MESSAGES.dateInvalid }],
  },
  {
    name: 'a date in words',
    change: { dateHappened: 'last Tuesday' },
    issues: [{ field: 'dateHappened', message: MESSAGES.dateInvalid }],
  },
  {
    name: 'a date in the future',
    change: { dateHappened: '2024-04-02' },
    issues: [{ field: 'dateHappened', message: MESSAGES.dateFuture }],
  },
  {
    name: 'a time that is not a time',
    change: { timeHappened: '25:10' },
    issues: [{ field: 'timeHappened', message: MESSAGES.timeInvalid }],
  },
  {
    name: 'no reporter',
    change: { reporterName: '' },
    issues: [{ field: 'reporterName', message: MESSAGES.reporterMissing }],
  },
  {
    name: 'a reporter name of spaces only',
    change: { reporterName: ' \t ' },
    issues: [{ field: 'reporterName', message: MESSAGES.reporterMissing }],
  },
  {
    name: 'a reporter name too long',
    change: { reporterName: 'x'.repeat(NAME_MAX_CHARS + 1) },
    issues: [{ field: 'reporterName', message: 'Name of person reporting incident must be 200 characters or fewer' }],
  },
  {
    name: 'no type of incident',
    change: { incidentTypes: [] },
    issues: [{ field: 'incidentTypes', message: MESSAGES.typeMissing }],
  },
  {
    name: '"other" type ticked but not specified',
    change: { incidentTypes: ['bullying', 'other'], incidentTypeOther: '  ' },
    issues: [{ field: 'incidentTypeOther', message: MESSAGES.typeOtherMissing }],
  },
  {
    name: '"other" person involved ticked but not specified',
    change: { involved: ['child', 'other'] },
    issues: [{ field: 'involvedOther', message: MESSAGES.involvedOtherMissing }],
  },
  {
    name: 'no description',
    change: { description: '' },
    issues: [{ field: 'description', message: MESSAGES.descriptionMissing }],
  },
  {
    name: 'a description too long',
    change: { description: 'x'.repeat(LONG_TEXT_MAX_CHARS + 1) },
    issues: [{ field: 'description', message: 'Description of incident must be 20,000 characters or fewer' }],
  },
  {
    name: 'a question-labelled field too long: named by its noun, not its question',
    change: { identifiedHow: 'x'.repeat(SHORT_TEXT_MAX_CHARS + 1) },
    issues: [{ field: 'identifiedHow', message: 'How the incident was identified must be 1,000 characters or fewer' }],
  },
  {
    name: 'a new empty draft: every required field, in form order',
    change: emptyDraft(ORG),
    issues: [
      { field: 'dateHappened', message: MESSAGES.dateMissing },
      { field: 'reporterName', message: MESSAGES.reporterMissing },
      { field: 'incidentTypes', message: MESSAGES.typeMissing },
      { field: 'description', message: MESSAGES.descriptionMissing },
    ],
  },
  {
    name: 'several problems at once, listed in form order',
    change: { description: '', incidentTypes: ['other'], dateHappened: '2024-13-01', involved: ['other'] },
    issues: [
      { field: 'dateHappened', message: MESSAGES.dateInvalid },
      { field: 'involvedOther', message: MESSAGES.involvedOtherMissing },
      { field: 'incidentTypeOther', message: MESSAGES.typeOtherMissing },
      { field: 'description', message: MESSAGES.descriptionMissing },
    ],
  },
];

describe('validateForSubmit: incomplete reports', () => {
  it.each(INCOMPLETE)('refuses $name', ({ change, issues }) => {
    const result = validateForSubmit(completeDraft(change), NOW);
    expect(result).toEqual({ ok: false, issues });
  });

  it.each([
    ['null', null],
    ['a string', 'report'],
    ['types as a string', { incidentTypes: 'bullying' }],
    ['an unknown type id', { incidentTypes: ['phishing'] }],
  ])('returns issues, never throws, for %s', (_name, input) => {
    const result = validateForSubmit(input, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.length).toBeGreaterThan(0);
    for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(0);
  });

  it('says what is missing when a draft holds unknown ticks (they are dropped, never submitted)', () => {
    const result = validateForSubmit({ ...completeDraft(), incidentTypes: ['phishing'] }, NOW);
    expect(result).toEqual({ ok: false, issues: [{ field: 'incidentTypes', message: MESSAGES.typeMissing }] });
  });
});

describe('SubmittedReportSchema (what sync sends and the server checks)', () => {
  const valid = () => {
    const result = validateForSubmit(completeDraft(), NOW);
    if (!result.ok) throw new Error('fixture should be valid');
    return result.report;
  };

  it('accepts a body with only the required fields and fills in the rest', () => {
    const parsed = SubmittedReportSchema.safeParse({
      dateHappened: '2024-03-27',
      reporterName: 'Sam Worker',
      incidentTypes: ['gambling'],
      description: 'Used a parent’s card on a betting site.',
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual({
      ...emptyDraft(),
      dateHappened: '2024-03-27',
      reporterName: 'Sam Worker',
      incidentTypes: ['gambling'],
      description: 'Used a parent’s card on a betting site.',
    });
  });

  it('says what is missing, in the same words as the form, for an empty body', () => {
    const parsed = SubmittedReportSchema.safeParse({});
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['dateHappened', MESSAGES.dateMissing],
      ['reporterName', MESSAGES.reporterMissing],
      ['incidentTypes', MESSAGES.typeMissing],
      ['description', MESSAGES.descriptionMissing],
    ]);
  });

  it.each<[string, (r: Record<string, unknown>) => void]>([
    ['an unknown field', (r) => Object.assign(r, { extra: 'x' })],
    ['a missing required field', (r) => delete r.description],
    ['a duplicate tick', (r) => Object.assign(r, { incidentTypes: ['bullying', 'bullying'] })],
    ['boxes under an unticked "Deliberate access"', (r) => Object.assign(r, { deliberateMaterial: ['viewed'] })],
    ['boxes under an unticked "Accidental access"', (r) => Object.assign(r, { accidentalMaterial: ['viewed'] })],
    ['boxes under an unticked "Staff"', (r) => Object.assign(r, { staffActions: ['police'] })],
    ['boxes under an unticked "Child/young person"', (r) => Object.assign(r, { childAction: false })],
    ['a tick box that is not a boolean', (r) => Object.assign(r, { deliberateAccess: 'yes' })],
    ['no types', (r) => Object.assign(r, { incidentTypes: [] })],
    ['an unknown type', (r) => Object.assign(r, { incidentTypes: ['phishing'] })],
    ['"other" without saying what', (r) => Object.assign(r, { incidentTypes: ['other'], incidentTypeOther: '' })],
    ['an imminent meeting that is not planned', (r) => Object.assign(r, { concerns: ['meeting-imminent'] })],
    ['a date that does not exist', (r) => Object.assign(r, { dateHappened: '2024-02-30' })],
  ])('refuses %s', (_name, spoil) => {
    const report = valid() as unknown as Record<string, unknown>;
    spoil(report);
    expect(SubmittedReportSchema.safeParse(report).success).toBe(false);
  });
});

describe('reportSummary', () => {
  it('lists the short type labels in form order with the date', () => {
    const summary = reportSummary(completeDraft({ incidentTypes: ['grooming', 'bullying'] }));
    expect(summary).toEqual({
      title: 'Online bullying, Online grooming',
      typeLabels: ['Online bullying', 'Online grooming'],
      dateHappened: '2024-03-27',
      reference: '',
    });
  });

  it('carries the worker’s own reference, trimmed, to tell reports apart', () => {
    expect(reportSummary(completeDraft({ reference: '  CASE-1234 ' })).reference).toBe('CASE-1234');
  });

  it('never includes names, the description or the "please specify" text', () => {
    const draft = completeDraft({ incidentTypes: ['other'], incidentTypeOther: 'Secret Detail', involvedOther: 'Kim' });
    const text = JSON.stringify(reportSummary(draft));
    for (const sensitive of ['Sam Worker', 'Secret Detail', 'Kim', 'group chat', ORG.orgName]) {
      expect(text).not.toContain(sensitive);
    }
    expect(reportSummary(draft).typeLabels).toEqual(['Other']);
  });

  it('says when no type is ticked and hides a half-typed date', () => {
    expect(reportSummary({ ...emptyDraft(), dateHappened: '2024-0' })).toEqual({
      title: 'No type of incident ticked yet',
      typeLabels: [],
      dateHappened: '',
      reference: '',
    });
  });
});
