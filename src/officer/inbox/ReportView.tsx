// One report, opened in this browser: the Appendix 1 labels with the answers in the form's order, the next steps
// with their sources, "Mark reviewed", "Print" (inbox.css lays it out on A4) and "Erase report". Holds the plaintext in memory only.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatSource, nextSteps, URGENCIES, URGENCY_LABELS } from '../../domain/next-steps.ts';
import { reportAnswers } from '../../domain/report-answers.ts';
import type { InboxReport, Review } from '../../domain/sealed-protocol.ts';
import type { OrgPrivateKeys } from '../../vault/org.ts';
import { officerSentence } from '../officer-errors.ts';
import { officerHref } from '../officer-route.ts';
import { EraseReport } from './EraseReport.tsx';
import type { InboxApi } from './inbox-api.ts';
import { formatDate, formatDateTime, reviewText, URGENCY_TEXT } from './inbox-format.ts';
import { CONTENT_SENTENCES, type Content } from './inbox-model.ts';
import { openEnvelope } from './open-reports.ts';

type Opened = Extract<Content, { state: 'opened' }>;

const NextSteps = ({ content }: { content: Opened }) => {
  const steps = nextSteps(content.report);
  if (steps.length === 0) return null;
  return (
    <section class="report-section report-next-steps" aria-labelledby="report-next-steps">
      <h2 id="report-next-steps">Next steps</h2>
      <p class="hint">What the guidance asks for the boxes ticked on this report (SafeVisit, not Appendix 1).</p>
      {URGENCIES.map((urgency) => {
        const group = steps.filter((s) => s.urgency === urgency);
        if (group.length === 0) return null;
        return (
          <div key={urgency} class="report-next-steps__group">
            <h3>{URGENCY_LABELS[urgency]}</h3>
            <ul>
              {group.map((step) => (
                <li key={step.id}>
                  {step.text} <span class="hint">(Source: {step.sources.map(formatSource).join('; ')})</span>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
};

const Answers = ({ content }: { content: Opened }) => (
  <>
    {reportAnswers(content.report).map((section) => (
      <section key={section.id} class="report-section" aria-labelledby={`report-section-${section.id}`}>
        <h2 id={`report-section-${section.id}`}>
          {section.title}
          {section.addition && <span class="hint"> (SafeVisit, not Appendix 1)</span>}
        </h2>
        <dl class="report-answers">
          {section.answers.map((answer) => (
            <div key={answer.id} class={answer.parent ? 'report-answer report-answer--under' : 'report-answer'}>
              {/* A one-field section headed by the field's own label ("Description of incident") says it once. */}
              <dt class={answer.label === section.title ? 'visually-hidden' : undefined}>{answer.label}</dt>
              <dd>{answer.text}</dd>
            </div>
          ))}
        </dl>
      </section>
    ))}
  </>
);

export const ReportView = ({
  inboxApi,
  keys,
  reportId,
  onReviewed,
  onErased,
  onFailure,
}: {
  inboxApi: InboxApi;
  keys: OrgPrivateKeys | null;
  reportId: string;
  onReviewed: (review: Review) => void;
  onErased: () => void;
  onFailure: (error: unknown) => boolean;
}) => {
  const [report, setReport] = useState<InboxReport | null>(null);
  const [content, setContent] = useState<Content>({ state: 'pending' });
  const [error, setError] = useState('');
  const [reviewError, setReviewError] = useState('');
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let alive = true;
    setReport(null);
    setContent({ state: 'pending' });
    setError('');
    void (async () => {
      try {
        const answer = await inboxApi.open(reportId);
        if (!alive) return;
        setReport(answer);
        const newest = answer.revisions[0];
        const opened = keys && newest ? await openEnvelope(keys, newest) : ({ state: 'unopenable' } as const);
        if (alive) setContent(opened);
      } catch (e) {
        if (alive && !onFailure(e)) setError(officerSentence(e));
      }
    })();
    return () => {
      alive = false;
    };
  }, [inboxApi, keys, reportId]);

  useEffect(() => {
    if (content.state === 'opened') heading.current?.focus();
  }, [content.state]);

  const markReviewed = async () => {
    setBusy(true);
    setReviewError('');
    try {
      const review = await inboxApi.markReviewed(reportId);
      setReport((r) => (r ? { ...r, ...review } : r));
      onReviewed(review);
    } catch (e) {
      if (!onFailure(e)) setReviewError(officerSentence(e));
    } finally {
      setBusy(false);
    }
  };

  const newest = report?.revisions[0];
  const title =
    content.state === 'opened'
      ? `${content.summary.dateHappened ? formatDate(content.summary.dateHappened) : 'No date'}: ${content.summary.title}`
      : 'Report';
  return (
    <article class="report-view" aria-labelledby="report-title">
      <p class="no-print">
        <a href={officerHref('inbox')}>Back to the inbox</a>
      </p>
      <p class="report-view__form-name">Online safety incident report (Camden guidance, Appendix 1)</p>
      <h1 id="report-title" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {error && <p class="error-text">{error}</p>}
      {!error && content.state === 'pending' && <p class="muted">Opening the report in this browser…</p>}
      {(content.state === 'unopenable' || content.state === 'unreadable') && (
        <p class="error-text">{CONTENT_SENTENCES[content.state]}</p>
      )}
      {report && newest && (
        <dl class="report-facts">
          <div>
            <dt>Urgency</dt>
            <dd>{URGENCY_TEXT[newest.urgency]}</dd>
          </div>
          <div>
            <dt>Received</dt>
            <dd>{formatDateTime(newest.receivedAt)}</dd>
          </div>
          <div>
            <dt>Revision</dt>
            <dd>
              {newest.revision}
              {report.revisions.length > 1 ? ` (${report.revisions.length} received)` : ''}
            </dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>{reviewText(report)}</dd>
          </div>
        </dl>
      )}
      {report && (
        <div class="button-row no-print">
          <button type="button" onClick={() => window.print()} disabled={content.state !== 'opened'}>
            Print
          </button>
          {report.status === 'new' && (
            <button type="button" class="button--secondary" onClick={markReviewed} disabled={busy}>
              Mark reviewed
            </button>
          )}
        </div>
      )}
      {reviewError && <p class="error-text">{reviewError}</p>}
      {content.state === 'opened' && (
        <>
          <Answers content={content} />
          <NextSteps content={content} />
        </>
      )}
      {/* Last on the page: reading comes first, and it is never one click away from a button used every day. */}
      {report && <EraseReport inboxApi={inboxApi} reportId={reportId} onErased={onErased} onFailure={onFailure} />}
    </article>
  );
};
