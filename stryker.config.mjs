// Mutation testing of the modules where a silent bug would corrupt a result. `npm run mutate`
// runs all of them; one module at a time, with its own incremental file:
//   npm run mutate -- --mutate 'src/replay/**/*.ts' --incrementalFile reports/mutation/replay.json
// Incremental: only mutants in changed code or covered by changed tests are run again (the
// previous results are kept in reports/mutation/incremental.json); `-- --force` runs all.
//
// Equivalent mutants (no test can kill them: the program computes the same thing). They are left
// in the score, which therefore understates the tests slightly.
// - src/replay/verify.ts `recorded[table].return?.()` → `.return()`: better-sqlite3's iterators
//   always have `return`, so the optional call never short-circuits.
// - src/replay/verify.ts `c < columns.length` → `c <= columns.length`: the extra column index
//   reads `undefined` on both sides, which compare equal.
// - src/kernel/random.ts, comparisons that differ only when a uniform draw lands exactly on a
//   boundary (probability 0 for a continuous draw; at most 2⁻³² for alea's): `prng() < p` →
//   `<=` in bernoulli; `s >= 1` → `s > 1` and `s === 0` → `false` in the polar method's
//   rejection test; `x < 0` → `x <= 0` in weighted.
// - src/kernel/random.ts weighted: the fallback `return weights.length - 1` after the loop and
//   the loop bound `i < weights.length` → `<=` (an extra pass subtracts undefined, giving NaN,
//   which is not < 0) only matter when floating-point rounding leaves the draw past the last
//   cumulative weight, which no chosen input reproduces reliably.
// - src/kernel/regret-ledger.ts `m > best` → `m >= best`: on a tie the best value is the same.
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
    // Runs on a worker thread, where Stryker cannot switch a mutant on; test/record/step-writer.test.ts
    // checks it end to end through step-writer.ts.
    '!src/record/step-writer-worker.ts',
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
