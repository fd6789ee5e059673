// Enrolling the device with an organisation: reads an enrolment link (or the hand-typed endpoint and token), fetches
// the organisation and checks it against the pinned fingerprint BEFORE any name is shown, and saves the enrolment
// through the encrypted settings only after `GET /v2/device` accepted the token. Never sends a report, never logs.

import type { Enrolment, EnrolmentSummary } from '../domain/enrolment.ts';
import { decodeEnrolmentLink, ENROLMENT_LINK_PROBLEMS } from '../domain/enrolment-link.ts';
import { ERROR_MESSAGES, type ErrorCode, isAppError } from '../domain/errors.ts';
import { DeviceStatusSchema, ORG_PATHS, type OrgDescriptor, OrgDescriptorSchema } from '../domain/org-protocol.ts';
import {
  checkEndpoint,
  discard,
  errorCodeOf,
  type FetchLike,
  PROBE_TIMEOUT_MS,
  readJson,
  request,
} from './endpoint.ts';

/** The organisation crypto the enrolment needs (src/vault/org.ts), handed in so sync stays free of it. */
export type OrgChecks = {
  /** Resolves with the descriptor when its signing key hashes to `fingerprint` and every signature holds. */
  verify: (org: OrgDescriptor, fingerprint: string) => Promise<OrgDescriptor>;
  fingerprintOf: (signingKeySpki: string) => Promise<string>;
  fingerprintCode: (fingerprint: string) => string;
};

export type EnrolmentDeps = OrgChecks & {
  /** The saved enrolment (encrypted secret); reading it needs the vault unlocked. */
  load: () => Promise<Enrolment | null>;
  save: (enrolment: Enrolment) => Promise<void>;
  /** Reports waiting to be sent: enrolling with another organisation is refused while any wait. */
  waiting: () => Promise<number>;
  fetch?: FetchLike;
  now?: () => Date;
};

/** A checked organisation, waiting for the worker's "Enrol this device". Held in memory only. */
export type EnrolmentOffer = {
  endpoint: string;
  token: string;
  fingerprint: string;
  org: OrgDescriptor;
  /** The fingerprint as people compare it with the officer's screen. */
  fingerprintCode: string;
  /** The organisation this device is enrolled with now, when the offer is for another one. */
  replaces: EnrolmentSummary | null;
};

export type EnrolmentResult<T> = { ok: true; value: T } | { ok: false; message: string };

const fail = (code: ErrorCode): { ok: false; message: string } => ({ ok: false, message: ERROR_MESSAGES[code] });

export const summaryOf = (
  enrolment: Pick<Enrolment, 'org' | 'fingerprint' | 'endpoint'>,
  code: (fingerprint: string) => string,
): EnrolmentSummary => ({
  orgName: enrolment.org.name,
  fingerprintCode: code(enrolment.fingerprint),
  endpoint: enrolment.endpoint,
});

export type EnrolmentService = {
  /** "#enrol=..." or a whole link: the organisation it names, checked against the link's fingerprint. */
  fromLink: (link: string) => Promise<EnrolmentResult<EnrolmentOffer>>;
  /**
   * The advanced fallback: asks `GET /v2/device` with the typed token. No link, so no fingerprint to pin beforehand:
   * the organisation's own is shown (fingerprintCode) for the worker to compare with the officer's before confirming.
   */
  fromToken: (endpoint: string, token: string) => Promise<EnrolmentResult<EnrolmentOffer>>;
  /** "Enrol this device": checks the token (`GET /v2/device`) and the keys again, then saves encrypted. */
  confirm: (offer: EnrolmentOffer, options?: { replace?: boolean }) => Promise<EnrolmentResult<EnrolmentSummary>>;
  /** What Settings shows; null when not enrolled. */
  current: () => Promise<EnrolmentSummary | null>;
};

export const createEnrolmentService = (deps: EnrolmentDeps): EnrolmentService => {
  const now = deps.now ?? (() => new Date());
  const options = { fetch: deps.fetch };

  const get = (url: string, token?: string) =>
    request(
      url,
      {
        method: 'GET',
        headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      },
      options,
      PROBE_TIMEOUT_MS,
    );

  const verified = async (org: OrgDescriptor, fingerprint: string): Promise<EnrolmentResult<OrgDescriptor>> => {
    try {
      return { ok: true, value: await deps.verify(org, fingerprint) };
    } catch (e) {
      if (isAppError(e, 'tampered')) return fail('org-mismatch');
      if (isAppError(e, 'invalid')) return fail('not-safevisit');
      throw e;
    }
  };

  /** `GET /v2/device`: the device id and the organisation, or why not. */
  const deviceStatus = async (
    endpoint: string,
    token: string,
  ): Promise<EnrolmentResult<{ deviceId: string; org: OrgDescriptor }>> => {
    const response = await get(`${endpoint}${ORG_PATHS.deviceStatus}`, token);
    if (!(response instanceof Response)) return fail(response.error === 'timeout' ? 'timeout' : 'unreachable');
    if (response.status === 401) {
      await discard(response);
      return fail('unknown-device');
    }
    if (response.status === 403)
      return fail((await errorCodeOf(response)) === 'revoked' ? 'revoked' : 'unknown-device');
    if (response.status !== 200) {
      await discard(response);
      return fail('not-safevisit');
    }
    const body = await readJson(response);
    const parsed = body.ok ? DeviceStatusSchema.safeParse(body.value) : undefined;
    return parsed?.success ? { ok: true, value: parsed.data } : fail('not-safevisit');
  };

  const replacing = async (fingerprint: string): Promise<EnrolmentSummary | null> => {
    const saved = await deps.load();
    return saved && saved.fingerprint !== fingerprint ? summaryOf(saved, deps.fingerprintCode) : null;
  };

  const offer = async (
    endpoint: string,
    token: string,
    fingerprint: string,
    org: OrgDescriptor,
  ): Promise<EnrolmentOffer> => ({
    endpoint,
    token,
    fingerprint,
    org,
    fingerprintCode: deps.fingerprintCode(fingerprint),
    replaces: await replacing(fingerprint),
  });

  return {
    fromLink: async (link) => {
      const decoded = decodeEnrolmentLink(link);
      if (!decoded.ok) return { ok: false, message: ENROLMENT_LINK_PROBLEMS[decoded.problem] };
      const { payload } = decoded;
      const endpoint = checkEndpoint(payload.endpoint);
      if (!endpoint.ok) return fail('insecure-endpoint');
      const response = await get(`${endpoint.endpoint}${ORG_PATHS.org}`);
      if (!(response instanceof Response)) return fail(response.error === 'timeout' ? 'timeout' : 'unreachable');
      if (response.status !== 200) {
        await discard(response);
        return fail('not-safevisit');
      }
      const body = await readJson(response);
      const parsed = body.ok ? OrgDescriptorSchema.safeParse(body.value) : undefined;
      if (!parsed?.success) return fail('not-safevisit');
      // No name is shown before its signature checks against the fingerprint the link carries.
      const org = await verified(parsed.data, payload.fingerprint);
      if (!org.ok) return org;
      return { ok: true, value: await offer(endpoint.endpoint, payload.token, payload.fingerprint, org.value) };
    },

    fromToken: async (endpointInput, token) => {
      const endpoint = checkEndpoint(endpointInput);
      if (!endpoint.ok) return fail('insecure-endpoint');
      const status = await deviceStatus(endpoint.endpoint, token.trim());
      if (!status.ok) return status;
      // A signing key that cannot be read (no fingerprint) is not a SafeVisit organisation.
      // Stryker disable next-line ArrowFunction: undefined is as falsy as null for the check below
      const fingerprint = await deps.fingerprintOf(status.value.org.signingKey).catch(() => null);
      if (!fingerprint) return fail('not-safevisit');
      const org = await verified(status.value.org, fingerprint);
      if (!org.ok) return org;
      return { ok: true, value: await offer(endpoint.endpoint, token.trim(), fingerprint, org.value) };
    },

    confirm: async (offered, { replace = false } = {}) => {
      const replaces = await replacing(offered.fingerprint);
      if (replaces) {
        if ((await deps.waiting()) > 0) return fail('reports-waiting');
        if (!replace)
          return { ok: false, message: `This device is enrolled with ${replaces.orgName}. Confirm the change first.` };
      }
      const status = await deviceStatus(offered.endpoint, offered.token);
      if (!status.ok) return status;
      // The server's answer must be the very organisation the worker was shown.
      const org = await verified(status.value.org, offered.fingerprint);
      if (!org.ok) return org;
      const enrolment: Enrolment = {
        v: 1,
        endpoint: offered.endpoint,
        token: offered.token,
        fingerprint: offered.fingerprint,
        org: org.value,
        deviceId: status.value.deviceId,
        enrolledAt: now().toISOString(),
      };
      await deps.save(enrolment);
      return { ok: true, value: summaryOf(enrolment, deps.fingerprintCode) };
    },

    current: async () => {
      const saved = await deps.load();
      return saved ? summaryOf(saved, deps.fingerprintCode) : null;
    },
  };
};
