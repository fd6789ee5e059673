// The active guidance pack for the Guidance screens, as src/guidance/active-pack.ts decides it, kept once per
// stored version. Never reads the vault: guidance is not personal data and shows while locked.
import { useEffect, useState } from 'preact/hooks';
import type { GuidancePack } from '../../domain/guidance.ts';
import { createObservable } from '../../domain/observable.ts';
import { activeGuidancePack } from '../../guidance/active-pack.ts';
import { BUNDLED_PACK } from '../../guidance/pack.ts';
import type { GuidanceRow } from '../../store/db.ts';
import { useCore, useSessionValue } from '../services.ts';

// The stored row was validated before it was stored, but a damaged row must not break the screen: it is
// checked again, once per stored version (so the search index is built once per pack, not per visit).
let cached: { key: string; pack: GuidancePack } | null = null;

const choose = (row: GuidanceRow | undefined): GuidancePack => {
  if (!row) return BUNDLED_PACK;
  const key = `${row.version}|${row.etag ?? ''}|${row.fetchedAt}|${row.signedBy ?? ''}`;
  if (cached?.key !== key) cached = { key, pack: activeGuidancePack(row, BUNDLED_PACK).pack };
  return cached.pack;
};

// Before the first unlock nothing fetches guidance, so the revision cannot move.
const NO_UPDATE_YET = createObservable(0);

export const useGuidancePack = (): GuidancePack => {
  const { guidance } = useCore();
  const revision = useSessionValue((s) => s.guidanceRevision, NO_UPDATE_YET);
  const [pack, setPack] = useState<GuidancePack>(() => cached?.pack ?? BUNDLED_PACK);
  useEffect(() => {
    let alive = true;
    guidance.get().then(
      (row) => alive && setPack(choose(row)),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [guidance, revision]);
  return pack;
};
