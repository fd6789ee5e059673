// What the status region says about sending: waiting reports, and a device that is not enrolled yet.
import { describe, expect, it } from 'vitest';
import { NOT_ENROLLED_TEXT, REVOKED_TEXT, sendingBlockedText, statusText } from '../../../src/app/StatusBar.tsx';
import type { SyncState } from '../../../src/sync/outbox.ts';

const state = (change: Partial<SyncState>): SyncState => ({
  running: false,
  sent: 0,
  total: 0,
  waiting: 1,
  lastSuccessAt: null,
  needsToken: false,
  revoked: false,
  notEnrolled: false,
  lastError: null,
  ...change,
});

describe('statusText', () => {
  it('says plainly that a device without an enrolment is not enrolled and how to enrol it', () => {
    expect(NOT_ENROLLED_TEXT).toBe('This device is not enrolled: ask your online safety officer for an enrolment link');
    expect(statusText(false, 1, state({ notEnrolled: true }))).toBe(
      `Offline · 1 report waits to sync · ${NOT_ENROLLED_TEXT}`,
    );
  });

  it('says nothing about enrolment once enrolled', () => {
    expect(statusText(true, 0, state({ waiting: 0 }))).toBe('Online · 0 reports wait to sync');
  });
});

describe('sendingBlockedText', () => {
  it('says what stops sending and what to do, the same words on a waiting report as in the status bar', () => {
    expect(sendingBlockedText(state({ notEnrolled: true }))).toBe(NOT_ENROLLED_TEXT);
    expect(sendingBlockedText(state({ revoked: true }))).toBe(REVOKED_TEXT);
    expect(REVOKED_TEXT).toMatch(/withdrawn: ask .* for a new enrolment link/);
    expect(sendingBlockedText(state({}))).toBeNull();
    expect(sendingBlockedText(null)).toBeNull();
  });
});
