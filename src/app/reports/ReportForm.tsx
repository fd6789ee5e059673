// The incident report form, drawn from VISIT_FORM (Camden Appendix 1's sections in the order of a visit): every
// label comes from there. Holds no state of its own: the editor passes the draft in and gets each change back.
import type { ComponentChildren } from 'preact';
import {
  type FormField,
  type FormOption,
  REPORT_FORM,
  VISIT_FORM,
  WARNING_TEXTS,
  type WarningId,
} from '../../domain/report-form.ts';
import type { ReportDraft, ReportFieldId } from '../../domain/report-schema.ts';
import { Abbreviated, AbbrScope } from '../../ui/abbr.tsx';
import { PRIVATE_TEXT } from '../../ui/form-bits.tsx';

export type FieldErrors = Partial<Record<ReportFieldId | 'form', string>>;

type Props = {
  draft: ReportDraft;
  errors: FieldErrors;
  onChange: (next: ReportDraft) => void;
  /** Extra content at the end of a section, by section id (the editor's shortcut to the next steps). */
  afterSection?: (sectionId: string) => ComponentChildren;
};

type CheckboxesField = Extract<FormField, { kind: 'checkboxes' }>;

/** The id the error summary links to: the input itself, or the first box of a group. */
export const fieldDomId = (field: ReportFieldId | 'form'): string => `field-${field}`;
const optionDomId = (field: ReportFieldId, index: number, option: string) =>
  index === 0 ? fieldDomId(field) : `${fieldDomId(field)}-${option}`;
// Each warning is shown once, at the first field that carries it (the description); every box it concerns is
// described by that one paragraph instead of repeating it.
const warningDomId = (warning: WarningId) => `warning-${warning}`;

const ALL_FIELDS = REPORT_FORM.flatMap((s) => s.fields);
const FIELD_BY_ID = new Map(ALL_FIELDS.map((f) => [f.id, f]));

// Box labels used more than once ("created" under deliberate and accidental access, "incident reported to
// police" under staff and child...) get a hidden context so every box has its own accessible name.
// The incident types keep exactly the form's wording: they are the names other tests look for.
const LABEL_COUNTS = (() => {
  const counts = new Map<string, number>();
  const add = (label: string) => counts.set(label.toLowerCase(), (counts.get(label.toLowerCase()) ?? 0) + 1);
  for (const f of ALL_FIELDS) {
    if (f.kind === 'checkbox') add(f.label);
    if (f.kind === 'checkboxes') for (const o of f.options) add(o.label);
  }
  return counts;
})();

const groupContext = (field: FormField): string => {
  const parent = field.parent ? FIELD_BY_ID.get(field.parent) : undefined;
  return parent ? parent.label : field.label;
};

const needsContext = (field: CheckboxesField, option: FormOption): boolean =>
  field.id !== 'incidentTypes' && (LABEL_COUNTS.get(option.label.toLowerCase()) ?? 0) > 1;

const isVisible = (field: FormField, draft: ReportDraft): boolean => {
  if (!field.showWhen) return true;
  const ticks = draft[field.showWhen.field];
  const value = draft[field.id];
  // A "please specify" text stays visible while it holds text, so nothing is submitted unseen.
  return (Array.isArray(ticks) && (ticks as string[]).includes(field.showWhen.option)) || value !== '';
};

const hasAnswer = (field: FormField, draft: ReportDraft): boolean => {
  const value = draft[field.id];
  return Array.isArray(value) ? value.length > 0 : typeof value === 'string' ? value !== '' : value === true;
};

const describedBy = (...ids: (string | false | undefined)[]): string | undefined =>
  ids.filter(Boolean).join(' ') || undefined;

const hasHint = (field: FormField): boolean => Boolean(field.hint || field.required);

/** The field's hint, led by "Required to submit." (kept out of the label so the label stays the form's wording). */
const Hint = ({ id, field }: { id: string; field: FormField }) =>
  hasHint(field) ? (
    <p class="hint" id={id}>
      {field.required && <strong class="report-required">Required to submit. </strong>}
      {field.hint && <Abbreviated text={field.hint} />}
    </p>
  ) : null;

const ErrorText = ({ id, message }: { id: string; message: string | undefined }) =>
  message ? (
    <p class="error-text" id={id}>
      <span class="visually-hidden">Error: </span>
      {message}
    </p>
  ) : null;

const Warning = ({ id, warning }: { id: string; warning: WarningId }) => (
  <p class="warning report-warning" id={id}>
    <strong>Warning: </strong>
    {WARNING_TEXTS[warning]}
  </p>
);

export const ReportForm = ({ draft, errors, onChange, afterSection }: Props) => {
  const set = <K extends ReportFieldId>(id: K, value: ReportDraft[K]) => onChange({ ...draft, [id]: value });

  const toggle = (field: CheckboxesField, option: string, checked: boolean) => {
    const current = draft[field.id] as string[];
    const next = checked ? [...current.filter((o) => o !== option), option] : current.filter((o) => o !== option);
    const changed = { ...draft, [field.id]: next } as ReportDraft;
    // Ticking a box under "Deliberate access", "Staff"... means the parent box applies too.
    if (checked && field.parent) (changed as Record<string, unknown>)[field.parent] = true;
    onChange(changed);
  };

  const renderText = (
    field: Extract<FormField, { kind: 'text' | 'textarea' | 'date' | 'time' }>,
    asHeading?: string,
  ) => {
    const id = fieldDomId(field.id);
    const error = errors[field.id];
    const value = draft[field.id] as string;
    const common = {
      id,
      name: field.id,
      value,
      'aria-invalid': error ? ('true' as const) : undefined,
      'aria-required': field.required ? ('true' as const) : undefined,
      'aria-describedby': describedBy(
        hasHint(field) && `${id}-hint`,
        field.warning && warningDomId(field.warning),
        error && `${id}-error`,
      ),
      onInput: (e: Event) => set(field.id, (e.currentTarget as HTMLInputElement).value),
      ...PRIVATE_TEXT,
    };
    return (
      <div class={`field${error ? ' field--error' : ''}`} key={field.id}>
        {asHeading ? (
          <h2 id={`section-${asHeading}`} class="report-question">
            <label for={id}>
              <Abbreviated text={field.label} />
            </label>
          </h2>
        ) : (
          <label for={id}>
            <Abbreviated text={field.label} />
          </label>
        )}
        <Hint id={`${id}-hint`} field={field} />
        {field.warning && <Warning id={warningDomId(field.warning)} warning={field.warning} />}
        <ErrorText id={`${id}-error`} message={error} />
        {field.kind === 'textarea' ? (
          <textarea {...common} maxLength={field.maxLength} rows={field.maxLength > 1_000 ? 8 : 3} />
        ) : field.kind === 'text' ? (
          <input {...common} type="text" maxLength={field.maxLength} autocomplete="off" />
        ) : (
          <input {...common} type={field.kind} />
        )}
      </div>
    );
  };

  const renderCheckbox = (field: Extract<FormField, { kind: 'checkbox' }>, children: ComponentChildren) => {
    const id = fieldDomId(field.id);
    const error = errors[field.id];
    return (
      <div class="report-parent" key={field.id}>
        <ErrorText id={`${id}-error`} message={error} />
        <div class="choice">
          <input
            id={id}
            type="checkbox"
            name={field.id}
            checked={draft[field.id] as boolean}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy(error && `${id}-error`)}
            onChange={(e) => set(field.id, e.currentTarget.checked)}
          />
          <label for={id}>
            <Abbreviated text={field.label} />
          </label>
        </div>
        {children && <div class="report-nested">{children}</div>}
      </div>
    );
  };

  const renderCheckboxes = (field: CheckboxesField, asHeading?: string) => {
    const id = fieldDomId(field.id);
    const error = errors[field.id];
    const ticked = draft[field.id] as string[];
    const parent = field.parent ? FIELD_BY_ID.get(field.parent) : undefined;
    return (
      <fieldset
        class={`report-group${error ? ' field--error' : ''}`}
        key={field.id}
        aria-describedby={describedBy(hasHint(field) && `${id}-hint`, error && `${id}-error`)}
      >
        {asHeading ? (
          <legend class="report-question">
            <h2 id={`section-${asHeading}`}>
              <Abbreviated text={field.label} />
            </h2>
          </legend>
        ) : (
          <legend>
            {/* Legends repeat on the form ("Did the incident involve material being;"): name the parent too. */}
            {parent && parent.label !== field.label && <span class="visually-hidden">{parent.label}: </span>}
            <Abbreviated text={field.label} />
          </legend>
        )}
        <Hint id={`${id}-hint`} field={field} />
        <ErrorText id={`${id}-error`} message={error} />
        {field.options.map((option, index) => {
          const optionId = optionDomId(field.id, index, option.id);
          return (
            <div key={option.id}>
              <div class="choice">
                <input
                  id={optionId}
                  type="checkbox"
                  name={field.id}
                  value={option.id}
                  checked={ticked.includes(option.id)}
                  aria-describedby={describedBy(option.warning && warningDomId(option.warning))}
                  onChange={(e) => toggle(field, option.id, e.currentTarget.checked)}
                />
                <label for={optionId}>
                  <Abbreviated text={option.label} />
                  {needsContext(field, option) && <span class="visually-hidden">, {groupContext(field)}</span>}
                </label>
              </div>
            </div>
          );
        })}
      </fieldset>
    );
  };

  const renderField = (field: FormField, asHeading?: string): ComponentChildren => {
    if (!isVisible(field, draft)) return null;
    switch (field.kind) {
      case 'checkboxes':
        return renderCheckboxes(field, asHeading);
      case 'checkbox': {
        // The questions under a box ("Did the incident involve material being;") only once it applies, or while
        // they hold an answer, so nothing is submitted unseen.
        const under = ALL_FIELDS.filter((f) => f.parent === field.id);
        const open = draft[field.id] === true || under.some((f) => hasAnswer(f, draft));
        const children = open ? under.map((f) => renderField(f)) : [];
        return renderCheckbox(field, children.length > 0 ? children : null);
      }
      default:
        return renderText(field, asHeading);
    }
  };

  return (
    <AbbrScope>
      {VISIT_FORM.map((section) => {
        const [first] = section.fields;
        // A section asking one question under its own title shows the question as the heading (no echo).
        const single = first && first.label === section.title && !first.parent ? first : undefined;
        // No aria-labelledby on sections: a named region would also answer getByLabel('Description of incident').
        return (
          <section key={section.id} class={`report-section${section.addition ? ' report-section--addition' : ''}`}>
            {!single && (
              <h2 id={`section-${section.id}`}>
                <Abbreviated text={section.title} />
              </h2>
            )}
            {section.hint && (
              <p class="hint">
                <Abbreviated text={section.hint} />
              </p>
            )}
            {single && renderField(single, section.id)}
            {/* Fields under a parent box are drawn inside it. */}
            {section.fields.filter((f) => !f.parent && f !== single).map((f) => renderField(f))}
            {afterSection?.(section.id)}
          </section>
        );
      })}
    </AbbrScope>
  );
};
