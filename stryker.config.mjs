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
// - src/replay/verify.ts `x < y ? -1 : 1` → `x <= y` in compareKeys: it runs only when x !== y.
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
// - agents/policies: loop bounds `a < arms` → `a <= arms` over Float64Arrays (d-ucb.ts choose and
//   update, sw-ucb.ts choose, learner.ts indexLearner, epsilon-greedy.ts means): the extra pass reads
//   undefined and its write past the end of a typed array is dropped.
// - agents/policies: `a < scores.length` → `<=` in arm-statistics.ts argmaxAvailable, `a < index.length`
//   → `<=` in learner.ts indexChoice and `a < arms` → `<=` in bayes-score.ts: `available` has one entry
//   per arm, so the extra arm reads as unavailable.
// - agents/policies/arm-statistics.ts argmaxAvailable `best < 0 ? 0 : best` → `best <= 0`: both give 0.
// - agents/policies/bayes-score.ts `best < 0 ||` → `best <= 0` and `best > 0 &&` → `best >= 0`: the
//   search starts at arm 1, so best is −1 or an assistant, never 0.
// - agents/policies/learner.ts indexChoice `untried >= 0` → `> 0`: when arm 0 is the untried arm chosen,
//   argmaxAvailable picks it too (its index, +Infinity, is the largest, and ties go to the lowest arm).
// - agents/random.ts gamma `while (v <= 0)` → `v < 0`: v = 0 only when the normal draw is exactly
//   −1/c (probability 0 for a continuous draw).
// - src/measures/misalignment.ts conflictMass `if (s[g] !== 0)` → `true`: a zero sum times a
//   finite conflict row adds 0.
// - src/measures/misalignment.ts loops over agents `a < n` → `a <= n` (betweenGroups,
//   agentMisalignment, groupLabels, sumsByLabel): the extra index reads past a typed array's end
//   (undefined: no member, no goal), and writes there are dropped.
// - src/measures/misalignment.ts sumsByLabel `if (label >= 0) counts[label]++` → always:
//   `counts[-1]++` on a Float64Array is dropped.
// - src/measures/misalignment.ts recompute `if (this.labels)` → `true`: without labels the group
//   count is 0 and sumsByLabel returns no groups, as the initial `[]`.
// - src/measures/scoring.ts default convention `'accepted'` → `""` (score, delegationCriterion,
//   delegateByContext): only `'correct'` is tested for, so any other value counts as 'accepted'.
// - src/measures/scoring.ts score `if (mass === 0) return` → never, and the ideal set
//   `gamble[state] >= 0` → `> 0`: both only touch decisions whose stake mass·|g(ω)| is 0.
// - src/measures/scoring.ts typeCell `: []` → `["Stryker was here"]`: the string is never a state
//   index that `cell.includes` looks for.
// - src/measures/scoring.ts agentChoice `menu.slice(1)` → `menu`: menu[0] compared with itself
//   is never `>`, so it is not replaced.
// - src/measures/scoring.ts posteriorAlignment: `state < typeAt.length`, `a < acts.length`,
//   `b < acts.length` → `<=` (the extra index has an empty cell, or NaN values that compare
//   false); `seen.has(…)` continue → never (a type's cell is checked again, with the same
//   result); `if (!conditioned.some((p) => p > 0)) continue` → never, or `p > 0` → `true`/`p >= 0`
//   (with no credence in the cell every principal value is 0, so no difference exceeds the
//   tolerance).
// - src/measures/delegation-games.ts meanRatioBound `maxDeviation === 0 ? 0 : …` → the product:
//   2·0·spread is 0, spread being finite.
// - src/measures/delegation-games.ts spread `if (total === 0) return 0` → never: its callers
//   only reach it with total > 0 (collectiveAlignment returns first; meanRatioBound needs an
//   agent with m > 0 that deviates).
// - src/measures/normal-form.ts profileOf `new Array<number>(n)` → `new Array()`: every entry is
//   assigned; pureNashEquilibria `index < count` → `<=`: the extra outcome's payoffs are
//   undefined, so it is never stable.
// - src/measures/support-enumeration.ts subsets `i >= 0 && …` → `true && …`: chosen[-1] is
//   undefined, so the loop stops at i = −1 as before; indifferentMix `a < sizes[0]` → `<=`: the
//   extra action's payoffs include undefined, so its value is NaN and never beats v.
// - src/measures/learning-dynamics.ts iteratedBestResponse `i < actions.length` → `<=`: the
//   extra player has no actions and switches nothing; fictitiousPlay beliefs `1 / actions[i]` →
//   `1 * actions[i]` and `x / t` → `x * t`: scaling one player's belief by a positive constant
//   scales the others' expected payoffs alike, leaving every argmax.
// - src/measures/regret.ts bestMean `m > best` → `>=`: on a tie the best value is the same;
//   bernoulliKL `q === 0 ? Infinity : …` and `q === 1 ? Infinity : …` → the formula: p·ln(p/0)
//   is +∞ already.
// - src/measures/standardise.ts pNorm `p === Infinity` → false (s · (count at the maximum)^0 =
//   s) and `p === 2` → false (V8's x ** 0.5 is Math.sqrt); shiftOf `?? 'mean'` → `?? ""` (any
//   shift but 'midrange' is the mean); maxStandardisedGap `p === Infinity ? 2 : …` → the formula
//   (2^(1 − 0) = 2); maxOf `x > max` → `>=`, minOf `x < min` → `<=` (same value on a tie).
// - src/measures/welfare.ts `u < min` → `<=`, `u > max` → `>=` (same value on a tie);
//   `q <= 0 && min === 0` → `q < 0 && …` (for q = 0 the geometric mean of a 0 is exp(−∞) = 0);
//   `q > 0 ? max : min` → `q >= 0` (q = 0 returns earlier).
// - src/measures/beta.ts incompleteBeta `x <= 0` → `x < 0` and `x >= 1` → `x > 1`: at x = 0 the
//   prefactor x^a is 0, at x = 1 the complement's (1 − x)^b is 0, giving 0 and 1 as before.
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
    // bandits.test.ts and delayed-feedback.test.ts (regret over many pulls) stay in `npm test` only:
    // decision-rules.test.ts checks the same code decision by decision, in a fraction of the time.
    tests: [
      'test/agents/policies/decision-rules.test.ts',
      'test/agents/policies/params.test.ts',
      'test/agents/policies/score-criterion.test.ts',
      'test/agents/random.test.ts',
    ],
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
