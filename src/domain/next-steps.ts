// The "Next steps" for a draft: what the guidance asks of the worker for the boxes ticked so far, most urgent first,
// each with its source section. Pure; the rules themselves are the table in next-step-rules.ts.
import { NEXT_STEP_RULES } from './next-step-rules.ts';
import type { ReportDraft } from './report-schema.ts';

export const URGENCIES = ['immediate', 'today', 'soon', 'always'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Headings the panel can show above each urgency. */
export const URGENCY_LABELS: Record<Urgency, string> = {
  immediate: 'Now',
  today: 'Today',
  soon: 'In the next few days',
  always: 'For every incident',
};

export type StepSource = { document: 'camden' | 'kent-medway'; section: string };

export type NextStep = {
  id: string;
  urgency: Urgency;
  text: string;
  sources: StepSource[];
};

/** The parts of a draft the rules read: the panel can run on a draft that is still being typed. */
export type NextStepsInput = Pick<
  ReportDraft,
  | 'incidentTypes'
  | 'involved'
  | 'location'
  | 'deliberateAccess'
  | 'deliberateMaterial'
  | 'deliberateConsideredAs'
  | 'concerns'
>;

export type NextStepRule = NextStep & { when: (draft: NextStepsInput) => boolean };

/**
 * The steps for a draft in the table's order, which is most urgent first, each at most once (the table's ids are
 * unique and its rules go from 'immediate' to 'always': tests hold it to both). Copies: a caller changing a step never
 * changes the table. Never throws.
 */
export const nextSteps = (draft: NextStepsInput): NextStep[] =>
  NEXT_STEP_RULES.filter((rule) => rule.when(draft)).map(({ when: _when, ...step }) => ({
    ...step,
    sources: step.sources.map((s) => ({ ...s })),
  }));

export const SOURCE_DOCUMENT_LABELS: Record<StepSource['document'], string> = {
  camden: 'Camden guidance',
  'kent-medway': 'Kent and Medway FAQ',
};

/** A source as the panel prints it: "Camden guidance, section 5.2", "Kent and Medway FAQ, section 2, question 9". */
export const formatSource = ({ document, section }: StepSource): string => {
  const faq = /^(\d+) Q(\d+)$/.exec(section);
  const where = faq ? `section ${faq[1]}, question ${faq[2]}` : /^\d/.test(section) ? `section ${section}` : section;
  return `${SOURCE_DOCUMENT_LABELS[document]}, ${where}`;
};
