// Reports: the list (#/reports), a new report (#/reports/new) and the editor (#/reports/<id>).
// Rendered only while the vault is unlocked (the app's vault gate); talks to storage through ReportsPort only.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { messageFor } from '../../domain/errors.ts';
import { emptyDraft } from '../../domain/report-schema.ts';
import { routeHref } from '../router.ts';
import { type Services, useServices } from '../services.ts';
import { ReportEditor } from './ReportEditor.tsx';
import { ReportList } from './ReportList.tsx';
import { createReportsPort, type ReportsPort } from './reports-port.ts';
import './reports.css';

/** The route parameter that creates a report and opens it. */
export const NEW_REPORT_PARAM = 'new';

export const portFromServices = (services: Pick<Services, 'reports' | 'settings' | 'outbox' | 'sync'>): ReportsPort =>
  createReportsPort({
    repo: services.reports,
    emptyDraft: async () => emptyDraft((await services.settings.getSecret('orgDefaults')) ?? {}),
    newId: () => crypto.randomUUID(),
    failure: async (id) => {
      const meta = (await services.reports.listMeta()).find((m) => m.id === id);
      const row = await services.outbox.get(id);
      return { issues: meta?.syncIssues ?? [], lastError: row?.lastError ?? null };
    },
    afterQueued: () => {
      void services.sync.refresh();
      void services.sync.runOnce();
    },
    onSyncChange: (listener) => services.sync.state.subscribe(() => listener()),
  });

const useReportsPort = (): ReportsPort => {
  const { reports, settings, outbox, sync } = useServices();
  return useMemo(() => portFromServices({ reports, settings, outbox, sync }), [reports, settings, outbox, sync]);
};

/** #/reports/new: creates the draft, then replaces the URL with its id so Back does not create another. */
const NewReport = ({ port }: { port: ReportsPort }) => {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    port.create().then(
      (record) => {
        if (!cancelled) window.location.replace(routeHref('reports', record.id));
      },
      (e: unknown) => {
        if (!cancelled) setError(messageFor(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [port]);
  return error ? (
    <section aria-labelledby="report-title">
      <h1 id="report-title">New report</h1>
      <p class="error-text">{error}</p>
      <p>
        <a class="report-target" href={routeHref('reports')}>
          Back to the list
        </a>
      </p>
    </section>
  ) : (
    <p class="muted">Starting a new report...</p>
  );
};

export const ReportsScreen = ({ param }: { param?: string | undefined }) => {
  const port = useReportsPort();
  if (!param) return <ReportList port={port} />;
  if (param === NEW_REPORT_PARAM) return <NewReport port={port} />;
  return <ReportEditor key={param} id={param} port={port} />;
};
