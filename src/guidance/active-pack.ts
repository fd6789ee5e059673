// Which guidance pack is active, decided in this one place for every screen: the organisation's signed pack last
// received from the server when it is valid and at least as new as the bundled one, else the bundled pack (with the
// organisation's contacts from that signed pack, when it has them). Pure: the caller reads the row.
import { type GuidancePack, parseGuidancePack } from '../domain/guidance.ts';

/**
 * The pack as stored after a guidance update (validated and its signature checked then; validated again here: a
 * damaged row must not win). `signedBy` is absent on a row an older app stored from v1, unsigned: it is not shown.
 */
export type StoredGuidance = { pack: unknown; fetchedAt: number; signedBy?: string };

export type ActiveGuidance = {
  pack: GuidancePack;
  /** True when the server's pack is the active one. */
  fromServer: boolean;
  /** When the active pack arrived from the server (epoch ms); null for the bundled pack. */
  fetchedAt: number | null;
};

export const activeGuidancePack = (stored: StoredGuidance | undefined, bundled: GuidancePack): ActiveGuidance => {
  if (stored?.signedBy !== undefined) {
    const parsed = parseGuidancePack(stored.pack);
    if (parsed.ok) {
      if (Date.parse(parsed.pack.publishedAt) >= Date.parse(bundled.publishedAt)) {
        return { pack: parsed.pack, fromServer: true, fetchedAt: stored.fetchedAt };
      }
      // An older server pack (the app was updated since) must not hide the newer guidance the app ships with; the
      // service's own contacts, which no app update carries, stay until the organisation publishes again.
      const { localContacts } = parsed.pack;
      if (localContacts) return { pack: { ...bundled, localContacts }, fromServer: false, fetchedAt: null };
    }
  }
  return { pack: bundled, fromServer: false, fetchedAt: null };
};
