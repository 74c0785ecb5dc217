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
export * from '../measures/welfare.ts';
export * from '../measures/regret.ts';
export {
  agentRule,
  delegateByContext,
  delegatedValue,
  delegationCriterion,
  expectedUtility,
  expectedUtilityRule,
  idealRule,
  joinProblems,
  posteriorAlignment,
  principalRule,
  score,
  stateRule,
  typeCredences,
  uniformProblems,
  unitStakeScore,
  valuesDelegation,
  type AgentFrame,
  type AgentType,
  type Alignment,
  type ContextDelegation,
  type Decider,
  type DecisionRule,
  type Delegation,
  type DelegationContext,
  type GainConvention,
  type Gamble,
  type Problems,
  type Score,
  type Utility as UtilityFunction,
} from '../measures/scoring.ts';
