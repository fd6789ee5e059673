// The Firefox and WebKit figures of the bench (unlock_ms_*, cold_start_offline_ms_*): each engine measured by
// bench/engines.ts in a process of its own (its in-page code needs the DOM types the Node program must not have),
// its samples turned into figures with the same budgets as Chromium's.
import { spawn } from 'node:child_process';
import type { Figure } from './report.ts';
import { median, p95 } from './stats.ts';

type EngineName = 'chromium' | 'firefox' | 'webkit';
type EngineSamples = {
  engine: EngineName;
  version: string;
  unlockMs: number[];
  coldStartMs: number[];
  paintTiming: boolean;
};

const RUNS = { unlockRuns: 5, coldStartRuns: 10 };
const round = (n: number) => Math.round(n * 10) / 10;
type Other = Exclude<EngineName, 'chromium'>;

/** Runs bench/engines.ts for one engine and reads the samples it prints last. */
const measureEngine = (engine: EngineName, serverPort: number): Promise<EngineSamples> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/engines.ts',
        engine,
        String(serverPort),
        String(RUNS.unlockRuns),
        String(RUNS.coldStartRuns),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as EngineSamples);
      else reject(new Error(`bench/engines.ts ${engine} stopped with code ${code}`));
    });
  });
const TITLE: Record<Other, string> = { firefox: 'Firefox', webkit: 'WebKit' };

/** The figures of one engine before measuring (ids, labels, budgets: the same as Chromium's), for failures too. */
export const engineFallbacks = (engine: Other): Omit<Figure, 'within_budget' | 'value'>[] => [
  {
    id: `unlock_ms_${engine}`,
    label: `Unlock, ${TITLE[engine]}`,
    unit: 'ms',
    max: 1000,
    how: `As unlock_ms, in ${TITLE[engine]} through the journeys' driver (tests/engines): in the page, click on Unlock to just after the frame that paints the Lock button; ${RUNS.unlockRuns} unlocks of one vault (the first also loads the session chunk); value = median.`,
  },
  {
    id: `cold_start_offline_ms_${engine}`,
    label: `Cold start offline, ${TITLE[engine]}`,
    unit: 'ms',
    max: 500,
    how: `A profile whose service worker controls the app, the network cut (a switch in front of the server${engine === 'firefox' ? ', and BiDi offline emulation' : ''}), then a new tab each run: navigation start to the first contentful paint (index.html's static shell: header, navigation and the Guidance link, before any script runs; where the engine has no paint timing, to the end of DOMContentLoaded); ${RUNS.coldStartRuns} runs after one warm-up; value = median. Unlike cold_start_offline_ms: no CPU slowdown and the service worker is not stopped between runs (neither driver can), so it measures less than Chromium's figure.`,
  },
];

/** Measures one engine and turns its samples into its two figures; `yardstick` is Chromium timed the same way. */
export const engineFigures = async (
  engine: Other,
  serverPort: number,
  yardstick: EngineSamples | null,
): Promise<Omit<Figure, 'within_budget'>[]> => {
  const s = await measureEngine(engine, serverPort);
  const [unlock, cold] = engineFallbacks(engine) as [
    Omit<Figure, 'within_budget' | 'value'>,
    Omit<Figure, 'within_budget' | 'value'>,
  ];
  const same = (samples: number[] | undefined) =>
    yardstick && samples?.length ? ` Chromium timed the same way: ${round(median(samples))} ms.` : '';
  const endPoint = s.paintTiming
    ? 'to the first contentful paint'
    : 'to the end of DOMContentLoaded (it reports no paint timing; the frame that follows is not counted)';
  return [
    {
      ...unlock,
      value: round(median(s.unlockMs)),
      median: round(median(s.unlockMs)),
      p95: round(p95(s.unlockMs)),
      n: s.unlockMs.length,
      note: `${s.version}.${same(yardstick?.unlockMs)}`,
      detail: { samples_ms: s.unlockMs.map(round), browser: s.version },
    },
    {
      ...cold,
      value: round(median(s.coldStartMs)),
      median: round(median(s.coldStartMs)),
      p95: round(p95(s.coldStartMs)),
      n: s.coldStartMs.length,
      note: `${s.version}, navigation start ${endPoint}.${same(yardstick?.coldStartMs)}`,
      detail: { samples_ms: s.coldStartMs.map(round), browser: s.version },
    },
  ];
};

/** Chromium timed by the same in-page code, to read the other engines' figures against; null if that fails. */
export const chromiumYardstick = (serverPort: number): Promise<EngineSamples | null> =>
  measureEngine('chromium', serverPort).catch(() => null);
