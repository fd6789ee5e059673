// Boot of the officer's screens (/officer/): the API client, the in-memory session keeper fed by the page's
// activity, and the shell. Registers no service worker and opens no browser store.
import { render } from 'preact';
import { watchActivity } from '../vault/autolock.ts';
import { OfficerApp } from './OfficerApp.tsx';
import { createOfficerApi } from './officer-api.ts';
import { createSessionKeeper, type SessionEnd } from './session-keeper.ts';
import '../ui/styles.css';
import './officer.css';

let onEnd: (reason: SessionEnd) => void = () => undefined;
const keeper = createSessionKeeper({ onEnd: (reason) => onEnd(reason) });
watchActivity(keeper.activity, document);
const subscribeEnd = (handler: (reason: SessionEnd) => void) => {
  onEnd = handler;
};

const root = document.getElementById('app');
if (root) render(<OfficerApp api={createOfficerApi()} keeper={keeper} subscribeEnd={subscribeEnd} />, root);
