// A submitted report read back on the worker's device: the answers given, in the order of the form they filled in,
// and the questions left empty collapsed in one list. Draws only; the answers come from domain/report-answers.ts.
import { emptyQuestions, reportAnswers } from '../../domain/report-answers.ts';
import { VISIT_FORM } from '../../domain/report-form.ts';
import type { ReportDraft } from '../../domain/report-schema.ts';
import { Abbreviated, AbbrScope } from '../../ui/abbr.tsx';

export const ReportAnswers = ({ draft }: { draft: ReportDraft }) => {
  const sections = reportAnswers(draft, VISIT_FORM);
  const empty = emptyQuestions(draft, VISIT_FORM);
  return (
    <AbbrScope>
      <div class="report-answers">
        {sections.map((section) => (
          <section key={section.id} class="report-answers__section">
            <h2 class="report-answers__title">
              <Abbreviated text={section.title} />
            </h2>
            <dl>
              {section.answers.map((answer) => (
                <div key={answer.id} class={answer.parent ? 'report-answers__nested' : undefined}>
                  {/* A one-question section is titled by its question: the label is not shown twice. */}
                  <dt class={answer.label === section.title ? 'visually-hidden' : undefined}>
                    <Abbreviated text={answer.label} />
                  </dt>
                  <dd>
                    <Abbreviated text={answer.text} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        {empty.length > 0 && (
          <details class="report-answers__empty">
            <summary>{empty.length === 1 ? '1 question left empty' : `${empty.length} questions left empty`}</summary>
            <ul>
              {empty.map((question) => (
                <li key={question.id}>
                  <Abbreviated text={question.label} />
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </AbbrScope>
  );
};
