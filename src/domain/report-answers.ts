// A submitted report read back as the Appendix 1 form: each field's label with its answer as text, in the form's
// order (from report-form.ts), for the officer's screen, its print layout and the exports. Pure: no UI.
import { type FormField, type FormSection, REPORT_FORM } from './report-form.ts';
import type { ReportDraft, ReportFieldId } from './report-schema.ts';

export type Answer = { id: ReportFieldId; label: string; text: string; parent?: ReportFieldId };
export type AnsweredSection = { id: string; title: string; addition: boolean; answers: Answer[] };

/** Ticked boxes are listed with this between them, in the form's order. */
export const TICK_SEPARATOR = '; ';
export const YES = 'Yes';
export const NO = 'No';

/** The answer to one field as plain text: '' when nothing was written or ticked. */
export const answerText = (field: FormField, report: ReportDraft): string => {
  const value = report[field.id];
  switch (field.kind) {
    case 'checkbox':
      return value === true ? YES : '';
    case 'checkboxes':
      // A body of the wrong shape (a string where ticks belong) shows as nothing ticked.
      return field.options
        .filter((o) => Array.isArray(value) && (value as readonly string[]).includes(o.id))
        .map((o) => o.label)
        .join(TICK_SEPARATOR);
    default:
      return typeof value === 'string' ? value.trim() : '';
  }
};

/**
 * The sections and fields that have an answer, in form order (Appendix 1's, or the sections given, e.g. the
 * worker's VISIT_FORM); empty fields and sections are left out.
 */
export const reportAnswers = (report: ReportDraft, sections: readonly FormSection[] = REPORT_FORM): AnsweredSection[] =>
  sections
    .map((section) => ({
      id: section.id,
      title: section.title,
      addition: section.addition === true,
      answers: section.fields.flatMap((field): Answer[] => {
        const text = answerText(field, report);
        if (text === '') return [];
        return [{ id: field.id, label: field.label, text, ...(field.parent ? { parent: field.parent } : {}) }];
      }),
    }))
    .filter((s) => s.answers.length > 0);

export type AnswerColumn = { id: ReportFieldId; header: string; field: FormField };

const FIELD_BY_ID = new Map(REPORT_FORM.flatMap((s) => s.fields.map((f) => [f.id, f] as const)));

/**
 * One column per field, in form order, headed by its label. A few Appendix 1 labels repeat ("Staff", "Did the
 * incident involve material being;"), so a repeated label is headed by its section and the box it sits under.
 */
export const ANSWER_COLUMNS: readonly AnswerColumn[] = (() => {
  const fields = REPORT_FORM.flatMap((s) => s.fields.map((field) => ({ section: s.title, field })));
  const count = new Map<string, number>();
  for (const { field } of fields) count.set(field.label, (count.get(field.label) ?? 0) + 1);
  return fields.map(({ section, field }) => {
    if (count.get(field.label) === 1) return { id: field.id, header: field.label, field };
    const parent = field.parent ? FIELD_BY_ID.get(field.parent) : undefined;
    const header = [section, parent?.label, field.label].filter(Boolean).join(': ');
    return { id: field.id, header, field };
  });
})();

/** The answer for a column, as a spreadsheet wants it: a tick box is Yes or No, everything else as written. */
export const columnText = (column: AnswerColumn, report: ReportDraft): string =>
  column.field.kind === 'checkbox' ? (report[column.id] === true ? YES : NO) : answerText(column.field, report);

/** The labels of the questions left empty, in the order of the sections given (for a collapsed list). */
export const emptyQuestions = (
  report: ReportDraft,
  sections: readonly FormSection[] = REPORT_FORM,
): { id: ReportFieldId; label: string }[] =>
  sections.flatMap((section) =>
    section.fields
      .filter((field) => !field.parent && answerText(field, report) === '')
      .map((field) => ({ id: field.id, label: field.label })),
  );
