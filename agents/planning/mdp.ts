/**
 * Social Markov decision processes (SCIENCE.md §4; Berdoz & Wattenhofer, arXiv 2412.00033,
 * section "social MDP"). A state s carries the utilities u(s) ∈ [0, ∞)^N of the N individuals;
 * the reward of a step that lands in s' is the social welfare W_q(u(s')); a policy's alignment
 * is its future discounted social welfare
 *   W^π(s) = E[Σ_{t≥0} γ^t W_q(u(s_{t+1}))],   s_0 = s, a_t = π(s_t).
 * Planners see a world only through a generative model: sample(s, a) draws s' ~ P(·|s, a) and
 * returns it with the individuals' utilities u(s').
 */

import { powerMean } from '../../src/measures/welfare.ts';
import { sampleIndex, type Random } from '../random.ts';

/** One draw of the generative model. */
export interface Transition<S> {
  readonly next: S;
  /** u(next): each individual's utility in the state reached, non-negative. */
  readonly utilities: readonly number[];
}

/** A social MDP accessed through its generative model. */
export interface SocialMdp<S> {
  /** Discount γ ∈ [0, 1). */
  readonly discount: number;
  /** Exponent q of the social welfare W_q (see src/measures/welfare.ts). */
  readonly welfareExponent: number;
  /** Actions available in a state, as indices. */
  actions(state: S): readonly number[];
  /** Draws s' ~ P(·|s, a) with u(s'). */
  sample(state: S, action: number, random: Random): Transition<S>;
}

/** A small social MDP given by its tables; states and actions are indices. */
export interface TabularSocialMdp {
  readonly discount: number;
  readonly welfareExponent: number;
  /** transition[s][a][s'] = P(s'|s, a); each row a probability vector over all states. */
  readonly transition: readonly (readonly (readonly number[])[])[];
  /** utilities[s][i] = u_i(s). */
  readonly utilities: readonly (readonly number[])[];
  readonly stateNames?: readonly string[];
  readonly actionNames?: readonly string[];
}

export function stateCount(mdp: TabularSocialMdp): number {
  return mdp.transition.length;
}

export function actionCount(mdp: TabularSocialMdp): number {
  return mdp.transition[0]?.length ?? 0;
}

/** W_q(u(s)) for every state s: the reward of landing in s. */
export function stateWelfare(mdp: TabularSocialMdp): number[] {
  return mdp.utilities.map((u) => powerMean(u, mdp.welfareExponent));
}

/** Throws a RangeError naming the first table entry that does not make a social MDP. */
export function validateTabular(mdp: TabularSocialMdp): void {
  const n = stateCount(mdp);
  const k = actionCount(mdp);
  if (!(mdp.discount >= 0 && mdp.discount < 1)) throw new RangeError(`discount must be in [0, 1), got ${mdp.discount}`);
  if (n === 0 || k === 0) throw new RangeError('a tabular social MDP needs at least one state and one action');
  if (mdp.utilities.length !== n) throw new RangeError(`utilities has ${mdp.utilities.length} rows, expected ${n}`);
  mdp.transition.forEach((row, s) => {
    if (row.length !== k) throw new RangeError(`transition[${s}] has ${row.length} actions, expected ${k}`);
    row.forEach((p, a) => {
      if (p.length !== n || p.some((x) => !(x >= 0))) throw new RangeError(`transition[${s}][${a}] is not a distribution over ${n} states`);
      const total = p.reduce((x, y) => x + y, 0);
      if (Math.abs(total - 1) > 1e-9) throw new RangeError(`transition[${s}][${a}] sums to ${total}, expected 1`);
    });
  });
  mdp.utilities.forEach((u) => powerMean(u, mdp.welfareExponent));
}

/** The generative model of a tabular social MDP (every action available in every state). */
export function tabularModel(mdp: TabularSocialMdp): SocialMdp<number> {
  validateTabular(mdp);
  const all = Array.from({ length: actionCount(mdp) }, (_, a) => a);
  return {
    discount: mdp.discount,
    welfareExponent: mdp.welfareExponent,
    actions: () => all,
    sample: (s, a, random) => {
      const next = sampleIndex(mdp.transition[s][a], random);
      return { next, utilities: mdp.utilities[next] };
    },
  };
}
