// The benchmark's output: the figure type, the plain-text table on stdout, results.json and results.md (bench/out/ on
// every run, the committed bench/ only when recording).
// Formats and writes only; measures nothing.
import { mkdirSync, writeFileSync } from 'node:fs';

export const FIGURE_IDS = [
  'first_load_js_gzip_kb',
  'precache_gzip_kb',
  'cold_start_offline_ms',
  'unlock_ms',
  'autosave_p95_ms',
  'encryption_overhead_ratio',
  'list_1000_ms',
  'search_p95_ms',
  'sync_1000_ms',
  'inbox_open_1000_ms',
  'inbox_search_p95_ms',
  'heap_1000_mb',
] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

export type Figure = {
  id: FigureId;
  label: string;
  /** The figure judged against the budget (null when the measurement failed: see `error`). */
  value: number | null;
  unit: string;
  /** Budget: at most (`max`) or at least (`min`). A figure with neither is only reported. */
  max?: number;
  min?: number;
  median?: number;
  p95?: number;
  /** How many samples the median/p95 come from. */
  n?: number;
  /** true/false against the budget; null when there is no budget or no value. */
  within_budget: boolean | null;
  /** How it was measured, in a sentence. */
  how: string;
  /** What this run found beyond the number (where the time went, what is biggest), in a sentence or two. */
  note?: string;
  /** Extra detail (samples, breakdowns) for the reader of results.json. */
  detail?: unknown;
  error?: string;
};

export type Machine = { os: string; cpu: string; cores: number; node: string; chromium: string };
export type Results = { machine: Machine; date: string; duration_s: number; figures: Figure[] };

export const judge = (figure: Omit<Figure, 'within_budget'>): Figure => {
  const { value, max, min } = figure;
  const within =
    value === null || (max === undefined && min === undefined)
      ? null
      : (max === undefined || value <= max) && (min === undefined || value >= min);
  return { ...figure, within_budget: within };
};

const round = (value: number | undefined | null): string => {
  if (value === undefined) return '';
  if (value === null || Number.isNaN(value)) return 'n/a';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
};

const budgetOf = (f: Figure): string =>
  f.max !== undefined ? `<= ${round(f.max)} ${f.unit}` : f.min !== undefined ? `>= ${round(f.min)} ${f.unit}` : '-';

const verdictOf = (f: Figure): string =>
  f.error ? 'FAILED TO MEASURE' : f.within_budget === null ? 'reported' : f.within_budget ? 'yes' : 'NO (over)';

const rowsOf = (figures: readonly Figure[]): string[][] =>
  figures.map((f) => [
    f.label,
    f.value === null ? 'n/a' : `${round(f.value)} ${f.unit}`,
    round(f.median),
    round(f.p95),
    f.n === undefined ? '' : String(f.n),
    budgetOf(f),
    verdictOf(f),
  ]);

const HEADER = ['figure', 'value', 'median', 'p95', 'n', 'budget', 'within budget'];

export const textTable = (figures: readonly Figure[]): string => {
  const rows = [HEADER, ...rowsOf(figures)];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ');
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [line(HEADER), rule, ...rows.slice(1).map(line)].join('\n');
};

const markdown = (results: Results): string => {
  const cell = (s: string) => s.replaceAll('|', '\\|');
  const lines = [
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map(() => '---').join(' | ')} |`,
    ...rowsOf(results.figures).map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
  const m = results.machine;
  const notes = results.figures.map(
    (f) => `- **${f.label}**: ${f.how}${f.note ? ` This run: ${f.note}` : ''}${f.error ? ` Failed: ${f.error}` : ''}`,
  );
  return [
    `Measured by \`npm run bench\` on ${results.date.slice(0, 10)}: ${m.os}, ${m.cpu} (${m.cores} cores), Node ${m.node}, ${m.chromium}.`,
    '',
    ...lines,
    '',
    'How each figure is measured:',
    '',
    ...notes,
    '',
  ].join('\n');
};

/** Where every run writes (ignored by git); only `--record` also writes the committed bench/results.*. */
export const RUN_OUT_DIR = 'bench/out';
export const RECORD_DIR = 'bench';

export const writeResults = (results: Results, dir: string): void => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/results.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${dir}/results.md`, markdown(results));
};
