import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SETTINGS_DEFAULTS } from '../../../src/domain/settings.ts';
import { createSettingsRepo } from '../../../src/store/settings-repo.ts';
import { closeAfterTest, createdVault, rawText, readRawDatabase } from '../fixtures.ts';

const setup = async () => {
  const { db, vault } = await createdVault();
  closeAfterTest(db, vault);
  return { db, vault, settings: createSettingsRepo(db, vault) };
};

const TOKEN = 'sv_live_TOKEN-d41d8cd98f00b204';
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
      endpointUrl: '',
      autolockMinutes: 5,
      keepSyncedDays: 0,
      wipeAfterFailures: null,
      persistGranted: null,
    });
    expect(await settings.get()).toEqual(SETTINGS_DEFAULTS);
  });

  it('saves valid settings and returns the whole set', async () => {
    const { settings } = await setup();
    const saved = await settings.update({ endpointUrl: 'https://sync.example.org', autolockMinutes: 15 });
    expect(saved).toMatchObject({ endpointUrl: 'https://sync.example.org', autolockMinutes: 15, keepSyncedDays: 0 });
    expect(await settings.get()).toEqual(saved);
  });

  it.each([
    ['auto-lock under 1 minute', { autolockMinutes: 0 }],
    ['auto-lock over 30 minutes', { autolockMinutes: 31 }],
    ['a fractional auto-lock', { autolockMinutes: 2.5 }],
    ['negative keep days', { keepSyncedDays: -1 }],
    ['a wipe policy of 1 (one typo would wipe)', { wipeAfterFailures: 1 }],
    ['an unknown setting', { colour: 'red' }],
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

  it('keeps secrets encrypted: round trip, nothing readable in the raw database', async () => {
    const { db, settings } = await setup();
    await settings.setSecret('accessToken', TOKEN);
    await settings.setSecret('orgDefaults', ORG);
    expect(await settings.getSecret('accessToken')).toBe(TOKEN);
    expect(await settings.getSecret('orgDefaults')).toEqual(ORG);
    const raw = rawText(await readRawDatabase(db.name));
    expect(raw).not.toContain('TOKEN-d41d8');
    expect(raw).not.toContain('Northside');
    await settings.setSecret('accessToken', null);
    expect(await settings.getSecret('accessToken')).toBeNull();
  });

  it('refuses secrets while locked', async () => {
    const { vault, settings } = await setup();
    await settings.setSecret('accessToken', TOKEN);
    vault.lock();
    await expect(settings.getSecret('accessToken')).rejects.toMatchObject({ code: 'locked' });
    await expect(settings.setSecret('accessToken', 'other')).rejects.toMatchObject({ code: 'locked' });
  });

  it('refuses a secret moved under another name', async () => {
    const { db, settings } = await setup();
    await settings.setSecret('accessToken', TOKEN);
    const envelope = await db.secrets.get('accessToken');
    if (!envelope) throw new Error('missing');
    await db.secrets.put(envelope, 'orgDefaults');
    await expect(settings.getSecret('orgDefaults')).rejects.toMatchObject({ code: 'tampered' });
  });
});
