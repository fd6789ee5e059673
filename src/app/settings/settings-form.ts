// The Settings form's checks and answers, apart from the drawing: the form's values, their validation with the
// settings schemas (each issue on its own field), and one plain sentence for each way saving can fail. The typed
// endpoint and token are never saved as settings: they only start an enrolment (src/sync/enrolment.ts).
import { ERROR_MESSAGES, messageFor } from '../../domain/errors.ts';
import type { OrgDetails } from '../../domain/organisation.ts';
import {
  AccessTokenInputSchema,
  EndpointInputSchema,
  SECRET_SCHEMAS,
  type Settings,
  SettingsSchema,
} from '../../domain/settings.ts';
import type { SettingsRepo } from '../../store/settings-repo.ts';
import { checkEndpoint } from '../../sync/endpoint.ts';
import type { FieldError } from '../../ui/form-bits.tsx';

export type SettingsFormValues = {
  /** Advanced: an endpoint and token to enrol with, without a link; both '' when not used. */
  endpointUrl: string;
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

type FormSettings = Pick<Settings, 'keepSyncedDays' | 'autolockMinutes' | 'wipeAfterFailures'>;

export const ENDPOINT_URL_FIELD = 'endpoint-url';

/** The input id of each setting on the screen. */
const FIELD_OF_SETTING: Record<keyof FormSettings, string> = {
  keepSyncedDays: 'keep-synced',
  autolockMinutes: 'autolock-minutes',
  wipeAfterFailures: 'wipe-policy',
};

export const ACCESS_TOKEN_FIELD = 'access-token';
export const orgFieldId = (id: keyof OrgDetails): string => `org-${id}`;

const FormSettingsSchema = SettingsSchema.pick({
  keepSyncedDays: true,
  autolockMinutes: true,
  wipeAfterFailures: true,
});

type Issue = { path: PropertyKey[]; message: string };
const fieldErrors = (issues: readonly Issue[], fieldOf: (key: string) => string): FieldError[] =>
  issues.map((issue) => ({ field: fieldOf(String(issue.path[0] ?? '')), message: issue.message }));

/** The advanced fallback, checked: where to ask and with which token (both trimmed, the endpoint normalised). */
export type ConnectionInput = { endpoint: string; token: string };

export type CheckedSettingsForm =
  | { ok: true; settings: FormSettings; connection: ConnectionInput | null; org: OrgDetails }
  | { ok: false; errors: FieldError[] };

/** The advanced endpoint and token: neither typed, or both, the endpoint passing the sync rule. */
const checkConnection = (form: SettingsFormValues, errors: FieldError[]): ConnectionInput | null => {
  if (form.endpointUrl.trim() === '' && form.token.trim() === '') return null;
  const typed = EndpointInputSchema.safeParse(form.endpointUrl);
  const endpoint = typed.success ? checkEndpoint(typed.data) : null;
  if (!typed.success) errors.push(...fieldErrors(typed.error.issues, () => ENDPOINT_URL_FIELD));
  else if (endpoint && !endpoint.ok) errors.push({ field: ENDPOINT_URL_FIELD, message: ERROR_MESSAGES[endpoint.code] });
  const token = AccessTokenInputSchema.safeParse(form.token);
  if (!token.success) errors.push(...fieldErrors(token.error.issues, () => ACCESS_TOKEN_FIELD));
  return endpoint?.ok && token.success ? { endpoint: endpoint.endpoint, token: token.data } : null;
};

/** Validates the form as it will be saved (the advanced endpoint normalised by the sync rule, the token trimmed). */
export const checkSettingsForm = (form: SettingsFormValues): CheckedSettingsForm => {
  const errors: FieldError[] = [];
  const connection = checkConnection(form, errors);
  const settings = FormSettingsSchema.safeParse({
    keepSyncedDays: form.keepSyncedDays,
    autolockMinutes: form.autolockMinutes,
    wipeAfterFailures: form.wipeAfterFailures,
  });
  if (!settings.success) {
    errors.push(...fieldErrors(settings.error.issues, (key) => FIELD_OF_SETTING[key as keyof FormSettings] ?? key));
  }
  const org = SECRET_SCHEMAS.orgDefaults.safeParse(form.org);
  if (!org.success) errors.push(...fieldErrors(org.error.issues, (key) => orgFieldId(key as keyof OrgDetails)));

  if (errors.length || !settings.success || !org.success) return { ok: false, errors };
  return { ok: true, settings: settings.data, connection, org: org.data };
};

export type SaveResult = { ok: true } | { ok: false; message: string };

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
    await repo.setSecret('orgDefaults', checked.org);
    return { ok: true };
  } catch (e) {
    return { ok: false, message: messageFor(e) };
  }
};
