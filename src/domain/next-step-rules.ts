// The "Next steps" rules table: which boxes ticked call for which step, how urgent it is and where the guidance says
// so. Data only; nextSteps (next-steps.ts) runs it. Texts are SafeVisit's own words, never the sources' sentences.
import type { NextStepRule, NextStepsInput, StepSource } from './next-steps.ts';
import type { ConcernId, IncidentTypeId } from './report-options.ts';

const camden = (section: string): StepSource => ({ document: 'camden', section });
const kent = (section: string): StepSource => ({ document: 'kent-medway', section });

const hasType =
  (...ids: IncidentTypeId[]) =>
  (d: NextStepsInput) =>
    ids.some((id) => d.incidentTypes.includes(id));
const hasConcern =
  (...ids: ConcernId[]) =>
  (d: NextStepsInput) =>
    ids.some((id) => d.concerns.includes(id));
const any =
  (...tests: ((d: NextStepsInput) => boolean)[]) =>
  (d: NextStepsInput) =>
    tests.some((t) => t(d));

const imagesOfChildren = any(
  hasType('child-abuse-images'),
  hasConcern('nude-images-under-18', 'household-adult-abuse-images'),
);
const groomingOrMeeting = any(hasType('grooming'), hasConcern('meeting-planned', 'meeting-imminent'), (d) =>
  d.deliberateConsideredAs.includes('grooming'),
);
const bullying = any(
  hasType('bullying'),
  hasConcern('bullying-serious'),
  (d) => d.deliberateConsideredAs.includes('online-bullying') || d.deliberateConsideredAs.includes('harassment'),
);
const extremism = hasType('radicalisation', 'terrorist-material');
const misuseOfSystems = hasType('hacking-virus', 'bypassing-security');
const pornography = hasType('soft-porn', 'hard-porn');
const sharedOn = (d: NextStepsInput) =>
  d.deliberateAccess && d.deliberateMaterial.some((m) => m === 'shown' || m === 'transmitted' || m === 'distributed');

/** Ticks that mean the incident may seriously affect a child's safety or well-being (Camden 3.3, 6.2). */
const serious = any(
  imagesOfChildren,
  groomingOrMeeting,
  extremism,
  hasType('hard-porn'),
  hasConcern('bullying-serious', 'self-harm-content', 'sexual-exploitation'),
);

/**
 * Every rule, most urgent first (nextSteps keeps this order), then in the order the panel lists steps of equal urgency. Ids are stable: the UI may key on them and tests
 * name them.
 */
export const NEXT_STEP_RULES: readonly NextStepRule[] = [
  // Immediate
  {
    id: 'meeting-call-999',
    urgency: 'immediate',
    when: hasConcern('meeting-imminent'),
    text: 'The child is about to meet someone they only know from the internet: phone the police on 999 now.',
    sources: [camden('5.2')],
  },
  {
    id: 'images-hands-off',
    urgency: 'immediate',
    when: imagesOfChildren,
    text:
      'Leave the images alone: do not open, look at, copy, print, save, forward or delete them, and do not ask ' +
      'a child to send, delete or describe them. If you saw one by accident, tell your safeguarding lead.',
    sources: [kent('2 Q2'), kent('2 Q9')],
  },
  {
    id: 'images-secure-device',
    urgency: 'immediate',
    when: hasType('child-abuse-images'),
    text:
      'Secure the phone, computer or account that holds the images so nobody else can use it, as your child ' +
      'protection policy says, and keep it as it is for the police.',
    sources: [kent('2 Q2'), kent('4 Q4')],
  },
  {
    id: 'images-safeguarding-lead-police',
    urgency: 'immediate',
    when: any(hasType('child-abuse-images'), hasConcern('household-adult-abuse-images')),
    text:
      'Tell your designated safeguarding lead now. Images of child sexual abuse are a matter for the police: ' +
      'phone 999 if a child is in immediate danger, otherwise get police advice urgently on 101.',
    sources: [kent('2 Q2'), kent('2 Q9'), camden('6.5')],
  },
  {
    id: 'nude-images-safeguarding-lead',
    urgency: 'immediate',
    when: hasConcern('nude-images-under-18'),
    text:
      'Under-18s sharing nudes or semi-nudes: tell your designated safeguarding lead ' +
      'straight away. The lead, not you, asks the young people about the images and decides whether the police ' +
      'or children’s social care must be told; only then may the images be deleted.',
    sources: [kent('2 Q9'), camden('5.6')],
  },
  {
    id: 'staff-senior-manager',
    urgency: 'immediate',
    when: (d) => d.involved.includes('staff'),
    text:
      'A member of staff is involved: tell a senior manager (in a school, the head teacher) at once, and do not ' +
      'look into it yourself.',
    sources: [kent('3 Q9'), camden('6.1')],
  },
  // Today
  {
    id: 'staff-lado',
    urgency: 'today',
    when: (d) => d.involved.includes('staff'),
    text:
      'The senior manager has a working day at most to bring in the LADO (the local authority’s designated ' +
      'officer for allegations); doubts about whether the person is fit to work with children go through the ' +
      'procedure for allegations against staff.',
    sources: [camden('6.1'), kent('3 Q9')],
  },
  {
    id: 'household-abuse-images-referral',
    urgency: 'today',
    when: hasConcern('household-adult-abuse-images'),
    text:
      'An adult at home viewing or sharing child sexual abuse images needs a child protection response for every ' +
      'child in contact with them: refer to CSSW through the MASH. The police (CAIT, their child abuse team) and ' +
      'CSSW take it on jointly.',
    sources: [camden('6.5'), camden('6.2')],
  },
  {
    id: 'grooming-referral',
    urgency: 'today',
    when: groomingOrMeeting,
    text:
      'Ask a MASH social worker or your service’s online safety officer for advice on referring to CSSW: grooming, a planned ' +
      'meeting with an online contact, or non-contact sexual abuse are reasons for a referral (e-CAF to the MASH).',
    sources: [camden('5.2'), camden('6.2')],
  },
  {
    id: 'grooming-ceop',
    urgency: 'today',
    when: groomingOrMeeting,
    text:
      'Show the child how to report the contact with the CEOP “Report abuse” button, and ask the parents to ' +
      'report it to the police.',
    sources: [camden('5.2')],
  },
  {
    id: 'sexual-exploitation-risk-assessment',
    urgency: 'today',
    when: hasConcern('sexual-exploitation'),
    text: 'Complete the CSCB child sexual exploitation (CSE) risk assessment and send it with any referral to CSSW.',
    sources: [camden('5.3'), camden('6.2')],
  },
  {
    id: 'extremism-channel',
    urgency: 'today',
    when: extremism,
    text:
      'Ask the Channel Panel co-ordinator for advice and consider a referral to the Channel Panel (Prevent); send ' +
      'a copy of this report to the co-ordinator as well as to your service’s online safety officer.',
    sources: [camden('5.4'), camden('6.2')],
  },
  {
    id: 'extremism-cssw',
    urgency: 'today',
    when: hasType('radicalisation'),
    text:
      'Refer to CSSW if the child is deeply caught up in extremist ideas and the parents support or promote ' +
      'extremist violence, or a younger child may be taken to a conflict zone.',
    sources: [camden('5.4'), camden('6.2')],
  },
  {
    id: 'serious-bullying-referral',
    urgency: 'today',
    when: hasConcern('bullying-serious'),
    text:
      'For bullying this serious, ask a MASH social worker or your service’s online safety officer for advice on a ' +
      'referral to CSSW and a report to the police. A referral covers both children, the one bullied and the one bullying.',
    sources: [camden('5.1'), camden('6.2')],
  },
  {
    id: 'serious-bullying-evidence-police',
    urgency: 'today',
    when: hasConcern('bullying-serious'),
    text:
      'Keep the evidence (screenshots or saved messages with names, dates, times and places). If it may be a ' +
      'crime, such as threats or harassment, contact the police on 101; phone 999 if someone is in danger.',
    sources: [kent('2 Q14'), camden('5.1')],
  },
  {
    id: 'self-harm-support',
    urgency: 'today',
    when: hasConcern('self-harm-content'),
    text:
      'Talk with the young person calmly and without blame, offer support and point them to specialist help ' +
      'for self-harm, suicide or eating problems.',
    sources: [kent('2 Q7'), camden('5.5')],
  },
  {
    id: 'fraud-action-fraud',
    urgency: 'today',
    when: hasConcern('fraud'),
    text:
      'Report the fraud to Action Fraud (0300 123 2040). If a cyber attack is still going on, phone the police ' +
      'on 101.',
    sources: [kent('2 Q13')],
  },
  {
    id: 'hacking-it',
    urgency: 'today',
    when: misuseOfSystems,
    text:
      'Report it to IT so they can close the gap and keep the evidence, for example by locking the account or ' +
      'taking the computer off the network; tick “incident reported to IT”.',
    sources: [kent('4 Q4'), camden('Appendix 1')],
  },
  {
    id: 'serious-safeguarding-lead',
    urgency: 'today',
    when: serious,
    text:
      'Because this could put the child at serious risk, your online safety officer has to talk it through with ' +
      'the designated safeguarding lead, who makes the call on a referral to CSSW or the police.',
    sources: [camden('3.3'), kent('2 Q15')],
  },
  {
    id: 'child-protection-iro',
    urgency: 'today',
    when: (d) => serious(d) && d.location.includes('outside-setting'),
    text:
      'If this happened at home to a child you hold as a social worker, send the report to your service’s online safety ' +
      'officer and talk it over with a child protection IRO for advice on what to do next.',
    sources: [camden('6.4')],
  },
  // Soon
  {
    id: 'self-harm-referral',
    urgency: 'soon',
    when: hasConcern('self-harm-content'),
    text:
      'If these sites are putting the young person at risk, or you are worried about their emotional wellbeing, ' +
      'consider a referral to CSSW.',
    sources: [camden('5.5'), camden('6.2')],
  },
  {
    id: 'grooming-end-contact',
    urgency: 'soon',
    when: groomingOrMeeting,
    text:
      'Help the child and the parents cut off the contact (new numbers or accounts if needed), and ask the parents ' +
      'to keep an eye on the child’s internet use.',
    sources: [camden('5.2')],
  },
  {
    id: 'nude-images-reassure',
    urgency: 'soon',
    when: hasConcern('nude-images-under-18'),
    text:
      'Tell the young people that you have to pass this on and that they will get help; do not blame or shame ' +
      'them, and share the details only with the safeguarding lead. The response should be proportionate.',
    sources: [kent('2 Q9'), camden('5.6')],
  },
  {
    id: 'extremism-filtering',
    urgency: 'soon',
    when: extremism,
    text:
      'Review the service’s internet filtering, since a young person reached extremist material; the online ' +
      'safety officer records the incident to spot any pattern of targeting.',
    sources: [camden('5.4')],
  },
  {
    id: 'bullying-policy',
    urgency: 'soon',
    when: bullying,
    text:
      'Support the child and tell them they were right to speak up. Help them block the sender, report the ' +
      'content to the site and keep evidence; most online bullying is handled under the service’s anti-bullying ' +
      'or acceptable use policy, with the parents.',
    sources: [camden('5.1'), kent('2 Q14')],
  },
  {
    id: 'hacking-cyber-choices',
    urgency: 'soon',
    when: misuseOfSystems,
    text:
      'If a young person is using computer skills to break into systems, consider a referral to Cyber Choices, ' +
      'the police programme that steers them to legal uses of those skills.',
    sources: [kent('2 Q13')],
  },
  {
    id: 'illegal-content-iwf',
    urgency: 'soon',
    when: hasType('child-abuse-images', 'hard-porn'),
    text:
      'Illegal material found online can be reported to the Internet Watch Foundation (IWF); follow police ' +
      'advice first where a device holds it.',
    sources: [kent('2 Q16')],
  },
  {
    id: 'pornography-shared-referral',
    urgency: 'soon',
    when: (d) => pornography(d) && sharedOn(d),
    text:
      'If the child keeps accessing and passing on pornographic, violent or other unsuitable material, seek ' +
      'advice about a referral to CSSW.',
    sources: [camden('6.2')],
  },
  {
    id: 'hate-material-report',
    urgency: 'soon',
    when: hasType('hate-material'),
    text:
      'Report the hateful content on the site or app where it appeared; if it stays up, the Report Harmful ' +
      'Content service can help. Material that stirs up hatred may be illegal and can go to the IWF.',
    sources: [kent('3 Q10'), kent('2 Q16')],
  },
  {
    id: 'gambling-parents',
    urgency: 'soon',
    when: hasType('gambling'),
    text:
      'Talk to the parents: gambling sites can cost the family money, and a child may have used a parent’s card ' +
      'details. Suggest they check their accounts and set up parental controls.',
    sources: [camden('2'), camden('6.4')],
  },
  // Always
  {
    id: 'report-online-safety-officer',
    urgency: 'always',
    when: () => true,
    text:
      'Give this report to your service’s online safety officer, who decides what to do and sends it on to ' +
      'the local authority’s online safety officer.',
    sources: [camden('3.3'), camden('6.2')],
  },
  {
    id: 'record-own-words',
    urgency: 'always',
    when: () => true,
    text:
      'Write down what happened as soon as you can, in the child’s own words; do not promise to keep it secret, ' +
      'and explain what you will do with what they told you.',
    sources: [kent('2 Q15')],
  },
];
