// `npm test`: the one gate and the whole set-up. Installs what the tests need when it may (scripts/requirements.mjs),
// then fast things first (types, lint), unit tests, the production build, the browser tests and the core journeys in
// every engine; ends with one line "N passed, N failed" over all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureRequirements } from './requirements.mjs';

if (!ensureRequirements()) {
  console.log('\n0 passed, 1 failed (set-up)');
  process.exit(1);
}

const OUT = 'test-results';
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const finish = (ok) => {
  const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
  console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
  process.exit(ok && totals.failed === 0 ? 0 : 1);
};

const run = (title, command, args, env = {}) => {
  console.log(`\n== ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(
    `== ${title}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return result.status === 0;
};

const vitest = (project) => {
  const file = `${OUT}/${project}.json`;
  const ok = run(
    `${project} tests`,
    'npx',
    ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${file}`],
    { SAFEVISIT_SKIP_BUILD: '1' },
  );
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += report.numPassedTests ?? 0;
    totals.failed += report.numFailedTests ?? 0;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // A suite that failed to load counts as a failure even though none of its tests ran.
    if (!ok && (report.numFailedTests ?? 0) === 0) totals.failed += Math.max(1, report.numFailedTestSuites ?? 0);
  } else if (!ok) {
    totals.failed += 1;
  }
  return ok;
};

if (!run('type-check', 'npm', ['run', '--silent', 'typecheck'])) finish(false);
if (!run('lint and format', 'npx', ['biome', 'check', '--error-on-warnings', '.'])) finish(false);
if (!run('folder walls', 'node', ['scripts/check-walls.mjs'])) finish(false);
const unitOk = vitest('unit');
if (!run('build', 'npx', ['vite', 'build', '--logLevel', 'warn'])) finish(false);
const e2eOk = vitest('e2e');
// The core journeys in Chromium, Firefox and WebKit (tests/engines).
const enginesOk = vitest('engines');
finish(unitOk && e2eOk && enginesOk);
