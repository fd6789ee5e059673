// Builds the production app once before the browser tests, unless a fresh build is already there.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup(): void {
  if (process.env.SAFEVISIT_SKIP_BUILD === '1' && existsSync('dist/sw.js')) return;
  // vitest sets NODE_ENV=test; the browser tests need the real production build.
  execSync('npx vite build --logLevel error', { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
