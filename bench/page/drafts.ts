// Realistic report bodies for the benchmarks: complete drafts that pass "Submit report", about 2 KB of
// typed text each, varied per index so no two ciphertexts or list cards are alike. Invented text only.
import { INCIDENT_TYPE_IDS } from '../../src/domain/report-options.ts';
import { emptyDraft, type ReportDraft } from '../../src/domain/report-schema.ts';

const ORG = {
  orgName: 'Hillside Family Service',
  orgAddress: '1 Example Road, London',
  coordinatorName: 'A. Officer',
  orgContact: 'officer@example.org',
} as const;

// Sentences a worker might write after a visit (invented; no real case), combined per index.
const SENTENCES = [
  'During the home visit the young person said that older students had been sending messages late at night.',
  'Mum showed me screenshots on her phone; I did not copy or keep any image and advised her not to forward them.',
  'The child told me in their own words that "it started as a joke in the group chat and then everyone joined in".',
  'He has stopped going to football practice and his grandmother says he is on the tablet until two in the morning.',
  'The account that contacted her claimed to be fifteen, but the photos looked like they were taken from elsewhere.',
  'I explained how to report the profile in the app and how to block it, and we did this together on her phone.',
  'The school designated safeguarding lead was informed by phone the same afternoon and agreed to meet on Friday.',
  'Dad was worried that the games were rated eighteen and asked what settings he could turn on for the console.',
  'She said a boy from another school asked for pictures and then threatened to share an earlier one with friends.',
  'No images were viewed by me; the description above is what the young person and the parent told me.',
  'The family agreed to a follow-up visit next week, and the young person knows who to speak to in the meantime.',
  'Both parents were present; the sibling was at a friend’s house, so the conversation was not overheard.',
];

const paragraph = (i: number, sentences: number): string =>
  Array.from({ length: sentences }, (_, k) => SENTENCES[(i * 7 + k * 5) % SENTENCES.length]).join(' ');

const pad = (n: number) => String(n).padStart(2, '0');

/** A complete draft (passes validateForSubmit), different for every `i`. */
export const benchDraft = (i: number): ReportDraft => {
  const day = 1 + (i % 27);
  const month = 1 + (Math.floor(i / 27) % 12);
  return {
    ...emptyDraft(ORG),
    dateHappened: `2025-${pad(month)}-${pad(day)}`,
    timeHappened: `${pad(8 + (i % 10))}:${pad((i * 13) % 60)}`,
    reporterName: `Worker ${i % 40}`,
    identifiedHow: paragraph(i + 3, 2),
    location: [i % 3 === 0 ? 'in-setting' : 'outside-setting'],
    involved: i % 5 === 0 ? ['child', 'staff'] : ['child'],
    incidentTypes: [INCIDENT_TYPE_IDS[i % (INCIDENT_TYPE_IDS.length - 1)] ?? 'bullying'],
    description: `${paragraph(i, 8)}\n\n${paragraph(i + 1, 6)}`,
    staffAction: true,
    staffActions: ['senior-manager'],
    specificAction: paragraph(i + 2, 2),
    childAction: true,
    childActions: ['parents-informed'],
    outcome: paragraph(i + 5, 2),
  };
};
