import { describe, expect, it } from 'vitest';
import { NEXT_STEP_RULES } from '../../../src/domain/next-step-rules.ts';
import { formatSource, nextSteps, URGENCIES, URGENCY_LABELS } from '../../../src/domain/next-steps.ts';
import { emptyDraft, type ReportDraft } from '../../../src/domain/report-schema.ts';

const draft = (change: Partial<ReportDraft>): ReportDraft => ({ ...emptyDraft(), ...change });
const ALWAYS = ['report-online-safety-officer', 'record-own-words'];

type RuleCase = {
  name: string;
  change: Partial<ReportDraft>;
  /** The steps these ticks must bring, in the order the panel lists them (the two "always" steps close every list). */
  steps: string[];
};

const CASES: RuleCase[] = [
  { name: 'nothing ticked', change: {}, steps: ALWAYS },
  {
    name: 'child abuse images',
    change: { incidentTypes: ['child-abuse-images'] },
    steps: [
      'images-hands-off',
      'images-secure-device',
      'images-safeguarding-lead-police',
      'serious-safeguarding-lead',
      'illegal-content-iwf',
      ...ALWAYS,
    ],
  },
  {
    name: 'a staff member involved',
    change: { involved: ['staff'], incidentTypes: ['terrorist-material'] },
    steps: [
      'staff-senior-manager',
      'staff-lado',
      'extremism-channel',
      'serious-safeguarding-lead',
      'extremism-filtering',
      ...ALWAYS,
    ],
  },
  {
    name: 'online grooming',
    change: { incidentTypes: ['grooming'] },
    steps: ['grooming-referral', 'grooming-ceop', 'serious-safeguarding-lead', 'grooming-end-contact', ...ALWAYS],
  },
  {
    name: 'a deliberate access that could be grooming',
    change: { deliberateAccess: true, deliberateConsideredAs: ['grooming'] },
    steps: ['grooming-referral', 'grooming-ceop', 'serious-safeguarding-lead', 'grooming-end-contact', ...ALWAYS],
  },
  {
    name: 'a planned meeting with someone met online',
    change: { concerns: ['meeting-planned'] },
    steps: ['grooming-referral', 'grooming-ceop', 'serious-safeguarding-lead', 'grooming-end-contact', ...ALWAYS],
  },
  {
    name: 'a meeting about to happen',
    change: { incidentTypes: ['grooming'], concerns: ['meeting-planned', 'meeting-imminent'] },
    steps: [
      'meeting-call-999',
      'grooming-referral',
      'grooming-ceop',
      'serious-safeguarding-lead',
      'grooming-end-contact',
      ...ALWAYS,
    ],
  },
  {
    name: 'online sexual exploitation',
    change: { concerns: ['sexual-exploitation'] },
    steps: ['sexual-exploitation-risk-assessment', 'serious-safeguarding-lead', ...ALWAYS],
  },
  {
    name: 'online radicalisation',
    change: { incidentTypes: ['radicalisation'] },
    steps: ['extremism-channel', 'extremism-cssw', 'serious-safeguarding-lead', 'extremism-filtering', ...ALWAYS],
  },
  {
    name: 'terrorist material',
    change: { incidentTypes: ['terrorist-material'] },
    steps: ['extremism-channel', 'serious-safeguarding-lead', 'extremism-filtering', ...ALWAYS],
  },
  {
    name: 'online bullying',
    change: { incidentTypes: ['bullying'] },
    steps: ['bullying-policy', ...ALWAYS],
  },
  {
    name: 'a deliberate access that could be harassment',
    change: { deliberateAccess: true, deliberateConsideredAs: ['harassment'] },
    steps: ['bullying-policy', ...ALWAYS],
  },
  {
    name: 'bullying that is extreme, sexual, racist, ongoing or by several people',
    change: { incidentTypes: ['bullying'], concerns: ['bullying-serious'] },
    steps: [
      'serious-bullying-referral',
      'serious-bullying-evidence-police',
      'serious-safeguarding-lead',
      'bullying-policy',
      ...ALWAYS,
    ],
  },
  {
    name: 'nude or semi-nude images between under-18s',
    change: { concerns: ['nude-images-under-18'] },
    steps: [
      'images-hands-off',
      'nude-images-safeguarding-lead',
      'serious-safeguarding-lead',
      'nude-images-reassure',
      ...ALWAYS,
    ],
  },
  {
    name: 'an adult at home with child sexual abuse images',
    change: { concerns: ['household-adult-abuse-images'] },
    steps: [
      'images-hands-off',
      'images-safeguarding-lead-police',
      'household-abuse-images-referral',
      'serious-safeguarding-lead',
      ...ALWAYS,
    ],
  },
  {
    name: 'self-harm or suicide content',
    change: { concerns: ['self-harm-content'] },
    steps: ['self-harm-support', 'serious-safeguarding-lead', 'self-harm-referral', ...ALWAYS],
  },
  {
    name: 'hacking',
    change: { incidentTypes: ['hacking-virus'] },
    steps: ['hacking-it', 'hacking-cyber-choices', ...ALWAYS],
  },
  {
    name: 'bypassing security',
    change: { incidentTypes: ['bypassing-security'] },
    steps: ['hacking-it', 'hacking-cyber-choices', ...ALWAYS],
  },
  {
    name: 'fraud',
    change: { concerns: ['fraud'] },
    steps: ['fraud-action-fraud', ...ALWAYS],
  },
  {
    name: 'hard core pornography shared on purpose',
    change: { incidentTypes: ['hard-porn'], deliberateAccess: true, deliberateMaterial: ['viewed', 'distributed'] },
    steps: ['serious-safeguarding-lead', 'illegal-content-iwf', 'pornography-shared-referral', ...ALWAYS],
  },
  {
    name: 'a serious incident at home',
    change: { incidentTypes: ['grooming'], location: ['outside-setting'] },
    steps: [
      'grooming-referral',
      'grooming-ceop',
      'serious-safeguarding-lead',
      'child-protection-iro',
      'grooming-end-contact',
      ...ALWAYS,
    ],
  },
  {
    name: 'a minor incident at home',
    change: { incidentTypes: ['bullying'], location: ['outside-setting'] },
    steps: ['bullying-policy', ...ALWAYS],
  },
  {
    name: 'hate material',
    change: { incidentTypes: ['hate-material'] },
    steps: ['hate-material-report', ...ALWAYS],
  },
  {
    name: 'online gambling',
    change: { incidentTypes: ['gambling'] },
    steps: ['gambling-parents', ...ALWAYS],
  },
  {
    name: 'soft core pornography only viewed',
    change: { incidentTypes: ['soft-porn'], deliberateAccess: true, deliberateMaterial: ['viewed'] },
    steps: ALWAYS,
  },
  {
    name: 'soft core pornography shown to others',
    change: { incidentTypes: ['soft-porn'], deliberateAccess: true, deliberateMaterial: ['shown'] },
    steps: ['pornography-shared-referral', ...ALWAYS],
  },
];

describe('nextSteps: one row per rule', () => {
  it.each(CASES)('$name', ({ change, steps }) => {
    expect(nextSteps(draft(change)).map((s) => s.id)).toEqual(steps);
  });

  it('covers every rule in the table above', () => {
    const covered = new Set(CASES.flatMap((c) => c.steps));
    expect(NEXT_STEP_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });
});

describe('nextSteps: the list', () => {
  const everything = draft({
    incidentTypes: [
      'bullying',
      'hacking-virus',
      'hate-material',
      'radicalisation',
      'child-abuse-images',
      'grooming',
      'gambling',
      'hard-porn',
    ],
    involved: ['child', 'staff'],
    location: ['outside-setting'],
    deliberateAccess: true,
    deliberateMaterial: ['distributed'],
    deliberateConsideredAs: ['grooming', 'online-bullying'],
    concerns: [
      'meeting-planned',
      'meeting-imminent',
      'nude-images-under-18',
      'sexual-exploitation',
      'self-harm-content',
      'bullying-serious',
      'household-adult-abuse-images',
      'fraud',
    ],
  });

  it('puts the most urgent first', () => {
    const ranks = nextSteps(everything).map((s) => URGENCIES.indexOf(s.urgency));
    expect(ranks).not.toContain(-1);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(nextSteps(everything)[0]).toMatchObject({ id: 'meeting-call-999', urgency: 'immediate' });
    expect(nextSteps(everything).at(-1)).toMatchObject({ id: 'record-own-words', urgency: 'always' });
  });

  it('hands out copies: changing a step never changes the next draft’s steps', () => {
    const first = nextSteps(everything);
    for (const step of first) {
      step.text = '';
      for (const source of step.sources) source.section = '';
    }
    const again = nextSteps(everything);
    expect(again.every((s) => s.text.length > 0 && s.sources.every((source) => source.section.length > 0))).toBe(true);
  });

  it('lists each step once even when several ticks lead to it', () => {
    const ids = nextSteps(everything).map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(NEXT_STEP_RULES.length);
  });

  it('returns plain steps without the rule function, each with text and sources', () => {
    for (const step of nextSteps(everything)) {
      expect(Object.keys(step).sort()).toEqual(['id', 'sources', 'text', 'urgency']);
      expect(step.text.length).toBeGreaterThan(20);
      expect(step.sources.length).toBeGreaterThan(0);
    }
  });
});

describe('NEXT_STEP_RULES', () => {
  it('lists its rules most urgent first, as the panel shows them', () => {
    const ranks = NEXT_STEP_RULES.map((r) => URGENCIES.indexOf(r.urgency));
    expect(ranks).not.toContain(-1);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('has unique ids', () => {
    const ids = NEXT_STEP_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('cites sections that exist in the two documents', () => {
    // Camden sections used by the rules; Kent and Medway FAQ as "<section> Q<question>".
    const camden = /^(?:2|3\.[1-3]|5\.[1-6]|6\.[1-5]|Appendix 1)$/;
    const kent = /^[2-4] Q(?:[1-9]|1[0-8])$/;
    for (const rule of NEXT_STEP_RULES) {
      for (const source of rule.sources) {
        expect(source.section, rule.id).toMatch(source.document === 'camden' ? camden : kent);
      }
    }
  });

  it('includes the "always" step to report to the online safety officer, citing Camden 3.3', () => {
    const step = nextSteps(emptyDraft()).find((s) => s.id === 'report-online-safety-officer');
    expect(step?.urgency).toBe('always');
    expect(step?.sources).toContainEqual({ document: 'camden', section: '3.3' });
  });
});

describe('formatSource', () => {
  it.each([
    [{ document: 'camden', section: '5.2' }, 'Camden guidance, section 5.2'],
    [{ document: 'camden', section: 'Appendix 1' }, 'Camden guidance, Appendix 1'],
    [{ document: 'kent-medway', section: '2 Q9' }, 'Kent and Medway FAQ, section 2, question 9'],
    [{ document: 'kent-medway', section: '2 Q13' }, 'Kent and Medway FAQ, section 2, question 13'],
    [{ document: 'kent-medway', section: '12 Q16' }, 'Kent and Medway FAQ, section 12, question 16'],
    // Only a whole "<section> Q<question>" is read as a question; anything else is printed as written.
    [{ document: 'kent-medway', section: 'Annex 2 Q9' }, 'Kent and Medway FAQ, Annex 2 Q9'],
    [{ document: 'kent-medway', section: '2 Q9 and Q10' }, 'Kent and Medway FAQ, section 2 Q9 and Q10'],
    [{ document: 'kent-medway', section: '2 Qa' }, 'Kent and Medway FAQ, section 2 Qa'],
  ] as const)('prints %o as "%s"', (source, text) => {
    expect(formatSource(source)).toBe(text);
  });
});

describe('URGENCY_LABELS', () => {
  it('heads each urgency in plain words', () => {
    expect(URGENCY_LABELS).toEqual({
      immediate: 'Now',
      today: 'Today',
      soon: 'In the next few days',
      always: 'For every incident',
    });
  });
});
