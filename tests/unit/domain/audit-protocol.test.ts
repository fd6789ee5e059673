// The audit log on the wire: the actions and the words the screen shows for them, the query, the rows (ids and
// enumerated values only) and the "what" column.
import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTION_WORDS,
  AUDIT_ACTIONS,
  AUDIT_PATHS,
  AuditActionSchema,
  AuditDetailSchema,
  AuditEntrySchema,
  AuditLogExportedSchema,
  AuditPageSchema,
  AuditQuerySchema,
  auditWhat,
} from '../../../src/domain/audit-protocol.ts';
import { accepts, issuesOf } from './schema-issues.ts';

const ENTRY = {
  seq: 7,
  at: '2026-11-30T09:00:00.000Z',
  officerId: 'o1',
  action: 'report-opened',
  subjectId: 'r1',
  detail: null,
};

describe('audit actions', () => {
  it('names each action once, in lower-case words joined by hyphens', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    for (const action of AUDIT_ACTIONS) expect(action).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
  });

  it('says each action in its own plain words on the screen', () => {
    expect(Object.keys(AUDIT_ACTION_WORDS).sort()).toEqual([...AUDIT_ACTIONS].sort());
    const words = Object.values(AUDIT_ACTION_WORDS);
    expect(new Set(words).size).toBe(words.length);
    for (const w of words) expect(w).toMatch(/^[A-Z][a-z]+(?: [a-z-]+)*$/);
    expect(AUDIT_ACTION_WORDS['report-erased']).toBe('Erased a report');
    expect(AUDIT_ACTION_WORDS['sign-in-failed']).toBe('Failed sign-in');
  });

  it('accepts every action and refuses others, saying so', () => {
    for (const action of AUDIT_ACTIONS) expect(accepts(AuditActionSchema, action)).toBe(true);
    expect(issuesOf(AuditActionSchema, 'report-read')).toEqual([': must be an audit action']);
  });
});

describe('AuditQuerySchema', () => {
  it('reads a query string: 100 rows unless asked, 1 to 500', () => {
    expect(AuditQuerySchema.parse({})).toEqual({ limit: 100 });
    expect(AuditQuerySchema.parse({ officer: 'o1', action: 'sign-in', before: '42', limit: '500' })).toEqual({
      officer: 'o1',
      action: 'sign-in',
      before: 42,
      limit: 500,
    });
    expect(AuditQuerySchema.parse({ limit: '1' })).toEqual({ limit: 1 });
    expect(accepts(AuditQuerySchema, { officer: 'o'.repeat(64) })).toBe(true);
  });

  it.each([
    [{ officer: '' }],
    [{ officer: 'o'.repeat(65) }],
    [{ action: 'report-read' }],
    [{ before: '0' }],
    [{ before: '1.5' }],
    [{ limit: '0' }],
    [{ limit: '501' }],
    [{ limit: '2.5' }],
    [{ page: '2' }],
  ])('refuses %o', (query) => {
    expect(accepts(AuditQuerySchema, query)).toBe(false);
  });
});

describe('audit rows', () => {
  it('reads an entry with or without an officer, a subject and a detail', () => {
    expect(AuditEntrySchema.parse(ENTRY)).toEqual(ENTRY);
    expect(accepts(AuditEntrySchema, { ...ENTRY, at: '2026-11-30T10:00:00+01:00' })).toBe(true);
    const detail = { ids: ['r1', 'r2'], format: 'json', rows: 0 };
    expect(AuditEntrySchema.parse({ ...ENTRY, officerId: null, subjectId: null, detail })).toEqual({
      ...ENTRY,
      officerId: null,
      subjectId: null,
      detail,
    });
    expect(AuditDetailSchema.parse({})).toEqual({});
    expect(accepts(AuditDetailSchema, { ids: Array(1_000).fill('r'.repeat(64)), format: 'csv' })).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ['sequence 0', { seq: 0 }],
    ['a sequence with a fraction', { seq: 1.5 }],
    ['a time in words', { at: 'now' }],
    ['a long officer id', { officerId: 'o'.repeat(65) }],
    ['another action', { action: 'report-read' }],
    ['a long subject id', { subjectId: 'r'.repeat(65) }],
    ['a detail with report content', { detail: { description: 'what happened' } }],
    ['a long id in the detail', { detail: { ids: ['r'.repeat(65)] } }],
    ['more than 1,000 ids in the detail', { detail: { ids: Array(1_001).fill('r1') } }],
    ['another export format', { detail: { format: 'pdf' } }],
    ['a negative row count', { detail: { rows: -1 } }],
    ['a row count with a fraction', { detail: { rows: 1.5 } }],
  ])('refuses an entry with %s', (_what, change) => {
    expect(accepts(AuditEntrySchema, { ...ENTRY, ...change })).toBe(false);
  });

  it('reads a page with the officers it names and where the next page starts', () => {
    const page = { entries: [ENTRY], nextBefore: 7, officers: [{ id: 'o1', name: 'Sam Patel' }] };
    expect(AuditPageSchema.parse(page)).toEqual(page);
    expect(accepts(AuditPageSchema, { entries: [], officers: [] })).toBe(true);
    for (const change of [
      { nextBefore: 0 },
      { nextBefore: 1.5 },
      { officers: [{ id: 'o'.repeat(65), name: 'Sam' }] },
      { officers: [{ id: 'o1', name: 'S'.repeat(201) }] },
      { officers: [{ id: 'o1', name: 'Sam', email: 'sam@example.org' }] },
    ]) {
      expect(accepts(AuditPageSchema, { ...page, ...change })).toBe(false);
    }
  });

  it('records an export of 0 to 10,000,000 rows', () => {
    expect(AuditLogExportedSchema.parse({ rows: 0 })).toEqual({ rows: 0 });
    expect(accepts(AuditLogExportedSchema, { rows: 10_000_000 })).toBe(true);
    for (const rows of [-1, 10_000_001, 1.5]) expect(accepts(AuditLogExportedSchema, { rows })).toBe(false);
    expect(AUDIT_PATHS).toEqual({ audit: '/v2/officer/audit', logExported: '/v2/officer/audit/log-exported' });
  });
});

describe('auditWhat', () => {
  it.each<[string, Parameters<typeof auditWhat>[0], string]>([
    ['nothing', { subjectId: null, detail: null }, ''],
    ['a subject', { subjectId: 'r1', detail: null }, 'r1'],
    ['ids and a format', { subjectId: null, detail: { ids: ['r1', 'r2'], format: 'csv' } }, 'r1 r2 · CSV'],
    ['an empty list of ids', { subjectId: null, detail: { ids: [], format: 'json' } }, 'JSON'],
    ['a count of 0 rows', { subjectId: null, detail: { rows: 0 } }, '0 rows'],
    ['everything', { subjectId: 's1', detail: { ids: ['r1'], format: 'json', rows: 12 } }, 's1 · r1 · JSON · 12 rows'],
  ])('shows %s as "%s"', (_what, entry, text) => {
    expect(auditWhat(entry)).toBe(text);
  });
});
