// The organisation crypto's public surface (DESIGN.md "The organisation side"): the officer's screens and the
// device import it from here and never touch WebCrypto themselves. Wire types come from src/domain/org-protocol.ts.
export { decodeBase64Url, encodeBase64Url } from './encoding.ts';
export { HPKE_ALG } from './hpke.ts';
export {
  AUTH_KEY_BYTES,
  createOfficerKeyPair,
  deriveOfficerSecrets,
  newOfficerKdf,
  openGrants,
  openOfficerPrivateKey,
  SIGNING_GRANT_KID,
  sealGrant,
  sealGrants,
} from './officer-keys.ts';
export {
  createEncryptionKey,
  createOrganisationKeys,
  currentEncryptionKey,
  fingerprintCode,
  fingerprintOf,
  type OrgPrivateKeys,
  orgDescriptorOf,
  verifyOrgDescriptor,
} from './org-keys.ts';
export { openReport, REPORT_SEAL_VERSION, type ReportAad, type SealedReport, sealReport } from './report-seal.ts';
