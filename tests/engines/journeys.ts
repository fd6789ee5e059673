// The core journeys, written once and run in each engine (chromium/firefox/webkit .spec.ts): offline reload from the
// service worker, the vault, autosave across a closed tab, nothing typed in clear, sync after the network returns,
// guidance offline without a vault, the update prompt, and what the app says where the engine lacks something.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { precompressFile } from '../../scripts/precompress.ts';
import { InboxResponseSchema, SEALED_PATHS } from '../../src/domain/sealed-protocol.ts';
import { BUNDLED_PACK } from '../../src/guidance/pack.ts';
import { organisationOf, SETUP_CODE } from '../e2e/enrol.ts';
import { STRONG_PASSPHRASE, WRONG_PASSPHRASE } from '../passphrases.ts';
import type { EngineName } from './driver.ts';
import { engineSuite, type Origin, type Tab } from './engine-suite.ts';
import { rawStorageInPage } from './raw-storage.ts';

const MARKER = `ENGINEMARK${Math.random().toString(36).slice(2, 10)}`;

const controlled = (tab: Tab) =>
  tab.waitUntil('the service worker to control the page', () => navigator.serviceWorker.controller !== null, null);

const createVault = async (tab: Tab) => {
  await tab.fill({ label: 'Passphrase' }, STRONG_PASSPHRASE);
  await tab.fill({ label: 'Confirm passphrase' }, STRONG_PASSPHRASE);
  await tab.click({ role: 'button', name: 'Create vault' });
  await tab.waitFor({ role: 'button', name: 'Lock' });
};

const unlock = async (tab: Tab, passphrase = STRONG_PASSPHRASE) => {
  await tab.fill({ label: 'Passphrase' }, passphrase);
  await tab.click({ role: 'button', name: 'Unlock' });
};

const nav = (name: string) => ({ role: 'link', name }) as const;

/** Opens a fresh enrolment link of the organisation on `origin`, confirms, and waits for "Enrolled with ...". */
const enrol = async (tab: Tab, origin: Origin) => {
  const org = await organisationOf(origin.url);
  const { token } = await org.enrolDevice();
  await tab.goto(org.linkFor(token, { appOrigin: origin.url }));
  await tab.click({ role: 'button', name: 'Enrol this device' });
  await tab.waitFor({ text: `Enrolled with ${org.org.name}` });
};

/** The officer's inbox, asked of the server directly (not through the switch, which may be cut). */
const inboxOf = async (origin: Origin) => {
  const org = await organisationOf(origin.url);
  const response = await fetch(`${origin.server.url}${SEALED_PATHS.inbox}`, {
    headers: { Authorization: `Bearer ${org.session.token}` },
  });
  expect(response.status).toBe(200);
  return InboxResponseSchema.parse(await response.json()).reports;
};

const status = (...hasText: string[]) => ({ role: 'status', hasText }) as const;

export const defineJourneys = (engine: EngineName) => {
  const suite = engineSuite(engine, { rateLimit: false, setupCode: SETUP_CODE });

  describe(`core journeys in ${engine}`, () => {
    it('installs the service worker on the first visit and reloads with the network gone', async () => {
      const { tab, setOffline } = await suite.newProfile();
      await tab.goto(`${suite.origin.url}/`);
      await controlled(tab);
      await tab.waitFor(status('Online'));
      // Safari has no install prompt: the first-install banner says how to add the app to the home screen.
      await tab.waitFor({ text: 'Ready to work offline.' });
      const homeScreenHint = 'To install SafeVisit, tap Share, then “Add to Home Screen”.';
      expect(await tab.count({ text: homeScreenHint })).toBe(suite.driver.traits.appleWebKit ? 1 : 0);
      await setOffline(true);
      await tab.reload();
      for (const name of ['Reports', 'Guidance', 'Settings']) await tab.waitFor(nav(name));
      if (suite.driver.traits.emulatesOffline) await tab.waitFor(status('Offline'));
      await tab.click(nav('Guidance'));
      await tab.waitFor({ role: 'heading', name: 'Guidance' });
    });

    it('creates the vault, locks, refuses a wrong passphrase and opens with the right one', async () => {
      const { tab } = await suite.newProfile();
      await tab.goto(`${suite.origin.url}/#/settings`);
      await createVault(tab);
      await tab.click({ role: 'button', name: 'Lock' });
      await unlock(tab, WRONG_PASSPHRASE);
      await tab.waitFor({ text: 'That passphrase is not right' });
      await unlock(tab);
      await tab.waitFor({ role: 'button', name: 'Lock' });
      await tab.waitFor({ role: 'heading', name: 'Settings' });
    });

    it('says in Settings what this browser may do to the data and what it cannot do in the background', async () => {
      const { tab } = await suite.newProfile();
      const { traits } = suite.driver;
      await tab.goto(`${suite.origin.url}/#/settings`);
      await createVault(tab);
      await tab.waitFor({ role: 'heading', name: 'Storage on this device' });
      const storage = traits.persistGranted ? 'The browser has agreed to keep' : 'it may clear it';
      await tab.waitFor({ text: storage });
      const iphone = 'Safari clears the data of a site not added to the home screen after 7 days without use.';
      expect(await tab.count({ text: iphone })).toBe(traits.appleWebKit && !traits.persistGranted ? 1 : 0);
      const background = 'This browser cannot send reports in the background.';
      expect(await tab.count({ text: background })).toBe(traits.backgroundSync ? 0 : 1);
    });

    it('brings back every word of a report typed and autosaved after its tab is closed, none of it in clear', async () => {
      const profile = await suite.newProfile();
      const { tab } = profile;
      await tab.goto(`${suite.origin.url}/#/reports`);
      await createVault(tab);
      await tab.click({ role: 'button', name: 'New report' });
      const description = `An older boy online asked for photos ${MARKER}`;
      await tab.fill({ label: 'Name of person reporting incident' }, 'Sam Worker');
      await tab.check({ role: 'checkbox', name: 'online grooming' });
      await tab.fill({ label: 'Description of incident' }, description);
      await tab.waitUntil('"Saved"', () => document.querySelector('#save-status')?.textContent === 'Saved', null);
      const hash = await tab.evaluate(() => location.hash, null);
      expect(hash).toMatch(/^#\/reports\/[0-9a-f-]{36}$/);
      const raw = await tab.evaluate(rawStorageInPage, undefined);
      expect(raw).toContain('idb:safevisit/reports');
      expect(raw).not.toContain(MARKER);
      expect(raw).not.toContain('Sam Worker');

      const again = await profile.newTab();
      await tab.close();
      await again.goto(`${suite.origin.url}/${hash}`);
      await unlock(again);
      expect(await again.value({ label: 'Description of incident' })).toBe(description);
      expect(await again.value({ label: 'Name of person reporting incident' })).toBe('Sam Worker');
      expect(await again.isChecked({ role: 'checkbox', name: 'online grooming' })).toBe(true);
    });

    it('sends a report submitted offline exactly once when the network returns, counting down to zero', async () => {
      const { tab, setOffline, leaveAndReturn } = await suite.newProfile();
      await tab.goto(`${suite.origin.url}/#/settings`);
      await controlled(tab);
      await createVault(tab);
      await enrol(tab, suite.origin);
      await setOffline(true);
      await tab.click(nav('Reports'));
      await tab.click({ role: 'button', name: 'New report' });
      await tab.fill({ label: 'Date happened' }, '2026-11-02');
      await tab.fill({ label: 'Name of person reporting incident' }, 'Sam Worker');
      await tab.check({ role: 'checkbox', name: 'online grooming' });
      await tab.fill({ label: 'Description of incident' }, `Messages from a stranger ${MARKER}`);
      await tab.click({ role: 'button', name: 'Submit report' });
      const offlineWord = suite.driver.traits.emulatesOffline ? ['Offline'] : [];
      await tab.waitFor(status(...offlineWord, '1 report waits to sync'));
      expect(await inboxOf(suite.origin)).toEqual([]);

      await setOffline(false);
      // Where the engine cannot say the network came back, the user coming back to the app sends it.
      if (!suite.driver.traits.emulatesOffline) await leaveAndReturn();
      await tab.waitFor(status('Online', '0 reports wait to sync'));
      const inbox = await inboxOf(suite.origin);
      expect(inbox).toHaveLength(1);
      expect(JSON.stringify(inbox)).not.toContain(MARKER);
    });

    it('opens and searches guidance with the network gone and no vault ever made', async () => {
      const profile = await suite.newProfile();
      await profile.tab.goto(`${suite.origin.url}/#/guidance`);
      await controlled(profile.tab);
      await profile.setOffline(true);
      const tab = await profile.newTab();
      await tab.goto(`${suite.origin.url}/#/guidance`);
      await tab.fill({ role: 'searchbox', name: 'Search guidance' }, 'nudes');
      const title = BUNDLED_PACK.articles.find((a) => a.id === 'nude-image-sharing')?.title ?? '';
      await tab.click({ role: 'link', name: title });
      await tab.waitFor({ role: 'heading', name: title });
      expect(await tab.count({ label: 'Passphrase' })).toBe(0);
      expect(await tab.count({ role: 'button', name: 'Lock' })).toBe(0);
    });

    describe('updates', () => {
      const staticDir = mkdtempSync(join(tmpdir(), `safevisit-${engine}-update-`));
      cpSync('dist', staticDir, { recursive: true });
      afterAll(() => rmSync(staticDir, { recursive: true, force: true }));

      it('shows a waiting version and applies it only when the user presses Reload', async () => {
        const origin = await suite.startOrigin({ staticDir });
        const { tab } = await suite.newProfile(origin);
        await tab.goto(`${origin.url}/#/guidance`);
        await controlled(tab);
        await tab.fill({ role: 'searchbox', name: 'Search guidance' }, 'typed before the update');
        // The next version: any byte change to sw.js, compressed again as a build would (that file only: fast).
        appendFileSync(join(staticDir, 'sw.js'), '\n// next version\n');
        precompressFile(join(staticDir, 'sw.js'));
        await tab.evaluate(async () => void (await navigator.serviceWorker.getRegistration())?.update(), null);
        await tab.waitFor({ text: 'A new version is ready' });
        expect(await tab.value({ role: 'searchbox', name: 'Search guidance' })).toBe('typed before the update');
        await tab.click({ role: 'button', name: 'Reload' });
        await tab.waitUntil(
          'the new version to control a reloaded page',
          async () => {
            const registration = await navigator.serviceWorker.getRegistration();
            return Boolean(
              registration?.active &&
                !registration.waiting &&
                navigator.serviceWorker.controller &&
                !document.body.textContent?.includes('A new version is ready') &&
                document.querySelector('nav'),
            );
          },
          null,
        );
        expect(await tab.value({ role: 'searchbox', name: 'Search guidance' })).toBe('');
      });
    });
  });
};
