import type { PolicyDescription } from '../policy.ts';
import { always, never } from './fixed.ts';
import { epsilonGreedy } from './epsilon-greedy.ts';
import { ucb1 } from './ucb1.ts';
import { klUcb } from './kl-ucb.ts';
import { thompson } from './thompson.ts';
import { swUcb } from './sw-ucb.ts';
import { dUcb } from './d-ucb.ts';
import { oracle } from './oracle.ts';
import { bayesScore, scoreCriterion } from './bayes-score.ts';

/**
 * Every delegation policy a world can name, by name. The learning policies keep one bandit per problem
 * context when the option `contexts` is above 1 (same name, chosen by `ctx.context`).
 */
export const policies: readonly PolicyDescription[] = [
  never,
  always,
  epsilonGreedy,
  ucb1,
  klUcb,
  thompson,
  swUcb,
  dUcb,
  oracle,
  scoreCriterion,
  bayesScore,
];

export const policyNames = policies.map((p) => p.name) as [string, ...string[]];

export function findPolicy(name: string): PolicyDescription {
  const found = policies.find((p) => p.name === name);
  if (!found) throw new Error(`unknown policy '${name}': expected one of ${policyNames.join(', ')}`);
  return found;
}
