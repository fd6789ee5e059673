// Mutation testing of the PostgreSQL storage engine (`npm run mutate:postgres`, README "Mutation testing"): the
// pg-*.ts files against the storage contract and the PostgreSQL tests, with the throwaway PostgreSQL the unit project
// starts (vitest.mutate-postgres.config.ts). Opt-in: it needs PostgreSQL installed; `npm run mutate` never starts one.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { ...base.vitest, configFile: 'vitest.mutate-postgres.config.ts' },
  mutate: ['server/storage/pg.ts', 'server/storage/pg-*.ts'],
  htmlReporter: { fileName: 'reports/mutation-postgres/index.html' },
  jsonReporter: { fileName: 'reports/mutation-postgres/mutation.json' },
};
