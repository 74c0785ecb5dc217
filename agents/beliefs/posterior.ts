import { enablePatches, produceWithPatches, type Patch } from 'immer';
import { betaQuantile } from '../../src/measures/beta.ts';

enablePatches();

/** A Beta(alpha, beta) posterior on a chance. */
export interface Beta {
  readonly alpha: number;
  readonly beta: number;
}

/**
 * What a principal believes about one decider (herself or an assistant): its accuracy, the chance of
 * a right decision, and its alignment as a bias toward accepting, the chance that a wrong decision was
 * an acceptance (accepting a loser rather than refusing a winner). Two independent Beta posteriors.
 */
export interface DeciderBelief {
  readonly right: Beta;
  readonly acceptsWhenWrong: Beta;
}

/** One decider's belief per arm: 0 is the principal herself, 1..K her assistants. */
export type Beliefs = readonly DeciderBelief[];

/**
 * What an audit of one decision reports: how right it was (1 right, 0 wrong; a reward in [0, 1]
 * counts as that much of a right decision) and, when known, whether the decider accepted.
 */
export interface Audit {
  readonly right: number;
  readonly accepted?: boolean;
}

export function initialBeliefs(arms: number, prior: Beta = { alpha: 1, beta: 1 }): Beliefs {
  return Array.from({ length: arms }, () => ({ right: prior, acceptsWhenWrong: { alpha: 1, beta: 1 } }));
}

/**
 * The conjugate update by one audit of arm's decision: right α += r, β += 1 − r (exact Bayes for
 * r ∈ {0, 1}); a wrong decision whose acceptance is known adds it to the bias posterior. Returns the
 * new beliefs and the patches that say what changed (the old beliefs are untouched).
 */
export function learn(beliefs: Beliefs, arm: number, audit: Audit): [Beliefs, Patch[]] {
  const [next, patches] = produceWithPatches(beliefs, (draft) => {
    const belief = draft[arm];
    belief.right.alpha += audit.right;
    belief.right.beta += 1 - audit.right;
    if (audit.accepted !== undefined && audit.right < 1) {
      const wrong = 1 - audit.right;
      if (audit.accepted) belief.acceptsWhenWrong.alpha += wrong;
      else belief.acceptsWhenWrong.beta += wrong;
    }
  });
  return [next, patches];
}

export function mean(b: Beta): number {
  return b.alpha / (b.alpha + b.beta);
}

/** The central credible interval of the given mass (equal tails). */
export function credibleInterval(b: Beta, mass = 0.9): [low: number, high: number] {
  const tail = (1 - mass) / 2;
  return [betaQuantile(tail, b.alpha, b.beta), betaQuantile(1 - tail, b.alpha, b.beta)];
}
