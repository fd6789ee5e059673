// The inbox's exports, made in the browser from the reports listed: CSV with one column per Appendix 1 field
// (labels as headers) and JSON with each report and its routing fields. Pure text; the download is the screen's.

import { toCsv } from '../../domain/csv.ts';
import { ANSWER_COLUMNS, columnText } from '../../domain/report-answers.ts';
import type { SubmittedReport } from '../../domain/report-schema.ts';
import type { ExportFormat } from '../../domain/sealed-protocol.ts';
import type { OpenedEntry } from './inbox-model.ts';

/** Columns before the form's: which report, when, how urgent and whether an officer has reviewed it. */
export const ROUTING_HEADERS = ['Report id', 'Revision', 'Received', 'Urgency', 'Status', 'Reviewed by', 'Reviewed at'];

const routingCells = ({ item }: OpenedEntry): string[] => [
  item.id,
  String(item.revision),
  item.receivedAt,
  item.urgency,
  item.status,
  item.reviewedBy?.name ?? '',
  item.reviewedAt ?? '',
];

export const inboxCsv = (entries: readonly OpenedEntry[]): string =>
  toCsv(
    [...ROUTING_HEADERS, ...ANSWER_COLUMNS.map((c) => c.header)],
    entries.map((entry) => [...routingCells(entry), ...ANSWER_COLUMNS.map((c) => columnText(c, entry.content.report))]),
  );

export const JSON_EXPORT_KIND = 'safevisit/inbox-export';
export const JSON_EXPORT_VERSION = 1;

export type JsonExport = {
  kind: typeof JSON_EXPORT_KIND;
  version: typeof JSON_EXPORT_VERSION;
  exportedAt: string;
  reports: {
    id: string;
    revision: number;
    schemaVersion: number;
    urgency: string;
    createdAt: string;
    submittedAt: string;
    receivedAt: string;
    status: 'new' | 'reviewed';
    reviewedAt: string | null;
    reviewedBy: string | null;
    report: SubmittedReport;
  }[];
};

export const inboxJson = (entries: readonly OpenedEntry[], exportedAt: Date): string => {
  const body: JsonExport = {
    kind: JSON_EXPORT_KIND,
    version: JSON_EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    reports: entries.map(({ item, content }) => ({
      id: item.id,
      revision: item.revision,
      schemaVersion: item.schemaVersion,
      urgency: item.urgency,
      createdAt: item.createdAt,
      submittedAt: item.submittedAt,
      receivedAt: item.receivedAt,
      status: item.status,
      reviewedAt: item.reviewedAt,
      reviewedBy: item.reviewedBy?.name ?? null,
      report: content.report,
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
};

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json',
};

/** "safevisit-reports-2026-11-01.csv": the day of the export, nothing about the reports. */
export const exportFileName = (format: ExportFormat, at: Date): string =>
  `safevisit-reports-${at.toISOString().slice(0, 10)}.${format}`;

/** The file's text for a format. A CSV starts with a byte order mark so spreadsheets read it as UTF-8. */
export const exportText = (format: ExportFormat, entries: readonly OpenedEntry[], at: Date): string =>
  format === 'csv' ? `\uFEFF${inboxCsv(entries)}` : inboxJson(entries, at);
