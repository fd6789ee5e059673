// The Sync part of the Settings form: how long sent reports stay on the device.
import { type Choice, ChoiceField } from './ChoiceField.tsx';
import type { SettingsFormPart } from './settings-form.ts';

const KEEP_CHOICES: Choice<number>[] = [0, 1, 7, 14, 30].map((days) => ({
  value: days,
  // Short enough for a 360 px screen's drop-down, which cannot wrap.
  label: days === 0 ? 'Remove at once (recommended)' : `For ${days} ${days === 1 ? 'day' : 'days'}`,
}));

export const SyncPanel = ({ form, set, errorOf }: SettingsFormPart) => (
  <>
    <h2 id="sync-settings-title">Sync</h2>
    <ChoiceField
      id="keep-synced"
      label="Keep sent reports on this device"
      hint="Reports leave the device once the server confirms it has them."
      error={errorOf('keep-synced')}
      value={form.keepSyncedDays}
      choices={KEEP_CHOICES}
      onChoose={(days) => set('keepSyncedDays', days)}
    />
  </>
);
