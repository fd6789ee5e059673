// Typed builders for the server tests: a real server on 127.0.0.1 port 0, a valid submission, and request helpers.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../../../server/app.ts';
import { idempotencyKey, type Submission, type SubmissionInput } from '../../../src/domain/protocol.ts';
import { emptyDraft, REPORT_SCHEMA_VERSION } from '../../../src/domain/report-schema.ts';
import { validateForSubmit } from '../../../src/domain/report-validation.ts';
import { BUNDLED_PACK } from '../../../src/guidance/pack.ts';

export const DEVICE_TOKEN = 'device-token-for-tests-0123456789';
export const OTHER_DEVICE_TOKEN = 'second-device-token-for-tests-987';

/** Words that must never come back in an error body (they stand for what a worker typed about a child). */
export const SECRET_WORDS = 'Zebedee-Quokka-7731';

export type TestServer = { url: string; app: FastifyInstance; close: () => Promise<void> };

export const startServer = async (options: AppOptions = {}): Promise<TestServer> => {
  const app = await buildApp({
    tokens: [DEVICE_TOKEN, OTHER_DEVICE_TOKEN],
    dbPath: ':memory:',
    rateLimit: false,
    // The server's own default is the pack the build wrote beside the app; these tests serve no app.
    guidancePack: BUNDLED_PACK,
    ...options,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not bind a port');
  return { url: `http://127.0.0.1:${address.port}`, app, close: () => app.close() };
};

/** A report that passes validateForSubmit. */
export const validReport = (overrides: Record<string, unknown> = {}) => {
  const result = validateForSubmit(
    {
      ...emptyDraft({ orgName: 'Camden Children’s Services' }),
      dateHappened: '2026-03-27',
      reporterName: 'A. Worker',
      incidentTypes: ['bullying'],
      description: `The child said messages were sent every night. ${SECRET_WORDS}`,
      ...overrides,
    },
    new Date('2026-11-01T12:00:00Z'),
  );
  if (!result.ok) throw new Error(`fixture report is invalid: ${JSON.stringify(result.issues)}`);
  return result.report;
};

export const submission = (overrides: Partial<SubmissionInput> = {}): Submission => ({
  id: randomUUID(),
  revision: 1,
  schemaVersion: REPORT_SCHEMA_VERSION,
  createdAt: '2026-11-01T10:00:00.000Z',
  submittedAt: '2026-11-01T10:05:00.000Z',
  report: validReport(),
  ...(overrides as Partial<Submission>),
});

export type PostOptions = { token?: string | null; key?: string | null; body?: string; contentType?: string };

/** POST /v1/reports with the device token and the matching Idempotency-Key unless told otherwise. */
export const postReport = (url: string, s: Submission | Record<string, unknown>, options: PostOptions = {}) => {
  const headers: Record<string, string> = { 'Content-Type': options.contentType ?? 'application/json' };
  const token = options.token === undefined ? DEVICE_TOKEN : options.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const key = options.key === undefined ? idempotencyKey(String(s.id), Number(s.revision)) : options.key;
  if (key !== null) headers['Idempotency-Key'] = key;
  return fetch(`${url}/v1/reports`, { method: 'POST', headers, body: options.body ?? JSON.stringify(s) });
};

export const getJson = async (url: string, token?: string) => {
  const response = await fetch(url, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  return { response, body: (await response.json()) as unknown };
};

/**
 * fetch that always reads the whole body: an unread large body (the guidance pack) keeps the server's write pending,
 * and a graceful close then waits for it forever.
 */
export const fetchText = async (url: string, init: RequestInit = {}) => {
  const response = await fetch(url, init);
  return { response, text: await response.text() };
};

/** True while the server still answers its health check. */
export const isUp = async (url: string): Promise<boolean> => {
  const { response, text } = await fetchText(`${url}/v1/health`);
  return response.status === 200 && text.includes('safevisit');
};
