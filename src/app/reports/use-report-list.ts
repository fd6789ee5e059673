// The report list's data: the newest screenful opened and shown first, then the rest decrypted a chunk at a time,
// giving way to input between chunks, the search covering every report once all are in. Renders nothing itself.
import { useEffect, useRef, useState } from 'preact/hooks';
import { messageFor } from '../../domain/errors.ts';
import type { ReportMeta, SentReceipt } from '../../store/index.ts';
import type { DraftRecord, ReportsPort } from './reports-port.ts';

/** Sync state changes come in bursts during a run: reload the list once they settle. */
export const LIST_RELOAD_DELAY_MS = 150;

/** The newest reports opened before the first paint (a tall screen shows about ten cards), then the rest per chunk. */
export const LIST_CHUNKS = { first: 12, chunk: 100 } as const;

/** Cards drawn at first and added by each "Show more": a few screens' worth, never the whole list at once. */
export const LIST_PAGE = 50;

export type LoadedList =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | {
      kind: 'ready';
      records: DraftRecord[];
      damaged: ReportMeta[];
      receipts: SentReceipt[];
      /** How many reports the device holds; more than `records` + `damaged` while the rest is still opening. */
      total: number;
      /** False while older reports are still being opened: the search does not cover them yet. */
      complete: boolean;
    };

/** Lets input, timers and painting run between two chunks of decryption. */
export const yieldToInput = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export type LoadOptions = {
  /** False once a newer load has started (or the screen closed): this one then shows nothing more. */
  current?: () => boolean;
  /** Show the first chunk before the rest is in (not on a reload, which keeps the complete list it had). */
  partial?: boolean;
  pause?: () => Promise<void>;
};

/**
 * Loads the list through `port` and shows it: the first chunk at once (when `partial` and there is more to come),
 * the whole list when every chunk is in, pausing between chunks; a failure is shown as its message.
 */
export const loadReportList = async (
  port: Pick<ReportsPort, 'listChunks' | 'receipts'>,
  show: (loaded: LoadedList) => void,
  { current = () => true, partial = true, pause = yieldToInput }: LoadOptions = {},
): Promise<void> => {
  try {
    const receiptsLoading = port.receipts();
    let records: DraftRecord[] = [];
    let damaged: ReportMeta[] = [];
    let total = 0;
    let first = true;
    for await (const chunk of port.listChunks(LIST_CHUNKS)) {
      if (!current()) return;
      records = records.concat(chunk.records);
      damaged = damaged.concat(chunk.damaged);
      total = chunk.total;
      if (first && partial && records.length + damaged.length < chunk.total) {
        const receipts = await receiptsLoading;
        if (!current()) return;
        show({ kind: 'ready', records, damaged, receipts, total, complete: false });
      }
      first = false;
      await pause();
    }
    const receipts = await receiptsLoading;
    if (!current()) return;
    show({ kind: 'ready', records, damaged, receipts, total: Math.max(total, records.length), complete: true });
  } catch (error) {
    if (current()) show({ kind: 'error', message: messageFor(error) });
  }
};

/** The list's state and its reload (after a delete); reloads itself when sync may have moved a report on. */
export const useReportList = (port: ReportsPort): { loaded: LoadedList; reload: () => Promise<void> } => {
  const [loaded, setLoaded] = useState<LoadedList>({ kind: 'loading' });
  const run = useRef(0);
  const shownComplete = useRef(false);

  const reload = () => {
    const mine = ++run.current;
    return loadReportList(
      port,
      (next) => {
        if (next.kind === 'ready' && next.complete) shownComplete.current = true;
        setLoaded(next);
      },
      { current: () => mine === run.current, partial: !shownComplete.current },
    );
  };

  useEffect(() => {
    void reload();
    let pending: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = port.onSyncChange(() => {
      clearTimeout(pending);
      pending = setTimeout(() => void reload(), LIST_RELOAD_DELAY_MS);
    });
    return () => {
      run.current++;
      clearTimeout(pending);
      unsubscribe();
    };
  }, [port]);

  return { loaded, reload };
};
