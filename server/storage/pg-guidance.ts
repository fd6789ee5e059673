// The published guidance in the PostgreSQL engine: every publication, as signed in an officer's browser, newest
// served. The pack is published guidance, not personal data; the row and its audit row share one transaction.
import { type Db, guardAll, writeAudit } from './pg-db.ts';
import { type PublicationRow, publicationOf } from './rows.ts';
import type { GuidancePublication, GuidanceStore } from './types.ts';

export const pgGuidanceStore = (db: Db): GuidanceStore =>
  guardAll<GuidanceStore>({
    publishedGuidance: async (): Promise<GuidancePublication | undefined> => {
      const [row] = await db.rows<PublicationRow>('SELECT * FROM guidance_publications ORDER BY seq DESC LIMIT 1');
      return row ? publicationOf(row) : undefined;
    },
    publishGuidance: (p) =>
      db.tx(async (sql) => {
        await sql.query(
          `INSERT INTO guidance_publications (published_at, published_by, version, etag, body)
           VALUES ($1, $2, $3, $4, $5)`,
          [p.publishedAt, p.publishedBy, p.version, p.etag, p.body],
        );
        await writeAudit(sql, p.publishedAt, p.publishedBy, 'guidance-published', p.version);
      }),
  });
