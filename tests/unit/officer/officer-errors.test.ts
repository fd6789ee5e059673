import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.ts';
import {
  OFFICER_SENTENCES,
  OfficerError,
  type OfficerProblem,
  officerSentence,
  problemFor,
  type RouteKind,
} from '../../../src/officer/officer-errors.ts';

describe('what an HTTP status means on each kind of officer route', () => {
  it.each<[RouteKind, number, OfficerProblem]>([
    ['setup', 401, 'wrong-setup-code'],
    ['setup', 403, 'wrong-setup-code'],
    ['setup', 409, 'already-set-up'],
    ['setup', 410, 'already-set-up'],
    ['setup', 429, 'rate-limited'],
    ['setup', 400, 'invalid'],
    ['sign-in', 401, 'wrong-sign-in'],
    ['sign-in', 403, 'wrong-sign-in'],
    ['sign-in', 429, 'rate-limited'],
    ['session', 401, 'session-expired'],
    ['session', 403, 'forbidden'],
    ['session', 404, 'not-found'],
    ['session', 413, 'invalid'],
    ['public', 404, 'not-found'],
    ['public', 500, 'server-error'],
    ['public', 503, 'server-error'],
    ['public', 418, 'bad-response'],
  ])('%s answered %i is %s', (route, status, problem) => {
    expect(problemFor(route, status)).toBe(problem);
  });

  it.each<[RouteKind, number, string, OfficerProblem]>([
    ['setup', 403, 'already-set-up', 'already-set-up'],
    ['setup', 403, 'setup-code', 'wrong-setup-code'],
    ['session', 401, 'session-expired', 'session-expired'],
    ['session', 401, 'unauthorised', 'session-expired'],
    ['sign-in', 401, 'unauthorised', 'wrong-sign-in'],
    ['sign-in', 429, 'rate-limited', 'rate-limited'],
    ['session', 403, 'setup-code', 'forbidden'],
    ['public', 503, 'storage-unavailable', 'server-error'],
  ])('%s answered %i with code %s is %s', (route, status, code, problem) => {
    expect(problemFor(route, status, code)).toBe(problem);
  });

  it('never reads a wrong passphrase as an expired session, nor the reverse', () => {
    expect(problemFor('sign-in', 401)).not.toBe(problemFor('session', 401));
  });
});

describe('the sentence each failure gets', () => {
  it('gives every problem one plain sentence, with no code or status in it', () => {
    for (const [problem, sentence] of Object.entries(OFFICER_SENTENCES)) {
      expect(sentence, problem).toMatch(/^[A-Z].*\.$/);
      expect(sentence, problem).not.toMatch(/\d{3}|undefined|error:/i);
      expect(officerSentence(new OfficerError(problem as OfficerProblem))).toBe(sentence);
    }
  });

  it('tells a rate-limited officer how long to wait when the server said', () => {
    expect(officerSentence(new OfficerError('rate-limited', { retryAfterMs: 30_000 }))).toBe(
      'Too many attempts in a short time. Wait 30 seconds, then try again.',
    );
    expect(officerSentence(new OfficerError('rate-limited', { retryAfterMs: 5 * 60_000 }))).toBe(
      'Too many attempts in a short time. Wait 5 minutes, then try again.',
    );
    expect(officerSentence(new OfficerError('rate-limited'))).toBe(OFFICER_SENTENCES['rate-limited']);
  });

  it('names a wrong setup code, a used one, a wrong passphrase and a server that is down differently', () => {
    const sentences = (['wrong-setup-code', 'already-set-up', 'wrong-sign-in', 'unreachable'] as const).map((p) =>
      officerSentence(new OfficerError(p)),
    );
    expect(new Set(sentences).size).toBe(4);
    expect(sentences[0]).toMatch(/setup code is not right/);
    expect(sentences[1]).toMatch(/already been set up/);
    expect(sentences[2]).toMatch(/email address or passphrase is not right/);
    expect(sentences[3]).toMatch(/could not be reached/);
  });

  it('maps the vault crypto’s failures to what they mean for an officer', () => {
    expect(officerSentence(new AppError('tampered'))).toBe(OFFICER_SENTENCES['keys-tampered']);
    expect(officerSentence(new AppError('wrong-passphrase'))).toBe(OFFICER_SENTENCES['keys-unreadable']);
  });

  it('gives an unknown throw a generic sentence, never its message or stack', () => {
    const sentence = officerSentence(new TypeError('secret internals at line 3'));
    expect(sentence).not.toContain('secret');
    expect(sentence).toMatch(/nothing was changed/);
  });
});
