// The live status region: online or offline, what waits to be sent, sync progress and the last sync.
import type { SyncState } from '../sync/outbox.ts';
import { useServices } from './services.ts';
import { useObservable } from './use-observable.ts';

const timeOf = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

export const statusText = (online: boolean, sync: SyncState): string => {
  const parts = [online ? 'Online' : 'Offline'];
  if (sync.running && sync.total > 0) parts.push(`Sending ${Math.min(sync.sent + 1, sync.total)} of ${sync.total}`);
  else if (sync.waiting > 0)
    parts.push(`${sync.waiting} ${sync.waiting === 1 ? 'report waits' : 'reports wait'} to sync`);
  else parts.push('0 reports wait to sync');
  if (sync.needsToken) parts.push('Access token needed');
  if (sync.lastSuccessAt !== null) parts.push(`Last sync ${timeOf(sync.lastSuccessAt)}`);
  return parts.join(' · ');
};

export const StatusBar = () => {
  const { connectivity, sync } = useServices();
  const online = useObservable(connectivity);
  const syncState = useObservable(sync.state);
  return (
    <div role="status" class={`status ${online ? 'status--online' : 'status--offline'}`}>
      <span class="status__dot" aria-hidden="true" />
      <span>{statusText(online, syncState)}</span>
    </div>
  );
};
