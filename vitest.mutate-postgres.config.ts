// The PostgreSQL engine's mutation runs (stryker.postgres.config.mjs, `npm run mutate:postgres`): the mutate config
// plus the unit project's throwaway PostgreSQL (tests/unit/postgres-server.ts, or SAFEVISIT_TEST_DATABASE_URL), so the
// storage contract runs on both engines and the PostgreSQL engine's own tests run too. Opt-in: it needs PostgreSQL.
import { configDefaults, defineConfig } from 'vitest/config';
import mutate from './vitest.mutate.config.ts';

export default defineConfig({
  ...mutate,
  test: {
    ...mutate.test,
    include: process.env.SAFEVISIT_MUTATE_TESTS?.split(',').map((t) => t.trim()) ?? [
      'tests/unit/server/storage-contract-*.test.ts',
      'tests/unit/server/postgres-*.test.ts',
    ],
    exclude: configDefaults.exclude,
    globalSetup: ['tests/unit/postgres-server.ts'],
  },
});
