/**
 * `alignsim/measures`: the mathematics, pure functions without state or I/O — misalignment of a
 * population, scoring and the expected-score delegation criterion, delegation-game measures
 * (alignment, welfare regret), welfare functions and bandit regret.
 *
 * @packageDocumentation
 */
export * from '../measures/misalignment.ts';
export * from '../measures/delegation-games.ts';
export * from '../measures/normal-form.ts';
export * from '../measures/support-enumeration.ts';
export * from '../measures/learning-dynamics.ts';
export * from '../measures/standardise.ts';
export * from '../measures/scoring.ts';
export * from '../measures/welfare.ts';
export * from '../measures/regret.ts';
// Names two modules share (explicit exports win over `export *`): Utility is the vector of
// standardise; scoring's Utility, a function of the payoff, is UtilityFunction here.
export type { Distribution } from '../measures/delegation-games.ts';
export type { Utility } from '../measures/standardise.ts';
export type { Utility as UtilityFunction } from '../measures/scoring.ts';
