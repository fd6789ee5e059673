// The report being edited, held once: loads it, applies each edit, autosaves, submits, corrects and follows a
// submitted report through sync. The editor only draws what this returns; storage is reached through ReportsPort.
import { useEffect, useMemo } from 'preact/hooks';
import { messageFor } from '../../domain/errors.ts';
import { createObservable, type Observable } from '../../domain/observable.ts';
import type { ReportDraft, ReportIssue } from '../../domain/report-schema.ts';
import { validateForSubmit } from '../../domain/report-validation.ts';
import { useObservable } from '../use-observable.ts';
import { type AutosaverOptions, createAutosaver, type SaveState } from './autosave.ts';
import type { FieldErrors } from './ReportForm.tsx';
import type { DraftRecord, ReportsPort } from './reports-port.ts';

export type EditorNotice = {
  text: string /** Take focus, so it is read out and seen (after submit or correction). */;
  focus: boolean;
};

export type ReadyDraft = {
  kind: 'ready';
  /** The report as stored (status, revision, createdAt), with `data` the newest text, saved or about to be. */
  record: DraftRecord;
  save: SaveState;
  /** A submit or correction is under way. */
  busy: boolean;
  /** What the last "Submit report" found; the error summary shows them until the next submit. */
  issues: ReportIssue[];
  /** Fields changed since that submit: their own error goes, the summary stays (it must not steal focus). */
  fixed: ReadonlySet<string>;
  notice: EditorNotice | null;
};

export type DraftState = { kind: 'loading' } | { kind: 'missing' } | { kind: 'error'; message: string } | ReadyDraft;

export type ReportDraftController = {
  state: Pick<Observable<DraftState>, 'get' | 'subscribe'>;
  load: () => Promise<void>;
  /** The worker changed the text: kept at once, saved after the autosave delay. */
  change: (next: ReportDraft) => void;
  /** "Save draft": saves now and says so. */
  saveNow: () => Promise<void>;
  /** "Submit report": validates, then stores and queues the final text; issues instead when it is not complete. */
  submit: () => Promise<void>;
  /** "Correct this report": a submitted report becomes the next revision, a draft again. */
  correct: () => Promise<void>;
  /** Saves any unsaved change now (page hidden, field left, editor closed). */
  flush: () => Promise<void>;
  /** Saves the last change, then stops: no more state after this. */
  dispose: () => void;
};

export const SUBMITTED_NOTICE = 'Report submitted. It waits on this device and is sent as soon as the device can.';
export const SAVED_NOTICE = 'Draft saved on this device.';
export const RECEIVED_NOTICE = 'The server received this report. It is no longer kept on this device.';
export const correctedNotice = (revision: number) =>
  `This is now a correction (version ${revision}), a draft. Submit it again when it is right.`;

/** The message shown under each field: the issues of the last submit the worker has not touched since. */
export const fieldErrors = (state: ReadyDraft): FieldErrors =>
  Object.fromEntries(state.issues.filter((i) => !state.fixed.has(i.field)).map((i) => [i.field, i.message]));

export type ReportDraftOptions = {
  id: string;
  port: ReportsPort;
  now?: () => number;
  autosave?: Pick<AutosaverOptions<ReportDraft>, 'delayMs' | 'maxWaitMs'>;
};

export const createReportDraft = ({
  id,
  port,
  now = Date.now,
  autosave,
}: ReportDraftOptions): ReportDraftController => {
  const state = createObservable<DraftState>({ kind: 'loading' });
  let disposed = false;
  let unfollowSync: (() => void) | null = null;

  const ready = (): ReadyDraft | null => {
    const current = state.get();
    return current.kind === 'ready' ? current : null;
  };
  const patch = (change: Partial<Omit<ReadyDraft, 'kind'>>) => {
    const current = ready();
    if (current && !disposed) state.set({ ...current, ...change });
  };

  // A submitted report moves on while it is open (sending, synced, failed): follow it until it is a draft again.
  const refreshSubmitted = () => {
    port.get(id).then(
      (fresh) => {
        const current = ready();
        if (disposed || !current || current.record.status === 'draft') return;
        if (fresh) setRecord(fresh);
        else {
          // Kept no longer than needed: once the receipt is stored a synced report may leave the device.
          setRecord({ ...current.record, status: 'synced' }, { notice: { text: RECEIVED_NOTICE, focus: false } });
        }
      },
      () => undefined,
    );
  };
  const setRecord = (record: DraftRecord, also: Partial<Omit<ReadyDraft, 'kind' | 'record'>> = {}) => {
    patch({ ...also, record });
    const submitted = record.status !== 'draft';
    if (submitted && !unfollowSync && !disposed) unfollowSync = port.onSyncChange(refreshSubmitted);
    if (!submitted && unfollowSync) {
      unfollowSync();
      unfollowSync = null;
    }
  };

  const autosaver = createAutosaver<ReportDraft>({
    ...autosave,
    save: async (data) => {
      const base = ready()?.record;
      if (base?.status !== 'draft') return;
      const updatedAt = now();
      await port.save({ ...base, data, updatedAt });
      // Only the stored time moves: the text in memory may already be newer than what was saved.
      const after = ready();
      if (after?.record.status === 'draft') patch({ record: { ...after.record, updatedAt } });
    },
    onState: (save) => patch({ save }),
  });
  const flush = () => autosaver.flush().catch(() => undefined);

  const load = async () => {
    state.set({ kind: 'loading' });
    try {
      const record = await port.get(id);
      if (disposed) return;
      if (!record) {
        state.set({ kind: 'missing' });
        return;
      }
      state.set({
        kind: 'ready',
        record,
        save: { kind: 'idle' },
        busy: false,
        issues: [],
        fixed: new Set(),
        notice: null,
      });
      setRecord(record);
    } catch (error) {
      if (!disposed) state.set({ kind: 'error', message: messageFor(error) });
    }
  };

  const change = (next: ReportDraft) => {
    const current = ready();
    if (current?.record.status !== 'draft') return;
    const before = current.record.data;
    const changed = current.issues.filter(
      (i) => i.field !== 'form' && !current.fixed.has(i.field) && next[i.field] !== before[i.field],
    );
    patch({
      record: { ...current.record, data: next },
      notice: null,
      ...(changed.length > 0 ? { fixed: new Set([...current.fixed, ...changed.map((i) => i.field)]) } : {}),
    });
    autosaver.change(next);
  };

  const saveNow = async () => {
    const current = ready();
    if (!current) return;
    patch({ notice: null });
    autosaver.change(current.record.data);
    await autosaver.flush();
    if (autosaver.state().kind === 'saved') patch({ notice: { text: SAVED_NOTICE, focus: false } });
  };

  const submit = async () => {
    const current = ready();
    if (!current || current.busy || current.record.status !== 'draft') return;
    const draft = current.record.data;
    const result = validateForSubmit(draft);
    if (!result.ok) {
      patch({ notice: null, issues: result.issues, fixed: new Set() });
      return;
    }
    patch({ notice: null, issues: [], fixed: new Set(), busy: true });
    try {
      await autosaver.flush();
      const base = ready()?.record ?? current.record;
      const queued = await port.submit(base, { ...draft, ...result.report });
      setRecord(queued, { notice: { text: SUBMITTED_NOTICE, focus: true } });
    } catch (error) {
      patch({ notice: null, save: { kind: 'error', error } });
    } finally {
      patch({ busy: false });
    }
  };

  const correct = async () => {
    const current = ready();
    if (!current || current.busy) return;
    patch({ busy: true });
    try {
      const corrected = await port.correct(current.record);
      setRecord(corrected, { notice: { text: correctedNotice(corrected.revision), focus: true } });
    } catch (error) {
      patch({ save: { kind: 'error', error } });
    } finally {
      patch({ busy: false });
    }
  };

  const dispose = () => {
    if (disposed) return;
    disposed = true;
    unfollowSync?.();
    unfollowSync = null;
    // Leaving the editor (another screen, lock): the last change still goes to storage.
    void flush();
    autosaver.dispose();
  };

  return { state, load, change, saveNow, submit, correct, flush, dispose };
};

/**
 * The editor's hook: one controller per report id, loaded on mount and disposed on unmount. Saves at once when
 * the page goes away or is hidden, in the capture phase on window so it runs before any listener that locks the
 * vault on the same event (the repository takes the key synchronously).
 */
export const useReportDraft = (id: string, port: ReportsPort): [DraftState, ReportDraftController] => {
  const controller = useMemo(() => createReportDraft({ id, port }), [id, port]);
  useEffect(() => {
    void controller.load();
    const flush = () => void controller.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush, { capture: true });
    window.addEventListener('visibilitychange', onVisibility, { capture: true });
    return () => {
      window.removeEventListener('pagehide', flush, { capture: true });
      window.removeEventListener('visibilitychange', onVisibility, { capture: true });
      controller.dispose();
    };
  }, [controller]);
  return [useObservable(controller.state), controller];
};
