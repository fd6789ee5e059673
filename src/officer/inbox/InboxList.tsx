// The inbox list: urgent reports on top, then newest; each report a link naming its date and incident types, its
// status, a search over the opened reports in memory, and the exports of what is listed.
import { Component } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { ExportFormat } from '../../domain/sealed-protocol.ts';
import { SearchField } from '../../ui/form-bits.tsx';
import { download } from '../download.ts';
import { officerSentence } from '../officer-errors.ts';
import { officerHref } from '../officer-route.ts';
import type { InboxApi } from './inbox-api.ts';
import { EXPORT_TYPES, exportFileName, exportText } from './inbox-export.ts';
import { formatDate, formatDateTime, reviewText, URGENCY_TEXT } from './inbox-format.ts';
import { CONTENT_SENTENCES, type InboxEntry, isOpened, searchInbox } from './inbox-model.ts';

/**
 * The link's words: the date it happened, the incident types and the worker's reference (how the officer matches it
 * to a case), or what is known before it is open.
 */
export const entryName = (entry: InboxEntry): string => {
  const { content, item } = entry;
  if (content.state === 'opened') {
    const date = content.summary.dateHappened ? formatDate(content.summary.dateHappened) : 'No date';
    const reference = content.summary.reference ? ` (reference ${content.summary.reference})` : '';
    return `${date}: ${content.summary.title}${reference}`;
  }
  const received = `Report received ${formatDateTime(item.receivedAt)}`;
  return content.state === 'pending' ? `${received} (opening…)` : `${received} (could not be opened)`;
};

/**
 * One report's row. Only a row whose report or content changed draws again: while 1,000 reports are being opened,
 * each progress redraws the few opened since the last, not the whole list.
 */
class Row extends Component<{ entry: InboxEntry }> {
  override shouldComponentUpdate(next: { entry: InboxEntry }): boolean {
    const { entry } = this.props;
    return next.entry.item !== entry.item || next.entry.content !== entry.content;
  }

  override render() {
    const { entry } = this.props;
    const { item, content } = entry;
    return (
      <li class={`inbox-row inbox-row--${item.urgency}`}>
        <a class="inbox-row__link" href={officerHref('inbox', item.id)}>
          {entryName(entry)}
        </a>
        <p class="inbox-row__facts">
          <span class={`urgency urgency--${item.urgency}`}>{URGENCY_TEXT[item.urgency]}</span>
          <span>Received {formatDateTime(item.receivedAt)}</span>
          <span class={`review review--${item.status}`}>{reviewText(item)}</span>
        </p>
        {(content.state === 'unopenable' || content.state === 'unreadable') && (
          <p class="error-text">{CONTENT_SENTENCES[content.state]}</p>
        )}
      </li>
    );
  }
}

export const InboxList = ({
  entries,
  opened,
  canOpen,
  error,
  inboxApi,
  onFailure,
}: {
  /** Null while the envelopes are on their way. */
  entries: InboxEntry[] | null;
  opened: number;
  canOpen: boolean;
  error: string;
  inboxApi: InboxApi;
  onFailure: (error: unknown) => boolean;
}) => {
  const [query, setQuery] = useState('');
  const [exportMessage, setExportMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const listed = useMemo(() => searchInbox(entries ?? [], query), [entries, query]);
  const exportable = listed.filter(isOpened);
  const total = entries?.length ?? 0;
  const stillOpening = entries !== null && canOpen && opened < total;

  const exportAs = async (format: ExportFormat) => {
    if (exportable.length === 0) {
      setExportMessage('There are no opened reports in the list to export.');
      return;
    }
    setBusy(true);
    setExportMessage('');
    try {
      // Recorded first: an export the audit log does not know about is never handed out.
      await inboxApi.recordExport(
        exportable.map((e) => e.item.id),
        format,
      );
      const now = new Date();
      download(exportText(format, exportable, now), EXPORT_TYPES[format], exportFileName(format, now));
      const left = listed.length - exportable.length;
      setExportMessage(
        `Exported ${exportable.length} ${exportable.length === 1 ? 'report' : 'reports'} as ${format.toUpperCase()}.` +
          (left > 0 ? ` ${left} listed could not be opened and are not in the file.` : ''),
      );
    } catch (e) {
      if (!onFailure(e)) setExportMessage(officerSentence(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="inbox-title" class="inbox">
      <h1 id="inbox-title">Inbox</h1>
      {error && <p class="error-text">{error}</p>}
      {entries === null && !error && <p class="muted">Loading the inbox…</p>}
      {entries !== null && (
        <>
          <p class="muted" role="status">
            {stillOpening
              ? `Opening reports in this browser: ${opened} of ${total}.`
              : `${total} ${total === 1 ? 'report' : 'reports'}${query ? `, ${listed.length} found` : ''}.`}
          </p>
          <search class="inbox-tools no-print">
            <SearchField
              id="inbox-search"
              label="Search reports"
              hint="Searches the words of every opened report, in this browser only."
              value={query}
              onQuery={setQuery}
            />
            <div class="button-row">
              <button type="button" class="button--secondary" disabled={busy} onClick={() => exportAs('csv')}>
                Export CSV
              </button>
              <button type="button" class="button--secondary" disabled={busy} onClick={() => exportAs('json')}>
                Export JSON
              </button>
            </div>
            <p class="hint">The exports hold the reports listed. Keep the files as safely as the reports.</p>
            {exportMessage && <p aria-live="polite">{exportMessage}</p>}
          </search>
          {total === 0 && <p>No reports have arrived yet.</p>}
          {total > 0 && listed.length === 0 && <p>No opened report holds all of those words.</p>}
          <ul class="inbox-list list">
            {listed.map((entry) => (
              <Row key={entry.item.id} entry={entry} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
};
