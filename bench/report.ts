// The benchmark's output: the figure type, the plain-text table on stdout, results.json and results.md (bench/out/ on
// every run, the committed bench/ only when recording).
// Formats and writes only; measures nothing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';

export const FIGURE_IDS = [
  'first_load_js_gzip_kb',
  'precache_gzip_kb',
  'cold_start_offline_ms',
  'unlock_ms',
  'autosave_p95_ms',
  'encryption_overhead_ratio',
  'list_1000_ms',
  'list_first_screen_ms',
  'list_all_searchable_ms',
  'search_p95_ms',
  'sync_1000_ms',
  'inbox_open_1000_ms',
  'inbox_search_p95_ms',
  'heap_1000_mb',
  // npm run bench, in Firefox and WebKit (bench/engines.ts).
  'unlock_ms_firefox',
  'unlock_ms_webkit',
  'cold_start_offline_ms_firefox',
  'cold_start_offline_ms_webkit',
  // npm run bench:server (bench/server-load.ts), per storage engine.
  'server_new_per_s_sqlite',
  'server_new_p99_ms_sqlite',
  'server_replay_per_s_sqlite',
  'server_new_per_s_postgres',
  'server_new_p99_ms_postgres',
  'server_replay_per_s_postgres',
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
  /** A timed figure's p95 (or value) over the plain-storage floor measured in the same run (Results.floor). */
  floor_ratio?: number;
  /** true/false against the budget, judged on `p95` when the figure has one; null when no budget or no value. */
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
/**
 * The plain-storage floor of a run: `records` plain records of `record_kb` KB written to IndexedDB in one transaction
 * and encrypted with AES-GCM, in the app's page. The ratio of a timed figure is to `write_ms + encrypt_ms`.
 */
export type StorageFloor = { records: number; record_kb: number; write_ms: number; encrypt_ms: number };
export type Results = {
  machine: Machine;
  date: string;
  duration_s: number;
  floor?: StorageFloor | undefined;
  figures: Figure[];
};

/** This machine, for the results' header line; `chromium` names the browser used (or that none was). */
export const machineOf = (chromium: string): Machine => {
  const cpu = cpus();
  return {
    os: `${platform()} ${release()}`,
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    node: process.version,
    chromium,
  };
};

/** Judged on the p95 where the figure has one (a slow tail is what the worker waits on), else on its value. */
export const judge = (figure: Omit<Figure, 'within_budget'>): Figure => {
  const { max, min } = figure;
  const value = figure.value === null ? null : (figure.p95 ?? figure.value);
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

const floorOf = (f: Figure): string => (f.floor_ratio === undefined ? '' : `${round(f.floor_ratio)}x`);

/** The ratio of a timed figure (ms) to the run's floor: its p95 (else its value) over write + encrypt. */
export const withFloorRatio = (f: Figure, floor: StorageFloor | undefined): Figure => {
  const timed = f.p95 ?? f.value;
  const base = floor ? floor.write_ms + floor.encrypt_ms : 0;
  if (f.unit !== 'ms' || timed === null || timed === undefined || !(base > 0)) return f;
  return { ...f, floor_ratio: Math.round((timed / base) * 100) / 100 };
};

const rowsOf = (figures: readonly Figure[]): string[][] =>
  figures.map((f) => [
    f.label,
    f.value === null ? 'n/a' : `${round(f.value)} ${f.unit}`,
    round(f.median),
    round(f.p95),
    f.n === undefined ? '' : String(f.n),
    budgetOf(f),
    floorOf(f),
    verdictOf(f),
  ]);

const HEADER = ['figure', 'value', 'median', 'p95', 'n', 'budget', 'x floor', 'within budget (p95)'];

/** The floor line printed above the table. */
export const floorLine = (floor: StorageFloor | undefined): string =>
  floor
    ? `Plain-storage floor of this run: ${floor.records.toLocaleString('en-GB')} plain ${floor.record_kb} KB records written to IndexedDB in ${round(floor.write_ms)} ms, encrypted (AES-GCM) in ${round(floor.encrypt_ms)} ms; "x floor" = p95 / (write + encrypt).`
    : 'Plain-storage floor: not measured in this run.';

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
    floorLine(results.floor),
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

/** Where this run writes: bench/out/ always, and the committed bench/ too with `--record`. */
export const runDirs = (argv: readonly string[]): string[] =>
  argv.includes('--record') ? [RUN_OUT_DIR, RECORD_DIR] : [RUN_OUT_DIR];

/** The results.json in `dir`, if there is one. */
export const readResults = (dir: string): Results | undefined =>
  existsSync(`${dir}/results.json`) ? (JSON.parse(readFileSync(`${dir}/results.json`, 'utf8')) as Results) : undefined;

/**
 * Writes results.json and results.md into `dir`. `keep` picks figures of the results already there to carry over
 * (those this run did not measure): the app bench and the server bench (npm run bench:server) each keep the other's.
 */
export const writeResults = (results: Results, dir: string, keep?: (figure: Figure) => boolean): void => {
  mkdirSync(dir, { recursive: true });
  const measured = new Set(results.figures.map((f) => f.id));
  const before = (keep && readResults(dir)?.figures) || [];
  const figures = [...results.figures, ...before.filter((f) => keep?.(f) && !measured.has(f.id))].sort(
    (a, b) => FIGURE_IDS.indexOf(a.id) - FIGURE_IDS.indexOf(b.id),
  );
  const all = { ...results, figures };
  writeFileSync(`${dir}/results.json`, `${JSON.stringify(all, null, 2)}\n`);
  writeFileSync(`${dir}/results.md`, markdown(all));
};
