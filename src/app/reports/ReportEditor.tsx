// The report editor: loads one report, autosaves every change (encrypted by the repository), submits it for
// sync, and shows a submitted report read-only with "Correct this report". Never keeps text outside the repository.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { messageFor } from '../../domain/errors.ts';
import type { ReportDraft, ReportIssue } from '../../domain/report-schema.ts';
import { reportSummary } from '../../domain/report-summary.ts';
import { validateForSubmit } from '../../domain/report-validation.ts';
import { ErrorSummary } from '../form-bits.tsx';
import { routeHref } from '../router.ts';
import { createAutosaver, type SaveState } from './autosave.ts';
import { NextStepsLink, NextStepsPanel } from './NextStepsPanel.tsx';
import { type FieldErrors, ReportForm } from './ReportForm.tsx';
import type { DraftRecord, ReportsPort } from './reports-port.ts';
import { FailureReasons, STATUS_LABELS } from './status.tsx';

type Props = { id: string; port: ReportsPort };

type Loaded =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; record: DraftRecord };

const SaveStatus = ({ state }: { state: SaveState }) => {
  const text =
    state.kind === 'pending' || state.kind === 'saving'
      ? 'Saving...'
      : state.kind === 'saved'
        ? 'Saved'
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
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [draft, setDraft] = useState<ReportDraft | null>(null);
  const [issues, setIssues] = useState<ReportIssue[]>([]);
  const [fixed, setFixed] = useState<ReadonlySet<string>>(new Set());
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // The stored record the next autosave builds on (status, revision, createdAt).
  const recordRef = useRef<DraftRecord | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  // Set when a notice should take focus (after submit or correction), so it is read out and seen.
  const focusNotice = useRef(false);
  const mounted = useRef(true);

  const autosaver = useMemo(
    () =>
      createAutosaver<ReportDraft>({
        save: async (data) => {
          const base = recordRef.current;
          if (base?.status !== 'draft') return;
          const next: DraftRecord = { ...base, data, updatedAt: Date.now() };
          await port.save(next);
          recordRef.current = next;
        },
        onState: (state) => {
          if (mounted.current) setSaveState(state);
        },
      }),
    [port],
  );

  useEffect(() => {
    mounted.current = true;
    let cancelled = false;
    setLoaded({ kind: 'loading' });
    port.get(id).then(
      (record) => {
        if (cancelled) return;
        recordRef.current = record ?? null;
        setDraft(record?.data ?? null);
        setLoaded(record ? { kind: 'ready', record } : { kind: 'missing' });
      },
      (error: unknown) => {
        if (!cancelled) setLoaded({ kind: 'error', message: messageFor(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [id, port]);

  // A submitted report moves on while it is open (sending, synced, failed): follow it.
  const submittedId = loaded.kind === 'ready' && loaded.record.status !== 'draft' ? loaded.record.id : null;
  useEffect(() => {
    if (!submittedId) return;
    return port.onSyncChange(() => {
      port.get(submittedId).then(
        (fresh) => {
          const current = recordRef.current;
          if (!mounted.current || current?.id !== submittedId || current.status === 'draft') return;
          if (fresh) {
            recordRef.current = fresh;
            setLoaded({ kind: 'ready', record: fresh });
          } else {
            // Kept no longer than needed: once the receipt is stored a synced report may leave the device.
            setLoaded({ kind: 'ready', record: { ...current, status: 'synced' } });
            setNotice('The server received this report. It is no longer kept on this device.');
          }
        },
        () => undefined,
      );
    });
  }, [submittedId, port]);

  // Save at once when the page goes away or is hidden. Capture phase on window, so this runs before any
  // listener that locks the vault on the same event; the repository takes the key synchronously.
  useEffect(() => {
    const flush = () => {
      void autosaver.flush().catch(() => undefined);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush, { capture: true });
    window.addEventListener('visibilitychange', onVisibility, { capture: true });
    return () => {
      window.removeEventListener('pagehide', flush, { capture: true });
      window.removeEventListener('visibilitychange', onVisibility, { capture: true });
      mounted.current = false;
      // Leaving the editor (another screen, lock): the last change still goes to storage.
      flush();
      autosaver.dispose();
    };
  }, [autosaver]);

  useEffect(() => {
    if (loaded.kind !== 'loading') headingRef.current?.focus();
  }, [loaded.kind]);

  useEffect(() => {
    if (notice && focusNotice.current) noticeRef.current?.focus();
    focusNotice.current = false;
  }, [notice]);

  if (loaded.kind === 'loading') return <p class="muted">Opening the report...</p>;
  if (loaded.kind !== 'ready' || !draft) {
    return (
      <section aria-labelledby="report-title">
        <h1 id="report-title" tabIndex={-1} ref={headingRef}>
          {loaded.kind === 'error' ? 'This report could not be opened' : 'Report not found'}
        </h1>
        <p>{loaded.kind === 'error' ? loaded.message : 'That report is not on this device any more.'}</p>
        <p>
          <a class="report-target" href={routeHref('reports')}>
            Back to the list
          </a>
        </p>
      </section>
    );
  }

  const record = loaded.record;
  const readOnly = record.status !== 'draft';
  const errors: FieldErrors = Object.fromEntries(
    issues.filter((i) => !fixed.has(i.field)).map((i) => [i.field, i.message]),
  );

  const change = (next: ReportDraft) => {
    setDraft(next);
    setNotice(null);
    autosaver.change(next);
    // A field's error goes once the worker changes it; the summary stays as it was until the next submit
    // (a new summary would take focus away from the field being typed in).
    const changed = issues.filter((i) => i.field !== 'form' && !fixed.has(i.field) && next[i.field] !== draft[i.field]);
    if (changed.length > 0) setFixed(new Set([...fixed, ...changed.map((i) => i.field)]));
  };

  const saveNow = async () => {
    setNotice(null);
    autosaver.change(draft);
    await autosaver.flush();
    if (autosaver.state().kind === 'saved') setNotice('Draft saved on this device.');
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy || readOnly) return;
    setNotice(null);
    const result = validateForSubmit(draft);
    setFixed(new Set());
    if (!result.ok) {
      setIssues(result.issues);
      return;
    }
    setIssues([]);
    setBusy(true);
    try {
      await autosaver.flush();
      const base = recordRef.current ?? record;
      const queued = await port.submit(base, { ...draft, ...result.report });
      recordRef.current = queued;
      setDraft(queued.data);
      setLoaded({ kind: 'ready', record: queued });
      focusNotice.current = true;
      setNotice('Report submitted. It is queued and will be sent when the device is online.');
    } catch (error) {
      setNotice(null);
      setSaveState({ kind: 'error', error });
    } finally {
      setBusy(false);
    }
  };

  const correct = async () => {
    setBusy(true);
    try {
      const corrected = await port.correct(recordRef.current ?? record);
      recordRef.current = corrected;
      setDraft(corrected.data);
      setLoaded({ kind: 'ready', record: corrected });
      focusNotice.current = true;
      setNotice(`This is now revision ${corrected.revision}, a draft. Submit it again when it is right.`);
    } catch (error) {
      setSaveState({ kind: 'error', error });
    } finally {
      setBusy(false);
    }
  };

  const summary = reportSummary(draft);
  return (
    <section aria-labelledby="report-title" class="report-editor">
      <p class="report-back">
        <a class="report-target" href={routeHref('reports')}>
          Back to the list
        </a>
      </p>
      <h1 id="report-title" tabIndex={-1} ref={headingRef}>
        {readOnly ? 'Incident report' : 'Edit incident report'}
      </h1>
      <p class="report-meta">
        <span class={`report-status report-status--${record.status}`}>{STATUS_LABELS[record.status]}</span>{' '}
        <span class="muted">
          {summary.title}
          {record.revision > 1 ? `, revision ${record.revision}` : ''}
        </span>
      </p>
      {!readOnly && <SaveStatus state={saveState} />}
      {notice && (
        <p class="card report-notice" tabIndex={-1} ref={noticeRef}>
          {notice}
        </p>
      )}
      {readOnly && <ReadOnlyNote record={record} port={port} busy={busy} onCorrect={correct} />}
      <ErrorSummary errors={issues} />
      {/* Leaving a field saves at once: a click on "Lock" blurs the field before the vault drops its key. */}
      <form
        class="report-form"
        onSubmit={submit}
        onFocusOut={() => void autosaver.flush().catch(() => undefined)}
        noValidate
      >
        {!readOnly && (
          <p class="hint">
            Everything you type is saved encrypted on this device as you go. Nothing is sent until you submit it.
          </p>
        )}
        <ReportForm
          draft={draft}
          errors={errors}
          readOnly={readOnly}
          onChange={change}
          afterSection={(sectionId) => (sectionId === 'type' && !readOnly ? <NextStepsLink draft={draft} /> : null)}
        />
        <NextStepsPanel draft={draft} />
        {!readOnly && (
          <div class="report-actions">
            <div class="button-row">
              <button type="button" class="button--secondary" onClick={() => void saveNow()} disabled={busy}>
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
      This report was submitted and can no longer be changed. To change something, correct it: the correction is sent as
      a new revision.
    </p>
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
