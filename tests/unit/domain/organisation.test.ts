import { describe, expect, it } from 'vitest';
import { ORG_FIELDS, OrgDetailsSchema } from '../../../src/domain/organisation.ts';
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
});
