// The live status region: online or offline, what waits to be sent, sync progress and the last sync.
import { createObservable } from '../domain/observable.ts';
import type { SyncState } from '../sync/outbox.ts';
import { useCore, useSessionValue } from './services.ts';
import { useObservable } from './use-observable.ts';

const timeOf = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** Said wherever sending waits for an enrolment (the status region, a queued report). */
export const NOT_ENROLLED_TEXT = 'This device is not enrolled: ask your online safety officer for an enrolment link';
export const REVOKED_TEXT = 'Access withdrawn: ask your online safety officer for a new enrolment link';

/** Why nothing can be sent until the worker acts (enrol, re-enrol, fix the token), or null when sending can go on. */
export const sendingBlockedText = (sync: SyncState | null): string | null => {
  if (sync?.notEnrolled) return NOT_ENROLLED_TEXT;
  if (sync?.revoked) return REVOKED_TEXT;
  if (sync?.needsToken)
    return sync.lastError === 'unauthorised' ? 'Access token refused' : 'Not enrolled with an organisation';
  return null;
};

/** What the status region says; `sync` is null until the first unlock starts the sync engine. */
export const statusText = (online: boolean, waiting: number, sync: SyncState | null): string => {
  const parts = [online ? 'Online' : 'Offline'];
  if (sync?.running && sync.total > 0) parts.push(`Sending ${Math.min(sync.sent + 1, sync.total)} of ${sync.total}`);
  else parts.push(`${waiting} ${waiting === 1 ? 'report waits' : 'reports wait'} to sync`);
  const blocked = sendingBlockedText(sync);
  if (blocked) parts.push(blocked);
  if (sync?.lastSuccessAt != null) parts.push(`Last sync ${timeOf(sync.lastSuccessAt)}`);
  return parts.join(' · ');
};

// Before the first unlock there is no sync engine, so no sync state.
export const NOT_SYNCING = createObservable<SyncState | null>(null);

export const StatusBar = () => {
  const { connectivity, outboxCount } = useCore();
  const online = useObservable(connectivity);
  const waiting = useSessionValue((s) => s.outboxCount, outboxCount);
  const sync = useSessionValue<SyncState | null>((s) => s.syncState, NOT_SYNCING);
  return (
    <div role="status" class={`status ${online ? 'status--online' : 'status--offline'}`}>
      <span class="status__dot" aria-hidden="true" />
      <span>{statusText(online, waiting, sync)}</span>
    </div>
  );
};
