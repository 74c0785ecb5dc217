/**
 * The interface every delegation policy implements.
 *
 * A principal facing a decision problem chooses an arm: arm 0 is "act myself", arms 1..K are
 * the assistants. After the chosen decider acts, the policy is told the reward, rescaled by the
 * world to [0, 1]. Policies are deterministic given the random source they are handed, so a
 * run replays bit for bit.
 */

import type { Stakes } from '../src/measures/scoring.ts';
import type { Audit } from './beliefs/posterior.ts';
import type { Random } from './random.ts';

export interface ChooseContext {
  /** Step of the run, from 1. */
  readonly t: number;
  /** Which arms may be chosen now (false: e.g. a revoked assistant). Same length as the arm count. */
  readonly available: readonly boolean[];
  /** The policy's own random stream. */
  readonly random: Random;
  /**
   * Optional problem context (for per-context policies: one bandit per problem area) and the
   * expected reward of each arm in [0, 1] on this problem, known only to an oracle.
   */
  readonly context?: number;
  readonly oracleMeans?: readonly number[];
  /** The problem's stakes, for policies that weigh them (bayes-score); unit stakes when absent. */
  readonly stakes?: Stakes;
}

export interface Choice {
  readonly arm: number;
  /** The policy's reasons, recorded in decisions.detail_json (indices, posteriors, scores). */
  readonly detail: Record<string, unknown>;
}

export interface DelegationPolicy {
  readonly name: string;
  choose(ctx: ChooseContext): Choice;
  /**
   * The observed reward, in [0, 1], of the arm chosen at step t: when feedback is delayed, called when
   * it arrives, after later choices may have been made. `audit` says more when the world knows it
   * (whether the decider accepted), for policies that keep beliefs.
   */
  update(arm: number, reward: number, t: number, context?: number, audit?: Audit): void;
}

/** Tunables shared by the policy family; each policy reads the ones it needs. */
export interface PolicyOptions {
  readonly arms: number;
  /** Arm used by `always` (1..arms-1 for an assistant). */
  readonly fixedArm: number;
  readonly epsilon: number;
  /** Sliding window for sw-ucb, in pulls. */
  readonly window: number;
  /** Discount factor for d-ucb, in (0, 1]. */
  readonly discount: number;
  /** Number of problem contexts for per-context variants (1 = a single bandit). */
  readonly contexts: number;
  /** Beta prior on each arm's success chance for thompson, score-criterion and bayes-score; default Beta(1, 1). */
  readonly prior?: BetaPrior;
  /** Absolute tolerance of kl-ucb's bisection for its upper confidence bound; default 1e-6. */
  readonly klPrecision?: number;
}

export interface BetaPrior {
  readonly alpha: number;
  readonly beta: number;
}

export interface PolicyDescription {
  readonly name: string;
  readonly summary: string;
  create(options: PolicyOptions): DelegationPolicy;
}
