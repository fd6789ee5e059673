// The unit tests' PostgreSQL (vitest globalSetup): a throwaway one (scripts/throwaway-postgres.mjs) for the whole
// run, stopped and deleted at the end; SAFEVISIT_TEST_DATABASE_URL points the tests at a database of the developer's
// own instead (each test then works in a schema of its own, dropped after: tests/unit/fixtures/storage.ts).
import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from '../../scripts/throwaway-postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test PostgreSQL's address. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const own = process.env.SAFEVISIT_TEST_DATABASE_URL?.trim();
  if (own) {
    project.provide('postgresUrl', own);
    return undefined;
  }
  const started = Date.now();
  const postgres = await startThrowawayPostgres().catch((error: Error) => {
    throw new Error(
      `The storage tests need PostgreSQL. ${error.message}\nor point them at your own database: ` +
        'SAFEVISIT_TEST_DATABASE_URL=postgres://user:password@host:port/db',
    );
  });
  project.provide('postgresUrl', postgres.url);
  console.log(`${postgres.version} for the tests at ${postgres.url}, ready in ${Date.now() - started} ms`);
  return postgres.stop;
}
