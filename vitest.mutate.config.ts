import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// The tests StrykerJS runs against mutants (stryker.config.mjs): the unit tests of the mutated
// modules. End-to-end CLI tests run the program in child processes, where a mutant is never
// active, so they would only slow every mutant down.
// database.ts sets SQLITE_USE_URI (for `immutable` reads) when it loads, but StrykerJS runs the
// tests in worker threads, whose process.env is a copy SQLite never reads: set it for the process.
process.env.SQLITE_USE_URI ??= '1';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // Instrumented for per-test coverage, the long statistical tests (bandit regret over 10^5
    // pulls) take several times longer than in `npm test`.
    testTimeout: 600_000,
    // Set by stryker.config.mjs: the unit tests of the module being mutated.
    include: (process.env.ALIGNSIM_MUTATE_TESTS ?? '').split(',').filter((glob) => glob !== ''),
  },
});
