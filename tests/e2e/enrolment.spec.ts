// Enrolment and control data in a real browser: a device opens an enrolment link made by the real server for an
// organisation set up through the real crypto, confirms, and Settings names the organisation; then an attacker
// edits the LOCKED device's IndexedDB (endpoint, a report's status, an outbox row): after unlock nothing reaches
// the attacker's server nor is deleted, and the worker is told in plain words.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { enrolByLink, organisationOf, SETUP_CODE } from './enrol.ts';
import { browserSuite, createVault, startServer, type TestServer, unlockVault, waitForController } from './harness.ts';

const suite = browserSuite({ rateLimit: false, setupCode: SETUP_CODE });

const CHANGED = 'A saved report’s sending state was changed while the app was locked; it was not sent or deleted.';

/** A fresh profile whose vault is created and whose device is enrolled with the server's organisation. */
const enrolledDevice = async () => {
  const profile = await suite.newProfile();
  await profile.page.goto(`${suite.server.url}/#/settings`);
  await waitForController(profile.page);
  await createVault(profile.page);
  await enrolByLink(profile.page, suite.server.url);
  return profile;
};

const writeReport = async (page: Page, words: string, button: 'Save draft' | 'Submit report') => {
  await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('button', { name: 'New report' }).click();
  await page.getByLabel('Date happened').fill('2026-11-02');
  await page.getByLabel('Name of person reporting incident').fill('Sam Worker');
  await page.getByRole('checkbox', { name: 'online grooming', exact: true }).check();
  await page.getByLabel('Description of incident').fill(words);
  await page.getByRole('button', { name: button }).click();
};

/** What an attacker with the locked laptop does: rewrite rows of the app's database directly. */
const tamper = (page: Page, evilUrl: string) =>
  page.evaluate(async (evil) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('safevisit');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const done = (tx: IDBTransaction) =>
      new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    const all = <T>(request: IDBRequest) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result as T);
        request.onerror = () => reject(request.error);
      });
    const rows = await all<Array<{ id: string; status: string; revision: number }>>(
      db.transaction('reports').objectStore('reports').getAll(),
    );
    const tx = db.transaction(['reports', 'outbox', 'settings'], 'readwrite');
    tx.objectStore('settings').put(evil, 'endpointUrl');
    for (const row of rows) {
      if (row.status === 'draft') {
        tx.objectStore('reports').put({ ...row, status: 'queued' });
        tx.objectStore('outbox').put({
          reportId: row.id,
          revision: row.revision,
          attempts: 0,
          nextAttemptAt: 0,
          lastError: null,
        });
      }
      if (row.status === 'queued') {
        tx.objectStore('reports').put({
          ...row,
          status: 'synced',
          receipt: { revision: row.revision, receivedAt: '2026-01-01T00:00:00.000Z' },
        });
        tx.objectStore('outbox').delete(row.id);
      }
    }
    await done(tx);
    db.close();
    return rows.length;
  }, evilUrl);

describe('enrolment by link', () => {
  it('opens the link, asks after creating the vault, and Settings then names the organisation', async () => {
    const { page } = await suite.newProfile();
    await page.goto(`${suite.server.url}/`);
    await waitForController(page);
    const org = await organisationOf(suite.server.url, 'Riverside Family Support');
    const { token } = await org.enrolDevice('Sam’s phone');
    await page.goto(org.linkFor(token, { appOrigin: suite.server.url }));
    // The token leaves the address bar at once.
    await page.waitForURL((url) => !url.href.includes('enrol='));
    await createVault(page);
    await page.getByRole('heading', { name: 'Enrol this device with Riverside Family Support?' }).waitFor();
    await page.getByRole('button', { name: 'Enrol this device' }).click();
    await page.getByText('Enrolled with Riverside Family Support').waitFor();
    expect(page.url()).not.toContain(token);
  });

  it('refuses a pasted link whose fingerprint is not the organisation’s, in one sentence, and keeps the enrolment', async () => {
    const { page } = await enrolledDevice();
    const org = await organisationOf(suite.server.url);
    const { token } = await org.enrolDevice();
    const wrong = org.linkFor(token, { fingerprint: 'A'.repeat(43), appOrigin: suite.server.url });
    await page.getByLabel('Enrolment link').fill(wrong);
    await page.getByRole('button', { name: 'Enrol device' }).click();
    await page.getByRole('alert').filter({ hasText: 'do not match the enrolment link' }).waitFor();
    await page.getByText('Enrolled with Riverside Family Support').waitFor();
  });
});

describe('a locked device whose IndexedDB was edited', () => {
  it('sends nothing to the edited endpoint, deletes nothing, and tells the worker after unlock', async () => {
    const { page, context, requests } = await enrolledDevice();
    const evil: TestServer = await startServer({ tokens: [], rateLimit: false });
    try {
      await context.setOffline(true);
      await writeReport(page, 'A draft that must stay a draft', 'Save draft');
      await writeReport(page, 'A report waiting to be sent', 'Submit report');
      await page.getByRole('status').filter({ hasText: '1 report waits to sync' }).waitFor();
      await page.getByRole('button', { name: 'Lock' }).click();
      await page.getByRole('button', { name: 'Unlock' }).waitFor();

      expect(await tamper(page, evil.url)).toBe(2);
      await context.setOffline(false);
      await page.reload();
      await unlockVault(page);
      await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('alert').filter({ hasText: CHANGED }).waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Sync now' }).click();
      await page.getByRole('alert').filter({ hasText: CHANGED }).waitFor();

      expect(requests.filter((url) => url.startsWith(evil.url))).toEqual([]);
      expect(await evil.app.sealedReports.sealedCount()).toBe(0);
      expect(await suite.server.app.sealedReports.sealedCount()).toBe(0);
      // Both reports are still on the device.
      const kept = await page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const request = indexedDB.open('safevisit');
            request.onsuccess = () => {
              const count = request.result.transaction('reports').objectStore('reports').count();
              count.onsuccess = () => resolve(count.result);
              count.onerror = () => reject(count.error);
            };
          }),
      );
      expect(kept).toBe(2);
    } finally {
      await evil.close();
    }
  });
});
