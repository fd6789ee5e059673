import { describe, expect, it } from 'vitest';
import {
  decodeEnrolmentLink,
  ENROLMENT_LINK_PROBLEMS,
  encodeEnrolmentLink,
} from '../../../src/domain/enrolment-link.ts';
import type { EnrolmentPayload } from '../../../src/domain/org-protocol.ts';

const PAYLOAD: EnrolmentPayload = {
  v: 1,
  endpoint: 'https://reports.example.org',
  token: `${'T'.repeat(42)}w`,
  fingerprint: `${'a-_Z9'.repeat(8)}abc`,
};

const fragmentOf = (json: string) =>
  `#enrol=${Buffer.from(json, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;

describe('enrolment link', () => {
  it('round-trips the payload through the link, with the payload only in the fragment', () => {
    const link = encodeEnrolmentLink('https://app.example.org/', PAYLOAD);
    const url = new URL(link);
    expect(url.origin).toBe('https://app.example.org');
    expect(url.pathname).toBe('/');
    expect(url.search).toBe('');
    expect(url.hash.startsWith('#enrol=')).toBe(true);
    expect(link).not.toContain(PAYLOAD.token);
    expect(url.hash).toMatch(/^#enrol=[A-Za-z0-9_-]+$/);
    expect(decodeEnrolmentLink(link)).toEqual({ ok: true, payload: PAYLOAD });
  });

  it('reads a pasted fragment alone and ignores surrounding spaces', () => {
    const link = encodeEnrolmentLink('http://127.0.0.1:4173', { ...PAYLOAD, endpoint: 'http://127.0.0.1:4173' });
    const fragment = link.slice(link.indexOf('#'));
    expect(decodeEnrolmentLink(`  ${fragment}\n`)).toEqual({
      ok: true,
      payload: { ...PAYLOAD, endpoint: 'http://127.0.0.1:4173' },
    });
  });

  it('refuses to make a link from a payload that breaks the schema', () => {
    expect(() => encodeEnrolmentLink('https://app.example.org', { ...PAYLOAD, token: 'short' })).toThrow();
    expect(() =>
      encodeEnrolmentLink('https://app.example.org', { ...PAYLOAD, endpoint: 'javascript:alert(1)' }),
    ).toThrow();
  });

  const link = encodeEnrolmentLink('https://app.example.org', PAYLOAD);
  it.each([
    ['a web address without a fragment', 'https://app.example.org/', 'not-a-link'],
    ['another app’s fragment', 'https://app.example.org/#/reports', 'not-a-link'],
    ['an empty string', '', 'not-a-link'],
    ['an absurdly long paste', `#enrol=${'A'.repeat(5_000)}`, 'not-a-link'],
    ['a truncated link', link.slice(0, link.length - 20), 'damaged'],
    ['characters outside base64url', `${link}+/=`, 'damaged'],
    ['base64 of text that is not JSON', fragmentOf('hello'), 'damaged'],
    ['JSON of another shape', fragmentOf('{"v":1,"endpoint":"https://x.example"}'), 'damaged'],
    ['JSON with an extra field', fragmentOf(JSON.stringify({ ...PAYLOAD, extra: 1 })), 'damaged'],
    ['a newer version', fragmentOf(JSON.stringify({ ...PAYLOAD, v: 2 })), 'unsupported'],
  ])('answers %s with a plain problem, never a throw', (_what, input, problem) => {
    const result = decodeEnrolmentLink(input);
    expect(result).toEqual({ ok: false, problem });
    if (!result.ok) expect(ENROLMENT_LINK_PROBLEMS[result.problem]).toMatch(/\.$/);
  });
});
