// Walls the linter cannot hold: WebCrypto only in src/vault, IndexedDB only in src/store, no Web Storage anywhere in
// src (nothing personal may land there), no console logging in src (logs must never carry personal data), and no
// browser store at all in the officer's screens.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const RULES = [
  { pattern: /\bsubtle\b/, allowed: (file) => file.startsWith('src/vault/'), why: 'WebCrypto lives in src/vault only' },
  {
    pattern: /\bindexedDB\b/,
    allowed: (file) => file.startsWith('src/store/'),
    why: 'IndexedDB lives in src/store only',
  },
  { pattern: /\b(localStorage|sessionStorage)\b/, allowed: () => false, why: 'no Web Storage: it is never encrypted' },
  { pattern: /\bconsole\.(log|info|debug|warn|error)\b/, allowed: () => false, why: 'no logging in the app' },
  {
    pattern: /\b(indexedDB|caches|document\.cookie)\b/,
    allowed: (file) => !file.startsWith('src/officer/'),
    why: "the officer's screens keep nothing in any browser store (session and keys in memory only)",
  },
];

/** Every breach in one file, as `path:line: why`; `file` is relative to the repository, with forward slashes. */
export const breaches = (file, text) =>
  text.split('\n').flatMap((line, i) => {
    if (/^\s*(\/\/|\*)/.test(line)) return [];
    return RULES.filter((rule) => rule.pattern.test(line) && !rule.allowed(file)).map(
      (rule) => `${file}:${i + 1}: ${rule.why}`,
    );
  });

const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const problems = files('src').flatMap((file) => breaches(file, readFileSync(file, 'utf8')));
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(`walls hold (${RULES.length} rules)`);
}
