// Boot: creates the services, mounts the app, registers the service worker.
import { render } from 'preact';
import { App } from './app/App.tsx';
import { ServicesContext } from './app/services.ts';
import { createSwBridge } from './pwa/sw-bridge.ts';
import { createConnectivity } from './sync/connectivity.ts';
import './app/styles.css';

const services = {
  bridge: createSwBridge(),
  connectivity: createConnectivity(),
};

const root = document.getElementById('app');
if (root) {
  render(
    <ServicesContext.Provider value={services}>
      <App />
    </ServicesContext.Provider>,
    root,
  );
}
