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

  // Made by hand, not by encodeEnrolmentLink: the table is built before any test runs.
  const link = `https://app.example.org/${fragmentOf(JSON.stringify(PAYLOAD))}`;
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

const bytesFragment = (bytes: Uint8Array) =>
  `#enrol=${Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;

describe('enrolment link: edges', () => {
  const link = `https://app.example.org/${fragmentOf(JSON.stringify(PAYLOAD))}`;
  it('writes only base64url characters, whatever bytes the payload encodes to', () => {
    // Endpoints whose base64 holds '+', '/' and '=' padding: each must come out as '-', '_' or nothing.
    for (const endpoint of [
      'https://x.example/?>>',
      'https://x.example/??~',
      'https://x.example/a',
      'https://x.example/ab',
    ]) {
      const link = encodeEnrolmentLink('https://app.example.org', { ...PAYLOAD, endpoint });
      expect(link).toMatch(/^https:\/\/app\.example\.org\/#enrol=[A-Za-z0-9_-]+$/);
      expect(decodeEnrolmentLink(link)).toEqual({ ok: true, payload: { ...PAYLOAD, endpoint } });
    }
  });

  it('puts the fragment right after the app’s address, however many slashes it ends with', () => {
    expect(encodeEnrolmentLink('https://app.example.org//', PAYLOAD)).toMatch(/^https:\/\/app\.example\.org\/#enrol=/);
    expect(encodeEnrolmentLink('https://example.org/safevisit/', PAYLOAD)).toMatch(
      /^https:\/\/example\.org\/safevisit\/#enrol=/,
    );
  });

  it('reads a link of the longest length it allows', () => {
    const short = encodeEnrolmentLink('https://app.example.org', PAYLOAD);
    const path = 'p'.repeat(4_096 - short.length);
    const longest = encodeEnrolmentLink(`https://app.example.org/${path.slice(1)}`, PAYLOAD);
    expect(longest).toHaveLength(4_096);
    expect(decodeEnrolmentLink(longest)).toEqual({ ok: true, payload: PAYLOAD });
    expect(decodeEnrolmentLink(`${longest.slice(0, 23)}p${longest.slice(23)}`)).toEqual({
      ok: false,
      problem: 'not-a-link',
    });
  });

  it.each([
    ['a fragment of an impossible length', `${link.slice(0, link.indexOf('=') + 1)}AAAAA`, 'damaged'],
    ['JSON null', fragmentOf('null'), 'damaged'],
    [
      'standard base64 with + rather than -',
      `#enrol=${Buffer.from(JSON.stringify({ ...PAYLOAD, endpoint: 'https://x.example/?>>' })).toString('base64')}`,
      'damaged',
    ],
    [
      'standard base64 with / rather than _',
      `#enrol=${Buffer.from(JSON.stringify({ ...PAYLOAD, endpoint: 'https://x.example/??~' })).toString('base64')}`,
      'damaged',
    ],
    ['a version written as text', fragmentOf(JSON.stringify({ ...PAYLOAD, v: '2' })), 'damaged'],
    [
      'bytes that are not UTF-8 inside the endpoint',
      bytesFragment(
        new Uint8Array([
          ...Buffer.from(`{"v":1,"endpoint":"https://x.example/`),
          0xff,
          ...Buffer.from(`","token":"${PAYLOAD.token}","fingerprint":"${PAYLOAD.fingerprint}"}`),
        ]),
      ),
      'damaged',
    ],
  ])('answers %s with a plain problem, never a throw', (_what, input, problem) => {
    expect(decodeEnrolmentLink(input)).toEqual({ ok: false, problem });
  });

  it('says each problem in one plain sentence', () => {
    expect(ENROLMENT_LINK_PROBLEMS).toEqual({
      'not-a-link': 'That is not a SafeVisit enrolment link. Copy the whole link from the officer’s screen.',
      damaged: 'That enrolment link is damaged or incomplete. Copy the whole link again, or ask for a new one.',
      unsupported: 'That enrolment link is from a newer version of SafeVisit. Update the app, then open it again.',
    });
  });
});
