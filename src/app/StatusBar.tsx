// The live status region: online or offline, and what waits to be sent.
import { useServices } from './services.ts';
import { useObservable } from './use-observable.ts';

export const StatusBar = () => {
  const { connectivity } = useServices();
  const online = useObservable(connectivity);
  return (
    <div role="status" class={`status ${online ? 'status--online' : 'status--offline'}`}>
      <span class="status__dot" aria-hidden="true" />
      <span>{online ? 'Online' : 'Offline'}</span>
    </div>
  );
};
