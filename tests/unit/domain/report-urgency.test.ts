import { describe, expect, it } from 'vitest';
import { URGENCIES as STEP_URGENCIES } from '../../../src/domain/next-steps.ts';
import { emptyDraft, type ReportDraft } from '../../../src/domain/report-schema.ts';
import { reportUrgency, WIRE_URGENCY_OF_STEP } from '../../../src/domain/report-urgency.ts';
import type { Urgency } from '../../../src/domain/sealed-protocol.ts';

const draft = (change: Partial<ReportDraft>): ReportDraft => ({ ...emptyDraft(), ...change });

const CASES: [string, Partial<ReportDraft>, Urgency][] = [
  ['nothing ticked (only the steps for every incident)', {}, 'routine'],
  ['soft pornography (no step beyond every incident)', { incidentTypes: ['soft-porn'] }, 'routine'],
  ['bullying (a step for the next few days)', { incidentTypes: ['bullying'] }, 'routine'],
  ['fraud (a step for today)', { concerns: ['fraud'] }, 'soon'],
  ['serious bullying (steps for today)', { concerns: ['bullying-serious'] }, 'soon'],
  ['a meeting about to happen (call 999 now)', { concerns: ['meeting-imminent'] }, 'immediate'],
  ['child abuse images (hands off now)', { incidentTypes: ['child-abuse-images'] }, 'immediate'],
  [
    'fraud and a meeting about to happen: the most urgent wins',
    { concerns: ['fraud', 'meeting-imminent'] },
    'immediate',
  ],
];

describe('the urgency a sealed report carries in clear', () => {
  it.each(CASES)('%s is %s', (_name, change, expected) => {
    expect(reportUrgency(draft(change))).toBe(expected);
  });

  it('maps every next-step urgency onto the wire’s three', () => {
    expect(Object.keys(WIRE_URGENCY_OF_STEP).sort()).toEqual([...STEP_URGENCIES].sort());
    expect(WIRE_URGENCY_OF_STEP).toEqual({ immediate: 'immediate', today: 'soon', soon: 'routine', always: 'routine' });
  });
});
