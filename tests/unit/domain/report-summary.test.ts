// The list summary of a report beyond report.test.ts: a date typed with spaces, a summary without a reference.
import { describe, expect, it } from 'vitest';
import { reportSummary } from '../../../src/domain/report-summary.ts';

describe('reportSummary', () => {
  it('shows a real date typed with spaces around it, trimmed', () => {
    expect(reportSummary({ incidentTypes: [], dateHappened: ' 2024-03-27 ' }).dateHappened).toBe('2024-03-27');
  });

  it('hides a date that does not exist', () => {
    expect(reportSummary({ incidentTypes: [], dateHappened: '2023-02-29' }).dateHappened).toBe('');
  });

  it('gives an empty reference for a report stored before references existed', () => {
    expect(reportSummary({ incidentTypes: ['gambling'], dateHappened: '' })).toEqual({
      title: 'Online gambling',
      typeLabels: ['Online gambling'],
      dateHappened: '',
      reference: '',
    });
  });
});
