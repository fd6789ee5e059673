// Checks the enrolled organisation's server for newer guidance (`GET /v2/guidance`) and, only when the pack is signed by
// the organisation this device pinned and passes every check, replaces the stored one in a single write. Never leaves
// the device without guidance: any failure keeps the pack it has and says why. An unenrolled device fetches nothing.
import { ERROR_MESSAGES, type ErrorCode, isAppError } from '../domain/errors.ts';
import { parseGuidancePack } from '../domain/guidance.ts';
import { SIGNED_GUIDANCE_ALG, SIGNED_GUIDANCE_VERSION, type SignedGuidance } from '../domain/signed-guidance.ts';
import type { GuidanceRepo } from '../store/guidance-repo.ts';
import { checkEndpoint, type FetchLike, fetchGuidance } from './endpoint.ts';

/** The organisation the device enrolled with, as pinned in its vault: where to ask and whose signature to accept. */
export type GuidanceSource = { endpoint: string; fingerprint: string; signingKey: string };

export type GuidanceUpdateDeps = {
  repo: Pick<GuidanceRepo, 'get' | 'put' | 'clear'>;
  /** Null when the device is not enrolled: it keeps the guidance that came with the app. */
  source: GuidanceSource | null;
  /** The signature check (src/vault/org.ts verifyGuidancePack), handed in so sync stays free of the crypto. */
  verify: (signed: unknown, pinned: { fingerprint: string; signingKey: string }) => Promise<SignedGuidance>;
  now?: () => number;
  fetch?: FetchLike;
  timeoutMs?: number;
};

export type GuidanceKeptReason =
  | ErrorCode
  | 'invalid-pack'
  | 'not-configured'
  | 'none-published'
  | 'bad-signature'
  | 'other-organisation'
  | 'older-pack';

export type GuidanceUpdateResult =
  | { kind: 'updated'; version: string; message: string }
  | { kind: 'unchanged'; message: string }
  /** The stored pack stays; `reason` says why, `message` is the sentence Settings shows. */
  | {
      kind: 'kept';
      reason: GuidanceKeptReason;
      message: string;
      /** For an invalid pack: what failed (for the log or a details box; no personal data). */
      issues?: string[];
    };

const KEPT = 'The app keeps the guidance it has.';

/** The sentence for each refusal of a pack the server sent (what Settings shows under "Guidance"). */
export const GUIDANCE_REFUSALS = {
  'bad-signature': `The server sent guidance that is not signed by your organisation (its signature does not check), so it was not used. ${KEPT}`,
  'other-organisation': `The server sent guidance signed for another organisation, so it was not used. ${KEPT}`,
  'older-pack': `The server sent older guidance than this device already has, so it was not used. ${KEPT}`,
  'invalid-pack': `The server sent guidance that did not pass the app’s checks, so it was not used. ${KEPT}`,
} as const;

const refused = (reason: keyof typeof GUIDANCE_REFUSALS, issues?: string[]): GuidanceUpdateResult => ({
  kind: 'kept',
  reason,
  message: GUIDANCE_REFUSALS[reason],
  ...(issues ? { issues: issues.slice(0, 20) } : {}),
});

export const updateGuidance = async (deps: GuidanceUpdateDeps): Promise<GuidanceUpdateResult> => {
  const now = deps.now ?? Date.now;
  const { source } = deps;
  if (!source) {
    return {
      kind: 'kept',
      reason: 'not-configured',
      message: 'This device is not enrolled with an organisation, so it keeps the guidance that came with the app.',
    };
  }
  const checked = checkEndpoint(source.endpoint);
  if (!checked.ok) {
    return { kind: 'kept', reason: 'insecure-endpoint', message: `${ERROR_MESSAGES['insecure-endpoint']} ${KEPT}` };
  }

  // A damaged row must not stop the update: fetch the whole pack again.
  let stored = await deps.repo.get().catch(() => undefined);
  const pinned = { fingerprint: source.fingerprint, signingKey: source.signingKey };
  // The stored pack is in clear storage: its signature is checked again now, so a pack edited on the device is dropped
  // (the bundled one shows) and fetched whole, never kept by a 304.
  let ours = stored?.signedBy === source.fingerprint;
  if (stored && ours) {
    const envelope = {
      v: SIGNED_GUIDANCE_VERSION,
      alg: SIGNED_GUIDANCE_ALG,
      organisation: source.fingerprint,
      pack: stored.pack,
      signature: stored.signature,
    };
    ours = await deps.verify(envelope, pinned).then(
      () => true,
      // Stryker disable next-line ArrowFunction: undefined would be as falsy as false for `ours`
      () => false,
    );
    if (!ours) {
      await deps.repo.clear().catch(() => undefined);
      stored = undefined;
    }
  }
  // Only a pack this organisation signed is "unchanged" by its ETag; anything else is asked for whole.
  // Stryker disable next-line OptionalChaining: `ours` is true only when a stored pack was read, so `stored` is set
  const outcome = await fetchGuidance(checked.endpoint, ours ? (stored?.etag ?? null) : null, {
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
    now,
  });

  if (outcome.kind === 'not-modified') return { kind: 'unchanged', message: 'The guidance is up to date.' };
  if (outcome.kind === 'none-published') {
    // A pack kept from before (unsigned v1, or another organisation's) must not stand for this organisation's.
    if (stored && !ours) await deps.repo.clear().catch(() => undefined);
    return {
      kind: 'kept',
      reason: 'none-published',
      message: `Your organisation has not published its own guidance yet. ${stored && !ours ? 'The app shows the guidance that came with it.' : KEPT}`,
    };
  }
  if (outcome.kind === 'error') {
    return {
      kind: 'kept',
      reason: outcome.code,
      message: `The guidance could not be checked. ${ERROR_MESSAGES[outcome.code]} ${KEPT}`,
    };
  }

  let signed: SignedGuidance;
  try {
    signed = await deps.verify(outcome.signed, pinned);
  } catch (e) {
    if (isAppError(e, 'tampered')) {
      const reason = (e.detail as { reason?: string } | undefined)?.reason;
      return refused(reason === 'organisation' ? 'other-organisation' : 'bad-signature');
    }
    return refused('invalid-pack', ['the signed envelope is malformed']);
  }
  const parsed = parseGuidancePack(signed.pack);
  if (!parsed.ok) return refused('invalid-pack', parsed.issues);
  // A signature says who published, not that it is the latest: an earlier publication served again (a database put
  // back from a backup, or an operator undoing a changed number) must not replace a newer one this device holds.
  const held = ours && stored ? parseGuidancePack(stored.pack) : undefined;
  if (held?.ok && Date.parse(parsed.pack.publishedAt) < Date.parse(held.pack.publishedAt)) return refused('older-pack');
  try {
    // The pack as signed (not as parsed), with its signature: the next check verifies exactly these bytes again.
    await deps.repo.put({
      version: parsed.pack.version,
      etag: outcome.etag,
      pack: signed.pack,
      fetchedAt: now(),
      signedBy: source.fingerprint,
      signature: signed.signature,
    });
  } catch (e) {
    const code: ErrorCode = isAppError(e, 'quota-exceeded') ? 'quota-exceeded' : 'storage-unavailable';
    return { kind: 'kept', reason: code, message: `${ERROR_MESSAGES[code]} ${KEPT}` };
  }
  return {
    kind: 'updated',
    version: parsed.pack.version,
    message: `The guidance is updated to version ${parsed.pack.version}, signed by your organisation.`,
  };
};
