// Mutation testing of the trust-critical modules (`npm run mutate`, README "Mutation testing"): the vault's crypto,
// the sync engine, the domain rules and the organisation's crypto and server. Not part of `npm test`: too slow for
// every run. Reports go to reports/mutation/ (ignored).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: true },
  // Stryker's TypeScript step breaks on TypeScript 7; pointing it at a file that does not exist skips it (the type
  // check is `npm run typecheck`'s job, not the mutants').
  tsconfigFile: 'tsconfig.stryker-absent.json',
  mutate: [
    'src/vault/**/*.ts',
    'src/sync/**/*.ts',
    'src/domain/**/*.ts',
    'server/**/*.ts',
    '!server/main.ts',
    // The PostgreSQL engine needs a PostgreSQL, which this run does not start: stryker.postgres.config.mjs runs it.
    '!server/storage/pg*.ts',
    '!**/*.d.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20_000,
  // The first, unmutated run of the related tests; generous because the machines here are shared.
  dryRunTimeoutMinutes: 20,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
