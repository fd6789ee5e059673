// A real organisation set up on a running reference server, made the way the first officer's browser makes it (real
// WebCrypto keys, setup request, officer session), and the device tokens and enrolment links it issues. Free of the
// test runner, so the benchmark sets up its server with it too. Its keys come from the one organisation builder
// (../fixtures/org.ts).

import { encodeEnrolmentLink } from '../../../src/domain/enrolment-link.ts';
import {
  ORG_PATHS,
  type OrgDescriptor,
  type SessionResponse,
  SessionResponseSchema,
  type SetupRequest,
} from '../../../src/domain/org-protocol.ts';
import type { OrgPrivateKeys } from '../../../src/vault/org.ts';
import { createOfficerKeyPair, deriveOfficerSecrets, newOfficerKdf, sealGrants } from '../../../src/vault/org.ts';
import { OTHER_STRONG_PASSPHRASE } from '../../passphrases.ts';
import { buildOrganisation } from '../fixtures/org.ts';

/** The setup code every test server (and the benchmark's) is started with. */
export const SETUP_CODE = 'TEST-SETUP-CODE-2026';
/** The first officer's sign-in (the benchmark signs in with it to time the inbox). */
export const OFFICER_EMAIL = 'lead@riverside.example';
export const OFFICER_PASSPHRASE = OTHER_STRONG_PASSPHRASE;

const json = async (response: Response) => {
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  return response.json() as Promise<unknown>;
};

export type Organisation = {
  org: OrgDescriptor;
  fingerprint: string;
  session: SessionResponse;
  /** The organisation's private keys, as the officer's browser holds them: they open what devices sealed. */
  privateKeys: OrgPrivateKeys;
  /** "Enrol a device": the device token the officer's screen shows once. */
  enrolDevice: (name?: string) => Promise<{ id: string; token: string }>;
  revoke: (deviceId: string) => Promise<void>;
  /** The enrolment link for a token, as the officer's screen makes it (pin another fingerprint to test refusals). */
  linkFor: (token: string, options?: { fingerprint?: string; appOrigin?: string }) => string;
};

/** Sets up the organisation on a server at `url` (started with `setupCode: SETUP_CODE`) through the real crypto. */
export const setUpOrganisationOn = async (url: string, orgName = 'Riverside Family Support'): Promise<Organisation> => {
  const email = OFFICER_EMAIL;
  const kdf = newOfficerKdf();
  const { authKey, kek } = await deriveOfficerSecrets(OFFICER_PASSPHRASE, kdf);
  const { organisation, privateKeys, fingerprint } = await buildOrganisation(orgName);
  const { keys } = await createOfficerKeyPair(kek, email);
  const request: SetupRequest = {
    setupCode: SETUP_CODE,
    organisation,
    officer: { name: 'Sam Lead', email, kdf, authKey, keys },
    grants: await sealGrants(keys.publicKey, email, privateKeys),
  };
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const session = SessionResponseSchema.parse(await json(await post(ORG_PATHS.setup, request)));
  return {
    org: session.org,
    fingerprint,
    session,
    privateKeys,
    enrolDevice: async (name = 'Work phone') => {
      const answer = (await json(await post(ORG_PATHS.devices, { name }, session.token))) as {
        device: { id: string };
        token: string;
      };
      return { id: answer.device.id, token: answer.token };
    },
    revoke: async (deviceId) => {
      await json(await post(ORG_PATHS.revokeDevice(deviceId), {}, session.token));
    },
    linkFor: (token, { fingerprint: pinned = fingerprint, appOrigin = 'http://127.0.0.1:4173' } = {}) =>
      encodeEnrolmentLink(appOrigin, { v: 1, endpoint: url, token, fingerprint: pinned }),
  };
};
