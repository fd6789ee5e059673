// The officer's screens' HTTP client for the organisation routes (src/domain/org-protocol.ts), on the same origin
// as the page. Each call answers with the checked value or throws an OfficerError; it never stores anything and the
// session token travels only in the Authorization header.

import { z } from 'zod';
import {
  type Device,
  DeviceListSchema,
  EnrolDeviceResponseSchema,
  type OfficerKdf,
  ORG_PATHS,
  type OrgDescriptor,
  OrgDescriptorSchema,
  PreloginResponseSchema,
  type SessionResponse,
  SessionResponseSchema,
  type SetupRequest,
} from '../domain/org-protocol.ts';
import type { WireIssue } from '../domain/protocol.ts';
import {
  type AcceptInviteRequest,
  type InviteDetails,
  InviteDetailsSchema,
  TEAM_PATHS,
} from '../domain/team-protocol.ts';
import { parseRetryAfterMs } from '../sync/retry-policy.ts';
import { OfficerError, problemFor, type RouteKind } from './officer-errors.ts';

/** Setup seals keys and the server hashes slowly: give a slow link time, but not forever. */
export const OFFICER_REQUEST_TIMEOUT_MS = 30_000;

type Schema<T> = { safeParse: (value: unknown) => { success: true; data: T } | { success: false } };

export type OfficerApiOptions = { baseUrl?: string; fetch?: typeof globalThis.fetch; timeoutMs?: number };

// Only the part of the API's error body this page uses. (src/domain/protocol.ts has the whole schema, but importing
// it would bring the report form's schemas into this page's first load.)
const ErrorPartsSchema = z.object({
  error: z.object({
    code: z.string().optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

const readError = async (response: Response): Promise<{ code?: string; issues: WireIssue[] }> => {
  try {
    const parsed = ErrorPartsSchema.safeParse(await response.json());
    if (!parsed.success) return { issues: [] };
    const { code, issues } = parsed.data.error;
    return code === undefined ? { issues: issues ?? [] } : { code, issues: issues ?? [] };
  } catch {
    return { issues: [] };
  }
};

export const createOfficerApi = ({
  baseUrl = '',
  fetch: fetchImpl = (...args) => globalThis.fetch(...args),
  timeoutMs = OFFICER_REQUEST_TIMEOUT_MS,
}: OfficerApiOptions = {}) => {
  const call = async (
    route: RouteKind,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<Response> => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'omit',
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      const timedOut = e instanceof DOMException && e.name === 'TimeoutError';
      throw new OfficerError(timedOut ? 'timeout' : 'unreachable', { cause: e });
    }
    if (response.ok) return response;
    const retryAfterMs = parseRetryAfterMs(response.headers.get('Retry-After'), Date.now());
    const { code, issues } = await readError(response);
    throw new OfficerError(problemFor(route, response.status, code), {
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      issues,
    });
  };

  const json = async <T>(response: Response, schema: Schema<T>): Promise<T> => {
    let value: unknown;
    try {
      value = await response.json();
    } catch (e) {
      throw new OfficerError('bad-response', { cause: e });
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new OfficerError('bad-response');
    return parsed.data;
  };

  return {
    /** The organisation, or null when the server has none yet (404: the first officer must set it up). */
    organisation: async (): Promise<OrgDescriptor | null> => {
      try {
        return await json(await call('public', 'GET', ORG_PATHS.org), OrgDescriptorSchema);
      } catch (e) {
        if (e instanceof OfficerError && e.problem === 'not-found') return null;
        throw e;
      }
    },
    setup: async (request: SetupRequest): Promise<SessionResponse> =>
      json(await call('setup', 'POST', ORG_PATHS.setup, request), SessionResponseSchema),
    prelogin: async (email: string): Promise<OfficerKdf> =>
      (await json(await call('sign-in', 'POST', ORG_PATHS.prelogin, { email }), PreloginResponseSchema)).kdf,
    signIn: async (email: string, authKey: string): Promise<SessionResponse> =>
      json(await call('sign-in', 'POST', ORG_PATHS.signIn, { email, authKey }), SessionResponseSchema),
    signOut: async (token: string): Promise<void> => {
      const response = await call('session', 'POST', ORG_PATHS.signOut, {}, token);
      await response.body?.cancel();
    },
    devices: async (token: string): Promise<Device[]> =>
      (await json(await call('session', 'GET', ORG_PATHS.devices, undefined, token), DeviceListSchema)).devices,
    enrolDevice: async (token: string, name: string) =>
      json(await call('session', 'POST', ORG_PATHS.devices, { name }, token), EnrolDeviceResponseSchema),
    revokeDevice: async (token: string, id: string): Promise<void> => {
      const response = await call('session', 'POST', ORG_PATHS.revokeDevice(id), {}, token);
      await response.body?.cancel();
    },
    /** What an invite link is for; OfficerError 'invite-used', 'invite-expired' or 'invite-unknown' otherwise. */
    inviteDetails: async (token: string): Promise<InviteDetails> =>
      json(await call('public', 'POST', TEAM_PATHS.inviteDetails, { token }), InviteDetailsSchema),
    acceptInvite: async (request: AcceptInviteRequest): Promise<void> => {
      const response = await call('public', 'POST', TEAM_PATHS.acceptInvite, request);
      await response.body?.cancel();
    },
    /** A public GET of a lazily loaded screen (published guidance), its answer checked by `schema`. */
    publicJson: async <T>(path: string, schema: Schema<T>) => json(await call('public', 'GET', path), schema),
    /**
     * A call on a session route of a lazily loaded screen (the inbox), its answer checked by `schema`: those
     * screens bring their own schemas, so this page's first load carries none of them.
     */
    sessionJson: async <T>(method: 'GET' | 'POST', path: string, schema: Schema<T>, token: string, body?: unknown) =>
      json(await call('session', method, path, body, token), schema),
    /** The same for a route whose answer has no body to read (204). */
    sessionSend: async (path: string, body: unknown, token: string): Promise<void> => {
      const response = await call('session', 'POST', path, body, token);
      await response.body?.cancel();
    },
  };
};

export type OfficerApi = ReturnType<typeof createOfficerApi>;
