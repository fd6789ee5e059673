// The unit tests alone, for mutation testing (stryker.config.mjs): no browser project, so Stryker's vitest runner
// runs each mutant against the unit test files related to the mutated module only.
import preact from '@preact/preset-vite';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [preact()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // No PostgreSQL is started here (the unit project's globalSetup is not run): the PostgreSQL engine's own tests
    // are left out, and the storage contract runs on SQLite alone (tests/unit/fixtures/storage.ts).
    exclude: [...configDefaults.exclude, 'tests/unit/server/postgres-*.test.ts'],
    environment: 'node',
    // Instrumented code on a shared machine runs slower than in `npm test`; a timeout is not a killed mutant.
    testTimeout: 30_000,
  },
});
