// Mutation runs only (vitest.mutate.config.ts): loads the server's modules before any test starts, so Stryker counts
// their module-level code (constants, schemas, route options) as static and runs every test against its mutants.
// Loaded lazily by startServer, that code would count as covered by whichever test happened to load it first only.
import '../../server/app.ts';
