// `npm run backup -- DEST`: a consistent copy of the SQLite database (SAFEVISIT_DB, default data/safevisit.sqlite)
// while the server runs, through SQLite's online backup (better-sqlite3's backup()). Writes DEST owner-only (0600) and
// never overwrites a file; changes nothing in the source.
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

const source = process.env.SAFEVISIT_DB || 'data/safevisit.sqlite';
const dest = process.argv[2];

const fail = (message) => {
  console.error(`Backup not made: ${message}`);
  process.exit(1);
};

if (!dest) fail('say where to write it: npm run backup -- backup/safevisit.sqlite');
if (source === ':memory:' || !existsSync(source)) fail(`there is no database file at ${source} (SAFEVISIT_DB).`);
if (existsSync(dest)) fail(`${dest} already exists; choose a new file name.`);

mkdirSync(dirname(dest), { recursive: true, mode: 0o700 });
// Made empty and owner-only before a byte is copied into it (it holds token hashes and officers' wrapped keys).
closeSync(openSync(dest, 'wx', 0o600));
const db = new Database(source, { readonly: true, fileMustExist: true });
try {
  const { totalPages } = await db.backup(dest);
  console.log(`Backed up ${source} to ${dest} (${totalPages} pages).`);
} finally {
  db.close();
}
