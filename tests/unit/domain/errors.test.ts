// The app's expected failures: each code carries its one sentence, and nothing else leaks into what the UI shows.
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_MESSAGES, isAppError, messageFor } from '../../../src/domain/errors.ts';

describe('AppError', () => {
  it('carries its code, its sentence, its detail and its cause', () => {
    const cause = new TypeError('fetch failed');
    const error = new AppError('rate-limited', { waitMs: 5_000 }, { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AppError');
    expect(error.code).toBe('rate-limited');
    expect(error.message).toBe('The sync server asked the app to wait. It will try again shortly.');
    expect(error.detail).toEqual({ waitMs: 5_000 });
    expect(error.cause).toBe(cause);
  });

  it('has one plain sentence for every code', () => {
    for (const [code, message] of Object.entries(ERROR_MESSAGES)) {
      expect(message, code).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe('isAppError', () => {
  it('recognises an AppError, with or without asking for its code', () => {
    const error = new AppError('locked');
    expect(isAppError(error)).toBe(true);
    expect(isAppError(error, 'locked')).toBe(true);
    expect(isAppError(error, 'tampered')).toBe(false);
  });

  it('refuses anything else, even an Error that looks like one', () => {
    const lookalike = Object.assign(new Error('locked'), { code: 'locked', name: 'AppError' });
    expect(isAppError(lookalike)).toBe(false);
    expect(isAppError(lookalike, 'locked')).toBe(false);
    expect(isAppError(null)).toBe(false);
  });
});

describe('messageFor', () => {
  it('shows an AppError’s sentence', () => {
    expect(messageFor(new AppError('offline'))).toBe(ERROR_MESSAGES.offline);
  });

  it('shows one generic sentence for anything else, never its message or stack', () => {
    const generic = 'Something went wrong. Nothing you saved has been lost.';
    expect(messageFor(new Error('SQLITE_CONSTRAINT at /srv/app.js:12'))).toBe(generic);
    expect(messageFor('a string')).toBe(generic);
  });
});
