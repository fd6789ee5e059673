// How a report's sync status reads on screen, and why a failed or conflicting report did not go through.
// Shows only what the sync layer recorded (codes and the server's validation messages), never report text.
import { useEffect, useState } from 'preact/hooks';
import { ERROR_MESSAGES, type ErrorCode } from '../../domain/errors.ts';
import { FORM_FIELDS, labelOf } from '../../domain/report-form.ts';
import type { ReportStatus } from '../../domain/report-record.ts';
import type { ReportFieldId } from '../../domain/report-schema.ts';
import type { SyncState } from '../../sync/outbox.ts';
import { routeHref } from '../router.ts';
import { NOT_SYNCING, sendingBlockedText } from '../StatusBar.tsx';
import { useSessionValue } from '../services.ts';
import type { ReportsPort, SyncFailure } from './reports-port.ts';

export const STATUS_LABELS: Record<ReportStatus, string> = {
  draft: 'Draft',
  queued: 'Waiting to send',
  sending: 'Sending',
  synced: 'Sent',
  failed: 'Not accepted',
  conflict: 'Needs a correction',
};

/** What each status means for the worker, in one line. */
export const STATUS_EXPLANATIONS: Record<ReportStatus, string> = {
  draft: 'Not submitted yet.',
  queued: 'Submitted; sent as soon as the device can.',
  sending: 'Being sent now.',
  synced: 'Received by the server.',
  failed: 'The server did not accept it: correct it and submit again.',
  conflict: 'The server already holds a different version of it: correct it and submit again.',
};

const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_MESSAGES, code);

/** The sentences to show for a failure: the server's issues first, then the last error in plain English. */
export const failureMessages = (failure: SyncFailure | undefined): string[] => {
  if (!failure) return [];
  const messages = (failure.issues ?? []).map((i) => {
    // 'report.dateHappened' -> the field's label from the form, so the worker knows where to look.
    const field = i.path.replace(/^report\./, '');
    const label = field !== i.path && FORM_FIELDS.has(field as ReportFieldId) ? labelOf(field as ReportFieldId) : '';
    return label && !i.message.includes(label) ? `${label}: ${i.message}` : i.message;
  });
  const code = failure.lastError;
  if (code) messages.push(isErrorCode(code) ? ERROR_MESSAGES[code] : code);
  return [...new Set(messages)];
};

export const FailureReasons = ({ id, port }: { id: string; port: ReportsPort }) => {
  const [failure, setFailure] = useState<SyncFailure | undefined>();
  useEffect(() => {
    let cancelled = false;
    port.failure(id).then(
      (f) => {
        if (!cancelled) setFailure(f);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [id, port]);
  const messages = failureMessages(failure);
  if (messages.length === 0) return null;
  return (
    <div class="report-failure">
      <p class="error-text">The server gave these reasons:</p>
      <ul class="report-failure__list">
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
};

/**
 * On a report that waits to be sent while sending cannot happen (no enrolment, access withdrawn, token refused):
 * what is wrong and what to do, the same words as the status bar, with the way to Settings.
 */
export const SendingBlocked = ({ status }: { status: ReportStatus }) => {
  const sync = useSessionValue<SyncState | null>((s) => s.syncState, NOT_SYNCING);
  const blocked = status === 'queued' ? sendingBlockedText(sync) : null;
  if (!blocked) return null;
  return (
    <p class="warning report-blocked">
      <strong>Not sent yet. </strong>
      {blocked}. It stays on this device until then.{' '}
      <a href={routeHref('settings')}>Open Settings to enrol this device</a>
    </p>
  );
};
