// Typed builders for sealed reports over a real socket: a server set up with a real organisation (its private keys
// stay in the test, as in the officer's browser), an enrolled device, envelopes sealed with the real HPKE, and
// requests to the v2 routes.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { EnrolDeviceResponseSchema, ORG_PATHS } from '../../../src/domain/org-protocol.ts';
import { idempotencyKey } from '../../../src/domain/protocol.ts';
import { REPORT_SCHEMA_VERSION } from '../../../src/domain/report-schema.ts';
import { SEALED_PATHS, type SealedSubmission, type Urgency } from '../../../src/domain/sealed-protocol.ts';
import { utf8 } from '../../../src/vault/crypto.ts';
import { type OrgPrivateKeys, openReport, sealReport } from '../../../src/vault/org.ts';
import { buildOrganisation } from '../fixtures.ts';
import { type SetUpServer, send, startSetUpServer } from './org-fixtures.ts';
import { type startServer, validReport } from './server-fixtures.ts';

export type Organisation = Awaited<ReturnType<typeof buildOrganisation>>;

export type SealedServer = SetUpServer & {
  org: Organisation;
  /** An enrolled device's token and id. */
  deviceToken: string;
  deviceId: string;
};

/** A server on 127.0.0.1 set up with a real organisation, with one enrolled device. */
export const startSealedServer = async (
  options: Parameters<typeof startServer>[0] = {},
  org?: Organisation,
): Promise<SealedServer> => {
  const organisation = org ?? (await buildOrganisation());
  const server = await startSetUpServer(options, organisation.organisation);
  const { deviceToken, deviceId } = await enrolDevice(server, 'Hall laptop');
  return { ...server, org: organisation, deviceToken, deviceId };
};

/** Enrols one more device through the officer's route; its token and id. */
export const enrolDevice = async (
  server: SetUpServer,
  name: string,
): Promise<Pick<SealedServer, 'deviceToken' | 'deviceId'>> => {
  const response = await send(server.url, ORG_PATHS.devices, { token: server.session.token, body: { name } });
  if (response.status !== 201) throw new Error(`enrolment failed: ${response.status}`);
  const { device, token } = EnrolDeviceResponseSchema.parse(await response.json());
  return { deviceToken: token, deviceId: device.id };
};

/** A `start` for sealed servers that this test file closes after each test. */
export const sealedServersPerTest = () => {
  const servers: SealedServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });
  return async (...args: Parameters<typeof startSealedServer>) => {
    const server = await startSealedServer(...args);
    servers.push(server);
    return server;
  };
};

/** The bytes a device seals: a report that passes validation, whose description says `words`. */
export const reportBytes = (words: string): Uint8Array =>
  utf8(JSON.stringify(validReport({ description: `The child said: ${words}` })));

/** A submission sealed for real to the organisation's current encryption key. */
export const sealedSubmission = async (
  org: Organisation,
  options: { id?: string; revision?: number; words?: string; urgency?: Urgency; createdAt?: string } = {},
): Promise<SealedSubmission> => {
  const id = options.id ?? randomUUID();
  const revision = options.revision ?? 1;
  const sealed = await sealReport(
    org.organisation.encryptionKey,
    { id, revision, schemaVersion: REPORT_SCHEMA_VERSION },
    reportBytes(options.words ?? 'nothing of note'),
  );
  return {
    id,
    revision,
    schemaVersion: REPORT_SCHEMA_VERSION,
    createdAt: options.createdAt ?? '2026-11-01T10:00:00.000Z',
    submittedAt: '2026-11-01T10:05:00.000Z',
    urgency: options.urgency ?? 'routine',
    ...sealed,
  };
};

/** Opens an envelope as the officer's browser does; the report's description. */
export const openedDescription = async (
  keys: OrgPrivateKeys,
  envelope: Pick<SealedSubmission, 'id' | 'revision' | 'schemaVersion' | 'keyId' | 'enc' | 'ciphertext'>,
): Promise<string> => {
  const bytes = await openReport(
    keys,
    { id: envelope.id, revision: envelope.revision, schemaVersion: envelope.schemaVersion },
    envelope,
  );
  return (JSON.parse(new TextDecoder().decode(bytes)) as { description: string }).description;
};

export type PostSealedOptions = { token?: string | null; key?: string | null; body?: string; contentType?: string };

/** POST /v2/reports with the device token and the matching Idempotency-Key unless told otherwise. */
export const postSealed = (
  server: Pick<SealedServer, 'url' | 'deviceToken'>,
  s: SealedSubmission | Record<string, unknown>,
  options: PostSealedOptions = {},
) => {
  const headers: Record<string, string> = { 'Content-Type': options.contentType ?? 'application/json' };
  const token = options.token === undefined ? server.deviceToken : options.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const key = options.key === undefined ? idempotencyKey(String(s.id), Number(s.revision)) : options.key;
  if (key !== null) headers['Idempotency-Key'] = key;
  return fetch(`${server.url}${SEALED_PATHS.reports}`, {
    method: 'POST',
    headers,
    body: options.body ?? JSON.stringify(s),
  });
};

/** A database file path in a fresh folder per call, the folder removed after the test. */
export const dbFilesPerTest = () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'safevisit-sealed-'));
    dirs.push(dir);
    return join(dir, 'safevisit.sqlite');
  };
};
