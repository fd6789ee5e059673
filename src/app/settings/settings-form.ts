// The Settings form's checks and answers, apart from the drawing: the form's values, their validation with the
// settings schemas (each issue on its own field), and one plain sentence for each way saving can fail.
import { ERROR_MESSAGES, messageFor } from '../../domain/errors.ts';
import type { OrgDetails } from '../../domain/organisation.ts';
import { SECRET_SCHEMAS, type Settings, SettingsSchema } from '../../domain/settings.ts';
import type { SettingsRepo } from '../../store/settings-repo.ts';
import { checkEndpoint } from '../../sync/endpoint.ts';
import type { FieldError } from '../../ui/form-bits.tsx';

export type SettingsFormValues = {
  endpointUrl: string;
  /** A new access token; '' keeps the one saved. */
  token: string;
  keepSyncedDays: number;
  autolockMinutes: number;
  wipeAfterFailures: number | null;
  org: OrgDetails;
};

/** What a panel of the form needs: the values, a setter and the error of a field by its input id. */
export type SettingsFormPart = {
  form: SettingsFormValues;
  set: <K extends keyof SettingsFormValues>(key: K, value: SettingsFormValues[K]) => void;
  errorOf: (field: string) => string | undefined;
};

type FormSettings = Pick<Settings, 'endpointUrl' | 'keepSyncedDays' | 'autolockMinutes' | 'wipeAfterFailures'>;

/** The input id of each setting on the screen. */
const FIELD_OF_SETTING: Record<keyof FormSettings, string> = {
  endpointUrl: 'endpoint-url',
  keepSyncedDays: 'keep-synced',
  autolockMinutes: 'autolock-minutes',
  wipeAfterFailures: 'wipe-policy',
};

export const ACCESS_TOKEN_FIELD = 'access-token';
export const orgFieldId = (id: keyof OrgDetails): string => `org-${id}`;

const FormSettingsSchema = SettingsSchema.pick({
  endpointUrl: true,
  keepSyncedDays: true,
  autolockMinutes: true,
  wipeAfterFailures: true,
});

type Issue = { path: PropertyKey[]; message: string };
const fieldErrors = (issues: readonly Issue[], fieldOf: (key: string) => string): FieldError[] =>
  issues.map((issue) => ({ field: fieldOf(String(issue.path[0] ?? '')), message: issue.message }));

export type CheckedSettingsForm =
  | { ok: true; settings: FormSettings; token: string | null; org: OrgDetails }
  | { ok: false; errors: FieldError[] };

/** Validates the form as it will be saved: the endpoint normalised by the sync rule, the token trimmed. */
export const checkSettingsForm = (form: SettingsFormValues): CheckedSettingsForm => {
  const errors: FieldError[] = [];
  const typedEndpoint = form.endpointUrl.trim();
  const endpoint = typedEndpoint ? checkEndpoint(typedEndpoint) : { ok: true as const, endpoint: '' };
  if (!endpoint.ok) errors.push({ field: FIELD_OF_SETTING.endpointUrl, message: ERROR_MESSAGES[endpoint.code] });
  const settings = FormSettingsSchema.safeParse({
    endpointUrl: endpoint.ok ? endpoint.endpoint : '',
    keepSyncedDays: form.keepSyncedDays,
    autolockMinutes: form.autolockMinutes,
    wipeAfterFailures: form.wipeAfterFailures,
  });
  if (!settings.success) {
    errors.push(...fieldErrors(settings.error.issues, (key) => FIELD_OF_SETTING[key as keyof FormSettings] ?? key));
  }
  const typedToken = form.token.trim();
  const token = typedToken ? SECRET_SCHEMAS.accessToken.safeParse(typedToken) : null;
  if (token && !token.success) errors.push(...fieldErrors(token.error.issues, () => ACCESS_TOKEN_FIELD));
  const org = SECRET_SCHEMAS.orgDefaults.safeParse(form.org);
  if (!org.success) errors.push(...fieldErrors(org.error.issues, (key) => orgFieldId(key as keyof OrgDetails)));

  if (errors.length || !settings.success || !org.success) return { ok: false, errors };
  return { ok: true, settings: settings.data, token: token?.success ? token.data : null, org: org.data };
};

export type SaveResult = { ok: true; tokenSaved: boolean } | { ok: false; message: string };

/**
 * Saves checked values: clear settings, then the secrets through the vault. A failure here is never about a field
 * (the checks passed), so it is one sentence of its own: a full disk says so, a vault locked meanwhile says so.
 */
export const saveSettingsForm = async (
  repo: Pick<SettingsRepo, 'update' | 'setSecret'>,
  checked: Extract<CheckedSettingsForm, { ok: true }>,
): Promise<SaveResult> => {
  try {
    await repo.update(checked.settings);
    if (checked.token !== null) await repo.setSecret('accessToken', checked.token);
    await repo.setSecret('orgDefaults', checked.org);
    return { ok: true, tokenSaved: checked.token !== null };
  } catch (e) {
    return { ok: false, message: messageFor(e) };
  }
};
