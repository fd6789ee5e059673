// Each "Next steps" rule on its own: the single tick that brings it, its urgency, the source it cites and what its
// text tells the worker (one phrase from every part of the text, so no sentence of the guidance can go missing).
import { describe, expect, it } from 'vitest';
import { NEXT_STEP_RULES } from '../../../src/domain/next-step-rules.ts';
import { formatSource, nextSteps, type Urgency } from '../../../src/domain/next-steps.ts';
import { emptyDraft, type ReportDraft } from '../../../src/domain/report-schema.ts';

const draft = (change: Partial<ReportDraft>): ReportDraft => ({ ...emptyDraft(), ...change });
const ALWAYS = ['report-online-safety-officer', 'record-own-words'];
const GROOMING = ['grooming-referral', 'grooming-ceop', 'serious-safeguarding-lead', 'grooming-end-contact'];
const idsFor = (change: Partial<ReportDraft>) => nextSteps(draft(change)).map((s) => s.id);

describe('nextSteps: each tick on its own', () => {
  it.each<[string, Partial<ReportDraft>, string[]]>([
    ['online bullying', { incidentTypes: ['bullying'] }, ['bullying-policy']],
    ['bypassing security', { incidentTypes: ['bypassing-security'] }, ['hacking-it', 'hacking-cyber-choices']],
    ['hacking or a virus', { incidentTypes: ['hacking-virus'] }, ['hacking-it', 'hacking-cyber-choices']],
    ['hate material', { incidentTypes: ['hate-material'] }, ['hate-material-report']],
    [
      'terrorist material',
      { incidentTypes: ['terrorist-material'] },
      ['extremism-channel', 'serious-safeguarding-lead', 'extremism-filtering'],
    ],
    ['online grooming', { incidentTypes: ['grooming'] }, GROOMING],
    [
      'online radicalisation',
      { incidentTypes: ['radicalisation'] },
      ['extremism-channel', 'extremism-cssw', 'serious-safeguarding-lead', 'extremism-filtering'],
    ],
    [
      'child abuse images',
      { incidentTypes: ['child-abuse-images'] },
      [
        'images-hands-off',
        'images-secure-device',
        'images-safeguarding-lead-police',
        'serious-safeguarding-lead',
        'illegal-content-iwf',
      ],
    ],
    ['online gambling', { incidentTypes: ['gambling'] }, ['gambling-parents']],
    ['soft core pornography', { incidentTypes: ['soft-porn'] }, []],
    ['hard core pornography', { incidentTypes: ['hard-porn'] }, ['serious-safeguarding-lead', 'illegal-content-iwf']],
    ['another kind of incident', { incidentTypes: ['other'] }, []],
    ['a planned meeting', { concerns: ['meeting-planned'] }, GROOMING],
    ['a meeting about to happen', { concerns: ['meeting-imminent'] }, ['meeting-call-999', ...GROOMING]],
    [
      'nudes shared between under-18s',
      { concerns: ['nude-images-under-18'] },
      ['images-hands-off', 'nude-images-safeguarding-lead', 'serious-safeguarding-lead', 'nude-images-reassure'],
    ],
    [
      'sexual exploitation',
      { concerns: ['sexual-exploitation'] },
      ['sexual-exploitation-risk-assessment', 'serious-safeguarding-lead'],
    ],
    [
      'self-harm content',
      { concerns: ['self-harm-content'] },
      ['self-harm-support', 'serious-safeguarding-lead', 'self-harm-referral'],
    ],
    [
      'serious bullying',
      { concerns: ['bullying-serious'] },
      ['serious-bullying-referral', 'serious-bullying-evidence-police', 'serious-safeguarding-lead', 'bullying-policy'],
    ],
    [
      'an adult at home with abuse images',
      { concerns: ['household-adult-abuse-images'] },
      [
        'images-hands-off',
        'images-safeguarding-lead-police',
        'household-abuse-images-referral',
        'serious-safeguarding-lead',
      ],
    ],
    ['fraud', { concerns: ['fraud'] }, ['fraud-action-fraud']],
    ['a member of staff involved', { involved: ['staff'] }, ['staff-senior-manager', 'staff-lado']],
    ['a child involved', { involved: ['child'] }, []],
    ['someone else involved', { involved: ['other'] }, []],
    ['outside the setting', { location: ['outside-setting'] }, []],
    [
      'deliberate access considered grooming',
      { deliberateAccess: true, deliberateConsideredAs: ['grooming'] },
      GROOMING,
    ],
    [
      'deliberate access considered harassment',
      { deliberateAccess: true, deliberateConsideredAs: ['harassment'] },
      ['bullying-policy'],
    ],
    [
      'deliberate access considered online bullying',
      { deliberateAccess: true, deliberateConsideredAs: ['online-bullying'] },
      ['bullying-policy'],
    ],
    [
      'deliberate access considered a breach of AUP',
      { deliberateAccess: true, deliberateConsideredAs: ['aup-breach'] },
      [],
    ],
  ])('%s brings its own steps and no others', (_name, change, steps) => {
    expect(idsFor(change)).toEqual([...steps, ...ALWAYS]);
  });
});

describe('nextSteps: rules that need two ticks', () => {
  it.each<[string, Partial<ReportDraft>, boolean]>([
    ['hard core pornography shown to others', { incidentTypes: ['hard-porn'], deliberateMaterial: ['shown'] }, true],
    ['soft core pornography transmitted', { incidentTypes: ['soft-porn'], deliberateMaterial: ['transmitted'] }, true],
    ['soft core pornography distributed', { incidentTypes: ['soft-porn'], deliberateMaterial: ['distributed'] }, true],
    ['soft core pornography created', { incidentTypes: ['soft-porn'], deliberateMaterial: ['created'] }, false],
    ['soft core pornography printed', { incidentTypes: ['soft-porn'], deliberateMaterial: ['printed'] }, false],
    ['material shown that is not pornography', { incidentTypes: ['gambling'], deliberateMaterial: ['shown'] }, false],
  ])('%s on purpose asks about a referral: %s', (_name, change, referral) => {
    expect(idsFor({ deliberateAccess: true, ...change }).includes('pornography-shared-referral')).toBe(referral);
  });

  it('does not ask about a referral for pornography shown when the access was not deliberate', () => {
    expect(idsFor({ incidentTypes: ['soft-porn'], deliberateAccess: false, deliberateMaterial: ['shown'] })).toEqual(
      ALWAYS,
    );
  });

  it.each<[string, Partial<ReportDraft>, boolean]>([
    [
      'a serious incident outside the setting',
      { concerns: ['sexual-exploitation'], location: ['outside-setting'] },
      true,
    ],
    ['a serious incident in the setting', { concerns: ['sexual-exploitation'], location: ['in-setting'] }, false],
    ['a minor incident outside the setting', { concerns: ['fraud'], location: ['outside-setting'] }, false],
  ])('%s: a child protection IRO is asked (%s)', (_name, change, iro) => {
    expect(idsFor(change).includes('child-protection-iro')).toBe(iro);
  });
});

type RuleText = { urgency: Urgency; sources: string[]; says: string[] };
const camden = (section: string) => formatSource({ document: 'camden', section });
const kent = (section: string) => formatSource({ document: 'kent-medway', section });

/** What each step must tell the worker (a phrase from every sentence part) and where the guidance says so. */
const RULE_TEXTS: Record<string, RuleText> = {
  'meeting-call-999': {
    urgency: 'immediate',
    sources: [camden('5.2')],
    says: ['about to meet someone they only know from the internet', 'phone the police on 999 now'],
  },
  'images-hands-off': {
    urgency: 'immediate',
    sources: [kent('2 Q2'), kent('2 Q9')],
    says: [
      'do not open, look at, copy, print, save, forward or delete them',
      'a child to send, delete or describe them',
    ],
  },
  'images-secure-device': {
    urgency: 'immediate',
    sources: [kent('2 Q2'), kent('4 Q4')],
    says: ['Secure the phone, computer or account', 'keep it as it is for the police'],
  },
  'images-safeguarding-lead-police': {
    urgency: 'immediate',
    sources: [kent('2 Q2'), kent('2 Q9'), camden('6.5')],
    says: ['Tell your designated safeguarding lead now', 'phone 999 if a child is in immediate danger', '101'],
  },
  'nude-images-safeguarding-lead': {
    urgency: 'immediate',
    sources: [kent('2 Q9'), camden('5.6')],
    says: ['Under-18s sharing nudes', 'straight away', 'whether the police', 'only then may the images be deleted'],
  },
  'staff-senior-manager': {
    urgency: 'immediate',
    sources: [kent('3 Q9'), camden('6.1')],
    says: ['tell a senior manager (in a school, the head teacher) at once', 'look into it yourself'],
  },
  'staff-lado': {
    urgency: 'today',
    sources: [camden('6.1'), kent('3 Q9')],
    says: ['a working day at most to bring in the LADO', 'officer for allegations', 'procedure for allegations'],
  },
  'household-abuse-images-referral': {
    urgency: 'today',
    sources: [camden('6.5'), camden('6.2')],
    says: ['An adult at home', 'refer to CSSW through the MASH', 'take it on jointly'],
  },
  'grooming-referral': {
    urgency: 'today',
    sources: [camden('5.2'), camden('6.2')],
    says: ['Ask a MASH social worker', 'a planned meeting with an online contact', 'e-CAF to the MASH'],
  },
  'grooming-ceop': {
    urgency: 'today',
    sources: [camden('5.2')],
    says: ['CEOP “Report abuse” button', 'report it to the police'],
  },
  'sexual-exploitation-risk-assessment': {
    urgency: 'today',
    sources: [camden('5.3'), camden('6.2')],
    says: ['CSE) risk assessment and send it with any referral to CSSW'],
  },
  'extremism-channel': {
    urgency: 'today',
    sources: [camden('5.4'), camden('6.2')],
    says: ['referral to the Channel Panel (Prevent)', 'a copy of this report to the co-ordinator'],
  },
  'extremism-cssw': {
    urgency: 'today',
    sources: [camden('5.4'), camden('6.2')],
    says: ['Refer to CSSW if the child is deeply caught up', 'extremist violence, or a younger child'],
  },
  'serious-bullying-referral': {
    urgency: 'today',
    sources: [camden('5.1'), camden('6.2')],
    says: ['ask a MASH social worker', 'a report to the police', 'the one bullied and the one bullying'],
  },
  'serious-bullying-evidence-police': {
    urgency: 'today',
    sources: [kent('2 Q14'), camden('5.1')],
    says: ['Keep the evidence', 'contact the police on 101; phone 999 if someone is in danger'],
  },
  'self-harm-support': {
    urgency: 'today',
    sources: [kent('2 Q7'), camden('5.5')],
    says: ['calmly and without blame', 'for self-harm, suicide or eating problems'],
  },
  'fraud-action-fraud': {
    urgency: 'today',
    sources: [kent('2 Q13')],
    says: ['Action Fraud (0300 123 2040)', 'on 101'],
  },
  'hacking-it': {
    urgency: 'today',
    sources: [kent('4 Q4'), camden('Appendix 1')],
    says: ['Report it to IT', 'taking the computer off the network'],
  },
  'serious-safeguarding-lead': {
    urgency: 'today',
    sources: [camden('3.3'), kent('2 Q15')],
    says: ['at serious risk', 'designated safeguarding lead, who makes the call'],
  },
  'child-protection-iro': {
    urgency: 'today',
    sources: [camden('6.4')],
    says: ['happened at home to a child you hold as a social worker', 'child protection IRO'],
  },
  'self-harm-referral': {
    urgency: 'soon',
    sources: [camden('5.5'), camden('6.2')],
    says: ['putting the young person at risk', 'consider a referral to CSSW'],
  },
  'grooming-end-contact': {
    urgency: 'soon',
    sources: [camden('5.2')],
    says: ['cut off the contact', 'keep an eye on the child’s internet use'],
  },
  'nude-images-reassure': {
    urgency: 'soon',
    sources: [kent('2 Q9'), camden('5.6')],
    says: ['you have to pass this on', 'only with the safeguarding lead', 'proportionate'],
  },
  'extremism-filtering': {
    urgency: 'soon',
    sources: [camden('5.4')],
    says: ['Review the service’s internet filtering', 'pattern of targeting'],
  },
  'bullying-policy': {
    urgency: 'soon',
    sources: [camden('5.1'), kent('2 Q14')],
    says: ['Help them block the sender', 'report the content to the site', 'anti-bullying or acceptable use policy'],
  },
  'hacking-cyber-choices': {
    urgency: 'soon',
    sources: [kent('2 Q13')],
    says: ['break into systems, consider a referral to Cyber Choices', 'legal uses of those skills'],
  },
  'illegal-content-iwf': {
    urgency: 'soon',
    sources: [kent('2 Q16')],
    says: ['Internet Watch Foundation (IWF)', 'advice first where a device holds it'],
  },
  'pornography-shared-referral': {
    urgency: 'soon',
    sources: [camden('6.2')],
    says: ['keeps accessing and passing on pornographic', 'advice about a referral to CSSW'],
  },
  'hate-material-report': {
    urgency: 'soon',
    sources: [kent('3 Q10'), kent('2 Q16')],
    says: ['Report the hateful content', 'Report Harmful Content service', 'can go to the IWF'],
  },
  'gambling-parents': {
    urgency: 'soon',
    sources: [camden('2'), camden('6.4')],
    says: ['Talk to the parents', 'parent’s card', 'set up parental controls'],
  },
  'report-online-safety-officer': {
    urgency: 'always',
    sources: [camden('3.3'), camden('6.2')],
    says: ['Give this report to your service’s online safety officer', 'the local authority’s online safety officer'],
  },
  'record-own-words': {
    urgency: 'always',
    sources: [kent('2 Q15')],
    says: ['in the child’s own words', 'explain what you will do with what they told you'],
  },
};

describe('each step says what the guidance says', () => {
  it('has a description below for every rule', () => {
    expect(Object.keys(RULE_TEXTS).sort()).toEqual(NEXT_STEP_RULES.map((r) => r.id).sort());
  });

  it.each(Object.entries(RULE_TEXTS))('%s', (id, { urgency, sources, says }) => {
    const step = NEXT_STEP_RULES.find((r) => r.id === id);
    expect(step?.urgency).toBe(urgency);
    expect(step?.sources.map(formatSource)).toEqual(sources);
    for (const phrase of says) expect(step?.text).toContain(phrase);
  });
});
