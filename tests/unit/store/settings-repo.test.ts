import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Enrolment } from '../../../src/domain/enrolment.ts';
import { SETTINGS_DEFAULTS } from '../../../src/domain/settings.ts';
import { createSettingsRepo } from '../../../src/store/settings-repo.ts';
import { buildOrganisation, closeAfterTest, createdVault, rawText, readRawDatabase } from '../fixtures.ts';

const setup = async () => {
  const { db, vault } = await createdVault();
  closeAfterTest(db, vault);
  return { db, vault, settings: createSettingsRepo(db, vault) };
};

const TOKEN = 'sv_live_TOKEN-d41d8cd98f00b204';
const ENDPOINT = 'https://sync.northside.example.org';
const enrolment = async (token = TOKEN): Promise<Enrolment> => {
  const org = await buildOrganisation('Northside Family Service');
  return {
    v: 1,
    endpoint: ENDPOINT,
    token,
    fingerprint: org.fingerprint,
    org: org.descriptor,
    deviceId: 'device-1',
    enrolledAt: '2026-11-30T09:00:00.000Z',
  };
};
const ORG = {
  orgName: 'Northside Family Service',
  orgAddress: '1 High Street',
  coordinatorName: 'Jo Example',
  orgContact: '020 7946 0000',
};

describe('settings repository', () => {
  it('gives the defaults before anything is saved, also while locked', async () => {
    const { vault, settings } = await setup();
    vault.lock();
    expect(await settings.get()).toEqual({
      autolockMinutes: 5,
      keepSyncedDays: 0,
      wipeAfterFailures: null,
      persistGranted: null,
    });
    expect(await settings.get()).toEqual(SETTINGS_DEFAULTS);
  });

  it('saves valid settings and returns the whole set', async () => {
    const { settings } = await setup();
    const saved = await settings.update({ keepSyncedDays: 7, autolockMinutes: 15 });
    expect(saved).toMatchObject({ autolockMinutes: 15, keepSyncedDays: 7 });
    expect(await settings.get()).toEqual(saved);
  });

  it.each([
    ['auto-lock under 1 minute', { autolockMinutes: 0 }],
    ['auto-lock over 30 minutes', { autolockMinutes: 31 }],
    ['a fractional auto-lock', { autolockMinutes: 2.5 }],
    ['negative keep days', { keepSyncedDays: -1 }],
    ['a wipe policy of 1 (one typo would wipe)', { wipeAfterFailures: 1 }],
    ['an unknown setting', { colour: 'red' }],
    ['a clear endpoint (it lives only in the encrypted enrolment)', { endpointUrl: 'https://elsewhere.example' }],
  ])('refuses %s and saves nothing', async (_name, patch) => {
    const { settings } = await setup();
    await expect(settings.update(patch as never)).rejects.toMatchObject({ code: 'invalid' });
    expect(await settings.get()).toEqual(SETTINGS_DEFAULTS);
  });

  it('falls back to the default for a damaged stored value', async () => {
    const { db, settings } = await setup();
    await db.settings.put('lots', 'autolockMinutes');
    expect((await settings.get()).autolockMinutes).toBe(5);
  });

  it('keeps the enrolment encrypted: round trip, no token, endpoint or organisation readable in the raw database', async () => {
    const { db, settings } = await setup();
    const enrolled = await enrolment();
    await settings.setSecret('enrolment', enrolled);
    await settings.setSecret('orgDefaults', ORG);
    expect(await settings.getSecret('enrolment')).toEqual(enrolled);
    expect(await settings.getSecret('orgDefaults')).toEqual(ORG);
    const raw = rawText(await readRawDatabase(db.name));
    expect(raw).not.toContain('TOKEN-d41d8');
    expect(raw).not.toContain('sync.northside');
    expect(raw).not.toContain('Northside');
    expect(raw).not.toContain(enrolled.fingerprint);
    await settings.setSecret('enrolment', null);
    expect(await settings.getSecret('enrolment')).toBeNull();
  });

  it('refuses secrets while locked', async () => {
    const { vault, settings } = await setup();
    const enrolled = await enrolment();
    await settings.setSecret('enrolment', enrolled);
    vault.lock();
    await expect(settings.getSecret('enrolment')).rejects.toMatchObject({ code: 'locked' });
    await expect(settings.setSecret('enrolment', enrolled)).rejects.toMatchObject({ code: 'locked' });
  });

  it('refuses a secret moved under another name', async () => {
    const { db, settings } = await setup();
    await settings.setSecret('enrolment', await enrolment());
    const envelope = await db.secrets.get('enrolment');
    if (!envelope) throw new Error('missing');
    await db.secrets.put(envelope, 'orgDefaults');
    await expect(settings.getSecret('orgDefaults')).rejects.toMatchObject({ code: 'tampered' });
  });
});
