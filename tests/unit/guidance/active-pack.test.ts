import { describe, expect, it } from 'vitest';
import type { GuidancePack } from '../../../src/domain/guidance.ts';
import { activeGuidancePack } from '../../../src/guidance/active-pack.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';

const FETCHED_AT = Date.UTC(2026, 0, 5, 9, 0, 0);
const ORG = 'fingerprint-of-the-organisation-that-signed';

/** The bundled pack as a server would send it, published `daysLater` days after the bundled one. */
const serverPack = (daysLater: number, version: string): GuidancePack => ({
  ...(JSON.parse(JSON.stringify(BUNDLED_PACK)) as GuidancePack),
  version,
  publishedAt: new Date(Date.parse(BUNDLED_PACK.publishedAt) + daysLater * 86_400_000).toISOString(),
});

describe('the active guidance pack', () => {
  it('is the bundled pack when the server never sent one', () => {
    expect(activeGuidancePack(undefined, BUNDLED_PACK)).toEqual({
      pack: BUNDLED_PACK,
      fromServer: false,
      fetchedAt: null,
    });
  });

  it('is the server’s pack when it is newer than the bundled one', () => {
    const active = activeGuidancePack(
      { pack: serverPack(1, '2099.1.1'), fetchedAt: FETCHED_AT, signedBy: ORG },
      BUNDLED_PACK,
    );
    expect(active).toMatchObject({ fromServer: true, fetchedAt: FETCHED_AT, pack: { version: '2099.1.1' } });
  });

  it('is the bundled pack when the server’s pack is older (the app was updated since)', () => {
    const active = activeGuidancePack(
      { pack: serverPack(-1, '2000.1.1'), fetchedAt: FETCHED_AT, signedBy: ORG },
      BUNDLED_PACK,
    );
    expect(active).toEqual({ pack: BUNDLED_PACK, fromServer: false, fetchedAt: null });
  });

  it('is the bundled pack when the stored server pack is not valid', () => {
    const broken = { ...serverPack(1, '2099.1.1'), articles: 'not a list' };
    const active = activeGuidancePack({ pack: broken, fetchedAt: FETCHED_AT, signedBy: ORG }, BUNDLED_PACK);
    expect(active).toEqual({ pack: BUNDLED_PACK, fromServer: false, fetchedAt: null });
  });

  it('is the bundled pack when the stored pack carried no signature (kept by an older app from v1)', () => {
    const active = activeGuidancePack({ pack: serverPack(1, '2099.1.1'), fetchedAt: FETCHED_AT }, BUNDLED_PACK);
    expect(active).toEqual({ pack: BUNDLED_PACK, fromServer: false, fetchedAt: null });
  });

  it('keeps the organisation’s contacts on the newer bundled pack after an app update', () => {
    const localContacts = { lado: { name: 'Riverside LADO', phone: '020 7974 4556' } };
    const older = { ...serverPack(-1, '2000.1.1'), localContacts };
    const active = activeGuidancePack({ pack: older, fetchedAt: FETCHED_AT, signedBy: ORG }, BUNDLED_PACK);
    expect(active).toEqual({ pack: { ...BUNDLED_PACK, localContacts }, fromServer: false, fetchedAt: null });
  });
});
