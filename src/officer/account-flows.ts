// Setting up the organisation and signing in, in the officer's browser: the passphrase and the keys it opens never
// leave this page; the server gets an authentication key, public keys and sealed values only (DESIGN.md, "The
// organisation side"). All the crypto is the vault's (src/vault/org.ts); this only runs the steps in order.
import type { SealedGrant, SessionResponse, SetupRequest } from '../domain/org-protocol.ts';
import {
  createOfficerKeyPair,
  createOrganisationKeys,
  deriveOfficerSecrets,
  fingerprintCode,
  fingerprintOf,
  newOfficerKdf,
  openGrants,
  openOfficerPrivateKey,
  sealGrants,
} from '../vault/org.ts';
import type { OfficerApi } from './officer-api.ts';
import { OfficerError } from './officer-errors.ts';
import type { OfficerSession } from './session-keeper.ts';

export type SetupInput = { setupCode: string; orgName: string; name: string; email: string; passphrase: string };

/** The code two officers compare (read aloud, by phone) before one confirms the other: of the public key's SHA-256. */
export const keyCodeOf = async (publicKey: string): Promise<string> => fingerprintCode(await fingerprintOf(publicKey));

const toSession = async (response: SessionResponse, orgKeys: OfficerSession['orgKeys']): Promise<OfficerSession> => {
  const fingerprint = await fingerprintOf(response.org.signingKey);
  return {
    token: response.token,
    expiresAt: Date.parse(response.expiresAt),
    idleTimeoutMs: response.idleTimeoutMs,
    officer: response.officer,
    org: response.org,
    fingerprint,
    fingerprintCode: fingerprintCode(fingerprint),
    keyCode: await keyCodeOf(response.keys.publicKey),
    orgKeys,
  };
};

/**
 * The first officer: derives their secrets, makes the organisation's keys and their own key pair, seals the
 * organisation's private keys to themselves and sends the setup. The organisation's private keys stay in memory.
 */
export const setUpOrganisation = async (api: OfficerApi, input: SetupInput): Promise<OfficerSession> => {
  const email = input.email.trim().toLowerCase();
  const kdf = newOfficerKdf();
  const { authKey, kek } = await deriveOfficerSecrets(input.passphrase, kdf);
  const { organisation, privateKeys } = await createOrganisationKeys(input.orgName.trim());
  const { keys } = await createOfficerKeyPair(kek, email);
  const grants = await sealGrants(keys.publicKey, email, privateKeys);
  const request: SetupRequest = {
    setupCode: input.setupCode.trim(),
    organisation,
    officer: { name: input.name.trim(), email, kdf, authKey, keys },
    grants,
  };
  const response = await api.setup(request);
  // The server must publish the organisation this browser made, not another one.
  if (response.org.signingKey !== organisation.signingKey) throw new OfficerError('keys-tampered');
  return toSession(response, privateKeys);
};

/** prelogin -> derive -> sign in -> open the officer's private key -> open the organisation's keys (grants). */
export const signIn = async (api: OfficerApi, emailInput: string, passphrase: string): Promise<OfficerSession> => {
  const email = emailInput.trim().toLowerCase();
  const kdf = await api.prelogin(email);
  const { authKey, kek } = await deriveOfficerSecrets(passphrase, kdf);
  const response = await api.signIn(email, authKey);
  try {
    const officerKey = await openOfficerPrivateKey(kek, email, response.keys);
    // An officer not yet confirmed holds no grants: signed in, reading nothing.
    const orgKeys = response.grants.length ? await openGrants(officerKey, email, response.grants, response.org) : null;
    return await toSession(response, orgKeys);
  } catch (e) {
    // Keys that do not open leave no session behind on the server either.
    await api.signOut(response.token).catch(() => undefined);
    throw e;
  }
};

/**
 * The invitee: makes their KDF, secrets and key pair here (bound to the invited email), sends the public half and
 * the wrapped private key with the invite token, then signs in. They read nothing until another officer confirms.
 */
export const acceptInvite = async (
  api: OfficerApi,
  token: string,
  invitedEmail: string,
  passphrase: string,
): Promise<OfficerSession> => {
  const email = invitedEmail.trim().toLowerCase();
  const kdf = newOfficerKdf();
  const { authKey, kek } = await deriveOfficerSecrets(passphrase, kdf);
  const { keys } = await createOfficerKeyPair(kek, email);
  await api.acceptInvite({ token, kdf, authKey, keys });
  return signIn(api, email, passphrase);
};

/** Seals the organisation's private keys (held by this confirmed officer) to the pending officer's public key. */
export const sealGrantsFor = async (
  session: OfficerSession,
  officer: { publicKey: string; email: string },
): Promise<SealedGrant[]> => {
  if (!session.orgKeys) throw new OfficerError('forbidden');
  return sealGrants(officer.publicKey, officer.email, session.orgKeys);
};
