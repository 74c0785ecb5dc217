// Mutation testing of the modules where a silent bug would corrupt a result. `npm run mutate`
// (scripts/mutate.mjs) runs StrykerJS once per module of MODULES, with that module's tests and
// its own incremental file (reports/mutation/<module>.json), then prints the scores; the module
// is chosen by ALIGNSIM_MUTATE_MODULE. Incremental: only mutants in changed code or covered by
// changed tests are run again; `npm run mutate -- --force` runs all.
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
// - src/kernel/event-queue.ts `if (this.cancelled.size === 0) return` → never returning: the
//   early return only skips a loop that finds nothing to drop.
// - src/kernel/event-queue.ts heap sifting: `compare(…) <= 0` → `< 0` (push, removeTop) and
//   `compare(…) < 0` → `<= 0` (choosing the child): compare never returns 0 for two distinct
//   events, because each has its own sequence number.
/** What each module mutates, and the unit tests that may kill its mutants. */
export const MODULES = {
  measures: { mutate: ['src/measures/**/*.ts'], tests: ['test/measures/**/*.test.ts'] },
  policies: {
    mutate: ['agents/policies/**/*.ts', 'agents/random.ts'],
    tests: ['test/agents/policies/**/*.test.ts', 'test/agents/random.test.ts'],
  },
  kernel: {
    mutate: ['src/kernel/regret-ledger.ts', 'src/kernel/random.ts', 'src/kernel/event-queue.ts'],
    tests: ['test/kernel/**/*.test.ts'],
  },
  record: {
    // step-writer-worker.ts runs on a worker thread, where Stryker cannot switch a mutant on;
    // test/record/step-writer.test.ts checks it end to end through step-writer.ts.
    mutate: ['src/record/**/*.ts', '!src/record/step-writer-worker.ts'],
    // read-only.test.ts and version-1.test.ts run the command line in child processes, where no
    // mutant is active, and slow every run of the whole suite down; the unit tests read and copy
    // the same files in-process (database, reader, copy-run, recording-reader). unprivileged.test.ts
    // changes the process's user, which StrykerJS's worker threads cannot.
    tests: ['test/record/!(read-only|version-1|unprivileged).test.ts'],
  },
  replay: { mutate: ['src/replay/**/*.ts'], tests: ['test/replay/**/*.test.ts'] },
};

const chosen = process.env.ALIGNSIM_MUTATE_MODULE;
if (chosen !== undefined && !(chosen in MODULES)) {
  throw new Error(`ALIGNSIM_MUTATE_MODULE=${chosen}: expected one of ${Object.keys(MODULES).join(', ')}`);
}
const modules = chosen === undefined ? Object.values(MODULES) : [MODULES[chosen]];
const name = chosen ?? 'all';
// vitest.mutate.config.ts reads the tests to run from here.
process.env.ALIGNSIM_MUTATE_TESTS = modules.flatMap((module) => module.tests).join(',');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: modules.flatMap((module) => module.mutate),
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: `reports/mutation/${name}.json`,
  // The machine is shared; one test process keeps the run from crowding out everything else.
  concurrency: 1,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  thresholds: { high: 95, low: 90, break: null },
  ignorePatterns: ['/runs', '/test-output'],
  tempDirName: `.stryker-tmp/${name}`,
  cleanTempDir: 'always',
};
