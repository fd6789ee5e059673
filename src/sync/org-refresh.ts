// Picks up the organisation's new encryption keys at the device's next contact (DESIGN.md "Organisation keys"):
// re-reads `GET /v2/org` at the start of each sync run, checks every signature against the fingerprint pinned at
// enrolment, and keeps the keys in the enrolment (encrypted in the vault), so the next report is sealed to the newest.
// Never takes a descriptor that does not check, never forgets a key it verified, never changes where or how it sends.
import type { Enrolment } from '../domain/enrolment.ts';
import { isAppError } from '../domain/errors.ts';
import { ORG_ENCRYPTION_KEYS_MAX, ORG_PATHS, type OrgDescriptor, OrgDescriptorSchema } from '../domain/org-protocol.ts';
import { discard, type FetchLike, PROBE_TIMEOUT_MS, readJson, request } from './endpoint.ts';
import type { OrgChecks } from './enrolment.ts';

export type OrgRefreshDeps = {
  /** The saved enrolment (the vault's secret); null when not enrolled. */
  load: () => Promise<Enrolment | null>;
  save: (enrolment: Enrolment) => Promise<void>;
  verify: OrgChecks['verify'];
  fetch?: FetchLike;
};

export type OrgRefreshOutcome =
  /** A new key was verified and saved: reports submitted from now on are sealed to the newest. */
  | 'updated'
  | 'unchanged'
  | 'not-enrolled'
  /** No answer: the keys stay as they were until the next contact. */
  | 'unreachable'
  /** The answer is not a descriptor that checks against the pinned fingerprint: ignored, the keys stay. */
  | 'refused';

/** The keys of both, by kid: a server that stops listing a key cannot take the device back to an older one. */
const mergedKeys = (known: OrgDescriptor, fresh: OrgDescriptor): OrgDescriptor['encryptionKeys'] => {
  const byKid = new Map(known.encryptionKeys.map((key) => [key.kid, key]));
  for (const key of fresh.encryptionKeys) byKid.set(key.kid, key);
  return [...byKid.values()]
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
    .slice(-ORG_ENCRYPTION_KEYS_MAX);
};

/** One refresh; never throws for what the server answers (a storage failure of the vault does throw). */
export const createOrgRefresher =
  (deps: OrgRefreshDeps) =>
  async (signal?: AbortSignal): Promise<OrgRefreshOutcome> => {
    const enrolment = await deps.load();
    if (!enrolment) return 'not-enrolled';
    const response = await request(
      `${enrolment.endpoint}${ORG_PATHS.org}`,
      { method: 'GET', headers: { Accept: 'application/json' } },
      { fetch: deps.fetch, signal },
      PROBE_TIMEOUT_MS,
    );
    if (!(response instanceof Response)) return 'unreachable';
    if (response.status !== 200) {
      await discard(response);
      return 'refused';
    }
    const body = await readJson(response);
    const parsed = body.ok ? OrgDescriptorSchema.safeParse(body.value) : undefined;
    if (!parsed?.success) return 'refused';
    let fresh: OrgDescriptor;
    try {
      fresh = await deps.verify(parsed.data, enrolment.fingerprint);
    } catch (e) {
      if (isAppError(e, 'tampered') || isAppError(e, 'invalid')) return 'refused';
      throw e;
    }
    const known = new Set(enrolment.org.encryptionKeys.map((key) => key.kid));
    if (fresh.encryptionKeys.every((key) => known.has(key.kid))) return 'unchanged';
    // Re-read: an enrolment with another organisation saved meanwhile is not overwritten.
    const latest = await deps.load();
    if (!latest || latest.fingerprint !== enrolment.fingerprint || latest.endpoint !== enrolment.endpoint) {
      return 'unchanged';
    }
    await deps.save({ ...latest, org: { ...latest.org, encryptionKeys: mergedKeys(latest.org, fresh) } });
    return 'updated';
  };

export type OrgRefresher = ReturnType<typeof createOrgRefresher>;
