// The small pure parts of the sync server and the wire protocol: token checks, If-None-Match, canonical JSON,
// the submission schema and the idempotency key. Table-driven.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearerToken, createTokenChecker, sha256Hex } from '../../../server/auth.ts';
import { matchesIfNoneMatch } from '../../../server/guidance.ts';
import {
  canonicalJson,
  idempotencyKey,
  ReceiptSchema,
  SubmissionSchema,
  submissionContent,
} from '../../../src/domain/protocol.ts';
import { submission } from '../fixtures.ts';

describe('bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['Bearer   abc  ', 'abc'],
    ['Basic abc', undefined],
    ['Bearer', undefined],
    ['Bearer a b', undefined],
    ['xBearer abc', undefined],
    ['Bearer\tabc', undefined],
    ['Bearerabc', undefined],
    [undefined, undefined],
  ])('%j gives %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe('sha256Hex', () => {
  it('is the SHA-256 of the UTF-8 text in lower-case hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('é')).toBe(
      createHash('sha256')
        .update(Buffer.from([0xc3, 0xa9]))
        .digest('hex'),
    );
  });
});

describe('createTokenChecker', () => {
  const checker = createTokenChecker(['device-one', 'device-two', '']);

  it.each([
    ['device-one', 'device'],
    ['device-two', 'device'],
    ['officer', undefined],
    ['device-three', undefined],
    ['device-on', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j is %j', async (token, role) => {
    expect((await checker.check(token))?.role).toBe(role);
  });

  it('labels tokens by a hash prefix that differs per token and never contains the token', async () => {
    const one = (await checker.check('device-one'))?.label ?? '';
    const two = (await checker.check('device-two'))?.label ?? '';
    expect(one).toMatch(/^device:[0-9a-f]{12}$/);
    expect(one).not.toBe(two);
    expect(one).not.toContain('device-one');
  });

  it('accepts no empty token', async () => {
    expect(await createTokenChecker(['a-device']).check('')).toBeUndefined();
  });

  it('asks the enrolled devices about a token that is not configured, and only then', async () => {
    const asked: string[] = [];
    const enrolled = createTokenChecker(['device-one'], async (token) => {
      asked.push(token);
      return token === 'enrolled' ? { role: 'device', label: 'device:42', deviceId: '42' } : undefined;
    });
    expect(await enrolled.check('enrolled')).toEqual({ role: 'device', label: 'device:42', deviceId: '42' });
    expect(await enrolled.check('stranger')).toBeUndefined();
    expect((await enrolled.check('device-one'))?.label).toMatch(/^device:[0-9a-f]{12}$/);
    expect(asked).toEqual(['enrolled', 'stranger']);
  });
});

describe('matchesIfNoneMatch', () => {
  const etag = '"abc123"';
  it.each([
    [undefined, false],
    ['', false],
    ['"abc123"', true],
    ['W/"abc123"', true],
    ['"x", "abc123"', true],
    ['*', true],
    ['"abc12"', false],
    ['abc123', false],
    [' * ', true],
    ['"x" ,  "abc123" ', true],
    ['"x",W/"abc123"', true],
    ['"x", "y"', false],
    ['W/"abc1234"', false],
    ['"W/abc123"', false],
  ])('%j matches: %s', (header, expected) => {
    expect(matchesIfNoneMatch(header, etag)).toBe(expected);
  });

  it('compares weakly on the stored side too', () => {
    expect(matchesIfNoneMatch('"abc123"', 'W/"abc123"')).toBe(true);
  });
});

describe('canonicalJson', () => {
  it('gives the same text whatever the key order, keeping array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' } })).toBe(canonicalJson({ a: { c: 'x', d: [2, 1] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: [{ z: 1, y: 2 }] })).toBe('{"a":[{"y":2,"z":1}],"b":1}');
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
});

describe('the wire schemas', () => {
  it('accepts a well-formed submission and leaves submittedAt out of its content', () => {
    const s = submission();
    expect(SubmissionSchema.safeParse(s).success).toBe(true);
    expect(submissionContent(s)).not.toHaveProperty('submittedAt');
    expect(submissionContent(s)).toHaveProperty('report');
  });

  it.each([
    ['an unknown top-level field', { extra: 1 }],
    ['a revision that is not whole', { revision: 1.5 }],
    ['a createdAt that is not a date', { createdAt: 'yesterday' }],
    ['no report', { report: undefined }],
  ])('refuses %s', (_name, change) => {
    expect(SubmissionSchema.safeParse({ ...submission(), ...change }).success).toBe(false);
  });

  it('builds the idempotency key as id:revision', () => {
    expect(idempotencyKey('5b1f6a4e-0000-4000-8000-000000000000', 3)).toBe('5b1f6a4e-0000-4000-8000-000000000000:3');
  });

  it('parses a receipt and tolerates fields a later server may add', () => {
    const receipt = { id: crypto.randomUUID(), revision: 1, receivedAt: new Date().toISOString(), extra: true };
    expect(ReceiptSchema.parse(receipt)).toEqual({ id: receipt.id, revision: 1, receivedAt: receipt.receivedAt });
  });
});
