// A labelled drop-down of fixed choices for the Settings panels: each choice's value travels as its String().
import { describedBy, Field } from '../../ui/form-bits.tsx';

export type Choice<T> = { value: T; label: string };

export const ChoiceField = <T,>(props: {
  id: string;
  label: string;
  hint: string;
  error: string | undefined;
  value: T;
  choices: readonly Choice<T>[];
  onChoose: (value: T) => void;
}) => {
  const { id, label, hint, error, value, choices, onChoose } = props;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        value={String(value)}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => {
          const chosen = choices.find((c) => String(c.value) === e.currentTarget.value);
          if (chosen) onChoose(chosen.value);
        }}
      >
        {choices.map((c) => (
          <option key={String(c.value)} value={String(c.value)}>
            {c.label}
          </option>
        ))}
      </select>
    </Field>
  );
};
