// Mutation runs only (vitest.mutate.config.ts): a test file that fails to load, because a static mutant makes an import
// or a describe body throw, collects no test, and Stryker's vitest runner (9.6.1, stryker-js#6150) builds a mutant's
// result from the collected tests alone, so it scored such a mutant Survived although the suite cannot even load.
// This reporter gives each such file one failed test carrying its load error. A file that loaded is left as it is.
import type { RunnerTask, RunnerTestCase, RunnerTestFile } from 'vitest';
import type { Reporter, Vitest } from 'vitest/node';

const hasFailedTest = (task: RunnerTask): boolean =>
  task.type === 'test' ? task.result?.state === 'fail' : 'tasks' in task && task.tasks.some(hasFailedTest);

export default class LoadFailuresAsFailedTests implements Reporter {
  private vitest?: Vitest;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  // The files Stryker reads: its runner takes them from the same state once the run has ended.
  onTestRunEnd(): void {
    for (const file of this.vitest?.state.getFiles() ?? []) {
      if (file.result?.state !== 'fail' || hasFailedTest(file)) continue;
      file.tasks.push(loadFailure(file));
    }
  }
}

// Only the fields Stryker's runner reads once the run is over; vitest's own test context is never built for it.
const loadFailure = (file: RunnerTestFile): RunnerTestCase =>
  ({
    type: 'test',
    id: `${file.id}_load`,
    name: '(the test file failed to load)',
    mode: 'run',
    file,
    suite: file,
    result: { state: 'fail', errors: file.result?.errors ?? [], duration: 0 },
  }) as unknown as RunnerTestCase;
