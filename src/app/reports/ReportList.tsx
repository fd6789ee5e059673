// The list of reports on this device: status, types and last change of each, filters, an in-memory search over
// what the worker wrote, and deleting a draft after an in-page confirmation. Stores nothing itself.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ERROR_MESSAGES, messageFor } from '../../domain/errors.ts';
import { INCIDENT_TYPES, type IncidentTypeId } from '../../domain/report-options.ts';
import { isReportStatus, isStaleDraft, REPORT_STATUSES } from '../../domain/report-record.ts';
import { reportSummary } from '../../domain/report-summary.ts';
import type { ReportMeta, SentReceipt } from '../../store/index.ts';
import { SearchField } from '../../ui/form-bits.tsx';
import { navigate, routeHref } from '../router.ts';
import { matchesFilter, NO_FILTER, type ReportFilter } from './report-filter.ts';
import type { DraftRecord, ReportsPort } from './reports-port.ts';
import { FailureReasons, SendingBlocked, STATUS_EXPLANATIONS, STATUS_LABELS } from './status.tsx';
import { LIST_PAGE, useReportList } from './use-report-list.ts';

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

const formatTime = (ms: number) => DATE_TIME.format(new Date(ms));
const formatDay = (ymd: string) => DATE.format(new Date(`${ymd}T00:00:00Z`));

export const ReportList = ({ port }: { port: ReportsPort }) => {
  const { loaded, reload: load } = useReportList(port);
  // Only the first cards are drawn (drawing 1,000 takes seconds on a slow phone); the search and filters cover all.
  const [limit, setLimit] = useState(LIST_PAGE);
  const [filter, setFilter] = useState<ReportFilter>(NO_FILTER);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [creating, setCreating] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const newReport = async () => {
    setCreating(true);
    setActionError(null);
    try {
      const record = await port.create();
      navigate('reports', record.id);
    } catch (error) {
      setActionError(messageFor(error));
      setCreating(false);
    }
  };

  const remove = async (id: string) => {
    setActionError(null);
    try {
      await port.remove(id);
      setConfirming(null);
      setAnnouncement('Draft deleted.');
      await load();
      headingRef.current?.focus();
    } catch (error) {
      setActionError(messageFor(error));
    }
  };

  const records = loaded.kind === 'ready' ? loaded.records : [];
  const allReceipts = loaded.kind === 'ready' ? loaded.receipts : [];
  const receiptOf = new Map(allReceipts.map((r) => [r.id, r]));
  // A sent report still on the device shows itself with its receipt; a receipt alone once its content has gone.
  // Receipts hold no content to search: shown unless the filters ask for something they cannot match.
  const present = new Set([
    ...records.map((r) => r.id),
    ...(loaded.kind === 'ready' ? loaded.damaged : []).map((d) => d.id),
  ]);
  const receipts =
    (filter.status === '' || filter.status === 'synced') && filter.query.trim() === ''
      ? allReceipts.filter(
          (r) => !present.has(r.id) && (filter.type === '' || (r.incidentTypes ?? []).includes(filter.type)),
        )
      : [];
  const shown = records.filter((r) => matchesFilter(r, filter));
  const filtered = filter.status !== '' || filter.type !== '' || filter.query.trim() !== '';
  const now = Date.now();

  return (
    <section aria-labelledby="reports-title" class="report-list">
      <h1 id="reports-title" tabIndex={-1} ref={headingRef}>
        Reports
      </h1>
      <div class="button-row">
        <button type="button" onClick={() => void newReport()} disabled={creating}>
          New report
        </button>
      </div>
      {actionError && (
        <p class="error-text" role="alert">
          {actionError}
        </p>
      )}
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>

      {loaded.kind === 'loading' && <p class="muted">Opening your reports...</p>}
      {loaded.kind === 'error' && <p class="error-text">{loaded.message}</p>}

      {loaded.kind === 'ready' && (
        <>
          <search class="report-filters" aria-label="Filter reports">
            <div class="field">
              <label for="report-filter-status">Status</label>
              <select
                id="report-filter-status"
                value={filter.status}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setFilter({ ...filter, status: isReportStatus(value) ? value : '' });
                }}
              >
                <option value="">All statuses</option>
                {REPORT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="report-filter-type">Type of incident</label>
              <select
                id="report-filter-type"
                value={filter.type}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  const type = INCIDENT_TYPES.find((t) => t.id === value)?.id;
                  setFilter({ ...filter, type: (type ?? '') as IncidentTypeId | '' });
                }}
              >
                <option value="">All types</option>
                {INCIDENT_TYPES.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.short}
                  </option>
                ))}
              </select>
            </div>
            <SearchField
              id="report-search"
              label="Search reports"
              hint="Searches what you wrote in each report, on this device only."
              value={filter.query}
              onQuery={(query) => setFilter({ ...filter, query })}
            />
          </search>

          <p class="muted" aria-live="polite">
            {!loaded.complete
              ? filtered
                ? `${shown.length} of the first ${records.length} reports match so far.`
                : `${records.length} of ${loaded.total} reports shown so far.`
              : records.length === 0 && receipts.length === 0
                ? 'No reports on this device yet.'
                : filtered
                  ? `${shown.length} of ${records.length} reports match.`
                  : `${records.length} ${records.length === 1 ? 'report' : 'reports'}.`}
          </p>
          {!loaded.complete && (
            <p class="muted" role="status">
              Loading the rest…
            </p>
          )}

          <ul class="list report-cards">
            {shown.slice(0, limit).map((record) => (
              <ReportCard
                key={record.id}
                record={record}
                receipt={record.status === 'synced' ? receiptOf.get(record.id) : undefined}
                port={port}
                stale={record.status === 'draft' && isStaleDraft(record.updatedAt, now)}
                confirming={confirming === record.id}
                onAskDelete={() => setConfirming(record.id)}
                onCancelDelete={() => setConfirming(null)}
                onDelete={() => void remove(record.id)}
              />
            ))}
            {shown.length <= limit && receipts.map((receipt) => <ReceiptCard key={receipt.id} receipt={receipt} />)}
          </ul>
          {shown.length > limit && (
            <div class="button-row">
              <button type="button" class="button--secondary" onClick={() => setLimit(limit + LIST_PAGE)}>
                Show {Math.min(LIST_PAGE, shown.length - limit)} more of {shown.length - limit} not shown
              </button>
            </div>
          )}

          <DamagedReports damaged={loaded.damaged} />
        </>
      )}
    </section>
  );
};

/** Reports the list cannot show: changed or damaged, or older copies put back (store/revision-index.ts). */
const DamagedReports = ({ damaged }: { damaged: ReportMeta[] }) => {
  const broken = damaged.filter((d) => d.problem !== 'rolled-back').length;
  const rolledBack = damaged.length - broken;
  return (
    <>
      {broken > 0 && (
        <p class="warning">
          {broken === 1
            ? 'One report on this device could not be opened: it was changed or damaged since it was saved.'
            : `${broken} reports on this device could not be opened: they were changed or damaged since they were saved.`}
        </p>
      )}
      {rolledBack > 0 && (
        <p class="warning">
          {rolledBack === 1
            ? ERROR_MESSAGES['rolled-back']
            : `${rolledBack} reports were replaced by older copies of themselves from this device’s storage, so they are not shown or sent. The newer copies are gone from this device.`}
        </p>
      )}
    </>
  );
};

const typeLabel = (id: string) => INCIDENT_TYPES.find((t) => t.id === id)?.short ?? id;

/** A sent report whose content has left the device: when the server received it and what it was about. */
const ReceiptCard = ({ receipt }: { receipt: SentReceipt }) => {
  const received = formatTime(Date.parse(receipt.receivedAt));
  const types =
    receipt.incidentTypes === null
      ? 'Incident types not known'
      : receipt.incidentTypes.length === 0
        ? 'No incident type ticked'
        : receipt.incidentTypes.map(typeLabel).join(', ');
  return (
    <li class="card report-card report-card--synced report-card--receipt">
      <h2 class="report-card__title">{types}</h2>
      <p class="report-card__meta">
        <span class="report-status report-status--synced">{STATUS_LABELS.synced}</span>{' '}
        <span class="muted">Received by the server; its content has left this device.</span>
      </p>
      <dl class="report-card__facts">
        <div>
          <dt>Received</dt>
          <dd>
            <time datetime={receipt.receivedAt}>{received}</time>
          </dd>
        </div>
        {receipt.revision > 1 && (
          <div>
            <dt>Correction</dt>
            <dd>Version {receipt.revision}</dd>
          </div>
        )}
      </dl>
    </li>
  );
};

type CardProps = {
  record: DraftRecord;
  receipt: SentReceipt | undefined;
  port: ReportsPort;
  stale: boolean;
  confirming: boolean;
  onAskDelete: () => void;
  onCancelDelete: () => void;
  onDelete: () => void;
};

const ReportCard = ({ record, receipt, port, stale, confirming, onAskDelete, onCancelDelete, onDelete }: CardProps) => {
  const summary = reportSummary(record.data);
  const changed = formatTime(record.updatedAt);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  const titleId = `report-${record.id}-title`;
  useEffect(() => {
    // Focus follows the step: to the question when it opens, back to "Delete draft" when the worker keeps it.
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) deleteRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  return (
    <li class={`card report-card report-card--${record.status}`}>
      <h2 class="report-card__title" id={titleId}>
        <a class="report-target" href={routeHref('reports', record.id)}>
          {summary.reference && <span class="report-card__ref">{summary.reference}: </span>}
          {summary.title}
          <span class="visually-hidden">
            , {STATUS_LABELS[record.status]}, last changed {changed}
          </span>
        </a>
      </h2>
      <p class="report-card__meta">
        <span class={`report-status report-status--${record.status}`}>{STATUS_LABELS[record.status]}</span>{' '}
        <span class="muted">{STATUS_EXPLANATIONS[record.status]}</span>
      </p>
      <dl class="report-card__facts">
        <div>
          <dt>Last changed</dt>
          <dd>
            <time datetime={new Date(record.updatedAt).toISOString()}>{changed}</time>
          </dd>
        </div>
        {receipt && (
          <div>
            <dt>Received</dt>
            <dd>
              <time datetime={receipt.receivedAt}>{formatTime(Date.parse(receipt.receivedAt))}</time>
            </dd>
          </div>
        )}
        {summary.dateHappened && (
          <div>
            <dt>Incident date</dt>
            <dd>{formatDay(summary.dateHappened)}</dd>
          </div>
        )}
        {record.revision > 1 && (
          <div>
            <dt>Correction</dt>
            <dd>Version {record.revision}</dd>
          </div>
        )}
      </dl>
      {stale && (
        <p class="warning report-card__stale">
          <strong>Review: untouched for 30 days</strong>. Finish and submit it, or delete it if it is no longer needed.
        </p>
      )}
      <SendingBlocked status={record.status} />
      {(record.status === 'failed' || record.status === 'conflict') && <FailureReasons id={record.id} port={port} />}
      {record.status === 'draft' &&
        (confirming ? (
          <div class="report-card__confirm">
            <p tabIndex={-1} ref={confirmRef}>
              <strong>Delete this draft?</strong> It cannot be recovered.
            </p>
            <div class="button-row">
              <button type="button" class="button--danger" onClick={onDelete}>
                Yes, delete this draft
              </button>
              <button type="button" class="button--secondary" onClick={onCancelDelete}>
                Keep it
              </button>
            </div>
          </div>
        ) : (
          <div class="button-row">
            <button type="button" class="button--secondary" onClick={onAskDelete} ref={deleteRef}>
              Delete draft
              <span class="visually-hidden">
                : {summary.title}, last changed {changed}
              </span>
            </button>
          </div>
        ))}
    </li>
  );
};
