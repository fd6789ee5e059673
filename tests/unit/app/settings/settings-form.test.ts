import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  checkSettingsForm,
  type SettingsFormValues,
  saveSettingsForm,
} from '../../../../src/app/settings/settings-form.ts';
import { ERROR_MESSAGES } from '../../../../src/domain/errors.ts';
import { EMPTY_ORG } from '../../../../src/domain/organisation.ts';
import { createSettingsRepo } from '../../../../src/store/settings-repo.ts';
import {
  closeAfterTest,
  createdVault,
  failWrites,
  openTestDb,
  openTestVault,
  STRONG_PASSPHRASE,
} from '../../fixtures.ts';

const form = (change: Partial<SettingsFormValues> = {}): SettingsFormValues => ({
  endpointUrl: 'https://Sync.Example.org/sv/',
  token: '  t1  ',
  keepSyncedDays: 7,
  autolockMinutes: 5,
  wipeAfterFailures: null,
  org: { ...EMPTY_ORG, orgName: 'Hillside Family Service' },
  ...change,
});

const checked = (values: SettingsFormValues) => {
  const result = checkSettingsForm(values);
  if (!result.ok) throw new Error(`expected valid settings, got ${JSON.stringify(result.errors)}`);
  return result;
};

describe('checking the Settings form', () => {
  it('gives the values as they will be saved, and the typed endpoint (normalised) and token only to enrol with', () => {
    const result = checked(form());
    expect(result).toMatchObject({
      settings: { keepSyncedDays: 7, autolockMinutes: 5 },
      connection: { endpoint: 'https://sync.example.org/sv', token: 't1' },
      org: { orgName: 'Hillside Family Service' },
    });
    expect(result.settings).not.toHaveProperty('endpointUrl');
    expect(checked(form({ endpointUrl: '  ', token: '' }))).toMatchObject({ connection: null });
  });

  it('asks for both the endpoint and the token when only one is typed', () => {
    expect(checkSettingsForm(form({ token: '' }))).toEqual({
      ok: false,
      errors: [{ field: 'access-token', message: 'Enter the access token.' }],
    });
    expect(checkSettingsForm(form({ endpointUrl: '' }))).toEqual({
      ok: false,
      errors: [{ field: 'endpoint-url', message: 'Enter the sync endpoint URL.' }],
    });
  });

  it.each([
    [
      'an http address to another host',
      { endpointUrl: 'http://example.org' },
      'endpoint-url',
      ERROR_MESSAGES['insecure-endpoint'],
    ],
    [
      'an empty lock time',
      { autolockMinutes: Number.NaN },
      'autolock-minutes',
      'Choose a number of minutes from 1 to 30.',
    ],
    [
      'a lock time out of range',
      { autolockMinutes: 90 },
      'autolock-minutes',
      'Choose a number of minutes from 1 to 30.',
    ],
    [
      'a wipe policy out of range',
      { wipeAfterFailures: 1 },
      'wipe-policy',
      'Choose a wipe after 3 to 100 wrong passphrases, or never.',
    ],
    [
      'a token too long',
      { token: 'x'.repeat(4_097) },
      'access-token',
      'The access token must be 4,096 characters or fewer',
    ],
    [
      'an organisation name too long',
      { org: { ...EMPTY_ORG, orgName: 'x'.repeat(201) } },
      'org-orgName',
      'Name of school/organisation must be 200 characters or fewer',
    ],
  ])('puts %s on its own field', (_, change, field, message) => {
    expect(checkSettingsForm(form(change))).toEqual({ ok: false, errors: [{ field, message }] });
  });
});

describe('saving the Settings form', () => {
  const setup = async () => {
    const { db, vault } = await createdVault();
    closeAfterTest(db, vault);
    return { db, vault, repo: createSettingsRepo(db, vault) };
  };

  it('saves the settings and the organisation details, and never the typed endpoint or token', async () => {
    const { repo } = await setup();
    expect(await saveSettingsForm(repo, checked(form()))).toEqual({ ok: true });
    expect((await repo.get()).keepSyncedDays).toBe(7);
    expect(await repo.getSecret('enrolment')).toBeNull();
    expect((await repo.getSecret('orgDefaults'))?.orgName).toBe('Hillside Family Service');
  });

  it('says the device is out of space when the disk is full, not that the endpoint is wrong', async () => {
    // The failing writes go in before the database's first query, so reopen the vault's database with them.
    const created = await createdVault();
    created.vault.close();
    created.db.close();
    const db = openTestDb(created.db.name);
    const failure = failWrites(db, 'settings');
    const vault = await openTestVault(db);
    closeAfterTest(db, vault);
    await vault.unlock(STRONG_PASSPHRASE);
    const repo = createSettingsRepo(db, vault);
    failure.on = true;
    expect(await saveSettingsForm(repo, checked(form()))).toEqual({
      ok: false,
      message: ERROR_MESSAGES['quota-exceeded'],
    });
  });

  it('says the app is locked when the vault locked before the secrets were saved', async () => {
    const { vault, repo } = await setup();
    vault.lock();
    expect(await saveSettingsForm(repo, checked(form()))).toEqual({ ok: false, message: ERROR_MESSAGES.locked });
  });
});
