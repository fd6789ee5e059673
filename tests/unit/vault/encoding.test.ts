import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url, statementBytes } from '../../../src/vault/encoding.ts';

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
