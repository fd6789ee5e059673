// The inbox's exports: CSV with the routing columns then one column per Appendix 1 field (labels as headers),
// defused and quoted; JSON with each report and its routing fields.
import { describe, expect, it } from 'vitest';
import { ANSWER_COLUMNS } from '../../../../src/domain/report-answers.ts';
import {
  exportFileName,
  exportText,
  inboxCsv,
  inboxJson,
  JSON_EXPORT_KIND,
  ROUTING_HEADERS,
} from '../../../../src/officer/inbox/inbox-export.ts';
import { openedEntry } from '../../fixtures.ts';

/** A small RFC 4180 reader for the test: quoted cells may hold commas, quotes and line breaks. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
};

describe('inboxCsv', () => {
  const risky = openedEntry(
    { description: '=HYPERLINK("http://evil.example") said, "come"\nthen left', reporterName: '@admin' },
    { status: 'reviewed', reviewedAt: '2026-11-02T08:00:00.000Z', reviewedBy: { id: 'o1', name: 'Ada Officer' } },
  );
  const plain = openedEntry({ incidentTypes: ['grooming', 'bullying'] }, { urgency: 'immediate' });
  const rows = parseCsv(inboxCsv([risky, plain]));

  it('heads the routing columns, then one column per Appendix 1 field in form order', () => {
    expect(rows[0]).toEqual([...ROUTING_HEADERS, ...ANSWER_COLUMNS.map((c) => c.header)]);
    expect(rows[0]).toContain('Description of incident');
    expect(rows[0]?.indexOf('Date happened')).toBeLessThan(rows[0]?.indexOf('Description of incident') ?? -1);
  });

  it('writes one row per report, each as wide as the header', () => {
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toHaveLength(rows[0]?.length ?? 0);
  });

  it('keeps commas, quotes and line breaks inside one cell and defuses formula starts', () => {
    const header = rows[0] ?? [];
    const cell = (row: string[] | undefined, name: string) => row?.[header.indexOf(name)];
    expect(cell(rows[1], 'Description of incident')).toBe(
      '\'=HYPERLINK("http://evil.example") said, "come"\nthen left',
    );
    expect(cell(rows[1], 'Name of person reporting incident')).toBe("'@admin");
    expect(cell(rows[1], 'Status')).toBe('reviewed');
    expect(cell(rows[1], 'Reviewed by')).toBe('Ada Officer');
    expect(cell(rows[2], 'Type of incident')).toBe('bullying or harassment (online bullying); online grooming');
    expect(cell(rows[2], 'Urgency')).toBe('immediate');
    expect(cell(rows[2], 'Report id')).toBe(plain.item.id);
  });

  it('starts the file with a byte order mark so spreadsheets read UTF-8', () => {
    expect(exportText('csv', [plain], new Date()).startsWith('\uFEFF')).toBe(true);
  });
});

describe('inboxJson', () => {
  it('holds each report with its routing fields and review state, in the order given', () => {
    const a = openedEntry({ description: 'First one' }, { urgency: 'soon' });
    const b = openedEntry(
      { description: 'Second one' },
      { status: 'reviewed', reviewedAt: '2026-11-02T08:00:00.000Z', reviewedBy: { id: 'o1', name: 'Ada Officer' } },
    );
    const parsed = JSON.parse(inboxJson([a, b], new Date('2026-11-03T10:00:00.000Z')));
    expect(parsed).toMatchObject({ kind: JSON_EXPORT_KIND, version: 1, exportedAt: '2026-11-03T10:00:00.000Z' });
    expect(parsed.reports).toHaveLength(2);
    expect(parsed.reports[0]).toEqual({
      id: a.item.id,
      revision: 1,
      schemaVersion: a.item.schemaVersion,
      urgency: 'soon',
      createdAt: a.item.createdAt,
      submittedAt: a.item.submittedAt,
      receivedAt: a.item.receivedAt,
      status: 'new',
      reviewedAt: null,
      reviewedBy: null,
      report: a.content.report,
    });
    expect(parsed.reports[1]).toMatchObject({ id: b.item.id, reviewedBy: 'Ada Officer', status: 'reviewed' });
    expect(parsed.reports[1].report.description).toBe('Second one');
    // No envelope bytes or device in the export: it is the reports, not the server's rows.
    expect(Object.keys(parsed.reports[0])).not.toContain('ciphertext');
    expect(Object.keys(parsed.reports[0])).not.toContain('deviceId');
  });
});

describe('exportFileName', () => {
  it('names the file by the day of the export only', () => {
    expect(exportFileName('csv', new Date('2026-11-03T10:00:00Z'))).toBe('safevisit-reports-2026-11-03.csv');
    expect(exportFileName('json', new Date('2026-11-03T10:00:00Z'))).toBe('safevisit-reports-2026-11-03.json');
  });
});
