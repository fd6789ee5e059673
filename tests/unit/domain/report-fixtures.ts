// Typed builders for incident report tests: a complete draft that passes "Submit report", changed per case.
import { emptyDraft, type ReportDraft } from '../../../src/domain/report-schema.ts';

export const ORG = {
  orgName: 'Hillside Family Service',
  orgAddress: '1 Example Road, London',
  coordinatorName: 'A. Officer',
  orgContact: 'officer@example.org',
} as const;

/** A draft with everything the form needs for submission, plus a few optional ticks. */
export const completeDraft = (overrides: Partial<ReportDraft> = {}): ReportDraft => ({
  ...emptyDraft(ORG),
  dateHappened: '2024-03-27',
  timeHappened: '16:45',
  reporterName: 'Sam Worker',
  location: ['outside-setting'],
  involved: ['child'],
  incidentTypes: ['bullying'],
  description: 'Told me that messages in a group chat called them names every night.',
  childAction: true,
  childActions: ['parents-informed'],
  ...overrides,
});
