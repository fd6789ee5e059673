// Which guidance pack is active, decided in this one place for every screen: the pack last received from the server
// when it is valid and at least as new as the bundled one, else the bundled pack. Pure: the caller reads the row.
import { type GuidancePack, parseGuidancePack } from '../domain/guidance.ts';

/** The pack as stored after a guidance update (validated then, checked again here: a damaged row must not win). */
export type StoredGuidance = { pack: unknown; fetchedAt: number };

export type ActiveGuidance = {
  pack: GuidancePack;
  /** True when the server's pack is the active one. */
  fromServer: boolean;
  /** When the active pack arrived from the server (epoch ms); null for the bundled pack. */
  fetchedAt: number | null;
};

export const activeGuidancePack = (stored: StoredGuidance | undefined, bundled: GuidancePack): ActiveGuidance => {
  if (stored !== undefined) {
    const parsed = parseGuidancePack(stored.pack);
    // An older server pack (the app was updated since) must not hide the newer guidance the app ships with.
    if (parsed.ok && Date.parse(parsed.pack.publishedAt) >= Date.parse(bundled.publishedAt)) {
      return { pack: parsed.pack, fromServer: true, fetchedAt: stored.fetchedAt };
    }
  }
  return { pack: bundled, fromServer: false, fetchedAt: null };
};
