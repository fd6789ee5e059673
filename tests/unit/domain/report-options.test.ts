// The words of the report form (report-options.ts) beyond report-form.test.ts, which holds every Appendix 1 tick box
// word for word: the Appendix 1 questions above the tick groups, and SafeVisit's own labels, which must each say
// something and tell the options apart.
import { describe, expect, it } from 'vitest';
import {
  CHILD_ACTIONS,
  CONCERNS,
  CONSIDERED_AS,
  FIELD_LABELS,
  INCIDENT_TYPE_IDS,
  INCIDENT_TYPES,
  INVOLVED,
  idsOf,
  LOCATIONS,
  MATERIAL_ACTIONS,
  STAFF_ACTIONS,
} from '../../../src/domain/report-options.ts';

const OPTION_LISTS = {
  LOCATIONS,
  INVOLVED,
  INCIDENT_TYPES,
  MATERIAL_ACTIONS,
  CONSIDERED_AS,
  STAFF_ACTIONS,
  CHILD_ACTIONS,
  CONCERNS,
};

describe('the questions above the tick groups', () => {
  it('are Appendix 1’s wording', () => {
    expect([
      FIELD_LABELS.location,
      FIELD_LABELS.involved,
      FIELD_LABELS.incidentTypes,
      FIELD_LABELS.deliberateMaterial,
      FIELD_LABELS.deliberateConsideredAs,
      FIELD_LABELS.accidentalMaterial,
      FIELD_LABELS.staffActions,
      FIELD_LABELS.childActions,
    ]).toEqual([
      'Where did the incident occur?',
      'Who was involved in the incident?',
      'Type of incident',
      'Did the incident involve material being;',
      'Could the incident be considered as;',
      'Did the incident involve material being;',
      'Staff',
      'Child/young person',
    ]);
  });

  it('ask for the detail of an “other” box in plain words', () => {
    expect(FIELD_LABELS.involvedOther).toBe('Please specify who else was involved');
    expect(FIELD_LABELS.incidentTypeOther).toBe('Please specify the other type of incident');
  });
});

describe('every option list', () => {
  it.each(Object.entries(OPTION_LISTS))('%s has distinct ids and labels, none empty', (_name, options) => {
    const ids = options.map((o) => o.id);
    const labels = options.map((o) => o.label);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(labels).size).toBe(labels.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    for (const label of labels) expect(label.trim().length).toBeGreaterThan(3);
    expect(idsOf(options)).toEqual(ids);
  });

  it('gives each incident type a distinct short name for lists and next steps', () => {
    const shorts = INCIDENT_TYPES.map((t) => t.short);
    expect(new Set(shorts).size).toBe(shorts.length);
    for (const short of shorts) expect(short.trim().length).toBeGreaterThan(3);
    expect(INCIDENT_TYPE_IDS).toEqual(idsOf(INCIDENT_TYPES));
  });
});
