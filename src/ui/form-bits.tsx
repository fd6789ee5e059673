// Small shared form pieces: a labelled field, the error summary that links to each field.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export type FieldError = { field: string; message: string };

/** Public-service style error summary: focused when it appears, one link per problem. */
export const ErrorSummary = ({ errors, idPrefix = 'field-' }: { errors: FieldError[]; idPrefix?: string }) => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {errors.map((e) => (
          <li key={`${e.field}:${e.message}`}>
            <a
              href={`#${idPrefix}${e.field}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(`${idPrefix}${e.field}`)?.focus();
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
};

export const Field = ({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: ComponentChildren;
}) => (
  <div class="field">
    <label for={id}>{label}</label>
    {hint && (
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
    )}
    {error && (
      <p class="error-text" id={`${id}-error`}>
        {error}
      </p>
    )}
    {children}
  </div>
);

/** The aria-describedby value for a Field's input. */
export const describedBy = (id: string, hint?: string, error?: string): string | undefined =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/**
 * On every field that takes personal data or a passphrase: no spellcheck (a browser's enhanced spellcheck sends
 * the text to a cloud service) and no autocorrect. Spelled `autoCorrect` so Preact sets the attribute: Chromium's
 * `autocorrect` property is a boolean, and the string 'off' set as the property would turn it on.
 */
export const PRIVATE_TEXT = { spellcheck: false, autoCorrect: 'off' } as const;

/** A labelled search box with its hint; the search runs as the user types (autocomplete off: searches are private). */
export const SearchField = ({
  id,
  label,
  hint,
  value,
  onQuery,
}: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onQuery: (query: string) => void;
}) => (
  <div class="field">
    <label for={id}>{label}</label>
    <p class="hint" id={`${id}-hint`}>
      {hint}
    </p>
    <input
      id={id}
      type="search"
      value={value}
      autocomplete="off"
      {...PRIVATE_TEXT}
      aria-describedby={`${id}-hint`}
      onInput={(e) => onQuery(e.currentTarget.value)}
    />
  </div>
);
