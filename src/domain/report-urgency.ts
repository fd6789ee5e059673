// The one clear field about a sealed report's content: its urgency on the wire (`immediate | soon | routine`), from
// the next-steps rules. Pure; the officer's inbox order and the alerts read it, nothing else of the report.
import { type NextStepsInput, nextSteps, type Urgency as StepUrgency } from './next-steps.ts';
import type { Urgency } from './sealed-protocol.ts';

/** Each next-step urgency as the wire says it: "now" is immediate, "today" is soon, the rest can wait. */
export const WIRE_URGENCY_OF_STEP: Record<StepUrgency, Urgency> = {
  immediate: 'immediate',
  today: 'soon',
  soon: 'routine',
  always: 'routine',
};

/**
 * The wire urgencies above 'routine', most urgent first. Written here rather than read from sealed-protocol's
 * URGENCIES: a value import would draw the worker's report chunk into the officer's first load.
 */
const ABOVE_ROUTINE: readonly Urgency[] = ['immediate', 'soon'];

/** The most urgent of the report's next steps, on the wire's scale; 'routine' when no step asks for more. */
export const reportUrgency = (report: NextStepsInput): Urgency => {
  const asked = new Set(nextSteps(report).map((step) => WIRE_URGENCY_OF_STEP[step.urgency]));
  return ABOVE_ROUTINE.find((u) => asked.has(u)) ?? 'routine';
};
