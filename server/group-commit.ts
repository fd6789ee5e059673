// Group commit of sealed saves: the saves of every request that reached the store in the same turn of the event loop
// (they arrive together while the last commit was being written) go into ONE transaction, one commit and one fsync,
// and each request is answered only once that transaction has committed. Never answers before the commit: a group
// whose transaction fails keeps nothing, and every request in it gets the storage error (the routes answer 503).
import type { AlertChannel, SealedReportStore, SealedSave, SealedSaveOutcome } from './storage/types.ts';

/** At most this many saves in one transaction, so one commit never holds the event loop for long. */
export const GROUP_COMMIT_MAX_SAVES = 500;

export type GroupCommitter = {
  /** Saves these revisions in the next group's transaction; outcomes in the same order, once it has committed. */
  save: (saves: readonly SealedSave[]) => Promise<SealedSaveOutcome[]>;
};

type Waiting = {
  saves: readonly SealedSave[];
  resolve: (outcomes: SealedSaveOutcome[]) => void;
  reject: (error: unknown) => void;
};

export const createGroupCommitter = (
  store: Pick<SealedReportStore, 'saveSealedMany'>,
  alertChannels: readonly AlertChannel[] = [],
): GroupCommitter => {
  let waiting: Waiting[] = [];
  let scheduled = false;

  const commitNextGroup = async () => {
    scheduled = false;
    // Whole requests only; the first always goes, however many saves it holds.
    let size = 0;
    let taken = 0;
    while (taken < waiting.length) {
      const next = (waiting[taken] as Waiting).saves.length;
      if (taken > 0 && size + next > GROUP_COMMIT_MAX_SAVES) break;
      size += next;
      taken++;
    }
    const group = waiting.slice(0, taken);
    waiting = waiting.slice(taken);
    if (waiting.length > 0) schedule();
    try {
      const outcomes = await store.saveSealedMany(
        group.flatMap((member) => member.saves),
        alertChannels,
      );
      let at = 0;
      for (const member of group) {
        member.resolve(outcomes.slice(at, at + member.saves.length));
        at += member.saves.length;
      }
    } catch (error) {
      for (const member of group) member.reject(error);
    }
  };

  // setImmediate runs after the poll phase: every request read in this turn (their auth is a synchronous read behind
  // a promise) has asked to save by then.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void commitNextGroup());
  };

  return {
    save: (saves) =>
      new Promise<SealedSaveOutcome[]>((resolve, reject) => {
        if (saves.length === 0) {
          resolve([]);
          return;
        }
        waiting.push({ saves, resolve, reject });
        schedule();
      }),
  };
};
