// "Rotate organisation key", in the officer's browser: a new HPKE encryption key pair, signed with the organisation's
// signing key, its private half sealed to every confirmed officer, then published by the server as the current key.
// The crypto is the vault's (src/vault/org.ts); no private key leaves this page except sealed to an officer.
import { LIFECYCLE_PATHS } from '../../domain/lifecycle-protocol.ts';
import type { OrgEncryptionKey } from '../../domain/org-protocol.ts';
import { TEAM_PATHS, type TeamMember, TeamSchema } from '../../domain/team-protocol.ts';
import { createEncryptionKey, sealGrant, verifyOrgDescriptor } from '../../vault/org.ts';
import type { OfficerApi } from '../officer-api.ts';
import { OfficerError } from '../officer-errors.ts';
import type { OfficerSession } from '../session-keeper.ts';

/** The officers a new key is sealed to: every confirmed one (a waiting officer gets every key when confirmed). */
export const keyHolders = (officers: readonly TeamMember[]): TeamMember[] => officers.filter((o) => o.confirmed);

/**
 * Makes, signs, seals and publishes a new encryption key. On success this session holds its private key too (the
 * Map in `session.orgKeys` and the key in `session.org`), so reports sealed to it open here at once; other officers
 * receive it at their next sign-in. Throws OfficerError ('officers-changed' when someone was confirmed or removed
 * meanwhile: nothing was published).
 */
export const rotateOrganisationKey = async (
  api: OfficerApi,
  session: OfficerSession,
  now: Date = new Date(),
): Promise<OrgEncryptionKey> => {
  const keys = session.orgKeys;
  if (!keys) throw new OfficerError('forbidden');
  const team = await api.sessionJson('GET', TEAM_PATHS.officers, TeamSchema, session.token);
  const { publicKey, privateKey } = await createEncryptionKey(keys.signing, now);
  const org = { ...session.org, encryptionKeys: [...session.org.encryptionKeys, publicKey] };
  // What devices will check: the descriptor with the new key must verify against the fingerprint they pinned.
  await verifyOrgDescriptor(org, session.fingerprint);
  const grants = await Promise.all(
    keyHolders(team.officers).map(async (officer) => ({
      officerId: officer.id,
      ...(await sealGrant(officer.publicKey, officer.email, publicKey.kid, privateKey)),
    })),
  );
  await api.sessionSend(LIFECYCLE_PATHS.rotateKey, { encryptionKey: publicKey, grants }, session.token);
  keys.encryption.set(publicKey.kid, privateKey);
  session.org = org;
  return publicKey;
};
