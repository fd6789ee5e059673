import { describe, expect, it } from 'vitest';
import {
  FORM_FIELDS,
  type FormField,
  labelOf,
  REPORT_FORM,
  VISIT_FORM,
  VISIT_ORDER,
  WARNING_TEXTS,
} from '../../../src/domain/report-form.ts';
import { FIELD_LABELS, INCIDENT_TYPES } from '../../../src/domain/report-options.ts';
import { ReportDraftSchema, type ReportFieldId, SubmittedReportSchema } from '../../../src/domain/report-schema.ts';

/**
 * Every tick box of Appendix 1 of the Camden guidance, copied word for word from the form, grouped as the form
 * groups them. Where the form leaves a bracket open ("(online bullying", "(please specify") the app closes it.
 */
const APPENDIX_1_TICK_BOXES: Array<{ where: string; labels: string[] }> = [
  { where: 'Where did the incident occur?', labels: ['In school/service setting', 'Outside school/service setting'] },
  {
    where: 'Who was involved in the incident?',
    labels: ['child/young person', 'staff member', 'other (please specify'],
  },
  {
    where: 'Type of incident',
    labels: [
      'bullying or harassment (online bullying',
      'deliberately bypassing security or access',
      'hacking or virus propagation',
      'racist, sexist, homophobic, transphobic, bi-phobic religious hate material',
      'terrorist material',
      'online grooming',
      'online radicalisation',
      'child abuse images',
      'on-line gambling',
      'soft core pornographic material',
      'illegal hard core pornographic material',
      'other (please specify)',
    ],
  },
  { where: 'Nature of incident', labels: ['Deliberate access'] },
  {
    where: 'Deliberate access: Did the incident involve material being;',
    labels: ['created', 'viewed', 'printed', 'shown to others', 'transmitted to others', 'distributed'],
  },
  {
    where: 'Deliberate access: Could the incident be considered as;',
    labels: ['harassment', 'grooming', 'online bullying', 'breach of AUP'],
  },
  { where: 'Nature of incident', labels: ['Accidental access'] },
  {
    where: 'Accidental access: Did the incident involve material being;',
    labels: ['created', 'viewed', 'printed', 'shown to others', 'transmitted to others', 'distributed'],
  },
  { where: 'Action taken', labels: ['Staff'] },
  {
    where: 'Action taken: Staff',
    labels: [
      'incident reported to head teacher/senior manager',
      'advice sought from LADO',
      'referral made to LADO',
      'incident reported to police',
      'incident reported to Internet Watch Foundation',
      'incident reported to IT',
      'disciplinary action to be taken',
      'online safety policy to be reviewed/amended',
    ],
  },
  { where: 'Action taken', labels: ['Child/young person'] },
  {
    where: 'Action taken: Child/young person',
    labels: [
      'incident reported to head teacher/senior manager',
      'advice sought from Children’s Safeguarding and Social Work',
      'referral made to Children’s Safeguarding and Social Work',
      'incident reported to police',
      'incident reported to social networking site',
      'incident reported to IT',
      'child’s parents informed',
      'disciplinary action to be taken',
      'child/young person debriefed',
      'online safety policy to be reviewed/amended',
    ],
  },
];

/** The written-in fields of Appendix 1, word for word. */
const APPENDIX_1_FIELDS = [
  'Name of school/organisation',
  'Address',
  'Name of online safety co-ordinator',
  'Contact details',
  'Date happened',
  'Time',
  'Name of person reporting incident',
  'If not reported, how was the incident identified?',
  'Description of incident',
  'Please detail any specific action taken (ie: removal of equipment)',
  'Outcome of incident/investigation',
];

/** Same wording, allowing the app to close a bracket the form left open. */
const sameWording = (appLabel: string, formLabel: string) =>
  appLabel === formLabel || (formLabel.split('(').length > formLabel.split(')').length && appLabel === `${formLabel})`);

const fields = REPORT_FORM.flatMap((s) => s.fields);
const formFields = fields.filter((f) => !f.addition);

/** The tick boxes of the form as the UI renders them, in order, one entry per single box or group. */
const renderedTickGroups = formFields.flatMap((f): string[][] => {
  if (f.kind === 'checkbox') return [[f.label]];
  if (f.kind === 'checkboxes') return [f.options.map((o) => o.label)];
  return [];
});

describe('REPORT_FORM holds every tick box of Appendix 1', () => {
  it.each(APPENDIX_1_TICK_BOXES.flatMap(({ where, labels }) => labels.map((label) => ({ where, label }))))(
    '$where: "$label"',
    ({ label }) => {
      expect(renderedTickGroups.flat().some((appLabel) => sameWording(appLabel, label))).toBe(true);
    },
  );

  it('has exactly the boxes of the form, grouped and ordered as the form has them (55 boxes)', () => {
    expect(renderedTickGroups.flat()).toHaveLength(55);
    expect(renderedTickGroups).toHaveLength(APPENDIX_1_TICK_BOXES.length);
    renderedTickGroups.forEach((group, i) => {
      const expected = APPENDIX_1_TICK_BOXES[i]?.labels ?? [];
      expect(group).toHaveLength(expected.length);
      group.forEach((label, j) => {
        expect(sameWording(label, expected[j] ?? ''), `${label} vs ${expected[j]}`).toBe(true);
      });
    });
  });

  it.each(APPENDIX_1_FIELDS)('has the field "%s" with the form’s wording', (label) => {
    expect(formFields.some((f) => f.label === label)).toBe(true);
  });

  it('uses the incident type labels of INCIDENT_TYPES, so labels live in one place', () => {
    const types = fields.find((f) => f.id === 'incidentTypes');
    expect(types?.kind === 'checkboxes' ? types.options.map((o) => o.label) : []).toEqual(
      INCIDENT_TYPES.map((t) => t.label),
    );
  });
});

describe('REPORT_FORM’s sections and fields', () => {
  it('are headed as Appendix 1 heads its sections, the worker’s reference and the next-step facts added', () => {
    expect(REPORT_FORM.map((s) => [s.id, s.title, s.addition === true])).toEqual([
      ['reference', 'Worker’s reference (case number or initials)', true],
      ['organisation', 'School/organisation’s details', false],
      ['incident', 'Details of incident', false],
      ['type', 'Type of incident', false],
      ['description', 'Description of incident', false],
      ['nature', 'Nature of incident', false],
      ['action', 'Action taken', false],
      ['outcome', 'Outcome of incident/investigation', false],
      ['concerns', 'Facts that shape the next steps', true],
    ]);
  });

  it('ask each written answer in the input that fits it: one line, several lines, a date or a time', () => {
    const inputs = fields.filter((f) => !f.kind.startsWith('checkbox')).map((f) => `${f.id}:${f.kind}`);
    expect(inputs).toEqual([
      'reference:text',
      'orgName:text',
      'orgAddress:textarea',
      'coordinatorName:text',
      'orgContact:textarea',
      'dateHappened:date',
      'timeHappened:time',
      'reporterName:text',
      'identifiedHow:textarea',
      'involvedOther:text',
      'incidentTypeOther:text',
      'description:textarea',
      'specificAction:textarea',
      'outcome:textarea',
    ]);
  });

  it('cap each written answer at the length the submitted report takes', () => {
    for (const f of fields) {
      if (f.kind !== 'text' && f.kind !== 'textarea') continue;
      const shape = SubmittedReportSchema.shape[f.id];
      expect(shape.safeParse('x'.repeat(f.maxLength)).success, f.id).toBe(true);
      expect(shape.safeParse('x'.repeat(f.maxLength + 1)).success, f.id).toBe(false);
    }
  });

  it('put the boxes and the detail under the box they belong to', () => {
    expect(fields.filter((f) => f.parent).map((f) => `${f.id} under ${f.parent}`)).toEqual([
      'deliberateMaterial under deliberateAccess',
      'deliberateConsideredAs under deliberateAccess',
      'accidentalMaterial under accidentalAccess',
      'staffActions under staffAction',
      'specificAction under staffAction',
      'childActions under childAction',
    ]);
  });

  it('give a hint only where it says something', () => {
    const hints = [...REPORT_FORM.map((s) => s.hint), ...fields.map((f) => f.hint)].filter((h) => h !== undefined);
    expect(hints.length).toBeGreaterThan(5);
    for (const hint of hints) expect(hint.trim().length).toBeGreaterThan(10);
  });

  it('can be looked up by id, with their label', () => {
    expect(FORM_FIELDS.size).toBe(fields.length);
    expect(FORM_FIELDS.get('description')).toBe(fields.find((f) => f.id === 'description'));
    expect(labelOf('incidentTypes')).toBe('Type of incident');
  });
});

describe('REPORT_FORM matches the draft schema', () => {
  const draftKeys = Object.keys(ReportDraftSchema.shape).sort();

  it('renders every draft field exactly once', () => {
    expect(fields.map((f) => f.id).sort()).toEqual(draftKeys);
  });

  it('takes every field label from FIELD_LABELS, which names exactly the draft fields in draft order', () => {
    expect(Object.keys(FIELD_LABELS)).toEqual(Object.keys(ReportDraftSchema.shape));
    for (const f of fields) expect(f.label, f.id).toBe(FIELD_LABELS[f.id]);
  });

  it('lists fields in the order of the draft, which is the order issues are reported in', () => {
    expect(fields.map((f) => f.id)).toEqual(Object.keys(ReportDraftSchema.shape));
  });

  it('gives each field a kind that fits its value in the draft', () => {
    const draft = ReportDraftSchema.parse({});
    const valueKind = (f: FormField) => {
      const value = draft[f.id as ReportFieldId];
      return Array.isArray(value) ? 'array' : typeof value;
    };
    for (const f of fields) {
      const expected = f.kind === 'checkboxes' ? 'array' : f.kind === 'checkbox' ? 'boolean' : 'string';
      expect(valueKind(f), f.id).toBe(expected);
    }
  });

  it('offers, for each tick group, exactly the option ids the schema accepts', () => {
    for (const f of fields) {
      if (f.kind !== 'checkboxes') continue;
      const ids = f.options.map((o) => o.id);
      expect(new Set(ids).size, f.id).toBe(ids.length);
      expect(ReportDraftSchema.shape[f.id].parse(ids), f.id).toEqual(ids);
      expect(ReportDraftSchema.shape[f.id].parse(['not-an-option', ...ids]), f.id).toEqual(ids);
      expect(SubmittedReportSchema.shape[f.id].safeParse(ids).success, f.id).toBe(true);
      expect(SubmittedReportSchema.shape[f.id].safeParse(['not-an-option']).success, f.id).toBe(false);
    }
  });

  it('points parents and "please specify" conditions at real fields and options', () => {
    for (const f of fields) {
      if (f.parent) expect(fields.find((p) => p.id === f.parent)?.kind, f.id).toBe('checkbox');
      if (f.showWhen) {
        const group = fields.find((p) => p.id === f.showWhen?.field);
        expect(group?.kind === 'checkboxes' && group.options.some((o) => o.id === f.showWhen?.option), f.id).toBe(true);
      }
    }
  });

  it('marks the required fields that "Submit report" checks', () => {
    expect(fields.filter((f) => f.required).map((f) => f.id)).toEqual([
      'dateHappened',
      'reporterName',
      'incidentTypes',
      'description',
    ]);
  });
});

describe('the indecent images warning', () => {
  it('has a text for the UI to show: never handle the images, describe them in words', () => {
    expect(WARNING_TEXTS['indecent-images']).toMatch(/never .*copy, print, save, forward or attach/i);
    expect(WARNING_TEXTS['indecent-images']).toMatch(/describe what was seen in words only/i);
  });

  it('is on the next-step facts about nude images and abuse images in the household', () => {
    const concerns = fields.find((f) => f.id === 'concerns');
    const warned = concerns?.kind === 'checkboxes' ? concerns.options.filter((o) => o.warning).map((o) => o.id) : [];
    expect(warned).toEqual(['nude-images-under-18', 'household-adult-abuse-images']);
  });

  it('is on child abuse images, soft and hard core pornographic material and the description', () => {
    const warned = formFields.flatMap((f) => [
      ...(f.warning ? [f.id] : []),
      ...(f.kind === 'checkboxes' ? f.options.filter((o) => o.warning).map((o) => `${f.id}:${o.id}`) : []),
    ]);
    expect(warned).toEqual([
      'incidentTypes:child-abuse-images',
      'incidentTypes:soft-porn',
      'incidentTypes:hard-porn',
      'description',
    ]);
  });
});

describe('SafeVisit additions', () => {
  it('are marked as additions and are not Appendix 1 wording', () => {
    const additions = REPORT_FORM.filter((s) => s.addition);
    expect(additions.length).toBeGreaterThan(0);
    for (const section of additions) {
      expect(section.hint).toMatch(/not part of the Appendix 1 form/);
      for (const f of section.fields) expect(f.addition, f.id).toBe(true);
    }
    const formWording = APPENDIX_1_TICK_BOXES.flatMap((g) => g.labels);
    for (const f of fields.filter((x) => x.addition)) {
      const labels = f.kind === 'checkboxes' ? f.options.map((o) => o.label) : [f.label];
      for (const label of labels) expect(formWording).not.toContain(label);
    }
  });

  it('capture the facts the next steps need', () => {
    const concerns = fields.find((f) => f.id === 'concerns');
    expect(concerns?.kind === 'checkboxes' ? concerns.options.map((o) => o.id) : []).toEqual(
      expect.arrayContaining(['meeting-planned', 'nude-images-under-18', 'self-harm-content', 'bullying-serious']),
    );
  });
});

describe('the worker form in the order of a visit', () => {
  it('holds every section once, the worker’s reference and what happened first and the organisation last', () => {
    expect(VISIT_FORM.map((s) => s.id).sort()).toEqual(REPORT_FORM.map((s) => s.id).sort());
    expect(VISIT_FORM.slice(0, 2).map((s) => s.id)).toEqual(['reference', 'description']);
    expect(VISIT_FORM.at(-1)?.id).toBe('organisation');
    const ids = VISIT_FORM.map((s) => s.id);
    expect(ids.indexOf('type')).toBeLessThan(ids.indexOf('concerns'));
    expect(ids.indexOf('concerns')).toBeLessThan(ids.indexOf('nature'));
    expect(ids).toEqual(VISIT_ORDER);
  });
});
