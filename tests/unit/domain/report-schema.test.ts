// The submitted report as the server checks it (SubmittedReportSchema), beyond report.test.ts: what a body sent by
// anything but the app (a tampered or hand-made one) gets back, field by field, and the calendar date rule.
import { describe, expect, it } from 'vitest';
import {
  isCalendarDate,
  MESSAGES,
  ReportDraftSchema,
  SubmittedReportSchema,
} from '../../../src/domain/report-schema.ts';
import { accepts, issuesOf } from './schema-issues.ts';

const BODY = {
  dateHappened: '2024-03-27',
  reporterName: 'Sam Worker',
  incidentTypes: ['bullying'],
  description: 'Messages in a group chat called them names.',
};
const issues = (change: Record<string, unknown>) => issuesOf(SubmittedReportSchema, { ...BODY, ...change });

describe('isCalendarDate', () => {
  it.each(['2024-02-29', '1900-01-01', '2023-12-31', '9999-12-31'])('takes %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    ['a day that does not exist', '2023-02-29'],
    ['day 31 of a 30-day month', '2024-04-31'],
    ['day 0', '2024-03-00'],
    ['month 13', '2024-13-01'],
    ['month 0', '2024-00-10'],
    ['a year before 1900', '1899-12-31'],
    ['a two-digit year written with zeros', '0099-01-01'],
    ['a date with more before it', '12024-03-27'],
    ['a date with more after it', '2024-03-271'],
    ['a date and a time', '2024-03-27T10:00'],
    ['a date the other way round', '27-03-2024'],
  ])('refuses %s (%s)', (_name, value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('SubmittedReportSchema: what a sent body gets back', () => {
  it('trims every text it keeps, required and optional, the date and time too', () => {
    const parsed = SubmittedReportSchema.parse({
      ...BODY,
      dateHappened: ' 2024-03-27 ',
      timeHappened: ' 14:30 ',
      reporterName: '  Sam Worker ',
      identifiedHow: ' a teacher saw it\n',
      reference: ' CASE-12 ',
    });
    expect(parsed).toMatchObject({
      dateHappened: '2024-03-27',
      timeHappened: '14:30',
      reporterName: 'Sam Worker',
      identifiedHow: 'a teacher saw it',
      reference: 'CASE-12',
    });
  });

  it('counts a text’s length after trimming it', () => {
    expect(accepts(SubmittedReportSchema, { ...BODY, reference: `  ${'r'.repeat(40)}  ` })).toBe(true);
  });

  it.each([
    ['a required text of spaces only', { reporterName: '   ' }, [`reporterName: ${MESSAGES.reporterMissing}`]],
    ['an empty required text', { description: '' }, [`description: ${MESSAGES.descriptionMissing}`]],
    [
      'an empty date (said once, not also as not a real date)',
      { dateHappened: '' },
      [`dateHappened: ${MESSAGES.dateMissing}`],
    ],
    ['a date that is not text', { dateHappened: 20240327 }, [`dateHappened: ${MESSAGES.dateMissing}`]],
    ['no type ticked', { incidentTypes: [] }, [`incidentTypes: ${MESSAGES.typeMissing}`]],
    ['types that are not a list', { incidentTypes: 'bullying' }, [`incidentTypes: ${MESSAGES.typeMissing}`]],
    ['a box ticked twice', { location: ['in-setting', 'in-setting'] }, ['location: A box is ticked twice']],
    ['a time with an hour of three digits', { timeHappened: '114:30' }, [`timeHappened: ${MESSAGES.timeInvalid}`]],
    ['a time with more after it', { timeHappened: '14:301' }, [`timeHappened: ${MESSAGES.timeInvalid}`]],
  ])('refuses %s with the form’s sentence', (_name, change, expected) => {
    expect(issues(change)).toEqual(expected);
  });

  it.each([
    ['identifiedHow', 1_000, 'How the incident was identified must be 1,000 characters or fewer'],
    ['involvedOther', 1_000, 'Who else was involved must be 1,000 characters or fewer'],
    ['incidentTypeOther', 1_000, 'The other type of incident must be 1,000 characters or fewer'],
    ['specificAction', 20_000, 'Specific action taken must be 20,000 characters or fewer'],
    ['outcome', 20_000, 'Outcome of incident/investigation must be 20,000 characters or fewer'],
    ['reference', 40, 'The reference must be 40 characters or fewer'],
  ])('refuses an oversized %s, naming the field', (field, max, sentence) => {
    expect(issues({ [field]: 'x'.repeat(max) })).toEqual([]);
    expect(issues({ [field]: 'x'.repeat(max + 1) })).toEqual([`${field}: ${sentence}`]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['"other" type left unsaid', { incidentTypes: ['other'] }, `incidentTypeOther: ${MESSAGES.typeOtherMissing}`],
    ['"other" person left unsaid', { involved: ['other'] }, `involvedOther: ${MESSAGES.involvedOtherMissing}`],
    [
      'material under an unticked deliberate access',
      { deliberateMaterial: ['viewed'] },
      `deliberateAccess: ${MESSAGES.deliberateParent}`,
    ],
    [
      '"considered as" under an unticked deliberate access',
      { deliberateConsideredAs: ['grooming'] },
      `deliberateAccess: ${MESSAGES.deliberateParent}`,
    ],
    [
      'material under an unticked accidental access',
      { accidentalMaterial: ['viewed'] },
      `accidentalAccess: ${MESSAGES.accidentalParent}`,
    ],
    ['a staff action under an unticked "Staff"', { staffActions: ['it'] }, `staffAction: ${MESSAGES.staffParent}`],
    ['a child action under an unticked box', { childActions: ['debriefed'] }, `childAction: ${MESSAGES.childParent}`],
    [
      'a meeting about to happen but not planned',
      { concerns: ['meeting-imminent'] },
      `concerns: ${MESSAGES.meetingParent}`,
    ],
  ])('refuses %s, on the box the worker must fix', (_name, change, expected) => {
    expect(issues(change)).toEqual([expected]);
  });

  it('names the parent boxes in its sentences as the form labels them', () => {
    expect([MESSAGES.deliberateParent, MESSAGES.accidentalParent, MESSAGES.staffParent, MESSAGES.childParent]).toEqual([
      'Tick “Deliberate access” or untick the boxes under it',
      'Tick “Accidental access” or untick the boxes under it',
      'Tick “Staff” under action taken or untick the boxes under it',
      'Tick “Child/young person” under action taken or untick the boxes under it',
    ]);
  });

  it('lists a cross-field problem beside an impossible date, so one answer says everything', () => {
    expect(issues({ dateHappened: '2024-02-30', incidentTypes: ['other'] })).toEqual([
      `dateHappened: ${MESSAGES.dateInvalid}`,
      `incidentTypeOther: ${MESSAGES.typeOtherMissing}`,
    ]);
  });
});

describe('ReportDraftSchema', () => {
  it('opens a draft whose tick lists are not lists, or hold things that are not ids, as unticked', () => {
    const draft = ReportDraftSchema.parse({ location: 'in-setting', concerns: [null, { id: 'fraud' }, 'fraud'] });
    expect(draft.location).toEqual([]);
    expect(draft.concerns).toEqual(['fraud']);
  });
});
