// The audit log screen's pure parts: the query of a filter, rows in plain words with names, the CSV (ids, no
// content, no formula cells) and the invite link's fragment.
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_WORDS, AUDIT_ACTIONS, type AuditEntry } from '../../../../src/domain/audit-protocol.ts';
import { inviteLink, inviteTokenOf } from '../../../../src/domain/team-protocol.ts';
import {
  AUDIT_CSV_HEADER,
  auditCsv,
  auditFileName,
  auditQuery,
  auditRowView,
  NO_FILTER,
} from '../../../../src/officer/audit/audit-model.ts';

const names = new Map([['o-1', 'Ada Officer']]);
const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  seq: 7,
  at: '2026-11-01T09:00:00.000Z',
  officerId: 'o-1',
  action: 'reports-exported',
  subjectId: null,
  detail: { ids: ['r-1', 'r-2'], format: 'csv' },
  ...overrides,
});

describe('audit log screen', () => {
  it('asks for the filter and page it shows, and nothing else', () => {
    expect(auditQuery(NO_FILTER, 100)).toBe('?limit=100');
    expect(auditQuery({ officer: 'o-1', action: 'sign-in' }, 50, 12)).toBe(
      '?limit=50&officer=o-1&action=sign-in&before=12',
    );
  });

  it('names every action in plain words', () => {
    for (const action of AUDIT_ACTIONS) expect(AUDIT_ACTION_WORDS[action]).toMatch(/^[A-Z][a-z]/);
  });

  it('shows who by name, the action in words, and what by ids', () => {
    expect(auditRowView(entry(), names)).toEqual({
      key: 7,
      at: '2026-11-01T09:00:00.000Z',
      officer: 'Ada Officer',
      action: 'Exported reports',
      what: 'r-1 r-2 · CSV',
    });
    expect(auditRowView(entry({ officerId: null, action: 'sign-in-failed', detail: null }), names).officer).toBe(
      'Nobody known',
    );
  });

  it('exports CSV with a header row, one line per row, formula-like cells defused', () => {
    const csv = auditCsv(
      [entry(), entry({ seq: 6, officerId: 'o-2', action: 'device-enrolled', subjectId: '=cmd' })],
      names,
    );
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(AUDIT_CSV_HEADER.join(','));
    expect(lines[1]).toBe('2026-11-01T09:00:00.000Z,Ada Officer,o-1,Exported reports,r-1 r-2 · CSV');
    expect(lines[2]).toContain("'=cmd");
    expect(lines).toHaveLength(4);
    expect(auditFileName(new Date('2026-11-02T10:00:00Z'))).toBe('safevisit-audit-log-2026-11-02.csv');
  });

  it('reads the invite token from its link fragment only when it is shaped like one', () => {
    const token = 'a'.repeat(43);
    const link = inviteLink('https://safevisit.example.org', token);
    expect(link).toBe(`https://safevisit.example.org/officer/#invite=${token}`);
    expect(inviteTokenOf(new URL(link).hash)).toBe(token);
    expect(inviteTokenOf('#invite=short')).toBeUndefined();
    expect(inviteTokenOf('#/inbox')).toBeUndefined();
  });
});
