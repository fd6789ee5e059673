// The expected failures of the app, as values: one error class, a small set of codes,
// and the one plain-English sentence the UI shows for each. Never carries personal data.

export const ERROR_MESSAGES = {
  'wrong-passphrase': 'That passphrase is not right. Check it and try again.',
  'too-many-attempts': 'Too many wrong passphrases. Wait a moment before trying again.',
  locked: 'The app is locked. Unlock it to continue.',
  'no-vault': 'There is no vault on this device yet. Create one first.',
  tampered: 'A saved record could not be opened: it has been changed or damaged since it was saved.',
  'rolled-back':
    'This report was replaced by an older copy of itself from this device’s storage, so it is not shown or sent. The newer copy is gone from this device.',
  'quota-exceeded':
    'This device is out of storage space, so the last change was not saved. Your previous version is safe. Free some space and try again.',
  'storage-unavailable': 'The browser would not let the app use its storage. Check that private browsing is off.',
  offline: 'You are offline. The report is kept on this device and will be sent when you are back online.',
  unreachable: 'The sync server could not be reached. Check the address, or try again later.',
  timeout: 'The sync server took too long to answer. The app will try again.',
  unauthorised: 'The server did not accept the access token. Ask your administrator for a new token.',
  'not-safevisit': 'That address answered, but it is not a SafeVisit sync server.',
  'server-error': 'The sync server had a problem. The app will try again later.',
  'rate-limited': 'The sync server asked the app to wait. It will try again shortly.',
  'too-large': 'This report is too large for the server to accept.',
  invalid: 'Some information is missing or not valid.',
  conflict: 'The server already holds a different version of this report.',
  'bad-response': 'The server sent an answer the app could not understand.',
  'insecure-endpoint': 'The sync address must start with https:// (only this computer may use http://).',
  'not-found': 'That record could not be found.',
  revoked:
    'This device’s access was withdrawn. Every report is kept on it; ask your online safety officer for a new enrolment link.',
  'org-mismatch':
    'The organisation’s keys do not match the enrolment link, so this device was not enrolled. Ask your online safety officer for a new link.',
  'unknown-device': 'The server does not know this enrolment. Ask your online safety officer for a new enrolment link.',
  'not-enrolled':
    'This device is not enrolled with an organisation yet, so nothing is sent. Open the enrolment link from your online safety officer.',
  'reports-waiting':
    'Reports are still waiting to be sent to the organisation this device is enrolled with. Send them before enrolling with another one.',
  'control-changed': 'A saved report’s sending state was changed while the app was locked; it was not sent or deleted.',
  'checker-unavailable':
    'The passphrase checker could not be loaded, so no passphrase can be set yet. Connect to the internet once and try again.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Extra, non-personal detail for the UI (e.g. server validation messages, a wait in ms). */
  readonly detail?: unknown;

  constructor(code: ErrorCode, detail?: unknown, options?: { cause?: unknown }) {
    super(ERROR_MESSAGES[code], options);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
  }
}

export const isAppError = (e: unknown, code?: ErrorCode): e is AppError =>
  e instanceof AppError && (code === undefined || e.code === code);

/** The sentence the UI shows for any thrown value; unknown errors get a generic sentence, never a stack. */
export const messageFor = (e: unknown): string =>
  e instanceof AppError ? e.message : 'Something went wrong. Nothing you saved has been lost.';
