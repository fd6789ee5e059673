import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  decodeBase64Url,
  encodeBase64Url,
  packEnvelope,
  statementBytes,
  unpackEnvelope,
} from '../../../src/vault/encoding.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('base64url', () => {
  // RFC 4648 section 10 vectors, unpadded, plus the two characters where base64url differs from base64.
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes %j as %j and back', (plain, encoded) => {
    const bytes = new TextEncoder().encode(plain);
    expect(encodeBase64Url(bytes)).toBe(encoded);
    expect(text(decodeBase64Url(encoded))).toBe(plain);
  });

  it('uses - and _ where base64 uses + and /', () => {
    expect(encodeBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(decodeBase64Url('-_8')).toEqual(new Uint8Array([0xfb, 0xff]));
  });

  it.each(['Zm9v=', 'Zm+v', 'Zm/v', 'Z', 'Zm9vY'])('refuses %j as invalid', (bad) => {
    expect(() => decodeBase64Url(bad)).toThrow(expect.objectContaining({ code: 'invalid' }));
  });
});

describe('statements', () => {
  it('are the same bytes whatever the order of the fields', () => {
    expect(statementBytes('t', 1, { b: 'x', a: 2 })).toEqual(statementBytes('t', 1, { a: 2, b: 'x' }));
    expect(text(statementBytes('t', 1, { b: 'x', a: 2 }))).toBe('{"a":2,"b":"x","type":"t","v":1}');
  });

  it('cannot be made to read as another by moving text between fields', () => {
    const a = statementBytes('t', 1, { name: 'Riverside","x":"', signingKey: 'K' });
    const b = statementBytes('t', 1, { name: 'Riverside', signingKey: '","x":"K' });
    expect(text(a)).not.toBe(text(b));
  });

  it('differ by type and by version', () => {
    const fields = { a: 'x' };
    expect(text(statementBytes('t', 1, fields))).not.toBe(text(statementBytes('u', 1, fields)));
    expect(text(statementBytes('t', 1, fields))).not.toBe(text(statementBytes('t', 2, fields)));
  });
});

describe('base64url, more', () => {
  it('maps every - and _ back, not only the first', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xfb, 0xff, 0xfb, 0xff]);
    expect(encodeBase64Url(bytes)).toBe('-__7__v_');
    expect(decodeBase64Url('-__7__v_')).toEqual(bytes);
  });

  it('refuses anything that is not text as invalid', () => {
    expect(() => decodeBase64Url(42 as unknown as string)).toThrow(
      expect.objectContaining({ code: 'invalid', detail: { reason: 'base64url' } }),
    );
  });
});

describe('statements, more', () => {
  it.each<Record<string, string | number>>([{ type: 'other' }, { v: 2 }])(
    'refuses a field that would overwrite the type tag or version: %j',
    (fields) => {
      expect(() => statementBytes('t', 1, fields)).toThrow(
        expect.objectContaining({ code: 'invalid', detail: { reason: 'statement-fields' } }),
      );
    },
  );
});

describe('packed envelopes', () => {
  const Schema = z.object({ v: z.literal(1), alg: z.literal('test-alg'), key: z.string() });
  const refusedAsEnvelope = (text: string) =>
    expect(() => unpackEnvelope(text, Schema)).toThrow(
      expect.objectContaining({ code: 'invalid', detail: { reason: 'envelope' } }),
    );

  it('packs as base64url of its JSON and unpacks to the same fields', () => {
    const packed = packEnvelope({ v: 1, alg: 'test-alg', key: 'k' });
    expect(packed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(new TextDecoder().decode(decodeBase64Url(packed))).toBe('{"v":1,"alg":"test-alg","key":"k"}');
    expect(unpackEnvelope(packed, Schema)).toEqual({ v: 1, alg: 'test-alg', key: 'k' });
  });

  it('refuses text that is not base64url', () => {
    refusedAsEnvelope('not base64url!');
  });

  it('refuses bytes that are not UTF-8, even where a lenient decoding would give well-formed JSON', () => {
    refusedAsEnvelope(encodeBase64Url(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])));
    const json = new TextEncoder().encode('{"v":1,"alg":"test-alg","key":"?"}');
    json[json.length - 3] = 0xff;
    refusedAsEnvelope(encodeBase64Url(json));
  });

  it('keeps why text that is not an envelope was refused', () => {
    let error: unknown;
    try {
      unpackEnvelope('not base64url!', Schema);
    } catch (e) {
      error = e;
    }
    expect((error as { cause?: unknown }).cause).toBeInstanceOf(Error);
  });

  it('refuses text that is not JSON', () => {
    refusedAsEnvelope(encodeBase64Url(new TextEncoder().encode('{v:1}')));
  });

  it('refuses JSON of another shape', () => {
    refusedAsEnvelope(packEnvelope({ v: 2, alg: 'test-alg', key: 'k' }));
    refusedAsEnvelope(packEnvelope({ v: 1, alg: 'test-alg' }));
  });
});
