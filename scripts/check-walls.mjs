// Walls the linter cannot hold: WebCrypto only in src/vault, no Web Storage anywhere in src (nothing
// personal may land there), no console logging in src (logs must never carry personal data), and no browser
// store at all in the officer's screens.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const RULES = [
  { pattern: /\bsubtle\b/, allowed: (file) => file.startsWith('src/vault/'), why: 'WebCrypto lives in src/vault only' },
  { pattern: /\b(localStorage|sessionStorage)\b/, allowed: () => false, why: 'no Web Storage: it is never encrypted' },
  { pattern: /\bconsole\.(log|info|debug|warn|error)\b/, allowed: () => false, why: 'no logging in the app' },
  {
    pattern: /\b(indexedDB|caches|document\.cookie)\b/,
    allowed: (file) => !file.startsWith('src/officer/'),
    why: "the officer's screens keep nothing in any browser store (session and keys in memory only)",
  },
];

const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });

const problems = [];
for (const file of files('src')) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (/^\s*(\/\/|\*)/.test(line)) return;
    for (const rule of RULES) {
      if (rule.pattern.test(line) && !rule.allowed(file)) problems.push(`${file}:${i + 1}: ${rule.why}`);
    }
  });
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`walls hold (${RULES.length} rules)`);
