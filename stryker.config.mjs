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
// - src/record/database.ts cannotOpen and isDamaged: the regex without `^`, and `code ?? ''` →
//   any other string: every SQLite code begins SQLITE_, and a string without it fails either way.
// - src/record/database.ts leaveWalOnClose `if (db.open)` → true: on a closed connection the
//   pragma throws and the catch ignores it.
// - src/record/database.ts `rmSync(folder, { force: true })` → `force: false` in createFile: the
//   folder was made a moment before and exists; the empty lists `[]` of openForWriting and
//   createFile → `["Stryker was here"]`: removing, with force, a path that does not exist does
//   nothing; openReadOnly `fileMustExist: true` → false: checkFile has just found the file.
// - src/record/row-store.ts the names cache: `uncommitted` emptied with anything else or not at
//   all in committed(), and `known !== undefined` → false: a name forgotten or never cached is
//   looked up again (INSERT … ON CONFLICT DO NOTHING, then SELECT), which gives the same id.
// - src/record/recorder.ts runKey `key === undefined` → true: the cache only saves a query.
// - src/record/step-writer.ts `message.error !== undefined` → true: the writer thread posts
//   only errors.
// - src/record/batch-insert.ts and step-message.ts `new Array(n)` → `new Array()`: the arrays
//   grow as they are written.
// - src/record/detail.ts `pattern === NUMBER` → false: JSON.parse reads a JSON number as Number
//   does; `found < 2` → true or `<= 2`, and `found++` → `found--`: scanning on after both keys
//   finds nothing more in JSON.stringify's text, which writes each key once.
// - src/record/run-log.ts recordingClock `epoch !== undefined &&` → true: /^\d+$/ refuses
//   "undefined"; baseRunId `/#.*$/` → `/#.*/` and `/^.*[\\/]/` → `/.*[\\/]/`: a greedy `.*`
//   reaches the end, and the leftmost match starts at 0 anyway; deleteRun
//   `if (run === undefined) return` → never returning: the deletes then match no row.
// - src/record/run-owner.ts isCrashed `heartbeat_at ?? ''` → another string: Date.parse gives
//   NaN for both.
// - src/record/step-rows.ts the metrics comparator's `a.name > b.name ? 1 : 0` (→ true, false,
//   `>=`, `<=`): a step's metric names are distinct (the metric table's primary key), and for
//   distinct names V8's sort orders alike whether the comparator answers 0 or 1 when a is not
//   before b.
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
