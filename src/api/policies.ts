/**
 * `alignsim/policies`: delegation policies. A principal facing a problem chooses an arm (0: act
 * itself, 1..K: an assistant); the policy learns from the rewards. Every built-in policy, lookup
 * by name, and the interface a policy of your own implements.
 *
 * @packageDocumentation
 */
export type { BetaPrior, Choice, ChooseContext, DelegationPolicy, PolicyDescription, PolicyOptions } from '../../agents/policy.ts';
export type { Random } from '../../agents/random.ts';
export { findPolicy, policies, policyNames } from '../../agents/policies/index.ts';
export { policyOptions, policyParams, type PolicyDefaults, type PolicyParamValues } from '../../agents/policies/params.ts';
export { always, never } from '../../agents/policies/fixed.ts';
export { epsilonGreedy } from '../../agents/policies/epsilon-greedy.ts';
export { ucb1 } from '../../agents/policies/ucb1.ts';
export { klUcb } from '../../agents/policies/kl-ucb.ts';
export { thompson } from '../../agents/policies/thompson.ts';
export { swUcb } from '../../agents/policies/sw-ucb.ts';
export { dUcb } from '../../agents/policies/d-ucb.ts';
export { oracle } from '../../agents/policies/oracle.ts';
export { bayesScore, scoreCriterion } from '../../agents/policies/bayes-score.ts';
