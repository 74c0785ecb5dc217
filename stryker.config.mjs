// Mutation testing of the modules where a silent bug would corrupt a result. `npm run mutate`
// runs all of them; one module at a time: `npm run mutate -- --mutate 'src/replay/**/*.ts'`.
// Incremental: only mutants in changed code or covered by changed tests are run again (the
// previous results are kept in reports/mutation/incremental.json); `-- --force` runs all.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/measures/**/*.ts',
    'agents/policies/**/*.ts',
    'agents/random.ts',
    'src/kernel/regret-ledger.ts',
    'src/kernel/random.ts',
    'src/kernel/event-queue.ts',
    'src/record/**/*.ts',
    'src/replay/**/*.ts',
  ],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  // The machine is shared; one test process keeps the run from crowding out everything else.
  concurrency: 1,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 95, low: 90, break: 90 },
  ignorePatterns: ['/runs', '/test-output'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
