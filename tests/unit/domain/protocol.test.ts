// The wire's shared pieces: receipts, error bodies, health, the headers and paths, the idempotency key and the
// canonical JSON that body hashes and signatures are taken over.
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  ErrorBodySchema,
  HEADERS,
  HealthSchema,
  idempotencyKey,
  PATHS,
  ReceiptSchema,
  SUBMISSION_MAX_BYTES,
  type Submission,
  SubmissionSchema,
  submissionContent,
  WIRE_ERROR_CODES,
} from '../../../src/domain/protocol.ts';
import { REPORT_SCHEMA_VERSION } from '../../../src/domain/report-schema.ts';
import { validateForSubmit } from '../../../src/domain/report-validation.ts';
import { completeDraft } from '../fixtures/report.ts';
import { accepts, issuesOf } from './schema-issues.ts';

const ID = '0b6f2c1e-4a57-4c1b-9a39-3f1d2e5c7a90';

describe('canonicalJson', () => {
  it('sorts object keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text for the same content written in another order', () => {
    expect(canonicalJson({ x: 'é', y: [1, 2] })).toBe(canonicalJson({ y: [1, 2], x: 'é' }));
  });

  it('drops undefined members and keeps scalars as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 'text' })).toBe('{"b":"text"}');
    expect(canonicalJson('text')).toBe('"text"');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson([{ b: 1, a: 2 }])).toBe('[{"a":2,"b":1}]');
  });
});

describe('SubmissionSchema (v1, refused by the server as gone but still read)', () => {
  const checked = validateForSubmit(completeDraft());
  if (!checked.ok) throw new Error('the fixture report is invalid');
  const submission: Submission = {
    id: ID,
    revision: 1,
    schemaVersion: REPORT_SCHEMA_VERSION,
    createdAt: '2026-11-01T10:00:00.000Z',
    submittedAt: '2026-11-01T10:05:00+01:00',
    report: checked.report,
  };

  it('reads a submission, and compares everything but its submission time', () => {
    expect(SubmissionSchema.parse(submission)).toEqual(submission);
    const { submittedAt: _ignored, ...content } = submission;
    expect(submissionContent(submission)).toEqual(content);
    expect(accepts(SubmissionSchema, { ...submission, revision: Number.MAX_SAFE_INTEGER })).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an id that is not a UUID', { id: 'r1' }, 'id: must be a UUID'],
    ['revision 0', { revision: 0 }, 'revision: must be a whole number of 1 or more'],
    ['a revision with a fraction', { revision: 1.5 }, 'revision: must be a whole number of 1 or more'],
    ['a revision as text', { revision: '1' }, 'revision: must be a whole number of 1 or more'],
    [
      'another schema version',
      { schemaVersion: REPORT_SCHEMA_VERSION - 1 },
      `schemaVersion: this server accepts report schema version ${REPORT_SCHEMA_VERSION} only; update the app or the server`,
    ],
    ['a creation time in words', { createdAt: 'yesterday' }, 'createdAt: must be an ISO 8601 date and time'],
    [
      'a submission time without a zone',
      { submittedAt: '2026-11-01T10:05' },
      'submittedAt: must be an ISO 8601 date and time',
    ],
  ])('refuses %s, saying so', (_what, change, issue) => {
    expect(issuesOf(SubmissionSchema, { ...submission, ...change })).toEqual([issue]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a revision past the largest safe integer', { revision: Number.MAX_SAFE_INTEGER + 2 }],
    ['no report', { report: undefined }],
    ['a report without a description', { report: { ...checked.report, description: '' } }],
    ['a field it does not know', { extra: 1 }],
  ])('refuses %s', (_what, change) => {
    expect(accepts(SubmissionSchema, { ...submission, ...change })).toBe(false);
  });
});

describe('ReceiptSchema', () => {
  const receipt = { id: ID, revision: 1, receivedAt: '2026-11-30T09:05:01.000Z' };
  it('reads a receipt', () => {
    expect(ReceiptSchema.parse(receipt)).toEqual(receipt);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an id that is not a UUID', { id: 'r1' }, 'id'],
    ['revision 0', { revision: 0 }, 'revision'],
    ['a revision with a fraction', { revision: 1.5 }, 'revision'],
    ['a receipt time in words', { receivedAt: 'now' }, 'receivedAt: must be an ISO 8601 date and time'],
  ])('refuses %s', (_what, change, issue) => {
    const issues = issuesOf(ReceiptSchema, { ...receipt, ...change });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.startsWith(issue)).toBe(true);
  });
});

describe('ErrorBodySchema', () => {
  it('reads an error with or without the issues it lists', () => {
    const body = { error: { code: 'invalid', message: 'Check the report.' } };
    expect(ErrorBodySchema.parse(body)).toEqual(body);
    const withIssues = { error: { ...body.error, issues: [{ path: 'revision', message: 'must be a whole number' }] } };
    expect(ErrorBodySchema.parse(withIssues)).toEqual(withIssues);
  });

  it.each([
    [{}],
    [{ error: { code: 'invalid' } }],
    [{ error: { message: 'Check the report.' } }],
    [{ error: { code: 'invalid', message: 'Check the report.', issues: [{ path: 'revision' }] } }],
    [{ error: { code: 'invalid', message: 'Check the report.', issues: [{ message: 'wrong' }] } }],
  ])('refuses %o', (body) => {
    expect(accepts(ErrorBodySchema, body)).toBe(false);
  });
});

describe('HealthSchema', () => {
  const health = { service: 'safevisit', protocol: 1, status: 'ok' };
  it('reads a SafeVisit server’s health, with or without the token check', () => {
    expect(HealthSchema.parse(health)).toEqual(health);
    expect(HealthSchema.parse({ ...health, authorised: false })).toEqual({ ...health, authorised: false });
  });

  it.each<[string, Record<string, unknown>]>([
    ['another service', { service: 'other' }],
    ['protocol 0', { protocol: 0 }],
    ['a protocol with a fraction', { protocol: 1.5 }],
    ['no status', { status: undefined }],
    ['authorised as text', { authorised: 'yes' }],
  ])('refuses %s', (_what, change) => {
    expect(accepts(HealthSchema, { ...health, ...change })).toBe(false);
  });
});

describe('headers, paths and keys', () => {
  it('refuses bodies over 256 KB', () => {
    expect(SUBMISSION_MAX_BYTES).toBe(262_144);
  });

  it('keys a submission by its id and revision', () => {
    expect(idempotencyKey(ID, 3)).toBe(`${ID}:3`);
  });

  it('names the headers and the v1 paths', () => {
    expect(HEADERS).toEqual({
      authorization: 'Authorization',
      idempotencyKey: 'Idempotency-Key',
      ifNoneMatch: 'If-None-Match',
      etag: 'ETag',
      retryAfter: 'Retry-After',
    });
    expect(PATHS).toEqual({ reports: '/v1/reports', guidance: '/v1/guidance', health: '/v1/health' });
  });

  it('lists each error code once, in lower-case words joined by hyphens', () => {
    expect(new Set(WIRE_ERROR_CODES).size).toBe(WIRE_ERROR_CODES.length);
    for (const code of WIRE_ERROR_CODES) expect(code).toMatch(/^[a-z]+(?:-[a-z0-9]+)*$/);
    expect(WIRE_ERROR_CODES).toEqual(expect.arrayContaining(['invalid', 'unauthorised', 'gone', 'unknown-key']));
  });
});
