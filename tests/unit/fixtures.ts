// The unit tests' one fixtures module: every builder a unit test uses, gathered from the small files beside it.
// Test code only: real WebCrypto, fake-indexeddb and real servers on 127.0.0.1; nothing stubbed.
export * from '../passphrases.ts';
export * from './fixtures/alerts.ts';
export * from './fixtures/basics.ts';
export * from './fixtures/inbox.ts';
export * from './fixtures/org.ts';
export * from './fixtures/org-enrol.ts';
export * from './fixtures/org-routes.ts';
export * from './fixtures/report.ts';
export * from './fixtures/sealed.ts';
export * from './fixtures/server.ts';
export * from './fixtures/server-process.ts';
export * from './fixtures/storage.ts';
export * from './fixtures/store.ts';
export * from './fixtures/sync.ts';
