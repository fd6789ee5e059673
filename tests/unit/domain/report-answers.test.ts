// A report read back as the Appendix 1 form: labels from the form description, its order, empty answers left out,
// and one uniquely headed export column per field.
import { describe, expect, it } from 'vitest';
import { ANSWER_COLUMNS, columnText, emptyQuestions, reportAnswers } from '../../../src/domain/report-answers.ts';
import { REPORT_FORM, VISIT_FORM } from '../../../src/domain/report-form.ts';
import { CHILD_ACTIONS, FIELD_LABELS } from '../../../src/domain/report-options.ts';
import { emptyDraft, type ReportDraft } from '../../../src/domain/report-schema.ts';
import { completeDraft } from '../fixtures.ts';

describe('reportAnswers', () => {
  // Read inside each test (not while collecting them), so a mutation run knows which tests read the answers.
  const answered = () => {
    const report = completeDraft({
      incidentTypes: ['grooming', 'bullying'],
      description: 'Messages every night.\nThe child is scared.',
      identifiedHow: '',
    });
    const sections = reportAnswers(report);
    return { sections, answers: sections.flatMap((s) => s.answers) };
  };

  it('lists sections and fields in the form’s order, with the form’s labels', () => {
    const { sections, answers } = answered();
    const formOrder = REPORT_FORM.flatMap((s) => s.fields.map((f) => f.id));
    const ids = answers.map((a) => a.id);
    expect(ids).toEqual(formOrder.filter((id) => ids.includes(id)));
    for (const answer of answers) expect(answer.label).toBe(FIELD_LABELS[answer.id]);
    expect(sections.map((s) => s.id)).toEqual(
      REPORT_FORM.map((s) => s.id).filter((id) => sections.some((s) => s.id === id)),
    );
  });

  it('gives ticked boxes by their wording in form order, text as written, and a ticked box as Yes', () => {
    const { answers } = answered();
    const byId = new Map(answers.map((a) => [a.id, a.text]));
    expect(byId.get('incidentTypes')).toBe('bullying or harassment (online bullying); online grooming');
    expect(byId.get('description')).toBe('Messages every night.\nThe child is scared.');
    expect(byId.get('childAction')).toBe('Yes');
    expect(byId.get('childActions')).toBe(CHILD_ACTIONS.find((a) => a.id === 'parents-informed')?.label);
  });

  it('leaves out empty answers and sections with none', () => {
    const { sections, answers } = answered();
    const ids = answers.map((a) => a.id);
    expect(ids).not.toContain('identifiedHow');
    expect(ids).not.toContain('deliberateAccess');
    expect(ids).not.toContain('outcome');
    expect(sections.map((s) => s.id)).not.toContain('nature');
    expect(answers.every((a) => a.text !== '')).toBe(true);
  });

  it('says which box an answer sits under, and which sections are SafeVisit additions', () => {
    const sections = reportAnswers(completeDraft({ concerns: ['fraud'] }));
    const answers = sections.flatMap((s) => s.answers);
    expect(answers.find((a) => a.id === 'childActions')?.parent).toBe('childAction');
    expect(answers.find((a) => a.id === 'childAction')).not.toHaveProperty('parent');
    expect(sections.map((s) => [s.id, s.addition])).toEqual([
      ['organisation', false],
      ['incident', false],
      ['type', false],
      ['description', false],
      ['action', false],
      ['concerns', true],
    ]);
  });

  it('trims what was written, and shows a value of the wrong kind (a damaged body) as no answer', () => {
    const damaged = {
      ...completeDraft(),
      description: '  Told me at the visit.  ',
      outcome: 42,
      location: 'in-setting',
    };
    const answers = reportAnswers(damaged as unknown as ReportDraft).flatMap((s) => s.answers);
    expect(answers.find((a) => a.id === 'description')?.text).toBe('Told me at the visit.');
    expect(answers.map((a) => a.id)).not.toContain('outcome');
    expect(answers.map((a) => a.id)).not.toContain('location');
  });
});

describe('ANSWER_COLUMNS', () => {
  it('has one column per form field, in form order', () => {
    expect(ANSWER_COLUMNS.map((c) => c.id)).toEqual(REPORT_FORM.flatMap((s) => s.fields.map((f) => f.id)));
  });

  it('heads each column with its label, qualified only where Appendix 1 repeats a label, so no two headers meet', () => {
    const headers = ANSWER_COLUMNS.map((c) => c.header);
    expect(new Set(headers).size).toBe(headers.length);
    for (const column of ANSWER_COLUMNS) expect(column.header.endsWith(FIELD_LABELS[column.id])).toBe(true);
    expect(ANSWER_COLUMNS.find((c) => c.id === 'description')?.header).toBe('Description of incident');
    expect(ANSWER_COLUMNS.find((c) => c.id === 'accidentalMaterial')?.header).toBe(
      'Nature of incident: Accidental access: Did the incident involve material being;',
    );
    expect(ANSWER_COLUMNS.find((c) => c.id === 'staffAction')?.header).toBe('Action taken: Staff');
    expect(ANSWER_COLUMNS.find((c) => c.id === 'staffActions')?.header).toBe('Action taken: Staff: Staff');
  });

  it('gives a tick box as Yes or No and an empty text as empty', () => {
    const report = completeDraft({ outcome: '' });
    const column = (id: string) => ANSWER_COLUMNS.find((c) => c.id === id);
    const text = (id: string) => {
      const c = column(id);
      if (!c) throw new Error(id);
      return columnText(c, report);
    };
    expect(text('childAction')).toBe('Yes');
    expect(text('staffAction')).toBe('No');
    expect(text('outcome')).toBe('');
  });
});

describe('the worker read-back', () => {
  it('lists answers in the sections given and names the questions left empty, sub-questions left out', () => {
    const draft = { ...emptyDraft(), description: 'Told me at the visit.', orgName: 'Riverside' };
    const sections = reportAnswers(draft, VISIT_FORM);
    expect(sections.map((s) => s.id)).toEqual(['description', 'organisation']);
    const empty = emptyQuestions(draft, VISIT_FORM).map((q) => q.id);
    expect(empty).toContain('dateHappened');
    expect(empty).not.toContain('description');
    expect(empty).not.toContain('deliberateMaterial');
  });
});
