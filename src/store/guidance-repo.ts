// The active guidance pack, in clear (not personal data; readable while locked). Stores and returns it
// whole in one write, so a reader never sees half a pack; validating it is src/domain/guidance.ts's job.
import type { GuidanceRow, SafeVisitDb } from './db.ts';
import { withStorageErrors } from './errors.ts';

export type GuidanceRepo = {
  /** The active pack with its version, ETag and fetch time, or undefined before the first one is stored. */
  get: () => Promise<GuidanceRow | undefined>;
  /** Replaces the active pack in one write; on failure the previous pack stays. */
  put: (entry: GuidanceRow) => Promise<void>;
  /** Forgets the stored pack (the bundled one shows again). */
  clear: () => Promise<void>;
};

const ACTIVE = 'active';

export const createGuidanceRepo = (db: SafeVisitDb): GuidanceRepo => ({
  get: () => withStorageErrors(() => db.guidance.get(ACTIVE)),
  put: (entry) =>
    withStorageErrors(async () => {
      await db.guidance.put(entry, ACTIVE);
    }),
  clear: () => withStorageErrors(() => db.guidance.delete(ACTIVE)),
});
