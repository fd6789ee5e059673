// The HTTP client of the sync protocol (reports on v2, sealed): the endpoint URL rules and one call per route, each
// answering with a value.
// Never throws for what a network or a server can do, never stores anything, never logs a report or a token.
import { ERROR_MESSAGES, type ErrorCode } from '../domain/errors.ts';
import {
  ErrorBodySchema,
  HEADERS,
  HealthSchema,
  idempotencyKey,
  PATHS,
  type Receipt,
  ReceiptSchema,
  type WireIssue,
} from '../domain/protocol.ts';
import {
  SEALED_PATHS,
  SealedBatchResponseSchema,
  type SealedBatchResult,
  type SealedRequest,
  sealedBatchBody,
} from '../domain/sealed-protocol.ts';
import { GUIDANCE_PATHS } from '../domain/signed-guidance.ts';
import { parseRetryAfterMs } from './retry-policy.ts';

/** A report upload that takes longer than this is abandoned and retried later (slow mobile links included). */
export const SUBMIT_TIMEOUT_MS = 30_000;
/** "Test connection" and the guidance check give up sooner: someone is waiting for the answer. */
export const PROBE_TIMEOUT_MS = 10_000;

/** Plain http is allowed only to this computer (a local test server); everything else must be https. */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

export type FetchLike = typeof globalThis.fetch;

export type EndpointCheck = { ok: true; endpoint: string } | { ok: false; code: 'insecure-endpoint' };

/**
 * Checks and normalises a sync endpoint URL: https only (http only for 127.0.0.1 and localhost), no user name or
 * password inside it, no query or fragment, no trailing slash ('https://Example.org/sv/' -> 'https://example.org/sv').
 */
export const checkEndpoint = (input: string): EndpointCheck => {
  const refused = { ok: false, code: 'insecure-endpoint' } as const;
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return refused;
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
  // Credentials in a URL end up in logs and history; the token travels in the Authorization header instead.
  if (!secure || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return refused;
  return { ok: true, endpoint: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
};

export type SubmitOutcome =
  | { kind: 'accepted'; receipt: Receipt }
  /** Try again later; `afterMs` is the server's Retry-After when it sent one. */
  | { kind: 'retry'; error: ErrorCode; afterMs?: number }
  | { kind: 'unauthorised' }
  /** 403 'revoked': an officer withdrew this device's enrolment. Nothing more may be sent with this token. */
  | { kind: 'revoked' }
  /** The server refused the content (400): its reasons, to show on the report. */
  | { kind: 'invalid'; issues: WireIssue[] }
  | { kind: 'conflict' }
  | { kind: 'too-large' }
  /** The caller cancelled (e.g. the app is closing); nothing is known about this attempt. */
  | { kind: 'aborted' };

export type RequestOptions = {
  signal?: AbortSignal;
  timeoutMs?: number;
  fetch?: FetchLike;
  /** Clock for Retry-After dates. */
  now?: () => number;
};

const withTimeout = (timeoutMs: number, signal?: AbortSignal): AbortSignal => {
  const timeout = AbortSignal.timeout(timeoutMs);
  if (!signal) return timeout;
  return typeof AbortSignal.any === 'function' ? AbortSignal.any([signal, timeout]) : timeout;
};

type Failure = { error: 'timeout' | 'unreachable' } | { error: 'aborted' };

/** Runs fetch and turns its throw into a value: a timeout, a cancel by the caller, or no answer at all. */
export const request = async (
  url: string,
  init: RequestInit,
  { signal, timeoutMs, fetch: fetchImpl = globalThis.fetch }: RequestOptions,
  defaultTimeoutMs: number,
): Promise<Response | Failure> => {
  try {
    // `redirect: 'error'`: a sync server that redirects is misconfigured, and following it could downgrade to http.
    return await fetchImpl(url, {
      ...init,
      redirect: 'error',
      cache: 'no-store',
      signal: withTimeout(timeoutMs ?? defaultTimeoutMs, signal),
    });
  } catch (e) {
    if (signal?.aborted) return { error: 'aborted' };
    if (e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError'))
      return { error: 'timeout' };
    return { error: 'unreachable' };
  }
};

export const readJson = async (response: Response): Promise<{ ok: true; value: unknown } | { ok: false }> => {
  try {
    return { ok: true, value: await response.json() };
  } catch {
    // Stryker disable next-line ObjectLiteral: every caller reads `ok`, which {} leaves as falsy as false
    return { ok: false };
  }
};

/** Frees the connection when the body is not needed. */
export const discard = async (response: Response): Promise<void> => {
  try {
    // Stryker disable next-line OptionalChaining: a body-less answer's `.cancel` would throw, and the catch frees nothing
    await response.body?.cancel();
  } catch {
    // Nothing to free.
  }
};

/** The wire error code of an error answer (ErrorBodySchema), or null. Reads the body. */
export const errorCodeOf = async (response: Response): Promise<string | null> => {
  const body = await readJson(response);
  const parsed = body.ok ? ErrorBodySchema.safeParse(body.value) : undefined;
  return parsed?.success ? parsed.data.error.code : null;
};

const issuesOf = async (response: Response): Promise<WireIssue[]> => {
  const body = await readJson(response);
  const parsed = body.ok ? ErrorBodySchema.safeParse(body.value) : undefined;
  if (!parsed?.success) return [{ path: '', message: ERROR_MESSAGES.invalid }];
  const { message, issues } = parsed.data.error;
  return issues && issues.length > 0 ? issues : [{ path: '', message }];
};

/**
 * `POST {endpoint}/v2/reports`. Sends the sealed body as kept since submit (the same bytes every time) with its
 * Idempotency-Key, so a resend of the same revision gets the same receipt. A 2xx whose body is not the receipt of THIS revision is a retry, never a delivery:
 * the device only lets go of a report on proof that the server holds it.
 */
export const submitReport = async (
  endpoint: string,
  token: string,
  submission: SealedRequest,
  options: RequestOptions = {},
): Promise<SubmitOutcome> => {
  const response = await request(
    `${endpoint}${SEALED_PATHS.reports}`,
    {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        [HEADERS.authorization]: `Bearer ${token}`,
        [HEADERS.idempotencyKey]: idempotencyKey(submission.id, submission.revision),
      },
      body: submission.body,
    },
    options,
    SUBMIT_TIMEOUT_MS,
  );
  if (!(response instanceof Response)) {
    return response.error === 'aborted' ? { kind: 'aborted' } : { kind: 'retry', error: response.error };
  }

  const { status } = response;
  if (status === 200 || status === 201) {
    const body = await readJson(response);
    const receipt = body.ok ? ReceiptSchema.safeParse(body.value) : undefined;
    if (receipt?.success && receipt.data.id === submission.id && receipt.data.revision === submission.revision) {
      return { kind: 'accepted', receipt: receipt.data };
    }
    return { kind: 'retry', error: 'bad-response' };
  }
  if (status === 400) return { kind: 'invalid', issues: await issuesOf(response) };
  if (status === 403 && (await errorCodeOf(response)) === 'revoked') return { kind: 'revoked' };

  await discard(response);
  const afterMs = parseRetryAfterMs(response.headers.get(HEADERS.retryAfter), (options.now ?? Date.now)());
  const retry = (error: ErrorCode): SubmitOutcome =>
    afterMs === undefined ? { kind: 'retry', error } : { kind: 'retry', error, afterMs };
  if (status === 401 || status === 403) return { kind: 'unauthorised' };
  if (status === 409) return { kind: 'conflict' };
  if (status === 413) return { kind: 'too-large' };
  if (status === 429) return retry('rate-limited');
  if (status >= 500) return retry('server-error');
  // 404, 405, 3xx...: the address is probably not a SafeVisit server. Keep the report and try again later,
  // after someone fixes the address; refusing the report for it would be wrong.
  if (status === 404 || status === 405) return retry('not-safevisit');
  return retry('bad-response');
};

export type BatchOutcome =
  /** One outcome per submission, in the order sent. */
  | { kind: 'answered'; outcomes: SubmitOutcome[] }
  /**
   * Send these one by one on POST /v2/reports: the server has no batch route (404/405, `unsupported`: an older
   * server), the batch is over its body limit (413), or it refused the batch as a whole (400).
   */
  | { kind: 'each-alone'; unsupported: boolean }
  /** What happened to the request as a whole (a retry, a refused token, a cancel), so to every report in it. */
  | Extract<SubmitOutcome, { kind: 'retry' | 'unauthorised' | 'revoked' | 'aborted' }>;

/** One report's answer in a batch, read as its own POST /v2/reports answer would be. */
const outcomeOf = (result: SealedBatchResult, submission: SealedRequest): SubmitOutcome => {
  if ('receipt' in result) {
    const { receipt } = result;
    return receipt.id === submission.id && receipt.revision === submission.revision
      ? { kind: 'accepted', receipt }
      : { kind: 'retry', error: 'bad-response' };
  }
  const { message, issues } = result.error;
  if (result.status === 400) return { kind: 'invalid', issues: issues?.length ? issues : [{ path: '', message }] };
  if (result.status === 409) return { kind: 'conflict' };
  return { kind: 'retry', error: result.status >= 500 ? 'server-error' : 'bad-response' };
};

/**
 * `POST {endpoint}/v2/reports/batch`: the kept bodies of several reports in one request (each still the bytes sealed
 * at submit), answered report by report as `submitReport` would be. Only a receipt of exactly that id and revision
 * is a delivery.
 */
export const submitReports = async (
  endpoint: string,
  token: string,
  submissions: readonly SealedRequest[],
  options: RequestOptions = {},
): Promise<BatchOutcome> => {
  const response = await request(
    `${endpoint}${SEALED_PATHS.reportsBatch}`,
    {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        [HEADERS.authorization]: `Bearer ${token}`,
      },
      body: sealedBatchBody(submissions.map((s) => s.body)),
    },
    options,
    SUBMIT_TIMEOUT_MS,
  );
  if (!(response instanceof Response)) {
    return response.error === 'aborted' ? { kind: 'aborted' } : { kind: 'retry', error: response.error };
  }
  const { status } = response;
  if (status === 200) {
    const body = await readJson(response);
    const parsed = body.ok ? SealedBatchResponseSchema.safeParse(body.value) : undefined;
    if (!parsed?.success || parsed.data.results.length !== submissions.length) {
      return { kind: 'retry', error: 'bad-response' };
    }
    return {
      kind: 'answered',
      outcomes: parsed.data.results.map((result, i) => outcomeOf(result, submissions[i] as SealedRequest)),
    };
  }
  if (status === 403 && (await errorCodeOf(response)) === 'revoked') return { kind: 'revoked' };
  await discard(response);
  if (status === 404 || status === 405) return { kind: 'each-alone', unsupported: true };
  if (status === 400 || status === 413) return { kind: 'each-alone', unsupported: false };
  if (status === 401 || status === 403) return { kind: 'unauthorised' };
  const afterMs = parseRetryAfterMs(response.headers.get(HEADERS.retryAfter), (options.now ?? Date.now)());
  const error: ErrorCode = status === 429 ? 'rate-limited' : status >= 500 ? 'server-error' : 'bad-response';
  return afterMs === undefined ? { kind: 'retry', error } : { kind: 'retry', error, afterMs };
};

export type ConnectionResult = 'ok' | 'unreachable' | 'unauthorised' | 'not-safevisit' | 'insecure-endpoint';

const CONNECTED = 'Connected. The server is a SafeVisit sync server and accepted the access token.';
const CONNECTED_NO_TOKEN = 'Connected to a SafeVisit sync server. Add the access token to send reports.';

/**
 * "Test connection": `GET {endpoint}/v1/health`, with the token when one is given. Answers with one result and the
 * plain-English sentence Settings shows for it.
 */
export const testConnection = async (
  endpointInput: string,
  token?: string | null,
  options: RequestOptions = {},
): Promise<{ result: ConnectionResult; message: string }> => {
  const result = (code: Exclude<ConnectionResult, 'ok'>) => ({ result: code, message: ERROR_MESSAGES[code] });
  const checked = checkEndpoint(endpointInput);
  if (!checked.ok) return result('insecure-endpoint');

  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers[HEADERS.authorization] = `Bearer ${token}`;
  const response = await request(
    `${checked.endpoint}${PATHS.health}`,
    { method: 'GET', headers },
    options,
    PROBE_TIMEOUT_MS,
  );
  if (!(response instanceof Response)) return result('unreachable');
  if (response.status === 401 || response.status === 403) {
    await discard(response);
    return result('unauthorised');
  }
  if (response.status !== 200) {
    await discard(response);
    return result('not-safevisit');
  }
  const body = await readJson(response);
  const health = body.ok ? HealthSchema.safeParse(body.value) : undefined;
  if (!health?.success) return result('not-safevisit');
  if (token && health.data.authorised === false) return result('unauthorised');
  return { result: 'ok', message: token ? CONNECTED : CONNECTED_NO_TOKEN };
};

export type GuidanceFetchOutcome =
  /** `signed` is unchecked JSON: the caller checks its signature, then the pack, before it replaces anything. */
  | { kind: 'updated'; signed: unknown; etag: string | null }
  | { kind: 'not-modified' }
  /** 404: the organisation has published no guidance yet. */
  | { kind: 'none-published' }
  | { kind: 'error'; code: ErrorCode };

/** `GET {endpoint}/v2/guidance` (the organisation's signed pack) with If-None-Match: an unchanged pack is one 304. */
export const fetchGuidance = async (
  endpoint: string,
  etag: string | null,
  options: RequestOptions = {},
): Promise<GuidanceFetchOutcome> => {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (etag) headers[HEADERS.ifNoneMatch] = etag;
  const response = await request(
    `${endpoint}${GUIDANCE_PATHS.published}`,
    { method: 'GET', headers },
    options,
    PROBE_TIMEOUT_MS,
  );
  if (!(response instanceof Response)) {
    return { kind: 'error', code: response.error === 'timeout' ? 'timeout' : 'unreachable' };
  }
  if (response.status === 304) return { kind: 'not-modified' };
  if (response.status === 200) {
    const body = await readJson(response);
    if (!body.ok) return { kind: 'error', code: 'bad-response' };
    return { kind: 'updated', signed: body.value, etag: response.headers.get(HEADERS.etag) };
  }
  if (response.status === 404) {
    await discard(response);
    return { kind: 'none-published' };
  }
  await discard(response);
  const { status } = response;
  const code: ErrorCode =
    status === 401 || status === 403
      ? 'unauthorised'
      : status === 429
        ? 'rate-limited'
        : status >= 500
          ? 'server-error'
          : 'bad-response';
  return { kind: 'error', code };
};
