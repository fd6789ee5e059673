// The locking part of the Settings form: the auto-lock time and the organisation's wipe-after-failures policy.
import { AUTOLOCK_MAX_MINUTES, AUTOLOCK_MIN_MINUTES } from '../../domain/settings-limits.ts';
import { describedBy, Field } from '../../ui/form-bits.tsx';
import { type Choice, ChoiceField } from './ChoiceField.tsx';
import type { SettingsFormPart } from './settings-form.ts';

const WIPE_POLICY_CHOICES: Choice<number | null>[] = [null, 5, 10, 20].map((n) => ({
  value: n,
  label: n === null ? 'Never (default)' : `After ${n} wrong passphrases`,
}));

export const LockingPanel = ({ form, set, errorOf }: SettingsFormPart) => (
  <>
    <h2>Locking</h2>
    <Field
      id="autolock-minutes"
      label="Lock after this many minutes without use"
      hint={`From ${AUTOLOCK_MIN_MINUTES} to ${AUTOLOCK_MAX_MINUTES}. The app also locks a minute after you leave it.`}
      error={errorOf('autolock-minutes')}
    >
      <input
        id="autolock-minutes"
        type="number"
        inputMode="numeric"
        min={AUTOLOCK_MIN_MINUTES}
        max={AUTOLOCK_MAX_MINUTES}
        value={String(form.autolockMinutes)}
        aria-describedby={describedBy('autolock-minutes', 'hint', errorOf('autolock-minutes'))}
        aria-invalid={errorOf('autolock-minutes') ? true : undefined}
        onInput={(e) => set('autolockMinutes', Number(e.currentTarget.value))}
      />
    </Field>
    <ChoiceField
      id="wipe-policy"
      label="Wipe this device after repeated wrong passphrases"
      hint="Only if your organisation asks for it: a wipe also deletes reports not yet sent."
      error={errorOf('wipe-policy')}
      value={form.wipeAfterFailures}
      choices={WIPE_POLICY_CHOICES}
      onChoose={(n) => set('wipeAfterFailures', n)}
    />
  </>
);
