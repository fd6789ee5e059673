// "Audit log": every recorded action newest first in a table (time, officer, action, what), filtered by officer and
// action, a page at a time; "Export audit log" makes the CSV here and records that it did. Reads only.
import { useEffect, useState } from 'preact/hooks';
import {
  AUDIT_ACTION_WORDS,
  AUDIT_ACTIONS,
  AUDIT_PAGE_MAX_ROWS,
  AUDIT_PATHS,
  type AuditAction,
  type AuditEntry,
  AuditPageSchema,
} from '../../domain/audit-protocol.ts';
import { download } from '../download.ts';
import { officerSentence } from '../officer-errors.ts';
import type { SignedInScreenProps } from '../session-keeper.ts';
import { type AuditFilter, auditCsv, auditFileName, auditQuery, auditRowView, NO_FILTER } from './audit-model.ts';

const PAGE_ROWS = 100;
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

export const AuditScreen = ({ api, session, onFailure }: SignedInScreenProps) => {
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [nextBefore, setNextBefore] = useState<number | undefined>(undefined);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const fetchPage = (limit: number, before?: number) =>
    api.sessionJson('GET', `${AUDIT_PATHS.audit}${auditQuery(filter, limit, before)}`, AuditPageSchema, session.token);
  const fail = (e: unknown) => {
    if (!onFailure(e)) setMessage(officerSentence(e));
  };

  const load = async (before?: number) => {
    try {
      const page = await fetchPage(PAGE_ROWS, before);
      setNames(new Map(page.officers.map((o) => [o.id, o.name])));
      setEntries((shown) => [...(before === undefined ? [] : (shown ?? [])), ...page.entries]);
      setNextBefore(page.nextBefore);
    } catch (e) {
      fail(e);
    }
  };

  useEffect(() => {
    setEntries(null);
    setMessage('');
    void load();
  }, [session.token, filter.officer, filter.action]);

  const exportLog = async () => {
    setBusy(true);
    setMessage('');
    try {
      const all: AuditEntry[] = [];
      let before: number | undefined;
      let known = names;
      do {
        const page = await fetchPage(AUDIT_PAGE_MAX_ROWS, before);
        all.push(...page.entries);
        known = new Map(page.officers.map((o) => [o.id, o.name]));
        before = page.nextBefore;
      } while (before !== undefined);
      download(auditCsv(all, known), 'text/csv;charset=utf-8', auditFileName(new Date()));
      await api.sessionSend(AUDIT_PATHS.logExported, { rows: all.length }, session.token);
      setMessage(`Exported ${all.length} rows of the audit log. The export is itself in the log.`);
      void load();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const officerOptions = [...names.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <p class="muted">
        Every sign-in, report opened, export, review, device and officer change, newest first. It holds ids, never what
        a report says, and nobody can change or delete a row.
      </p>
      <div class="audit-filters">
        <label for="audit-officer">Officer</label>
        <select
          id="audit-officer"
          value={filter.officer}
          onChange={(e) => setFilter((f) => ({ ...f, officer: e.currentTarget.value }))}
        >
          <option value="">All officers</option>
          {officerOptions.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <label for="audit-action">Action</label>
        <select
          id="audit-action"
          value={filter.action}
          onChange={(e) => setFilter((f) => ({ ...f, action: e.currentTarget.value as AuditAction | '' }))}
        >
          <option value="">All actions</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {AUDIT_ACTION_WORDS[action]}
            </option>
          ))}
        </select>
      </div>
      <div class="button-row">
        <button type="button" class="button--secondary" onClick={exportLog} disabled={busy}>
          Export audit log
        </button>
      </div>
      <p aria-live="polite">{message}</p>
      {entries === null && !message && <p class="muted">Loading the audit log…</p>}
      {entries?.length === 0 && <p class="muted">No row matches this filter.</p>}
      {entries && entries.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
        <section class="table-scroll" aria-labelledby="audit-caption" tabIndex={0}>
          <table class="audit-table">
            <caption id="audit-caption" class="visually-hidden">
              Audit log, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Officer</th>
                <th scope="col">Action</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const row = auditRowView(entry, names);
                return (
                  <tr key={row.key}>
                    <td>
                      <time dateTime={row.at}>{dateTime.format(new Date(row.at))}</time>
                    </td>
                    <td>{row.officer}</td>
                    <td>{row.action}</td>
                    <td class="audit-what">{row.what}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
      {nextBefore !== undefined && (
        <div class="button-row">
          <button type="button" class="button--secondary" onClick={() => load(nextBefore)}>
            Show older rows
          </button>
        </div>
      )}
    </section>
  );
};
