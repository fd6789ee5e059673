// The report editor: draws the report useReportDraft holds (which loads, autosaves, submits and corrects it) and
// shows a submitted report read-only with "Correct this report". Holds no report state of its own.
import { useEffect, useRef } from 'preact/hooks';
import { messageFor } from '../../domain/errors.ts';
import { reportSummary } from '../../domain/report-summary.ts';
import { ErrorSummary } from '../../ui/form-bits.tsx';
import { routeHref } from '../router.ts';
import type { SaveState } from './autosave.ts';
import { NextStepsLink, NextStepsPanel, NextStepsReadBack } from './NextStepsPanel.tsx';
import { ReportAnswers } from './ReportAnswers.tsx';
import { ReportForm } from './ReportForm.tsx';
import type { DraftRecord, ReportsPort } from './reports-port.ts';
import { FailureReasons, SendingBlocked, STATUS_LABELS } from './status.tsx';
import { fieldErrors, SAVED_NOTICE, useReportDraft } from './use-report-draft.ts';

type Props = { id: string; port: ReportsPort };

/** In the action bar, beside "Save draft": nothing before the first change, then Saving... / Saved / why not. */
const SaveStatus = ({ state, savedByButton }: { state: SaveState; savedByButton: boolean }) => {
  const text =
    state.kind === 'pending' || state.kind === 'saving'
      ? 'Saving...'
      : state.kind === 'saved'
        ? savedByButton
          ? SAVED_NOTICE
          : 'Saved'
        : state.kind === 'error'
          ? messageFor(state.error)
          : '';
  // Polite and quiet: the app's one role=status region belongs to the status bar.
  return (
    <p
      class={`save-status${state.kind === 'error' ? ' save-status--error error-text' : ''}`}
      aria-live="polite"
      id="save-status"
    >
      {text}
    </p>
  );
};

export const ReportEditor = ({ id, port }: Props) => {
  const [state, editor] = useReportDraft(id, port);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const notice = state.kind === 'ready' ? state.notice : null;
  // "Save draft" answers in the action bar, where the button is; other notices show under the heading.
  const savedByButton = notice?.text === SAVED_NOTICE;

  useEffect(() => {
    if (state.kind !== 'loading') headingRef.current?.focus();
  }, [state.kind]);

  useEffect(() => {
    if (notice?.focus) noticeRef.current?.focus();
  }, [notice]);

  if (state.kind === 'loading') return <p class="muted">Opening the report...</p>;
  if (state.kind !== 'ready') {
    return (
      <section aria-labelledby="report-title">
        <h1 id="report-title" tabIndex={-1} ref={headingRef}>
          {state.kind === 'error' ? 'This report could not be opened' : 'Report not found'}
        </h1>
        <p>{state.kind === 'error' ? state.message : 'That report is not on this device any more.'}</p>
        <p>
          <a class="report-target" href={routeHref('reports')}>
            Back to the list
          </a>
        </p>
      </section>
    );
  }

  const { record, busy } = state;
  const draft = record.data;
  const readOnly = record.status !== 'draft';
  const summary = reportSummary(draft);
  return (
    <section aria-labelledby="report-title" class="report-editor">
      <p class="report-back">
        <a class="report-target" href={routeHref('reports')}>
          Back to the list
        </a>
      </p>
      <h1 id="report-title" tabIndex={-1} ref={headingRef}>
        {readOnly ? 'Incident report' : record.revision > 1 ? 'Correct incident report' : 'New incident report'}
      </h1>
      <p class="report-meta">
        <span class={`report-status report-status--${record.status}`}>{STATUS_LABELS[record.status]}</span>{' '}
        <span class="muted">
          {summary.reference && `${summary.reference}: `}
          {summary.title}
          {record.revision > 1 ? `, correction (version ${record.revision})` : ''}
        </span>
      </p>
      {notice && !savedByButton && (
        <p class="card report-notice" tabIndex={-1} ref={noticeRef}>
          {notice.text}
        </p>
      )}
      {readOnly && <ReadOnlyNote record={record} port={port} busy={busy} onCorrect={() => void editor.correct()} />}
      <ErrorSummary errors={state.issues} />
      {/* Leaving a field saves at once: a click on "Lock" blurs the field before the vault drops its key. */}
      <form
        class="report-form"
        onSubmit={(event) => {
          event.preventDefault();
          void editor.submit();
        }}
        onFocusOut={() => void editor.flush()}
        noValidate
      >
        {!readOnly && (
          <p class="hint">
            Everything you type is saved encrypted on this device as you go. Nothing is sent until you submit it.
          </p>
        )}
        {readOnly ? (
          <ReportAnswers draft={draft} />
        ) : (
          <ReportForm
            draft={draft}
            errors={fieldErrors(state)}
            onChange={editor.change}
            afterSection={(sectionId) => (sectionId === 'type' ? <NextStepsLink draft={draft} /> : null)}
          />
        )}
        {readOnly ? <NextStepsReadBack draft={draft} /> : <NextStepsPanel draft={draft} />}
        {!readOnly && (
          <div class="action-bar">
            <SaveStatus state={state.save} savedByButton={savedByButton} />
            <div class="button-row">
              <button type="button" class="button--secondary" onClick={() => void editor.saveNow()} disabled={busy}>
                Save draft
              </button>
              <button type="submit" disabled={busy}>
                Submit report
              </button>
            </div>
          </div>
        )}
      </form>
    </section>
  );
};

const ReadOnlyNote = ({
  record,
  port,
  busy,
  onCorrect,
}: {
  record: DraftRecord;
  port: ReportsPort;
  busy: boolean;
  onCorrect: () => void;
}) => (
  <div class="card report-readonly">
    <p>
      Submitted, so it can no longer be changed. To change something, correct it: the correction is sent as a new
      version.
    </p>
    <SendingBlocked status={record.status} />
    {(record.status === 'failed' || record.status === 'conflict') && <FailureReasons id={record.id} port={port} />}
    {record.status !== 'sending' && (
      <div class="button-row">
        <button type="button" class="button--secondary" onClick={onCorrect} disabled={busy}>
          Correct this report
        </button>
      </div>
    )}
  </div>
);
