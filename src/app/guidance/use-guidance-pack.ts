// The active guidance pack for the Guidance screens: the one place that decides which pack is shown.
// The pack last received from the server when it is valid and newer than the bundled one, else the
// bundled pack. Never reads the vault: guidance is not personal data and shows while locked.
import { useEffect, useState } from 'preact/hooks';
import { type GuidancePack, parseGuidancePack } from '../../domain/guidance.ts';
import { BUNDLED_PACK } from '../../guidance/pack.ts';
import type { GuidanceRow } from '../../store/db.ts';
import { useCore } from '../services.ts';
import { useObservable } from '../use-observable.ts';

// The stored row was validated before it was stored, but a damaged row must not break the screen: it is
// checked again, once per stored version (so the search index is built once per pack, not per visit).
let cached: { key: string; pack: GuidancePack } | null = null;

const choose = (row: GuidanceRow | undefined): GuidancePack => {
  if (!row) return BUNDLED_PACK;
  const key = `${row.version}|${row.etag ?? ''}|${row.fetchedAt}`;
  if (cached?.key !== key) {
    const result = parseGuidancePack(row.pack);
    cached = { key, pack: result.ok ? result.pack : BUNDLED_PACK };
  }
  return Date.parse(cached.pack.publishedAt) >= Date.parse(BUNDLED_PACK.publishedAt) ? cached.pack : BUNDLED_PACK;
};

export const useGuidancePack = (): GuidancePack => {
  const { guidance, guidanceRevision } = useCore();
  const revision = useObservable(guidanceRevision);
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
