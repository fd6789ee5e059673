// "Forgotten your passphrase?" in a real browser: while locked, the wipe says what is lost, counting the reports
// that wait to be sent (the outbox is in clear), and wipes only after the typed confirmation.
import { describe, expect, it } from 'vitest';
import { browserSuite, createVault } from './harness.ts';

const suite = browserSuite();

describe('wiping a locked device', () => {
  it('names what is lost, with the count of unsent reports, and wipes only after WIPE is typed', async () => {
    const { page } = await suite.newProfile();
    await page.goto(`${suite.server.url}/#/reports`);
    await createVault(page);
    // A report submitted with no sync set up waits in the outbox.
    await page.getByRole('button', { name: 'New report' }).click();
    await page.getByLabel('Date happened').fill('2026-11-02');
    await page.getByLabel('Name of person reporting incident').fill('Jo Reporter');
    await page.getByRole('checkbox', { name: 'hacking or virus propagation', exact: true }).check();
    await page.getByLabel('Description of incident').fill('Someone logged into the service laptop.');
    await page.getByRole('button', { name: 'Submit report' }).click();
    await page.getByText('Report submitted.').waitFor();

    await page.getByRole('button', { name: 'Lock' }).click();
    await page.reload();
    await page.getByRole('button', { name: 'Forgotten your passphrase?' }).click();
    const lost = page.locator('#wipe-loses');
    await lost.getByText('1 report that has not reached the server yet').waitFor();
    const text = (await lost.textContent()) ?? '';
    expect(text).toContain('Every draft and every report still on this device.');
    expect(text).toContain('The encryption key');
    expect(await page.getByLabel('Type WIPE to confirm').getAttribute('aria-describedby')).toContain('wipe-loses');

    await page.getByLabel('Type WIPE to confirm').fill('yes');
    await page.getByRole('button', { name: 'Wipe this device' }).click();
    await page.getByText('Type WIPE to confirm.').waitFor();
    expect(await page.getByRole('button', { name: 'Unlock' }).count()).toBe(1);

    await page.getByLabel('Type WIPE to confirm').fill('WIPE');
    await page.getByRole('button', { name: 'Wipe this device' }).click();
    await page.getByRole('button', { name: 'Create vault' }).waitFor();
    const outboxRows = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('safevisit');
          open.onsuccess = () => {
            const count = open.result.transaction('outbox').objectStore('outbox').count();
            count.onsuccess = () => resolve(count.result);
            count.onerror = () => reject(count.error);
          };
          open.onerror = () => reject(open.error);
        }),
    );
    expect(outboxRows).toBe(0);
  });
});
