// `npm run bench`: runs the benchmarks (bench/run.ts, TypeScript, through tsx) and passes their exit code on.
// Exit 0 = every figure measured (within budget or not, see the table); non-zero = the bench itself broke.
import { spawnSync } from 'node:child_process';

// `npm run bench -- --record` also rewrites the committed bench/results.json and bench/results.md.
const result = spawnSync('npx', ['tsx', 'bench/run.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
if (result.error) console.error('Could not start the benchmarks:', result.error.message);
process.exit(result.status ?? 1);
