// The published guidance in the SQLite engine: every publication, as signed in an officer's browser, newest served.
// The pack is published guidance, not personal data; the row and its audit row share one transaction.
import type Database from 'better-sqlite3';
import { type PublicationRow, publicationOf } from './rows.ts';
import { auditWriter, guarded } from './sqlite-org.ts';
import type { GuidancePublication, GuidanceStore } from './types.ts';

/** Self-contained (IF NOT EXISTS), so the integrator may renumber it beside another helper's migration. */
export const GUIDANCE_MIGRATION = `
  CREATE TABLE IF NOT EXISTS guidance_publications (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    version      TEXT NOT NULL,
    etag         TEXT NOT NULL,
    body         TEXT NOT NULL
  );
`;

export const sqliteGuidanceStore = (db: Database.Database): GuidanceStore => {
  const audit = auditWriter(db);
  const newest = db.prepare<[], PublicationRow>('SELECT * FROM guidance_publications ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO guidance_publications (published_at, published_by, version, etag, body)
     VALUES (@publishedAt, @publishedBy, @version, @etag, @body)`,
  );
  const publish = db.transaction((p: GuidancePublication) => {
    insert.run(p);
    audit(p.publishedAt, p.publishedBy, 'guidance-published', p.version);
  });
  return {
    publishedGuidance: () =>
      guarded(() => {
        const row = newest.get();
        return row ? publicationOf(row) : undefined;
      }),
    publishGuidance: (publication) => guarded(() => void publish.immediate(publication)),
  };
};
