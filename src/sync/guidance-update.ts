// Checks the server for newer guidance and, only when the new pack passes every check, replaces the stored one in a
// single write. Never leaves the device without guidance: any failure keeps the pack it has and says why.
import { ERROR_MESSAGES, type ErrorCode, isAppError } from '../domain/errors.ts';
import { parseGuidancePack } from '../domain/guidance.ts';
import type { GuidanceRepo } from '../store/guidance-repo.ts';
import { checkEndpoint, type FetchLike, fetchGuidance } from './endpoint.ts';

export type GuidanceUpdateDeps = {
  repo: Pick<GuidanceRepo, 'get' | 'put'>;
  /** The sync endpoint as typed in Settings ('' when not set). */
  endpoint: string;
  token?: string | null;
  now?: () => number;
  fetch?: FetchLike;
  timeoutMs?: number;
};

export type GuidanceUpdateResult =
  | { kind: 'updated'; version: string; message: string }
  | { kind: 'unchanged'; message: string }
  /** The stored pack stays; `reason` says why, `message` is the sentence Settings shows. */
  | {
      kind: 'kept';
      reason: ErrorCode | 'invalid-pack' | 'not-configured';
      message: string;
      /** For an invalid pack: what failed (for the log or a details box; no personal data). */
      issues?: string[];
    };

const KEPT = 'The app keeps the guidance it has.';

export const updateGuidance = async (deps: GuidanceUpdateDeps): Promise<GuidanceUpdateResult> => {
  const now = deps.now ?? Date.now;
  if (deps.endpoint.trim() === '') {
    return { kind: 'kept', reason: 'not-configured', message: `No sync endpoint is set. ${KEPT}` };
  }
  const checked = checkEndpoint(deps.endpoint);
  if (!checked.ok) {
    return { kind: 'kept', reason: 'insecure-endpoint', message: `${ERROR_MESSAGES['insecure-endpoint']} ${KEPT}` };
  }

  let stored: Awaited<ReturnType<GuidanceRepo['get']>>;
  try {
    stored = await deps.repo.get();
  } catch {
    // A damaged row must not stop the update: fetch the whole pack again.
    stored = undefined;
  }
  const outcome = await fetchGuidance(checked.endpoint, stored?.etag ?? null, {
    token: deps.token ?? null,
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
    now,
  });

  if (outcome.kind === 'not-modified') return { kind: 'unchanged', message: 'The guidance is up to date.' };
  if (outcome.kind === 'error') {
    return {
      kind: 'kept',
      reason: outcome.code,
      message: `The guidance could not be checked. ${ERROR_MESSAGES[outcome.code]} ${KEPT}`,
    };
  }

  const parsed = parseGuidancePack(outcome.pack);
  if (!parsed.ok) {
    return {
      kind: 'kept',
      reason: 'invalid-pack',
      message: `The server sent guidance that did not pass the app’s checks, so it was not used. ${KEPT}`,
      issues: parsed.issues.slice(0, 20),
    };
  }
  try {
    await deps.repo.put({ version: parsed.pack.version, etag: outcome.etag, pack: parsed.pack, fetchedAt: now() });
  } catch (e) {
    const code: ErrorCode = isAppError(e, 'quota-exceeded') ? 'quota-exceeded' : 'storage-unavailable';
    return { kind: 'kept', reason: code, message: `${ERROR_MESSAGES[code]} ${KEPT}` };
  }
  return {
    kind: 'updated',
    version: parsed.pack.version,
    message: `The guidance is updated to version ${parsed.pack.version}.`,
  };
};
