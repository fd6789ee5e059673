import { describe, expect, it } from 'vitest';
import { EMPTY_ORG, ORG_FIELD_IDS, ORG_FIELDS, OrgDetailsSchema } from '../../../src/domain/organisation.ts';
import { SubmittedReportSchema } from '../../../src/domain/report-schema.ts';
import { SECRET_SCHEMAS } from '../../../src/domain/settings.ts';
import { completeDraft } from '../fixtures.ts';

const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues[0]?.message;

describe('organisation details', () => {
  it('are refused in Settings and on a submitted report with the same sentence when too long', () => {
    const orgName = 'x'.repeat(ORG_FIELDS.orgName.maxLength + 1);
    const inSettings = SECRET_SCHEMAS.orgDefaults.safeParse({ ...OrgDetailsSchema.parse({}), orgName });
    const onReport = SubmittedReportSchema.safeParse({ ...completeDraft(), orgName });
    expect(messageOf(inSettings)).toBe('Name of school/organisation must be 200 characters or fewer');
    expect(messageOf(onReport)).toBe(messageOf(inSettings));
  });

  it('are trimmed, and a missing one is empty', () => {
    expect(OrgDetailsSchema.parse({ orgName: '  Hillside  ' })).toEqual({
      orgName: 'Hillside',
      orgAddress: '',
      coordinatorName: '',
      orgContact: '',
    });
  });

  it.each([
    ['orgName', 200, 'Name of school/organisation must be 200 characters or fewer'],
    ['orgAddress', 1_000, 'Address must be 1,000 characters or fewer'],
    ['coordinatorName', 200, 'Name of online safety co-ordinator must be 200 characters or fewer'],
    ['orgContact', 1_000, 'Contact details must be 1,000 characters or fewer'],
  ])('take %s up to %i characters and refuse one more, naming the field', (id, max, sentence) => {
    expect(OrgDetailsSchema.safeParse({ [id]: 'x'.repeat(max) }).success).toBe(true);
    expect(messageOf(OrgDetailsSchema.safeParse({ [id]: 'x'.repeat(max + 1) }))).toBe(sentence);
  });

  it('are asked in the form’s order, a one-line name and multi-line address and contact details', () => {
    expect(ORG_FIELD_IDS).toEqual(['orgName', 'orgAddress', 'coordinatorName', 'orgContact']);
    expect(ORG_FIELD_IDS.map((id) => ORG_FIELDS[id].kind)).toEqual(['text', 'textarea', 'text', 'textarea']);
  });

  it('start empty on a new device, and the empty value cannot be changed by accident', () => {
    expect(EMPTY_ORG).toEqual({ orgName: '', orgAddress: '', coordinatorName: '', orgContact: '' });
    expect(Object.isFrozen(EMPTY_ORG)).toBe(true);
  });
});
