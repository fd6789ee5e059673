// The report being edited, without a browser: load, edits kept at once and autosaved, "Submit report" with its
// issues, correction, following a submitted report through sync, and the last change saved when the editor closes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DraftRecord, ReportsPort } from '../../../../src/app/reports/reports-port.ts';
import {
  correctedNotice,
  createReportDraft,
  type DraftState,
  fieldErrors,
  RECEIVED_NOTICE,
  type ReadyDraft,
  type ReportDraftController,
  SAVED_NOTICE,
  SUBMITTED_NOTICE,
} from '../../../../src/app/reports/use-report-draft.ts';
import { AppError, ERROR_MESSAGES } from '../../../../src/domain/errors.ts';
import { MESSAGES } from '../../../../src/domain/report-schema.ts';
import { completeDraft } from '../../fixtures.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const AUTOSAVE = { delayMs: 50, maxWaitMs: 100 };

/** A port over a Map, so a test can see every stored version and say when sync moved a report on. */
const memoryPort = (initial: DraftRecord[] = []) => {
  const stored = new Map(initial.map((r) => [r.id, r]));
  const saves: DraftRecord[] = [];
  const syncListeners = new Set<() => void>();
  let failNextSubmit: unknown = null;
  let clock = 1_700_000_000_000;
  const port: ReportsPort = {
    list: async () => ({ records: [...stored.values()], damaged: [], receipts: [] }),
    listChunks: async function* () {
      yield { records: [...stored.values()], damaged: [], total: stored.size };
    },
    receipts: async () => [],
    get: async (id) => stored.get(id),
    create: async () => {
      throw new Error('not used here');
    },
    save: async (record) => {
      saves.push(record);
      stored.set(record.id, record);
    },
    submit: async (record, data) => {
      if (failNextSubmit) {
        const error = failNextSubmit;
        failNextSubmit = null;
        throw error;
      }
      const queued: DraftRecord = { ...record, status: 'queued', updatedAt: ++clock, data };
      stored.set(record.id, queued);
      return queued;
    },
    correct: async (record) => {
      const draft: DraftRecord = { ...record, status: 'draft', revision: record.revision + 1, updatedAt: ++clock };
      stored.set(record.id, draft);
      return draft;
    },
    remove: async (id) => {
      stored.delete(id);
    },
    failure: async () => undefined,
    onSyncChange: (listener) => {
      syncListeners.add(listener);
      return () => syncListeners.delete(listener);
    },
  };
  return {
    port,
    stored,
    saves,
    listeners: () => syncListeners.size,
    /** What the sync engine does: change the stored record, then tell whoever listens. */
    syncMoves: (change: (record: DraftRecord | undefined) => DraftRecord | undefined) => {
      const next = change(stored.get(ID));
      if (next) stored.set(ID, next);
      else stored.delete(ID);
      for (const listener of [...syncListeners]) listener();
    },
    failNextSubmit: (error: unknown) => {
      failNextSubmit = error;
    },
  };
};

const draftRecord = (overrides: Partial<DraftRecord> = {}): DraftRecord => ({
  id: ID,
  status: 'draft',
  createdAt: 1_600_000_000_000,
  updatedAt: 1_600_000_000_000,
  revision: 1,
  data: completeDraft(),
  ...overrides,
});

const open: ReportDraftController[] = [];
afterEach(() => {
  for (const controller of open.splice(0)) controller.dispose();
  vi.useRealTimers();
});

const opened = async (port: ReportsPort) => {
  const controller = createReportDraft({ id: ID, port, autosave: AUTOSAVE, now: () => 1_650_000_000_000 });
  open.push(controller);
  await controller.load();
  return controller;
};

const readyOf = (controller: ReportDraftController): ReadyDraft => {
  const state = controller.state.get();
  if (state.kind !== 'ready') throw new Error(`expected a ready report, got ${state.kind}`);
  return state;
};

/** Resolves when the controller's state passes `test`; the state changes on its own (sync), so no timers. */
const until = (controller: ReportDraftController, test: (state: DraftState) => boolean) =>
  new Promise<DraftState>((resolve) => {
    if (test(controller.state.get())) return resolve(controller.state.get());
    const stop = controller.state.subscribe((state) => {
      if (!test(state)) return;
      stop();
      resolve(state);
    });
  });

describe('loading the report', () => {
  it('holds the stored report once it has loaded, with nothing to save yet', async () => {
    const record = draftRecord();
    const controller = await opened(memoryPort([record]).port);
    expect(readyOf(controller)).toMatchObject({
      record,
      save: { kind: 'idle' },
      busy: false,
      issues: [],
      notice: null,
    });
  });

  it('says the report is missing when it is not on the device', async () => {
    const controller = await opened(memoryPort().port);
    expect(controller.state.get()).toEqual({ kind: 'missing' });
  });

  it('says in plain words why the report could not be opened', async () => {
    const { port } = memoryPort();
    port.get = async () => {
      throw new AppError('locked');
    };
    const controller = await opened(port);
    expect(controller.state.get()).toEqual({ kind: 'error', message: ERROR_MESSAGES.locked });
  });
});

describe('editing and autosave', () => {
  it('keeps an edit at once and stores it after the autosave delay, on the same revision', async () => {
    vi.useFakeTimers();
    const mem = memoryPort([draftRecord()]);
    const controller = await opened(mem.port);
    controller.change({ ...readyOf(controller).record.data, description: 'new words' });
    expect(readyOf(controller).record.data.description).toBe('new words');
    expect(mem.saves).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(AUTOSAVE.delayMs);
    expect(mem.stored.get(ID)).toMatchObject({ status: 'draft', revision: 1, updatedAt: 1_650_000_000_000 });
    expect(mem.stored.get(ID)?.data.description).toBe('new words');
    expect(readyOf(controller).save.kind).toBe('saved');
  });

  it('saves the last change when the editor closes, before the delay has run out', async () => {
    const mem = memoryPort([draftRecord()]);
    const controller = await opened(mem.port);
    controller.change({ ...readyOf(controller).record.data, outcome: 'last words' });
    controller.dispose();
    await vi.waitFor(() => expect(mem.stored.get(ID)?.data.outcome).toBe('last words'));
  });

  it('"Save draft" saves now and says so', async () => {
    const mem = memoryPort([draftRecord()]);
    const controller = await opened(mem.port);
    controller.change({ ...readyOf(controller).record.data, outcome: 'saved by hand' });
    await controller.saveNow();
    expect(mem.stored.get(ID)?.data.outcome).toBe('saved by hand');
    expect(readyOf(controller).notice).toEqual({ text: SAVED_NOTICE, focus: false });
  });
});

describe('"Submit report"', () => {
  it('lists what is missing in form order and stores nothing as submitted', async () => {
    const mem = memoryPort([draftRecord({ data: completeDraft({ reporterName: '', description: '' }) })]);
    const controller = await opened(mem.port);
    await controller.submit();
    expect(readyOf(controller).issues).toEqual([
      { field: 'reporterName', message: MESSAGES.reporterMissing },
      { field: 'description', message: MESSAGES.descriptionMissing },
    ]);
    expect(mem.stored.get(ID)?.status).toBe('draft');
  });

  it('drops a field’s own error once the worker changes it, and keeps the summary until the next submit', async () => {
    const controller = await opened(
      memoryPort([draftRecord({ data: completeDraft({ reporterName: '', description: '' }) })]).port,
    );
    await controller.submit();
    controller.change({ ...readyOf(controller).record.data, reporterName: 'Sam Worker' });
    const state = readyOf(controller);
    expect(fieldErrors(state)).toEqual({ description: MESSAGES.descriptionMissing });
    expect(state.issues).toHaveLength(2);
  });

  it('stores the tidied text as queued, shows it read-only and moves focus to the notice', async () => {
    const mem = memoryPort([draftRecord({ data: completeDraft({ reporterName: '  Sam Worker  ' }) })]);
    const controller = await opened(mem.port);
    await controller.submit();
    const state = readyOf(controller);
    expect(state.record.status).toBe('queued');
    expect(mem.stored.get(ID)?.data.reporterName).toBe('Sam Worker');
    expect(state).toMatchObject({ busy: false, issues: [], notice: { text: SUBMITTED_NOTICE, focus: true } });
    controller.change({ ...state.record.data, outcome: 'typed after submit' });
    expect(readyOf(controller).record.data.outcome).toBe('');
  });

  it('keeps the draft and says why when storing it fails', async () => {
    const mem = memoryPort([draftRecord()]);
    const controller = await opened(mem.port);
    const error = new AppError('quota-exceeded');
    mem.failNextSubmit(error);
    await controller.submit();
    expect(readyOf(controller)).toMatchObject({ busy: false, notice: null, save: { kind: 'error', error } });
    expect(readyOf(controller).record.status).toBe('draft');
  });
});

describe('a submitted report', () => {
  it('follows sync: sending, then gone from the device once the server received it', async () => {
    const mem = memoryPort([draftRecord({ status: 'queued' })]);
    const controller = await opened(mem.port);
    mem.syncMoves((r) => (r ? { ...r, status: 'sending' } : r));
    await until(controller, (s) => s.kind === 'ready' && s.record.status === 'sending');
    mem.syncMoves(() => undefined);
    const state = await until(controller, (s) => s.kind === 'ready' && s.record.status === 'synced');
    expect(state).toMatchObject({ notice: { text: RECEIVED_NOTICE, focus: false } });
  });

  it('becomes the next revision, a draft again, when corrected, and stops following sync', async () => {
    const mem = memoryPort([draftRecord({ status: 'failed' })]);
    const controller = await opened(mem.port);
    expect(mem.listeners()).toBe(1);
    await controller.correct();
    expect(readyOf(controller)).toMatchObject({
      record: { status: 'draft', revision: 2 },
      notice: { text: correctedNotice(2), focus: true },
      busy: false,
    });
    expect(mem.listeners()).toBe(0);
  });

  it('stops listening to sync when the editor closes', async () => {
    const mem = memoryPort([draftRecord({ status: 'queued' })]);
    const controller = await opened(mem.port);
    controller.dispose();
    expect(mem.listeners()).toBe(0);
  });
});
