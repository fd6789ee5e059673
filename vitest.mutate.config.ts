// The unit tests alone, for mutation testing (stryker.config.mjs): no browser project, so Stryker's vitest runner
// runs each mutant against the unit test files related to the mutated module only. A server module is related to
// nearly every server test (they all start the app); SAFEVISIT_MUTATE_TESTS (comma-separated files or globs) narrows
// the run to the tests written for it, which makes the score a lower bound and the run minutes instead of an hour.
import preact from '@preact/preset-vite';
import { configDefaults, defineConfig } from 'vitest/config';

const narrowedTo = process.env.SAFEVISIT_MUTATE_TESTS?.split(',').map((t) => t.trim());
// The tests of src/domain and of the guidance pack start no server: loading the server's modules before each of them
// (mutate-setup.ts) would only slow every static mutant's run of a domain module.
const PURE_TEST_FOLDERS = ['tests/unit/domain/', 'tests/unit/guidance/'];
const pureOnly = narrowedTo?.every((t) => PURE_TEST_FOLDERS.some((folder) => t.startsWith(folder))) ?? false;

export default defineConfig({
  plugins: [preact()],
  test: {
    include: narrowedTo ?? ['tests/unit/**/*.test.ts'],
    // No PostgreSQL is started here (the unit project's globalSetup is not run): the PostgreSQL engine's own tests
    // are left out, and the storage contract runs on SQLite alone (tests/unit/fixtures/storage.ts).
    exclude: [...configDefaults.exclude, 'tests/unit/server/postgres-*.test.ts'],
    environment: 'node',
    setupFiles: pureOnly ? [] : ['tests/unit/mutate-setup.ts'],
    // A test file that a mutant stops from loading counts as a failed test, so that mutant counts as killed.
    reporters: ['default', './tests/unit/mutate-load-failures.ts'],
    // Instrumented code on a shared machine runs slower than in `npm test`; a timeout is not a killed mutant.
    testTimeout: 30_000,
  },
});
